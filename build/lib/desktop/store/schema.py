"""The workspace schema: version 1 exactly as first shipped, and Fenjie's markers.

``V1_SCHEMA`` is frozen: a new database is created as version 1 and then taken through every
migration in ``migrations.py``, so new and upgraded databases always end up identical. Never edit
it; add a migration instead.

A Fenjie database is recognised by ``PRAGMA application_id`` (in the file header, readable without
SQLite) and by the ``meta`` row ``app = fenjie``; ``PRAGMA user_version`` is the schema version.
"""

from __future__ import annotations

from sqlite_utils import Database

APPLICATION_ID = int.from_bytes(b"FNJE", "big")
APP_KEY = "app"
APP_MARKER = "fenjie"

V1_SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE TABLE tasks (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    parent_id INTEGER,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    attrs TEXT,
    PRIMARY KEY (plan_id, id),
    FOREIGN KEY (plan_id, parent_id) REFERENCES tasks (plan_id, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX tasks_by_parent ON tasks (plan_id, parent_id, position);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '[]',
    sort_order INTEGER NOT NULL
);
"""


def create_v1(db: Database, created_by: str) -> None:
    """Create the version 1 tables and markers; the caller holds the transaction."""
    conn = db.conn
    for statement in V1_SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                     [(APP_KEY, APP_MARKER), ("created_by", created_by)])
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")

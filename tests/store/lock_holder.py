"""A second process that holds a workspace's write lock until told to let go.

Run as ``python -m tests.store.lock_holder DB``: it takes the write lock (``BEGIN IMMEDIATE``),
prints ``locked`` and waits for a line on stdin; then it rolls back, prints ``released`` and exits.
"""

from __future__ import annotations

import sqlite3
import sys


def main(argv: list[str]) -> int:
    conn = sqlite3.connect(argv[0], timeout=30, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    conn.close()
    print("released", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

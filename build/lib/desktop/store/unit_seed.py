"""The units directory a new workspace starts with, read from the shipped ``fenjie-units/1`` file.

``resources/units/default-units.json`` lists the units of the bundled sample plan in a district
government's usual order (see build/make_units.py). A new workspace stores them in that order so
that the clerk's unit pickers and the importers know them from the first start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.core.units import KINDS, Unit, UnitDirectory, UnitError, guess_kind
from desktop.resources import default_units_path
from desktop.store import unit_rows
from desktop.store.errors import StoreError

FORMAT = "fenjie-units/1"


def read_default_units(path: Path | None = None) -> list[Unit]:
    """The units of a ``fenjie-units/1`` file (default: the shipped one), checked and in file order."""
    source = default_units_path() if path is None else path
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreError(f"默认单位名录“{source.name}”无法读取（{error}），请重新安装 Fenjie。") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("units"), list):
        raise StoreError(f"默认单位名录“{source.name}”不是 {FORMAT} 格式，请重新安装 Fenjie。")
    units = [_unit(entry, order) for order, entry in enumerate(data["units"])]
    directory = UnitDirectory([])
    for unit in units:
        try:
            directory.check_new(unit)
        except UnitError as error:
            raise StoreError(f"默认单位名录有误：{error}") from None
        directory = UnitDirectory([*directory.units, unit])
    return units


def _unit(entry: Any, order: int) -> Unit:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise StoreError(f"默认单位名录的第 {order + 1} 项缺少单位名称，请重新安装 Fenjie。")
    name = entry["name"].strip()
    kind = entry.get("kind") or guess_kind(name)
    aliases = entry.get("aliases") or []
    if kind not in KINDS or not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise StoreError(f"默认单位名录中“{name}”的类别或别名有误，请重新安装 Fenjie。")
    return Unit(name, str(entry.get("short_name") or "").strip(), tuple(a.strip() for a in aliases),
                sort_order=order, kind=kind)


def seed_default_units(db: Database, path: Path | None = None) -> None:
    """Add the default units after any already stored; the caller holds the transaction."""
    for unit in read_default_units(path):
        unit_rows.insert_unit(db, unit)

"""The PySide6 desktop app (the only package that imports Qt).

Importing it first protects the interpreter from a reference-counting bug of PySide6 6.12.0 on
CPython before 3.12: every call of a Qt method returning nothing, and every signal emission, gives
back ``None``/``True`` without taking a reference, so after some thousands of calls CPython frees
the singleton and aborts ("none_dealloc: deallocating None"). Python 3.12 made these objects
immortal; on the affected combination only, we give them the same property by raising their
reference counts out of reach. PySide6 6.11 and earlier are not affected, and pyproject.toml
excludes 6.12.0, so a normal install never needs the guard (see docs/gui.md).
"""

from __future__ import annotations

import sys

import PySide6

_IMMORTAL_BOOST = 1 << 40
AFFECTED_PYSIDE = (6, 12, 0)


def needs_singleton_guard(python: tuple[int, ...], implementation: str, pyside: tuple[object, ...]) -> bool:
    """Whether this interpreter and PySide6 have the lost-reference bug (CPython < 3.12, PySide6 6.12.0)."""
    return (implementation == "cpython" and tuple(python[:2]) < (3, 12)
            and tuple(pyside[:3]) == AFFECTED_PYSIDE)


def _make_singletons_immortal() -> bool:
    """Raise the reference counts of None, True and False so that no leak can ever free them."""
    if not needs_singleton_guard(sys.version_info[:2], sys.implementation.name, PySide6.__version_info__):
        return False
    import ctypes

    for obj in (None, True, False, NotImplemented, Ellipsis):
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        if refcount.value < _IMMORTAL_BOOST:
            refcount.value += _IMMORTAL_BOOST
    return True


SINGLETON_GUARD = _make_singletons_immortal()

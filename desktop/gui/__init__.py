"""The PySide6 desktop app (the only package that imports Qt).

Importing it first protects the interpreter from a reference-counting bug of PySide6 6.12.0 on
Python 3.11: every call of a Qt method returning nothing, and every signal emission, gives back
``None``/``True`` without taking a reference, so after some thousands of calls CPython frees the
singleton and aborts ("none_dealloc: deallocating None"). Python 3.12 made these objects immortal;
on older Pythons we give them the same property by raising their reference counts out of reach.
PySide6 6.11 and earlier are not affected (see docs/gui.md).
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL_BOOST = 1 << 40


def _make_singletons_immortal() -> None:
    """Raise the reference counts of None, True and False so that no leak can ever free them."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False, NotImplemented, Ellipsis):
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        if refcount.value < _IMMORTAL_BOOST:
            refcount.value += _IMMORTAL_BOOST


_make_singletons_immortal()

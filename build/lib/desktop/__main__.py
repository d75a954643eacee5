"""``python -m desktop`` and the frozen app's entry point: the same as the ``fenjie`` command."""

from __future__ import annotations

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

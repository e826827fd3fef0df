#!/usr/bin/env python
"""Django's command-line utility for techbridge (the same as the `techbridge` console script)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from techbridge.manage import main  # noqa: E402 - the path must be set first

if __name__ == "__main__":
    main()

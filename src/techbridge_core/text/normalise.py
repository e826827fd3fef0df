"""One canonical form for comparing text: NFKC, then Unicode case folding.

NFKC turns full-width Latin letters and digits (common in Chinese input) into their
ASCII forms, so full-width `LED` and `LED` become the same term.
"""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()

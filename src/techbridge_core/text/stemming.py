"""Snowball stemmers per language, cached, one stemmer object per thread.

Snowball stemmer objects keep state between calls, so threads must not share one.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

_SNOWBALL_NAMES = {"en": "english", "hu": "hungarian"}
_local = threading.local()


def _stemmer(language: str) -> snowballstemmer.stemmer:
    stemmers: dict[str, snowballstemmer.stemmer] = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(_SNOWBALL_NAMES[language])
    return stemmers[language]


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """Stem of a normalised word; languages without a stemmer keep the word."""
    if language not in _SNOWBALL_NAMES:
        return word
    return str(_stemmer(language).stemWord(word))

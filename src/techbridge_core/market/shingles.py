"""Shingles for near-duplicate detection that work for Chinese and European text alike.

Chinese has no spaces, so Han text is cut into overlapping character pairs; other scripts
into case-folded words. Two texts are near duplicates when their shingle sets overlap a lot.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]{2,}")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> tuple[str, ...]:
    """Latin/Cyrillic words (two letters or more) with Han runs removed."""
    return tuple(_WORD.findall(_HAN.sub(" ", fold(text))))


def han_bigrams(text: str) -> tuple[str, ...]:
    grams: list[str] = []
    for run in _HAN.findall(fold(text)):
        grams.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return tuple(grams)


def shingles(text: str) -> frozenset[str]:
    """Word pairs and single words of European text, character pairs of Chinese text."""
    tokens = words(text)
    pairs = (f"{first} {second}" for first, second in itertools.pairwise(tokens))
    return frozenset((*tokens, *pairs, *han_bigrams(text)))


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)

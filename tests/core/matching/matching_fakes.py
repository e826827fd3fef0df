"""Test doubles and factories for matching tests: no model, fully deterministic.

`ConceptEmbedder` maps words of a tiny trilingual dictionary to shared concept axes, so
translations meet in its space, and adds a per-language direction of adjustable strength
to reproduce the same-language bias of real multilingual models.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from techbridge_core.matching import MatchDocument, Vectors
from techbridge_core.matching.embedder import EmbeddingRole
from techbridge_core.text import detect_language, tokenise
from techbridge_core.text.language import LANGUAGES

_CONCEPT_WORDS = (
    ("battery", "akkumulátor", "电池"),
    ("recycling", "újrahasznosítás", "回收"),
    ("solar", "napelem", "太阳能"),
    ("coating", "bevonat", "涂层"),
    ("sensor", "szenzor", "传感器"),
    ("water", "víz", "水"),
    ("engine", "motor", "发动机"),
    ("software", "szoftver", "软件"),
)
_CONCEPTS = len(_CONCEPT_WORDS)
_BUCKETS = 16
DIMENSION = _CONCEPTS + _BUCKETS + len(LANGUAGES)


def _concept_of() -> dict[str, int]:
    table: dict[str, int] = {}
    for concept, words in enumerate(_CONCEPT_WORDS):
        for word in words:
            table[tokenise(word)[0].term] = concept
    return table


class ConceptEmbedder:
    def __init__(self, *, language_bias: float = 0.0) -> None:
        self._bias = language_bias
        self._concept_of = _concept_of()

    @property
    def name(self) -> str:
        return f"concept-test-{self._bias}"

    @property
    def dimension(self) -> int:
        return DIMENSION

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        del role  # the fake is symmetric
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenise(text):
                concept = self._concept_of.get(token.term)
                if concept is None:
                    concept = _CONCEPTS + zlib.crc32(token.term.encode()) % _BUCKETS
                rows[row, concept] += 1.0
            language = detect_language(text)
            rows[row, _CONCEPTS + _BUCKETS + LANGUAGES.index(language)] = self._bias * max(
                1.0, float(np.linalg.norm(rows[row]))
            )
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


def offer(identifier: str, title: str, description: str = "", **details: Any) -> MatchDocument:
    """An offer with a title (and description); other attributes by keyword."""
    fields = tuple((n, t) for n, t in (("title", title), ("description", description)) if t)
    return dataclasses.replace(MatchDocument(id=identifier, kind="offer", fields=fields), **details)

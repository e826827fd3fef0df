"""A glossary embedder for the cross-language search tests (the market's and the alliance's).

The hashing embedder shares nothing between Chinese and Hungarian, so known parallel terms are
first replaced by one shared word, then the tiny hashing embedder runs. Only the embedder differs
from production: indexing, calibration, fusion and visibility are the real code. A test switches
to it with `use_glossary_embedder(settings)`; `FILLER_TOPICS` are unrelated listings that give
the calibration a catalogue to tell a near neighbour from the usual similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from techbridge.matching.domain.embedders import register_embedder
from techbridge_core.embedding.hashing import HashingEmbedder
from techbridge_core.matching import EmbeddingRole, Vectors
from techbridge_core.text import normalise

NAME = "glossary"
GLOSSARY = {
    "szilárdtest": "solidstate",
    "solid-state": "solidstate",
    "固态": "solidstate",
    "akkumulátor": "battery",
    "电池": "battery",
    "elektrolit": "electrolyte",
    "电解质": "electrolyte",
}
FILLER_TOPICS = (
    "Vineyard irrigation scheduling",
    "Cheese ripening cellar sensors",
    "Bridge cable inspection drones",
    "Hospital laundry logistics",
    "Wooden furniture surface finish",
    "Violin varnish restoration",
    "Poultry feed enzyme blend",
    "Railway ticket vending kiosk",
    "Textile dye wastewater filter",
    "Orchard frost warning radio",
    "Brewery yeast propagation tank",
    "Museum humidity archive boxes",
    "Ski lift rope grease",
    "Bakery oven steam injector",
    "Football turf drainage mat",
    "Honey moisture refractometer",
    "Glass bottle washing line",
    "Tram door pressure seal",
    "Paper mill felt cleaner",
    "Fish farm oxygen diffuser",
    "Printing press ink roller",
    "Beekeeping hive scale",
    "Church organ pipe tuner",
    "Parking garage ventilation fan",
)


class GlossaryEmbedder:
    """Known parallel terms become one word, then the tiny hashing embedder."""

    def __init__(self) -> None:
        self._inner = HashingEmbedder()

    @property
    def name(self) -> str:
        return "glossary-test"

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        return self._inner.embed([self._canonical(text) for text in texts], role=role)

    @staticmethod
    def _canonical(text: str) -> str:
        folded = normalise(text)
        for term, shared in GLOSSARY.items():
            folded = folded.replace(term, f" {shared} ")
        return folded


register_embedder(NAME, GlossaryEmbedder)


def use_glossary_embedder(settings: Any) -> None:
    """Switch the test's settings (pytest-django's `settings` fixture) to the glossary embedder."""
    settings.TECHBRIDGE_EMBEDDER = NAME

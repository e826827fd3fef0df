"""Field weighting: a title word counts more than a description word.

Weights are applied by repeating a field's terms, which BM25 reads as higher term
frequency; integer weights keep this exact and cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from techbridge_core.text.language import Language
from techbridge_core.text.tokenise import Token, tokenise

DEFAULT_FIELD_WEIGHTS: Mapping[str, int] = {
    "title": 3,
    "keywords": 3,
    "summary": 2,
    "description": 1,
}


def field_tokens(
    fields: Iterable[tuple[str, str]], *, language: Language | None
) -> tuple[tuple[str, tuple[Token, ...]], ...]:
    """Tokens of each field, keeping the field name for explanations."""
    return tuple((name, tokenise(text, language=language)) for name, text in fields)


def weighted_terms(
    tokens_by_field: Iterable[tuple[str, tuple[Token, ...]]],
    *,
    weights: Mapping[str, int] = DEFAULT_FIELD_WEIGHTS,
) -> tuple[str, ...]:
    """All index terms, each field's repeated by its weight (unknown fields weigh 1)."""
    terms: list[str] = []
    for name, tokens in tokens_by_field:
        field_terms = [token.term for token in tokens]
        terms.extend(field_terms * max(weights.get(name, 1), 0))
    return tuple(terms)

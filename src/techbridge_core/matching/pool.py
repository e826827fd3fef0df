"""A candidate pool prepared once: tokens, BM25 index and vectors of every listing.

The platform builds a pool per catalogue snapshot (vectors usually come from storage);
the benchmark builds one per corpus. `rank` then only scores, filters and orders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from techbridge_core.matching.alignment import LanguageAlignment, align, unaligned
from techbridge_core.matching.bm25 import Bm25Index, Bm25Parameters, build_bm25
from techbridge_core.matching.documents import Fields, MatchDocument
from techbridge_core.matching.embedder import Embedder, EmbeddingRole, Vectors, symmetric_vectors
from techbridge_core.text.fields import DEFAULT_FIELD_WEIGHTS, field_tokens, weighted_terms
from techbridge_core.text.language import Language, detect_language
from techbridge_core.text.tokenise import Token

FieldTokens = tuple[tuple[str, tuple[Token, ...]], ...]

# Order in which fields are written into the text that is embedded: most telling first,
# since the model truncates long inputs.
_EMBEDDING_FIELD_ORDER = ("title", "keywords", "summary", "description")


@dataclass(frozen=True, slots=True, eq=False)
class CandidatePool:
    documents: tuple[MatchDocument, ...]
    languages: tuple[Language, ...]
    tokens: tuple[FieldTokens, ...]
    bm25: Bm25Index
    vectors: Vectors
    aligned_vectors: Vectors
    alignment: LanguageAlignment
    embedder_name: str
    role: EmbeddingRole
    field_weights: Mapping[str, int]

    def __len__(self) -> int:
        return len(self.documents)


def document_language(fields: Fields, declared: Language | None) -> Language:
    return declared or detect_language("\n".join(text for _, text in fields))


def embedding_text(fields: Fields) -> str:
    """Fields joined for the embedder, the most telling ones first."""
    ordered = sorted(
        fields,
        key=lambda pair: (
            _EMBEDDING_FIELD_ORDER.index(pair[0])
            if pair[0] in _EMBEDDING_FIELD_ORDER
            else len(_EMBEDDING_FIELD_ORDER)
        ),
    )
    return "\n".join(text for _, text in ordered)


def embed_for_pool(texts: Sequence[str], *, embedder: Embedder, role: EmbeddingRole) -> Vectors:
    """How texts are embedded to be compared with a pool of this role (query or listing side)."""
    return symmetric_vectors(embedder, texts) if role == "query" else embedder.embed(texts, role=role)


@dataclass(frozen=True, slots=True)
class TokenisedText:
    """A document's text as the lexical index reads it: its language, tokens per field and
    BM25 terms (field-weighted). Depends on the fields and declared language only, so callers
    may keep it per text (the platform does, per listing text) and reuse it across pools."""

    language: Language
    tokens: FieldTokens
    terms: tuple[str, ...]


def tokenise_document(
    fields: Fields, declared: Language | None, *, field_weights: Mapping[str, int] = DEFAULT_FIELD_WEIGHTS
) -> TokenisedText:
    language = document_language(fields, declared)
    tokens = field_tokens(fields, language=language)
    return TokenisedText(language, tokens, weighted_terms(tokens, weights=field_weights))


def prepare_pool(
    documents: Sequence[MatchDocument],
    *,
    embedder: Embedder,
    vectors: Vectors | None = None,
    role: EmbeddingRole = "passage",
    field_weights: Mapping[str, int] = DEFAULT_FIELD_WEIGHTS,
    bm25_parameters: Bm25Parameters | None = None,
    tokenised: Sequence[TokenisedText] | None = None,
) -> CandidatePool:
    """Tokenise, index and (unless `vectors` are given, row i for document i) embed.

    `role="query"` marks a symmetric pool (candidates are peers of the query): it is
    embedded with both roles averaged (`symmetric_vectors`), and so are its queries; only
    such a pool is language-aligned (`alignment`), a passage pool's scores never use it.
    `tokenised` (row i for document i, made with the same `field_weights`) skips tokenising.
    """
    if tokenised is None:
        tokenised = [tokenise_document(d.fields, d.language, field_weights=field_weights) for d in documents]
    if len(tokenised) != len(documents):
        message = f"{len(tokenised)} tokenised texts for {len(documents)} documents"
        raise ValueError(message)
    languages = tuple(t.language for t in tokenised)
    tokens = tuple(t.tokens for t in tokenised)
    terms = [t.terms for t in tokenised]
    if vectors is None:
        vectors = (
            embed_for_pool([embedding_text(d.fields) for d in documents], embedder=embedder, role=role)
            if documents
            else np.zeros((0, embedder.dimension), dtype=np.float32)
        )
    if vectors.shape[0] != len(documents):
        message = f"{vectors.shape[0]} vectors for {len(documents)} documents"
        raise ValueError(message)
    if role == "query":
        aligned_vectors, alignment = align(vectors, languages)
    else:
        aligned_vectors, alignment = vectors, unaligned(len(documents))
    return CandidatePool(
        documents=tuple(documents),
        languages=languages,
        tokens=tokens,
        bm25=build_bm25(terms, parameters=bm25_parameters),
        vectors=vectors,
        aligned_vectors=aligned_vectors,
        alignment=alignment,
        embedder_name=embedder.name,
        role=role,
        field_weights=field_weights,
    )

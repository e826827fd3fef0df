"""Whole-catalogue statistics: a shortlist ranked with them scores each listing as the catalogue does."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pytest
from matching_fakes import ConceptEmbedder, offer

from techbridge_core.matching import (
    CatalogueCorpus,
    CorpusAccumulator,
    MatchDocument,
    Query,
    RankingSettings,
    prepare_pool,
    query_terms,
    rank,
    tokenise_document,
)
from techbridge_core.matching.bm25 import build_bm25

EMBEDDER = ConceptEmbedder(language_bias=0.3)
SETTINGS = RankingSettings(max_per_organisation=None, limit=100)

# "electrolyte" is rare in the catalogue (3 of 33 listings) but every listing of the shortlist holds it.
ELECTROLYTES = [
    offer("e1", "battery electrolyte additive", "cold electrolyte for battery cells", organisation_id="a"),
    offer("e2", "electrolyte recycling", "battery electrolyte recovered from old cells", organisation_id="b"),
    offer("e3", "solid electrolyte coating", "coating for battery electrolyte", organisation_id="c"),
]
OTHERS = [
    offer(f"o{n}", f"{topic} line {n}", f"{topic} equipment for factories", organisation_id=f"x{n}")
    for n, topic in enumerate(["engine", "software", "water", "solar", "sensor", "coating"] * 5)
]
HUNGARIAN = [offer("h1", "akkumulátor újrahasznosítás", "akkumulátor bevonat szenzor", organisation_id="h")]
CATALOGUE = [*ELECTROLYTES, *OTHERS, *HUNGARIAN]
SHORTLIST = [*ELECTROLYTES, OTHERS[0], HUNGARIAN[0]]
QUERY = Query(
    fields=(("title", "electrolyte for battery cells"), ("description", "cold coating")), kind="demand"
)


def _corpus(documents: Sequence[MatchDocument]) -> CatalogueCorpus:
    accumulator = CorpusAccumulator(dimension=EMBEDDER.dimension)
    vectors = EMBEDDER.embed([d.text for d in documents], role="passage")
    for document, vector in zip(documents, vectors, strict=True):
        text = tokenise_document(document.fields, document.language)
        accumulator.add(kind=document.kind, language=text.language, terms=text.terms, vector=vector)
    return accumulator.result()


def _by_id(documents: Sequence[MatchDocument], *, with_statistics: bool):
    corpus = _corpus(CATALOGUE)
    statistics = corpus.statistics({"offer"}, query_terms(QUERY)) if with_statistics else None
    pool = prepare_pool(documents, embedder=EMBEDDER)
    matches = rank(QUERY, pool, embedder=EMBEDDER, settings=SETTINGS, statistics=statistics)
    return {match.id: match for match in matches}


def test_a_shortlist_with_catalogue_statistics_scores_each_listing_as_the_catalogue_does() -> None:
    whole = _by_id(CATALOGUE, with_statistics=True)
    shortlist = _by_id(SHORTLIST, with_statistics=True)

    for identifier, match in shortlist.items():
        assert match.parts.lexical == pytest.approx(whole[identifier].parts.lexical)
        assert match.parts.lexical_calibrated == pytest.approx(whole[identifier].parts.lexical_calibrated)
        assert match.parts.semantic_calibrated == pytest.approx(whole[identifier].parts.semantic_calibrated)
    ordered = [identifier for identifier in whole if identifier in shortlist]
    assert list(shortlist)[:4] == ordered[:4]


def test_a_term_rare_in_the_catalogue_keeps_its_weight_in_a_shortlist_where_it_is_common() -> None:
    shortlist_own = _by_id(SHORTLIST, with_statistics=False)  # what the shortlist path did before
    shortlist = _by_id(SHORTLIST, with_statistics=True)
    whole = _by_id(CATALOGUE, with_statistics=False)  # the catalogue's own statistics, from its pool

    assert shortlist["e1"].parts.lexical == pytest.approx(whole["e1"].parts.lexical)
    assert shortlist_own["e1"].parts.lexical < 0.8 * whole["e1"].parts.lexical
    weights = {term.term: term.weight for term in shortlist["e1"].explanation.shared_terms}
    own_weights = {term.term: term.weight for term in shortlist_own["e1"].explanation.shared_terms}
    assert weights["electrolyt"] > 2 * own_weights["electrolyt"]


def test_catalogue_bm25_equals_the_pools_own_when_the_pool_is_the_catalogue() -> None:
    corpus = _corpus(CATALOGUE)
    texts = [tokenise_document(d.fields, d.language).terms for d in CATALOGUE]
    index = build_bm25(texts)
    terms = query_terms(QUERY)
    statistics = corpus.statistics({"offer"}, terms)

    assert np.allclose(index.scores_with(terms, statistics), index.scores(terms))
    assert statistics.document_count == len(CATALOGUE)


def test_lexical_and_semantic_moments_are_the_populations_own() -> None:
    corpus = _corpus(CATALOGUE)
    english = [d for d in CATALOGUE if d not in HUNGARIAN]
    texts = [tokenise_document(d.fields, d.language).terms for d in CATALOGUE]
    index = build_bm25(texts)
    single = ("electrolyt",)  # one term: its variance is the score's variance (no co-occurrence)
    statistics = corpus.statistics({"offer"}, query_terms(QUERY))
    scores = index.scores(single)[: len(english)]

    moments = statistics.lexical_moments(single)["en"]
    assert moments.count == len(english)
    assert moments.mean == pytest.approx(scores.mean())
    assert moments.variance == pytest.approx(scores.var())
    several = query_terms(QUERY)
    assert statistics.lexical_moments(several)["en"].mean == pytest.approx(
        index.scores(several)[: len(english)].mean()
    )
    vector = EMBEDDER.embed(["battery electrolyte"], role="query")[0]
    cosines = EMBEDDER.embed([d.text for d in english], role="passage") @ vector
    semantic = statistics.semantic_moments(vector)["en"]
    assert semantic.mean == pytest.approx(float(cosines.mean()), abs=1e-5)
    assert semantic.variance == pytest.approx(float(cosines.var()), abs=1e-5)


def test_statistics_are_kept_per_kind_and_survive_storage() -> None:
    demands = [dataclasses.replace(d, id=f"d{d.id}", kind="demand") for d in ELECTROLYTES]
    corpus = CatalogueCorpus.from_bytes(_corpus([*CATALOGUE, *demands]).to_bytes())

    offers = corpus.statistics({"offer"}, ["electrolyt"])
    both = corpus.statistics({"offer", "demand"}, ["electrolyt"])
    assert offers.document_count == len(CATALOGUE)
    assert offers.document_frequency("electrolyt") == 3
    assert both.document_count == len(CATALOGUE) + 3
    assert both.document_frequency("electrolyt") == 6
    assert offers.document_frequency("unknown") == 0
    assert corpus.kinds == frozenset({"offer", "demand"})


def test_statistics_handed_to_rank_cannot_be_changed() -> None:
    statistics = _corpus(CATALOGUE).statistics({"offer"}, query_terms(QUERY))

    with pytest.raises(dataclasses.FrozenInstanceError):
        statistics.document_count = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        statistics.terms["electrolyt"] = statistics.terms["batteri"]  # type: ignore[index]
    with pytest.raises(ValueError, match="read-only"):
        statistics.languages["en"].vector_mean[0] = 1.0

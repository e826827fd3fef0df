import math

import numpy as np
import pytest

from techbridge_core.matching.bm25 import Bm25Parameters, build_bm25

CORPUS = (
    ("battery", "recycling", "battery"),
    ("battery", "coating"),
    ("solar", "panel", "coating", "factory", "line"),
)


def test_bm25_scores_match_the_formula_by_hand():
    index = build_bm25(CORPUS, parameters=Bm25Parameters(k1=1.2, b=0.75))
    average_length = (3 + 2 + 5) / 3
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))
    expected = idf * 2 * 2.2 / (2 + 1.2 * (1 - 0.75 + 0.75 * 3 / average_length))

    assert index.scores(["battery"])[0] == pytest.approx(expected)


def test_bm25_orders_documents_by_evidence():
    index = build_bm25(CORPUS)

    order = np.argsort(-index.scores(["battery", "recycling"]), kind="stable").tolist()

    assert order == [0, 1, 2]


def test_bm25_rare_term_weighs_more_than_common_term():
    index = build_bm25(CORPUS)

    assert index.idf("recycling") > index.idf("battery")


def test_bm25_repeated_query_term_counts_once():
    index = build_bm25(CORPUS)

    assert index.scores(["coating", "coating"]).tolist() == index.scores(["coating"]).tolist()


def test_bm25_unknown_terms_score_zero():
    index = build_bm25(CORPUS)

    assert index.scores(["graphene"]).tolist() == [0.0, 0.0, 0.0]

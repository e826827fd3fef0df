import datetime as dt

from matching_fakes import ConceptEmbedder, offer

from techbridge_core.matching import Feedback, Query, RankingSettings, prepare_pool, rank

EMBEDDER = ConceptEmbedder()
CATALOGUE = (
    offer("recycling", "battery recycling plant", organisation_id="o1"),
    offer("coating", "battery coating line", organisation_id="o2"),
    offer("solar", "solar water sensor", organisation_id="o3"),
    offer("engine", "engine software", organisation_id="o4"),
)
QUERY = Query(fields=(("title", "battery recycling"),), kind="demand")


def _ids(matches):
    return [match.id for match in matches]


def test_rank_puts_lexical_and_semantic_agreement_first():
    assert _ids(rank(QUERY, CATALOGUE, embedder=EMBEDDER))[:2] == ["recycling", "coating"]


def test_rank_accepts_a_prepared_pool_with_the_same_result():
    pool = prepare_pool(CATALOGUE, embedder=EMBEDDER)

    assert _ids(rank(QUERY, pool, embedder=EMBEDDER)) == _ids(rank(QUERY, CATALOGUE, embedder=EMBEDDER))


def test_rank_returns_only_allowed_candidates():
    matches = rank(QUERY, CATALOGUE, embedder=EMBEDDER, allowed_ids=frozenset({"solar", "engine"}))

    assert sorted(_ids(matches)) == ["engine", "solar"]


def test_rank_good_match_feedback_lifts_a_candidate():
    before = _ids(rank(QUERY, CATALOGUE, embedder=EMBEDDER))
    feedback = Feedback(good_match_ids=frozenset({"engine"}))

    after = _ids(rank(QUERY, CATALOGUE, embedder=EMBEDDER, feedback=feedback))

    assert (before.index("engine"), after.index("engine")) == (3, 2)


def test_rank_not_relevant_feedback_demotes_a_candidate():
    feedback = Feedback(not_relevant_ids=frozenset({"recycling"}))

    assert _ids(rank(QUERY, CATALOGUE, embedder=EMBEDDER, feedback=feedback))[-1] == "recycling"


def test_rank_broker_pins_come_first_in_pin_order():
    feedback = Feedback(pinned_ids=("engine", "solar"))

    matches = rank(QUERY, CATALOGUE, embedder=EMBEDDER, feedback=feedback)

    assert _ids(matches)[:2] == ["engine", "solar"]
    assert [m.pinned for m in matches] == [True, True, False, False]


def test_rank_never_suggests_a_banned_organisation():
    feedback = Feedback(never_organisations=frozenset({"o1"}))

    assert "recycling" not in _ids(rank(QUERY, CATALOGUE, embedder=EMBEDDER, feedback=feedback))


def test_rank_freshness_breaks_a_tie_between_equal_listings():
    today = dt.date(2026, 6, 1)
    twins = (
        offer("old", "battery recycling", updated=dt.date(2023, 1, 1)),
        offer("new", "battery recycling", updated=dt.date(2026, 5, 1)),
        offer("other", "solar sensor"),
    )
    query = Query(fields=QUERY.fields, today=today)

    assert _ids(rank(query, twins, embedder=EMBEDDER))[:2] == ["new", "old"]


def test_rank_caps_results_per_organisation():
    catalogue = (
        *(offer(f"big-{i}", "battery recycling", organisation_id="big") for i in range(4)),
        offer("small", "battery coating", organisation_id="small"),
    )
    settings = RankingSettings(max_per_organisation=2, diversity_window=3)

    ids = _ids(rank(QUERY, catalogue, embedder=EMBEDDER, settings=settings))

    assert ids[:3] == ["big-0", "big-1", "small"]


def test_rank_score_parts_add_up_to_the_score():
    match = rank(QUERY, CATALOGUE, embedder=EMBEDDER)[0]
    parts = match.parts

    total = parts.fused + parts.freshness + parts.completeness + parts.feedback
    assert round(total, 6) == parts.total == match.score
    assert parts.lexical > 0
    assert parts.semantic > 0

from matching_fakes import ConceptEmbedder, offer

from techbridge_core.matching import Query, rank

EMBEDDER = ConceptEmbedder()


def test_explanation_names_shared_terms_with_each_sides_words():
    catalogue = (
        offer("hu", "Akkumulátorok újrahasznosítása", language="hu"),
        offer("x", "napelem"),
    )
    query = Query(fields=(("title", "akkumulátorokhoz"),), language="hu")

    explanation = rank(query, catalogue, embedder=EMBEDDER)[0].explanation

    assert [t.term for t in explanation.shared_terms] == ["akkumulátor"]
    assert explanation.shared_terms[0].query_words == ("akkumulátorokhoz",)
    assert explanation.shared_terms[0].candidate_words == ("akkumulátorok",)
    assert explanation.matching_fields == ("title",)


def test_explanation_finds_shared_concepts_across_languages():
    catalogue = (
        offer("en", "battery recycling", language="en"),
        offer("zh", "太阳能 传感器", language="zh"),
    )
    query = Query(fields=(("title", "电池 回收"),), language="zh")

    match = rank(query, catalogue, embedder=EMBEDDER)[0]

    pairs = {(c.query_word, c.candidate_word) for c in match.explanation.shared_concepts}
    assert match.id == "en"
    assert pairs == {("电池", "battery"), ("回收", "recycling")}
    assert match.explanation.shared_terms == ()


def test_explanation_reports_stage_country_and_technology_fit():
    catalogue = (offer("a", "battery", country="HU", trl=5, technology_fields=frozenset({"energy", "auto"})),)
    query = Query(
        fields=(("title", "battery"),),
        countries=frozenset({"HU"}),
        trl_min=4,
        technology_fields=frozenset({"energy"}),
    )

    explanation = rank(query, catalogue, embedder=EMBEDDER)[0].explanation

    assert (explanation.stage_fit, explanation.country_fit) == ("inside", "inside")
    assert explanation.shared_technology_fields == ("energy",)


def test_explanation_says_any_when_the_query_sets_no_constraint():
    explanation = rank(Query(fields=(("title", "battery"),)), (offer("a", "battery"),), embedder=EMBEDDER)[
        0
    ].explanation

    assert (explanation.stage_fit, explanation.country_fit) == ("any", "any")

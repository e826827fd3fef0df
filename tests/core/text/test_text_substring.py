"""Substring search text and needles: accent-free, stemmed, Chinese as written."""

from __future__ import annotations

from techbridge_core.text.substring import substring_index_text, substring_needles, without_accents


def _matches(query: str, text: str) -> bool:
    stored = substring_index_text(text)
    return all(any(needle in stored for needle in forms) for forms in substring_needles(query))


def test_unaccented_and_inflected_hungarian_find_the_accented_word() -> None:
    for query in ("akkumulator", "akkumulátor", "AKKUMULÁTOROK", "akkumulátorokat"):
        assert _matches(query, "Szilárdtest akkumulátor gyártása"), query
        assert _matches(query, "Új akkumulátorok"), query


def test_english_forms_meet_through_their_stem() -> None:
    assert _matches("battery", "Lithium batteries for buses")
    assert _matches("batteries", "A lithium battery")


def test_chinese_words_match_inside_longer_words() -> None:
    assert _matches("电池", "低温锂电池电解液")
    assert not _matches("电池", "太阳能组件")


def test_every_query_word_must_match() -> None:
    assert not _matches("akkumulátor hidrogén", "Szilárdtest akkumulátor")


def test_stop_words_are_dropped_unless_nothing_else_is_left() -> None:
    assert len(substring_needles("the battery")) == 1
    assert substring_needles("the")


def test_accents_are_removed_but_han_is_kept() -> None:
    assert without_accents("őrült ÁRVÍZTŰRŐ 电池") == "orult ARVIZTURO 电池"

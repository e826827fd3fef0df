from techbridge_core.text import Token, normalise, tokenise, weighted_terms
from techbridge_core.text.fields import field_tokens


def _terms(text, language=None):
    return [token.term for token in tokenise(text, language=language)]


def test_tokenise_hungarian_inflections_share_a_stem():
    assert _terms("akkumulátorok akkumulátorokhoz akkumulátorral", "hu") == ["akkumulátor"] * 3


def test_tokenise_english_plural_and_verb_forms_share_a_stem():
    assert _terms("batteries battery", "en") == ["batteri", "batteri"]


def test_tokenise_drops_stop_words():
    assert _terms("the recycling of batteries", "en") == ["recycl", "batteri"]
    assert _terms("a motor és az akkumulátor", "hu") == ["motor", "akkumulátor"]


def test_tokenise_segments_chinese_words_and_drops_particles():
    assert _terms("锂离子电池的回收技术") == ["锂离子", "电池", "回收", "技术"]


def test_tokenise_mixed_text_handles_each_script_run():
    tokens = tokenise("锂电池 recycling batteries 回收", language="zh")

    assert [t.term for t in tokens] == ["锂电池", "recycl", "batteri", "回收"]


def test_tokenise_keeps_surface_words_for_explanations():
    assert tokenise("Akkumulátorokhoz", language="hu") == (
        Token(term="akkumulátor", surface="akkumulátorokhoz"),
    )


def test_tokenise_full_width_latin_matches_ascii():
    full_width = "\uff2c\uff25\uff24 \uff15\uff27"  # LED 5G typed in a Chinese input method

    assert _terms(full_width) == _terms("LED 5G") == ["led", "5g"]


def test_tokenise_possessive_indexes_the_word():
    assert _terms("the company's batteries", "en") == ["compani", "batteri"]


def test_normalise_folds_case_and_width():
    assert normalise("ÁRVÍZTŰRŐ \uff34ükörfúrógép") == "árvíztűrő tükörfúrógép"


def test_weighted_terms_repeat_title_terms_by_weight():
    tokens = field_tokens((("title", "solar"), ("description", "coating")), language="en")

    terms = weighted_terms(tokens, weights={"title": 3, "description": 1})

    assert terms == ("solar", "solar", "solar", "coat")


def test_weighted_terms_unknown_field_weighs_one():
    tokens = field_tokens((("notes", "coating"),), language="en")

    assert weighted_terms(tokens, weights={"title": 3}) == ("coat",)

import pytest

from techbridge_core.text import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("锂离子电池回收技术\uff0c寻求合作伙伴", "zh"),
        ("我们需要Li-ion电池的回收技术", "zh"),
        ("We are looking for a partner to recycle lithium batteries.", "en"),
        ("Lítium akkumulátorok újrahasznosításához keresünk partnert.", "hu"),
        ("Szeretnénk egy gyártósort a telephelyen", "hu"),
        ("Das ist ein kleines Haus für die Kinder.", "other"),
        ("Механическая обработка металлов", "other"),
        ("リチウム電池のリサイクル", "other"),
        ("12345 !!!", "other"),
        ("", "other"),
    ],
)
def test_detect_language_recognises_sample(text, expected):
    assert detect_language(text) == expected


def test_detect_language_english_with_a_chinese_term_stays_english():
    text = "Our graphene coating (石墨烯) protects heat exchangers in chemical plants."

    assert detect_language(text) == "en"

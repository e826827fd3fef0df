"""Country lists are sorted the way their reader sorts: pinyin in Chinese, the Hungarian alphabet."""

from __future__ import annotations

from django.utils import translation

from techbridge.common.countries import collation_key, country_choices


def _names(language: str) -> list[str]:
    with translation.override(language):
        return [name for _code, name in country_choices()]


def test_chinese_country_names_are_in_pinyin_order() -> None:
    names = _names("zh-hans")

    # 阿尔巴尼亚 (A'erbaniya) … 中国 (Zhongguo): pinyin order, not code-point order.
    assert names.index("阿尔巴尼亚") < names.index("德国") < names.index("匈牙利") < names.index("中国")
    assert names[0].startswith("阿")


def test_hungarian_names_follow_the_hungarian_alphabet() -> None:
    names = [
        "Zsambia",
        "Csád",
        "Chile",
        "Ecuador",
        "Észtország",
        "Egyiptom",
        "Ausztria",
        "Örményország",
        "Oroszország",
    ]

    ordered = sorted(names, key=lambda name: collation_key(name, "hu"))

    assert ordered == [
        "Ausztria", "Chile", "Csád", "Ecuador", "Egyiptom", "Észtország", "Oroszország", "Örményország", "Zsambia",
    ]  # fmt: skip


def test_english_ignores_accents() -> None:
    assert sorted(["Zambia", "Åland Islands", "Albania"], key=lambda n: collation_key(n, "en")) == [
        "Åland Islands",
        "Albania",
        "Zambia",
    ]

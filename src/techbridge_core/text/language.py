"""Language detection for zh / en / hu, everything else is `other`.

Chinese is recognised by script (Han characters), Hungarian against English by its
letters (ő and ű exist in no other major language), function words and spellings.
This is deliberately small: listings are long enough for these signals, and a wrong
guess only changes stemming and the calibration pool, never visibility.
"""

from __future__ import annotations

import re
from typing import Literal

from techbridge_core.text.normalise import normalise
from techbridge_core.text.scripts import is_han
from techbridge_core.text.stopwords import word_set

Language = Literal["zh", "en", "hu", "other"]
LANGUAGES: tuple[Language, ...] = ("zh", "en", "hu", "other")

_APOSTROPHES = "'\u2019"
_WORD = re.compile(rf"[^\W\d_]+(?:[{_APOSTROPHES}][^\W\d_]+)?")
_HUNGARIAN_ONLY_LETTERS = frozenset("őű")
_HUNGARIAN_LETTERS = frozenset("áéíóöúü")
_OTHER_LATIN_LETTERS = frozenset("àâãäåæçèêëìîïñòôõøùûÿßœşţăąćčďęěłńňřśšťůźżž")
_KANA_OR_HANGUL = re.compile("[\u3040-\u30ff\uac00-\ud7af]")

# Frequent function words that tell the languages apart (none belongs to two of them).
_ENGLISH_MARKERS = word_set(
    """the and of to is are was were be been this that these those it its with for from by
    on at have has had not but or you i i'm we they he she what which who how do does did
    can will would should my your our their there here an as if so no yes all me him her"""
)
_HUNGARIAN_MARKERS = word_set(
    """az és egy hogy nem van volt meg már csak még mint ez azt ezt itt ott akkor pedig vagy
    lesz kell lehet nagyon sok minden mert amely ami amit aki ahol után között szerint
    nélkül én te ő mi ti ők vagyok vagyunk nekem neki is de ha se sem"""
)
# German, French and Spanish function words, so those languages are not taken for ours.
_OTHER_MARKERS = word_set(
    """der die das und ist ein eine nicht mit für auf den dem le la les et est une des du
    pour dans avec los las con para por una del"""
)
# Spellings frequent in one language and rare in the other (gy, zs, sz, cs vs th, wh).
_HUNGARIAN_SPELLING = re.compile(r"gy|zs|sz|cs|[^aeiou]ok$|[^aeiou]ek$|nak$|nek$|ban$|ben$")
_ENGLISH_SPELLING = re.compile(r"th|wh|ing$|ght|tion$|^un|ly$")
_SPELLING_WEIGHT = 0.5
_HAN_SHARE_FOR_CHINESE = 0.3
_ENGLISH_WORDS_DESPITE_FOREIGN_LETTERS = 2


def detect_language(text: str) -> Language:
    """Best guess at the main language of `text`; `other` when there is no evidence."""
    folded = normalise(text)
    letters = [character for character in folded if character.isalpha()]
    if not letters or _KANA_OR_HANGUL.search(folded):
        return "other"
    han = sum(1 for character in letters if is_han(character))
    # One Han character carries about a word, so compare it with words, not letters.
    other_words = len(_WORD.findall("".join(" " if is_han(c) else c for c in folded)))
    if han and han / (han + 2 * other_words) >= _HAN_SHARE_FOR_CHINESE:
        return "zh"
    return _latin_language(folded, [c for c in letters if not is_han(c)])


def _latin_language(folded: str, letters: list[str]) -> Language:
    letter_set = set(letters)
    latin = sum(1 for c in letters if c.isascii() or c in _HUNGARIAN_LETTERS | _OTHER_LATIN_LETTERS)
    words = _WORD.findall(folded)
    if latin < len(letters) / 2 or _count(words, _OTHER_MARKERS) > 1 + _count(
        words, _HUNGARIAN_MARKERS | _ENGLISH_MARKERS
    ):
        return "other"
    hungarian, english = _hungarian_and_english_evidence(words, letter_set)
    if hungarian > english:
        return "hu"
    if letter_set & _OTHER_LATIN_LETTERS:
        return "en" if english >= _ENGLISH_WORDS_DESPITE_FOREIGN_LETTERS else "other"
    # Plain ASCII without evidence is usually an English technical term or name.
    return "en" if english > 0 or all(c.isascii() for c in letter_set) else "other"


def _count(words: list[str], markers: frozenset[str]) -> int:
    return sum(1 for word in words if word in markers)


def _hungarian_and_english_evidence(words: list[str], letters: set[str]) -> tuple[float, float]:
    hungarian = float(_count(words, _HUNGARIAN_MARKERS))
    english = float(_count(words, _ENGLISH_MARKERS))
    hungarian += _SPELLING_WEIGHT * sum(1 for w in words if _HUNGARIAN_SPELLING.search(w))
    english += _SPELLING_WEIGHT * sum(1 for w in words if _ENGLISH_SPELLING.search(w))
    if letters & _HUNGARIAN_ONLY_LETTERS:
        hungarian += 3
    if letters & _HUNGARIAN_LETTERS:
        hungarian += 1
    return hungarian, english

"""Substring search that finds inflected and unaccented forms, and Chinese words inside longer ones.

The stored side (`substring_index_text`) is the normalised text with accents removed from
Latin letters, followed by the Snowball stems (English and Hungarian) of its words that the
word itself does not already contain ("battery" stores "batteri" too; "akkumulátorok"
already contains its stem "akkumulator"). The query side (`substring_needles`) turns each
query word into a few needles — the accent-free word and its stems — and a listing matches
a word when its stored text contains ANY of them, the query when it matches EVERY word.
Chinese runs stay as written: "电池" is a substring of "锂电池", so it keeps matching.
"""

from __future__ import annotations

import re
import unicodedata

from techbridge_core.text.language import detect_language
from techbridge_core.text.normalise import normalise
from techbridge_core.text.scripts import HAN_CHARACTERS
from techbridge_core.text.stemming import stem
from techbridge_core.text.stopwords import STOP_WORDS

MAX_QUERY_WORDS = 8
STEMMED_LANGUAGES = ("en", "hu")
_MIN_STEM_LENGTH = 3
_LATIN_WORD = re.compile(rf"[^\W\d_{HAN_CHARACTERS}]+")
_QUERY_PART = re.compile(rf"[{HAN_CHARACTERS}]+|[^\W_{HAN_CHARACTERS}]+")


def without_accents(text: str) -> str:
    """`text` with combining marks removed ("akkumulátor" → "akkumulator"); Han is untouched."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(character for character in decomposed if not unicodedata.combining(character))
    return unicodedata.normalize("NFC", kept)


def _stems(word: str) -> set[str]:
    """Accent-free stems of a normalised word in every stemmed language (short stems dropped)."""
    found = set()
    for language in STEMMED_LANGUAGES:
        for form in (word, without_accents(word)):
            stemmed = without_accents(stem(form, language))
            if len(stemmed) >= _MIN_STEM_LENGTH:
                found.add(stemmed)
    return found


def substring_index_text(text: str) -> str:
    """What substring search looks in: the accent-free normalised text, then the stems of its
    words that are not already inside the word."""
    folded = normalise(text)
    plain = without_accents(folded)
    extra: dict[str, None] = {}
    for word in set(_LATIN_WORD.findall(folded)):
        bare = without_accents(word)
        for stemmed in _stems(word):
            if stemmed not in bare:
                extra[stemmed] = None
    if not extra:
        return plain
    return plain + "\n" + " ".join(sorted(extra))


def substring_needles(query: str) -> tuple[frozenset[str], ...]:
    """One set of needles per query word (at most MAX_QUERY_WORDS); stop words are left out
    unless the query has nothing else. A listing matches when, for every set, its
    `substring_index_text` contains at least one needle of the set."""
    folded = normalise(query)
    words = list(dict.fromkeys(_QUERY_PART.findall(folded)))
    language = detect_language(folded)
    stop_words = STOP_WORDS.get(language, frozenset()) | STOP_WORDS["zh"]
    content = [word for word in words if word not in stop_words] or words
    needles = []
    for word in content[:MAX_QUERY_WORDS]:
        if not _LATIN_WORD.fullmatch(word):  # Chinese, digits, codes: as written
            needles.append(frozenset({without_accents(word)}))
            continue
        needles.append(frozenset({without_accents(word), *_stems(word)}))
    return tuple(needles)

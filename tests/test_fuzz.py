"""Fuzzing what a user hands over: every input ends in a value or one InputError, nothing else.

Hypothesis generates weights files (``.npz`` and ``.safetensors``: random arrays,
shapes, dtypes, metadata, truncated or corrupted bytes), images (random bytes, and
small images of odd sizes, modes and formats), sentences for ``--sentence``,
``--contrast`` and ``--focus``, and batch CSVs. Derandomized and bounded, so CI
runs the same examples every time in seconds.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import warnings
import zipfile
from pathlib import Path
from unittest import mock

import numpy as np
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from PIL import Image

from nncore import data, weights
from nncore.errors import InputError
from nncore.mlp import Network
from nnexplain import batch

FUZZ = settings(
    derandomize=True,  # the same examples on every run and machine
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


def value_or_input_error(call, *args, **kwargs):
    """``call(...)``'s value, or None if it raised InputError; anything else fails the test.

    A warning fails it too: on the command line it would be more lines on stderr.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            value = call(*args, **kwargs)
        except InputError as e:
            assert "\n" not in str(e), str(e)  # one line
            _event(f"{call.__name__}: InputError")
            return None
    _event(f"{call.__name__}: a value")
    return value


def _event(outcome: str) -> None:
    """Count outcomes (pytest --hypothesis-show-statistics): the success path must be reached."""
    if currently_in_test_context():
        event(outcome)


@st.composite
def corrupted(draw, content: bytes) -> bytes:
    """``content`` as is, cut short, or with a few bytes overwritten."""
    how = draw(st.sampled_from(["whole", "whole", "cut", "flipped"]))
    if how == "cut" and content:
        return content[: draw(st.integers(0, len(content) - 1))]
    if how == "flipped" and content:
        out = bytearray(content)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    return content


# --- the weights loader -------------------------------------------------------------------

DTYPES = ["float16", "float32", "float64", "int32", "int64", "uint8", "bool", "complex64"]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
METADATA = st.one_of(
    JSON.map(json.dumps),
    st.fixed_dictionaries(
        {"sizes": st.lists(st.integers(-5, 900), max_size=5), "activation": JSON}
    ).map(json.dumps),
    st.text(max_size=40),
)


@st.composite
def layer_arrays(draw) -> dict[str, np.ndarray]:
    """Arrays named like a network's, nearly right or not at all, of random dtypes."""
    intact = draw(st.booleans())  # half of them a network, so that success is fuzzed too
    widths = [784] + draw(st.lists(st.integers(1, 20), max_size=2)) + [10]
    if not intact:
        widths = [draw(st.sampled_from([n, n, n, 1, 0, 11])) for n in widths]
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    floats = st.sampled_from(["float64", "float32", "float16"])
    anything = st.sampled_from(["float64", *DTYPES])
    arrays = {}
    for l, (n_in, n_out) in enumerate(zip(widths, widths[1:]), start=1):
        scale = draw(st.sampled_from([1.0, 1e5, 1e150] + ([] if intact else [np.inf, np.nan])))
        shape = (n_out, n_in)
        if not intact:
            shape = draw(st.sampled_from([shape, shape, (n_in,), (n_out, n_in, 1)]))
        w = rng.standard_normal(shape) * scale
        b = rng.standard_normal(n_out) * scale
        with np.errstate(all="ignore"):  # inf and NaN cast to int, 1e150 to float16: any value
            if intact or draw(st.booleans()):
                arrays[f"w{l}"] = w.astype(draw(floats if intact else anything))
            arrays[f"b{l}"] = b.astype(draw(floats if intact else anything))
    return arrays


@st.composite
def npz_files(draw) -> bytes:
    arrays = draw(layer_arrays())
    if draw(st.booleans()):
        arrays["metadata"] = np.array(draw(METADATA))
    extra = st.sampled_from(["snapshot_cost", "other", "w9", "b0", "metadata"])
    for name in draw(st.lists(extra, max_size=2)):
        shape = tuple(draw(st.lists(st.integers(0, 4), max_size=3)))
        arrays[name] = np.zeros(shape, dtype=draw(st.sampled_from(DTYPES)))
    buf = io.BytesIO()
    (np.savez_compressed if draw(st.booleans()) else np.savez)(buf, **arrays)
    content = buf.getvalue()
    if draw(st.booleans()):  # a member that is not an array, or a pickled one
        with zipfile.ZipFile(buf, "a") as z:
            z.writestr(draw(st.sampled_from(["notes.txt", "x.npy"])), draw(st.binary(max_size=64)))
        content = buf.getvalue()
    return draw(corrupted(content))


@st.composite
def safetensors_files(draw) -> bytes:
    from safetensors.numpy import save

    arrays = draw(layer_arrays())
    # PyTorch's names: w1 -> 0.weight, b1 -> 0.bias, w2 -> 2.weight (an activation between)
    named = {
        f"{2 * (int(k[1:]) - 1)}.{'weight' if k[0] == 'w' else 'bias'}": np.ascontiguousarray(v)
        for k, v in arrays.items()
        if v.dtype != np.complex64  # safetensors has no complex dtype
    }
    metadata = draw(st.none() | st.dictionaries(st.sampled_from(["activation", "x"]), st.text()))
    if draw(st.booleans()):
        content = save(named, metadata=metadata)
    else:  # a header of our own: any JSON, then some bytes
        header = json.dumps(draw(JSON)).encode()
        content = len(header).to_bytes(8, "little") + header + draw(st.binary(max_size=64))
    return draw(corrupted(content))


def _npz_with_header(header: bytes) -> bytes:
    """A .npz whose w1 has this (damaged) .npy header."""
    header = header.ljust(117) + b"\n"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("w1.npy", b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header)
    return buf.getvalue()


@settings(FUZZ, max_examples=150)
@given(npz=npz_files(), activation=st.sampled_from([None, "relu", "sigmoid", "tanh"]))
# Found by this test: numpy's header parser raised SyntaxError and tokenize.TokenError.
@example(_npz_with_header(b"{'descr': '<f8', 'fortran_order': False, 'shape(: (1, 784), }"), None)
@example(_npz_with_header(b"{'descr': '<f8', 'shape(: (1,\x00 784), }"), None)
def test_any_npz_is_a_network_or_one_error(npz, activation):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.npz"
        path.write_bytes(npz)
        params = value_or_input_error(weights.read, path, activation)
        if params is not None:
            assert params.sizes[0] == 784 and params.sizes[-1] == 10
            assert all(np.all(np.isfinite(w)) for w in params.weights)
        value_or_input_error(weights.read_npz_arrays, path)


@settings(FUZZ, max_examples=100)
@given(content=safetensors_files(), activation=st.sampled_from([None, "relu"]))
def test_any_safetensors_is_a_network_or_one_error(content, activation):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.safetensors"
        path.write_bytes(content)
        params = value_or_input_error(weights.read, path, activation)
        if params is not None:
            assert params.sizes[0] == 784 and params.sizes[-1] == 10


def test_the_fuzzed_loaders_do_accept_good_files(tmp_path):
    # The strategies above reach the success path too: a file they could have made.
    net = Network.random(sizes=(784, 3, 10), activation="relu")
    net.save(tmp_path / "w.npz")
    assert value_or_input_error(weights.read, tmp_path / "w.npz").sizes == (784, 3, 10)


# --- the image loader ---------------------------------------------------------------------

MODES = {  # what each format can hold
    "PNG": ["1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"],
    "JPEG": ["L", "RGB", "CMYK"],
    "GIF": ["L", "P"],
    "BMP": ["1", "L", "P", "RGB"],
    "TIFF": ["1", "L", "RGB", "RGBA", "CMYK", "F", "I"],
    "WEBP": ["RGB", "RGBA"],
}


@st.composite
def images(draw) -> bytes:
    fmt = draw(st.sampled_from(sorted(MODES)))
    mode = draw(st.sampled_from(MODES[fmt]))
    size = (draw(st.integers(1, 60)), draw(st.integers(1, 60)))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    kind = draw(st.sampled_from(["noise", "flat", "digit"]))
    image = Image.new("L", size, 255 if kind != "noise" else 0)
    if kind == "noise":
        image = Image.fromarray(rng.integers(0, 256, size[::-1], dtype=np.uint8))
    elif kind == "digit":
        image.paste(0, (size[0] // 3, size[1] // 4, max(size[0] // 2, 1), size[1] * 3 // 4))
    buf = io.BytesIO()
    image.convert(mode).save(buf, fmt)
    return draw(corrupted(buf.getvalue()))


@settings(FUZZ, max_examples=120)
@given(content=images() | st.binary(max_size=200), suffix=st.sampled_from([".png", ".jpg"]))
@example(b"II*\x00\x08\x00\x00\x00", ".png")  # found by it: Pillow's "Corrupt EXIF" warning
def test_any_image_is_a_digit_or_one_error(content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"digit{suffix}"
        path.write_bytes(content)
        x = value_or_input_error(data.load_image, path)
        if x is not None:
            assert x.shape == (784,) and np.all((0 <= x) & (x <= 1))


# --- the sentence checks ------------------------------------------------------------------

# What a command line can carry: no NUL; undecodable bytes arrive as lone surrogates.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")
    | st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    max_size=40,
)
WORDS = st.lists(st.sampled_from(["model", "a", "the", "fashion", "runway", "é", "!"]), max_size=8)


@settings(FUZZ, max_examples=40)
@given(
    sentence=TEXT | WORDS.map(" ".join),
    contrast=TEXT | WORDS.map(" ".join),
    focus=TEXT | st.sampled_from(["model", "Model", "", " ", "##ing"]),
    max_tokens=st.integers(1, 20),
)
def test_any_sentence_is_encoded_or_one_error(sentence, contrast, focus, max_tokens):
    from scenes import inputs

    env = {inputs.SENTENCE_ENV: sentence, inputs.CONTRAST_ENV: contrast, inputs.FOCUS_ENV: focus}
    with mock.patch.dict(os.environ, {k: os.fsdecode(os.fsencode(v)) for k, v in env.items()}):
        a = value_or_input_error(inputs.sentence, max_tokens, "the grid")
        b = value_or_input_error(inputs.contrast, max_tokens, "the grid")
        if a is not None and b is not None:
            value_or_input_error(inputs.focus, (a, b))


# --- the batch CSV reader -----------------------------------------------------------------

CELL = st.text(st.characters(blacklist_characters="\0"), max_size=20) | st.sampled_from(
    ["7", "10", "-1", "", " 3 ", "a.png", "../x.png", "=1+1", "ana"]
)


@st.composite
def class_csvs(draw) -> str:
    good = st.sampled_from(["file,label,name", "file,label,name,sentence", "file"])
    header = draw(
        good | good | st.sampled_from(["name,label", ""]) | st.lists(CELL, max_size=4).map(",".join)
    )
    rows = draw(st.lists(st.lists(CELL, max_size=5), max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join([header, *(",".join(r) for r in rows)])


@settings(FUZZ, max_examples=150)
@given(text=class_csvs() | st.text(max_size=200), in_folder=st.booleans())
def test_any_class_csv_is_students_or_one_error(text, in_folder):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (batch.LABELS_CSV if in_folder else "class.csv")
        path.write_text(text, encoding="utf-8", errors="surrogatepass")  # bad UTF-8 too
        students = value_or_input_error(batch.read_students, Path(folder) if in_folder else path)
        if students is not None:
            assert students and all(s.folder for s in students)

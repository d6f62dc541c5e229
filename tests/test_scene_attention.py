"""Concept 10: every number the attention scene shows, recomputed from the encoder's outputs."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Scene
from manim.utils.testing.frames_comparison import frames_comparison
from scenetools import by_label, render_numbers

from nncore.attention_head import head_at_work
from nncore.attention_probe import choose_head, context_paths
from nncore.errors import InputError
from nncore.transformer import encode, token_index
from scenes import inputs
from scenes.attention import (
    MAX_TOKENS,
    PROBE_WORDS,
    Attention,
    attention_grids,
    read_inputs,
)
from scenes.audio.narration import unmatched
from scenes.inputs import CONTRAST_ENV, FOCUS_ENV, SENTENCE_ENV
from scenes.mobjects.attention_grid import AttentionGrid
from scenes.mobjects.context_arrows import ContextArrows
from scenes.mobjects.head_columns import HeadColumns
from scenes.mobjects.token_row import TokenRow

__module_test__ = "attention"

ENV = (SENTENCE_ENV, CONTRAST_ENV, FOCUS_ENV)
A, B = "a machine learning model", "a fashion model"
ENV_DEFAULTS = ((SENTENCE_ENV, A), (CONTRAST_ENV, B))
PROBES = PROBE_WORDS["model"]


def cos(u: np.ndarray, v: np.ndarray) -> float:
    """Written out here, so a bug in nncore's cosine cannot hide in both places."""
    u, v = np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64)
    return float(u @ v / np.sqrt((u @ u) * (v @ v)))


@pytest.fixture(scope="module")
def shown(tmp_path_factory) -> dict:
    """The default scene's sidecar (rendered once: the last frame only, tiny)."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ENV:
            mp.delenv(name, raising=False)
        return render_numbers(Attention, tmp_path_factory.mktemp("attention"))


@pytest.fixture(scope="module")
def encodings():
    a, b = encode(A), encode(B)
    return {SENTENCE_ENV: (a, token_index(a, "model")), CONTRAST_ENV: (b, token_index(b, "model"))}


def test_the_default_story(shown):
    assert shown["inputs"] == {"sentence": A, "contrast": B, "focus": "model"}


def test_every_number_on_screen_comes_from_the_encoder(shown, encodings):
    numbers = by_label(shown)
    (a, i), (b, j) = encodings[SENTENCE_ENV], encodings[CONTRAST_ENV]
    choice = choose_head([a, b], [i, j])
    layer, head = numbers.pop("layer shown") - 1, numbers.pop("head shown") - 1
    assert (numbers.pop("layers"), numbers.pop("heads per layer")) == a.attentions.shape[:2]
    assert numbers.pop("heads") == 6 * 12
    assert numbers.pop("vector size") == a.hidden_states.shape[-1] == 384
    assert (layer, head) == (choice.layer, choice.head) == (1, 9)

    for var, (enc, f) in encodings.items():
        pattern = enc.attentions[layer, head]
        np.testing.assert_allclose(numbers.pop(f"attention {var}"), pattern, rtol=0, atol=1e-7)
        for k, token in enumerate(enc.tokens):
            assert numbers.pop(f"arrow {var} {k} ({token})") == pytest.approx(
                pattern[f, k], abs=1e-7
            )
        for l in range(7):
            for d in (0, 1, 2, 3, 381, 382, 383):
                value = numbers.pop(f"vector {var} layer {l} dim {d}")
                assert value == pytest.approx(enc.hidden_states[l, f, d], abs=1e-7)
        probes = np.array(numbers.pop(f"probe cosines {var}"))
        assert probes.shape == (len(PROBES), 7)
        for p, word in enumerate(PROBES):
            alone = encode(word)  # "[CLS] word [SEP]": the word is token 1
            expected = [cos(enc.hidden_states[l, f], alone.hidden_states[l, 1]) for l in range(7)]
            np.testing.assert_allclose(probes[p], expected, rtol=0, atol=1e-6)

    # The mechanism, for "model" in the first sentence: the record anyone can recompute.
    row = numbers.pop("attention row")
    assert {k: row[k] for k in ("sentence", "layer", "head", "query", "tokens")} == {
        "sentence": A, "layer": layer + 1, "head": head + 1, "query": "model", "tokens": a.tokens
    }  # fmt: skip
    np.testing.assert_allclose(row["weights"], a.attentions[layer, head, i], atol=1e-6)
    shifted = np.exp(np.array(row["scores"]) - max(row["scores"]))
    np.testing.assert_allclose(row["weights"], shifted / shifted.sum(), atol=1e-6)
    assert numbers.pop("head size") == 32
    q, k, v = (np.array(numbers.pop(n)) for n in ("query", "keys", "values"))
    np.testing.assert_allclose(k @ q / np.sqrt(32), row["scores"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(numbers.pop("head output"), np.array(row["weights"]) @ v, atol=1e-5)
    assert max(range(len(a.tokens)), key=row["weights"].__getitem__) == 3  # "learning"

    # The narration names the content word each "model" looks at most, and its share.
    assert a.tokens[2:4] == ["machine", "learning"] and b.tokens[2] == "fashion"
    strongest = numbers.pop(f"strongest context {SENTENCE_ENV}")
    assert strongest == pytest.approx(a.attentions[layer, head, i, 3], abs=1e-7)
    assert strongest > a.attentions[layer, head, i, 2]  # learning, not machine
    assert numbers.pop(f"strongest context {CONTRAST_ENV}") == pytest.approx(
        b.attentions[layer, head, j, 2], abs=1e-7
    )
    # The plane both paths are drawn in: fitted on the same vectors, keeping what it says.
    cp = context_paths([a, b], [i, j], PROBES)
    np.testing.assert_allclose(numbers.pop("plane paths"), cp.paths, rtol=0, atol=1e-9)
    np.testing.assert_allclose(numbers.pop("plane probes"), cp.probes, rtol=0, atol=1e-9)
    assert numbers.pop("plane kept") == pytest.approx(cp.kept, rel=1e-12)
    apart = np.array(numbers.pop("plane distances"))
    np.testing.assert_allclose(apart, np.linalg.norm(cp.paths[0] - cp.paths[1], axis=1))
    assert apart[0] < apart[-1]  # said: "they start at the same point ... drifted apart"
    # Words the narration quotes hold no numbers here.
    assert numbers.pop("numbers in the focus word") == []
    assert numbers.pop(f"numbers in {SENTENCE_ENV}'s word 'learning'") == []
    assert numbers.pop(f"numbers in {CONTRAST_ENV}'s word 'fashion'") == []

    cosines = numbers.pop("cosine per layer")
    expected = [cos(a.hidden_states[l, i], b.hidden_states[l, j]) for l in range(7)]
    np.testing.assert_allclose(cosines, expected, rtol=0, atol=1e-6)
    assert cosines[0] == pytest.approx(0.989, abs=0.001)  # same word, different position
    assert cosines[-1] == pytest.approx(0.662, abs=0.001)
    assert not numbers, f"numbers this test does not check: {sorted(numbers)}"


def test_each_meaning_ends_nearer_its_own_words(shown):
    numbers = by_label(shown)
    ml = dict(zip(PROBES, np.array(numbers[f"probe cosines {SENTENCE_ENV}"])[:, -1]))
    fashion = dict(zip(PROBES, np.array(numbers[f"probe cosines {CONTRAST_ENV}"])[:, -1]))
    assert ml["algorithm"] > fashion["algorithm"]
    assert fashion["runway"] > ml["runway"]
    assert fashion["clothes"] > ml["clothes"]


def test_the_grid_and_the_arrows_draw_the_weights_they_are_given():
    enc = encode(A)
    weights = enc.attentions[1, 9]  # (T, T)
    T = len(enc.tokens)
    grid = AttentionGrid(weights, enc.tokens)
    areas = np.array([s.width * s.height for s in grid.squares]).reshape(T, T)
    np.testing.assert_allclose(areas / grid.cell_size**2, weights, rtol=0, atol=1e-5)
    assert [t.text for t in grid.row_labels] == enc.tokens
    flow = ContextArrows(TokenRow(enc.tokens), 4, weights[4])
    assert flow.sources == [0, 1, 2, 3, 5]
    opacities = [arrow.get_stroke_opacity() for arrow in flow.arrows]
    np.testing.assert_allclose(opacities, np.sqrt(weights[4, flow.sources]), atol=1e-6)
    np.testing.assert_allclose([n.get_value() for n in flow.labels], weights[4], atol=0)
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        AttentionGrid(weights * 2, enc.tokens)


def test_a_number_the_user_typed_may_be_quoted(tmp_path, monkeypatch):
    """The narration quotes the sentence's own words; a number among them is recorded."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(SENTENCE_ENV, "the 2019 model")
    sidecar = render_numbers(Attention, tmp_path)
    numbers = by_label(sidecar)
    enc = encode("the 2019 model")
    f = token_index(enc, "model")
    choice = choose_head([enc, encode(B)], [f, token_index(encode(B), "model")])
    # "2019" is the sentence's only content word besides "model", so the narration names it.
    assert numbers[f"numbers in {SENTENCE_ENV}'s word '2019'"] == [2019.0]
    assert numbers[f"strongest context {SENTENCE_ENV}"] == pytest.approx(
        enc.attentions[choice.layer, choice.head, f, enc.tokens.index("2019")], abs=1e-7
    )
    values = [e["value"] for e in sidecar["numbers"]]
    for beat in sidecar["beats"]:
        assert not unmatched(beat["say"], values), (beat["name"], beat["say"])


TOO_LONG_FOR_GRID = "the quick brown fox jumps over the lazy dog and then the model sleeps"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({SENTENCE_ENV: ""}, r"--sentence '': The sentence is empty"),
        ({CONTRAST_ENV: "😀 🤖"}, r"--contrast '😀 🤖': The model knows none of"),
        (
            {SENTENCE_ENV: "model " * 600},
            r"602 tokens long \(with \[CLS\] and \[SEP\]\), but the model reads at most 512",
        ),
        (
            {SENTENCE_ENV: TOO_LONG_FOR_GRID},
            r"is 16 tokens with \[CLS\] and \[SEP\]; "
            rf"the attention grid shows at most {MAX_TOKENS}: shorten it\.",
        ),
        (
            {FOCUS_ENV: "runway"},
            r"--focus 'runway' must be in both sentences, but in --sentence: "
            r"'runway' is not in the sentence; its words are: a, machine, learning, model\.",
        ),
        ({FOCUS_ENV: " "}, r"--focus is empty"),
        (
            {SENTENCE_ENV: "the model", CONTRAST_ENV: "a model"},
            r"'model' has no content word beside it",
        ),
    ],
)
def test_bad_inputs_are_input_errors_with_a_clear_message(env, message, monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InputError, match=message):
        read_inputs()


def test_a_bad_input_stops_the_scene_with_one_line_and_exit_code_2(tmp_path, monkeypatch, capsys):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(SENTENCE_ENV, TOO_LONG_FOR_GRID)
    with pytest.raises(SystemExit) as stop:
        render_numbers(Attention, tmp_path)
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"nnexplain Attention: error: --sentence {TOO_LONG_FOR_GRID!r} is 16 tokens with "
        f"[CLS] and [SEP]; the attention grid shows at most {MAX_TOKENS}: shorten it."
    ]
    assert not list(tmp_path.rglob("*.numbers.json"))


@frames_comparison
def test_attention_grids_frame(scene: Scene):
    """The key frame: the chosen head's real pattern for both default sentences."""
    sentences = tuple(inputs.Sentence(var, t, encode(t)) for var, t in ENV_DEFAULTS)
    focus = tuple(token_index(s.encoding, "model") for s in sentences)
    choice = choose_head([s.encoding for s in sentences], list(focus))
    scene.add(*attention_grids(sentences, focus, choice))


@frames_comparison
def test_head_columns_frame(scene: Scene):
    """The mechanism's key frame: "model"'s query, every key, the scores and the weights,
    of the chosen head on the default sentence."""
    enc = encode(A)
    i = token_index(enc, "model")
    choice = choose_head([enc, encode(B)], [i, token_index(encode(B), "model")])
    work = head_at_work(enc, choice.layer + 1, choice.head + 1, i)
    names = {n: n for n in ("query", "keys", "values", "scores", "weights", "output")}
    picture = HeadColumns(
        work.tokens, i, work.query, work.keys, work.values,
        work.scores, work.weights, work.output, names,
    )  # fmt: skip
    # The values and what the head adds come in later, in the keys' place.
    picture.remove(picture.value_columns, picture.output_column)
    picture.remove(picture.labels["values"], picture.labels["output"])
    scene.add(picture.scale_to_fit_width(12).center())

"""The lecture in another language: its script, its numbers, its voice, its truth check.

``SceneInputs.language`` chooses ``scenes/script/<language>/`` and the locale its numbers
are written in ("0,86", "13.002" in Spanish), on screen and in the narration; the truth
check reads them back in that locale; espeak-ng speaks Spanish, piper refuses to. With
``SceneInputs.subtitles``, every beat also records its sentences in a second language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from manim import Circle, Create
from scenetools import render_numbers

from nncore.errors import InputError
from scenes import numerals, script
from scenes.audio import narration, voice
from scenes.contract import Beat, Number, SceneInputs, Sentence
from scenes.explainer_scene import ExplainerScene
from scenes.style import number

TRAINED = {"train_digits": 4000, "accuracy": 0.905, "test_digits": 1000}


# -- which script --------------------------------------------------------------------------


def test_english_and_spanish_ship_and_an_unknown_language_is_one_line():
    assert {"en", "es"} <= set(script.languages())
    with pytest.raises(InputError) as e:
        script.load(language="fr")
    assert (
        str(e.value)
        == f"language 'fr' is not shipped: choose one of {', '.join(script.languages())}"
    )


def test_the_spanish_bundle_writes_numbers_as_spanish_does():
    en, es = script.load(), script.load(language="es")
    assert "4,000 MNIST digits, 90.5% right on 1,000" in en.words(
        "story", "trained-note", **TRAINED
    )
    said = es.words("story", "trained-note", **TRAINED)
    assert "4.000" in said and "90,5\xa0%" in said and "1.000" in said, said


def test_a_teachers_spanish_folder_overrides_the_spanish_script_only(tmp_path):
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "story.ftl").write_text("untrained-note = red nueva, semilla { $seed }\n")
    es = script.load(tmp_path, language="es")
    assert es.words("story", "untrained-note", seed=13) == "red nueva, semilla 13"
    with pytest.raises(InputError, match="holds no en/ folder"):
        script.load(tmp_path)
    before = script.digest(tmp_path, ["input_layer"], "es")
    assert before != script.digest(tmp_path, ["input_layer"], "en")
    (tmp_path / "es" / "story.ftl").write_text("untrained-note = otra red, { $seed }\n")
    assert script.digest(tmp_path, ["input_layer"], "es") != before


def test_export_writes_the_language_asked_for(tmp_path):
    written = script.export(tmp_path, language="es")
    assert written and all(p.parent == tmp_path / "es" for p in written)
    assert (tmp_path / "es" / "story.ftl").read_bytes() == (
        script.SHIPPED / "es" / "story.ftl"
    ).read_bytes()


# -- parity: a translation holds the English ids, variables and sentences --------------------


@pytest.mark.parametrize("language", [x for x in script.languages() if x != script.LANGUAGE])
def test_every_shipped_translation_mirrors_the_english_script(language):
    assert script.parity(language) == []


ENGLISH = """\
greeting = Hello { $name }. How are you?
    .spoken = Hello { $name }. How are you doing?
cost = The cost is { NUMBER($cost, minimumFractionDigits: 2) }.
    .note = a cost
"""
SPANISH = """\
greeting = Hola, { $name }. ¿Qué tal?
    .spoken = Hola, { $name }. ¿Cómo estás?
cost = El coste es { NUMBER($cost, minimumFractionDigits: 2) }.
    .note = un coste
"""


def fixture_script(tmp_path: Path, spanish: str) -> Path:
    for language, text in (("en", ENGLISH), ("es", spanish)):
        (tmp_path / language).mkdir(parents=True)
        (tmp_path / language / "words.ftl").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("spanish", "fault"),
    [
        (SPANISH, None),
        (SPANISH.split("cost =")[0],
         "no message 'cost'"),
        (SPANISH + "extra = Más.\n", "message 'extra' is not in English"),
        (SPANISH.replace("{ $name }. ¿Qué", "{ $name } { $age }. ¿Qué"),
         "message 'greeting' uses $age, $name, English $name"),
        (SPANISH.replace("2) }.", "2) }. Nada más."),
         "message 'cost': its text has 2 sentences, English 1"),
        (SPANISH.replace("    .note = un coste\n", ""),
         "message 'cost' lacks the .note English has"),
        (SPANISH + "    .hint = más\n", "message 'cost' has the .hint English lacks"),
        # A voice's own spoken form, there or not, is no fault.
        (SPANISH.replace("    .spoken = Hola, { $name }. ¿Cómo estás?\n", ""), None),
        (SPANISH.replace("un coste\n", "un coste\n    .spoken = El coste es { $cost }.\n"),
         None),
    ],
)  # fmt: skip
def test_parity_finds_a_missing_id_an_extra_variable_and_a_sentence_count(tmp_path, spanish, fault):
    faults = script.parity("es", fixture_script(tmp_path, spanish))
    if fault is None:
        assert faults == []
    else:
        assert len(faults) == 1 and fault in faults[0], faults


def test_a_missing_file_breaks_parity(tmp_path):
    root = fixture_script(tmp_path, SPANISH)
    (root / "en" / "more.ftl").write_text("more = More.\n")
    assert script.parity("es", root) == [f"{root / 'es'}: no more.ftl"]


def test_subtitles_must_have_the_narrations_sentences(tmp_path):
    es = script.load(root=fixture_script(tmp_path, SPANISH), language="es")
    assert es.subtitle("words", "greeting", 2, name="Ana") == ("Hola, Ana.", "¿Qué tal?")
    with pytest.raises(InputError, match=r"words.ftl:1: message 'greeting' has 2 sentences"):
        es.subtitle("words", "greeting", 3, name="Ana")


# -- sentences and spoken numbers ---------------------------------------------------------


def test_spanish_sentences_keep_their_opening_marks_and_abbreviations():
    text = (
        "¿Cuánto cuesta? Cuesta 0,86, p. ej. con 13.002 pesos. ¡Listo! "
        "Si acierta, ¿por qué? y sigue."
    )
    assert voice.split_sentences(text, "es") == [
        "¿Cuánto cuesta?",
        "Cuesta 0,86, p. ej. con 13.002 pesos.",
        "¡Listo!",
        "Si acierta, ¿por qué? y sigue.",
    ]
    # "no." ends a Spanish sentence; in English it is "number".
    assert voice.split_sentences("La respuesta es no. Otra.", "es") == [
        "La respuesta es no.",
        "Otra.",
    ]
    assert len(voice.split_sentences("It is no. 5 here.")) == 1


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("0,86", "0,86"),  # espeak-ng -v es: "cero coma ochenta y seis"
        ("13.002", "13.002"),  # "trece mil dos"
        ("89,7 %", "89,7 %"),  # "ochenta y nueve coma siete por ciento"
        ("-0,27", "menos 0,27"),  # espeak-ng drops the minus
        ("2,00", "2"),
        ("0,50", "0,5"),
        ("-0,00", "0"),
        ("0,0000096", "9,6 millonésimas"),  # else "cero coma cero cero cero cero ..."
        ("0,00037", "370 millonésimas"),
        ("0,0004 %", "400 millonésimas %"),
    ],
)
def test_spanish_numbers_are_spoken_as_espeak_reads_them_right(written, spoken):
    assert script.spoken_numbers(f"son {written} aquí", "es") == f"son {spoken} aquí"


def test_english_rewrites_are_not_applied_to_spanish():
    assert voice.speakable("el input y el error", "es") == "el input y el error"
    assert voice.speakable("the input and the error") == "the inn-put and the err-or"
    assert voice.speakable("w \u2212 1", "es") == "w menos 1"


# -- the truth check in the locale ---------------------------------------------------------


def test_the_truth_check_reads_spanish_numbers():
    text = "El coste es 0,86, de 13.002 pesos; 89,7 % bien, y -0,27."
    assert narration.spoken_numbers(text, "es") == ["0,86", "13.002", "89,7", "-0,27"]
    assert narration.unmatched(text, [0.8612, 13002, 0.897, -0.2701], "es") == []
    # "13.002" is thirteen thousand and two in Spanish, never 13.002; "0,86" is not 0.87.
    assert narration.unmatched(text, [0.8612, 13.002, 0.897, -0.2701], "es") == ["13.002"]
    assert narration.unmatched("cuesta 0,86", [0.87], "es") == ["0,86"]
    assert not narration.reads_as("0,86", 86.0, "es") and narration.reads_as("0,86", 0.86, "es")
    # The same words read as English would be other numbers.
    assert narration.spoken_numbers("0,86 y 13.002") == ["0", "86", "13.002"]
    records = [Number("cost", 0.8612, "nncore.mlp.cost"), Number("weights", 13002, "count")]
    said = narration.said("cuesta 0,86 con 13.002 pesos", records, "es")
    assert [(s.written, s.label, s.value) for s in said] == [
        ("0,86", "cost", 0.8612),
        ("13.002", "weights", 13002.0),
    ]


def test_english_numbers_are_read_as_before():
    text = "The cost is 3.45, of 13,002 weights, 90.5 % right, -0.27."
    assert narration.spoken_numbers(text) == ["3.45", "13,002", "90.5", "-0.27"]
    assert narration.unmatched(text, [3.4512, 13002.0, 0.905, -0.27]) == []


# -- numbers on screen ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [0.86, 13002.5, -0.001, -0.27, 1234567.891, 0.125, 2.675, 0.0])
@pytest.mark.parametrize("places", [0, 1, 2, 3])
def test_english_numbers_are_written_byte_for_byte_as_python_writes_them(value, places):
    assert numerals.written(value, places) == f"{value:,.{places}f}"
    assert numerals.written(value, places, grouping=False) == f"{value:.{places}f}"


def test_spanish_numbers_on_screen(monkeypatch):
    assert numerals.written(13002.5, 2, "es") == "13.002,50"
    assert numerals.written(0.86, 2, "es", grouping=False) == "0,86"
    monkeypatch.setenv(SceneInputs.variable("language"), "es")
    shown = number(13002.5, places=2)
    assert "".join(m.original_text for m in shown) == "13.002,50"
    shown.set_value(-0.004)
    assert "".join(m.original_text for m in shown) == "0,00"  # no minus on a zero, as manim
    monkeypatch.setenv(SceneInputs.variable("language"), "en")
    assert "".join(m.original_text for m in number(13002.5, places=2)) == "13,002.50"


# -- the voice -----------------------------------------------------------------------------


def test_piper_refuses_spanish_in_one_line(tmp_path):
    with pytest.raises(InputError) as e:
        voice.synthesize("Hola.", "piper", tmp_path, language="es")
    assert str(e.value) == "piper has only an English voice here: use --voice espeak"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_espeak_speaks_spanish_with_its_spanish_voice_cached_apart(tmp_path):
    assert voice.voice_identity("espeak", "es")["voice"] == "es"
    en = voice.synthesize("Uno. Dos.", "espeak", tmp_path)
    es = voice.synthesize("Uno. Dos.", "espeak", tmp_path, language="es")
    assert en.wav != es.wav and en.wav.read_bytes() != es.wav.read_bytes()
    assert [s for s, _, _ in es.sentences] == ["Uno.", "Dos."]


# -- a beat's record -----------------------------------------------------------------------


def test_a_beats_subtitles_cross_the_json_round_trip():
    beat = Beat("b", 0.0, 2.0, "One. Two.", "One. Two.", "none",
                (Sentence("One.", 0.0, 1.0), Sentence("Two.", 1.0, 2.0)),
                subtitles={"es": ("Uno.", "Dos.")})  # fmt: skip
    assert Beat.from_json(beat.to_json()) == beat
    assert beat.to_json()["subtitles"] == {"es": ["Uno.", "Dos."]}
    assert Beat.from_json({**beat.to_json(), "subtitles": {}}).subtitles == {}


class TrainedNote(ExplainerScene):
    """One beat whose narration (story.ftl's trained-note) says three recorded numbers."""

    def construct(self) -> None:
        told = {k: self.numbers.record(k, v, "a test") for k, v in TRAINED.items()}
        with self.beat("note", say=self.say("trained-note", **told)):
            self.play(Create(Circle()), run_time=0.5)
            self.add(number(told["accuracy"], places=3))


def test_a_spanish_render_says_and_checks_spanish_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv(SceneInputs.variable("language"), "es")
    (beat,) = render_numbers(TrainedNote, tmp_path)["beats"]
    assert "4.000" in beat["say"] and "90,5 %" in beat["say"]  # a narration is one paragraph
    assert [s["written"] for s in beat["said"]] == ["4.000", "90,5", "1.000"]
    assert [t["text"] for t in beat["texts"]] == ["0,905"]  # as it is drawn
    assert beat["subtitles"] == {}


def test_an_english_render_records_spanish_subtitles_sentence_by_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv(SceneInputs.variable("subtitles"), "es")
    (beat,) = render_numbers(TrainedNote, tmp_path)["beats"]
    assert "4,000" in beat["say"]
    (spanish,) = beat["subtitles"]["es"]
    assert spanish == " ".join(
        script.load(language="es").words("story", "trained-note", **TRAINED).split()
    )
    assert len(beat["subtitles"]["es"]) == len(beat["sentences"])


def test_an_unknown_subtitle_language_stops_the_render_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv(SceneInputs.variable("subtitles"), "xx")
    with pytest.raises(SystemExit):
        render_numbers(TrainedNote, tmp_path)


def test_words_given_to_a_message_of_another_language_are_remade_in_it(tmp_path):
    root = fixture_script(tmp_path, SPANISH)
    en, es = (script.load(root=root, language=lang) for lang in ("en", "es"))
    cost = en.words("words", "cost", cost=0.5)
    assert cost == "The cost is 0.50." and isinstance(cost, str)
    # Given as a variable to the Spanish message, it is written as Spanish writes it.
    assert es.words("words", "greeting", name=cost) == "Hola, El coste es 0,50.. ¿Qué tal?"
    assert en.words("words", "greeting", name=cost).startswith("Hello The cost is 0.50.")

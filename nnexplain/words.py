"""The app's own words: each chapter's title and concept, and every word the app writes for a
viewer (title cards, index page, slides, handout, transcript, quiz page, SCORM package), read
from the script in the render's language: ``scenes/script/<language>/chapters.ftl`` and
``app.ftl``. A teacher's ``--script DIR`` rewords them as it rewords the scenes.

Scenes kept outside ``scenes/`` (``nnexplain.chapters.SCENES_DIR``, the tests' own) bring
their chapters' words beside them, in ``script/<language>/chapters.ftl``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nncore import data
from nnexplain import chapters
from nnexplain.chapters import Chapter
from scenes import script
from scenes.contract import SceneInputs

CHAPTERS = "chapters"  # chapters.ftl: a chapter's title is the message named after it
APP = "app"  # app.ftl: the words of the pages, the deck, the handout, the cards
CONCEPT = "-concept"  # "input-layer-concept": what the chapter explains


def _concept_values() -> dict[str, Any]:
    """The numbers a concept may say, from nncore: an MNIST image's side and pixel count."""
    return {"side": data.SIDE, "pixels": data.SIDE * data.SIDE}


@dataclass(frozen=True)
class Words:
    """The app's words in one language, a teacher's in place of the shipped ones."""

    script: script.Script

    @property
    def language(self) -> str:
        return self.script.language

    def __call__(self, message_id: str, /, **args: Any) -> str:
        """Message ``message_id`` of ``app.ftl``, written."""
        return self.script.words(APP, message_id, **args)

    def title(self, chapter: Chapter) -> str:
        return self.script.words(CHAPTERS, chapter.name)

    def concept(self, chapter: Chapter) -> str:
        text = self.script.words(CHAPTERS, chapter.name + CONCEPT, **_concept_values())
        return " ".join(text.split())  # one line, however the file wraps it


def load(inputs: SceneInputs) -> Words:
    """The words of a render told ``inputs`` (its ``language`` and ``script``).

    Raises
    ------
    InputError
        For a fault in a script file, in one line naming ``file:line``.
    """
    language = inputs.language or script.LANGUAGE
    words = script.load(Path(inputs.script) if inputs.script else None, language=language)
    own = chapters.SCENES_DIR / "script" / language / f"{CHAPTERS}.ftl"
    if chapters.SCENES_DIR != chapters.SHIPPED_SCENES and own.is_file():
        # Their chapters beside the shipped ones, a teacher's wording still first.
        words.files[CHAPTERS] = {
            **script.parse_file(own, language),
            **words.files.get(CHAPTERS, {}),
        }
    return Words(words)

"""Concept 10: attention lets "model" take its meaning from its context.

"a machine learning model" and "a fashion model" start "model" from the same row of
the embedding matrix. One real attention head shows where each word looks; arrows
show "model" taking in its context; layer by layer its two vectors drift apart
(cosine 0.99 at the input, 0.66 after layer 6), and each ends nearer the words of
its own meaning (probe words, for "model" only: see :data:`PROBE_WORDS`). Every
number comes from :mod:`nncore.transformer` and :mod:`nncore.attention_probe` and is
logged in the ``.numbers.json`` sidecar.

Render::

    manim -pql scenes/attention.py Attention

The sentences and the shared word are ``NNEXPLAIN_SENTENCE``, ``NNEXPLAIN_CONTRAST``
and ``NNEXPLAIN_FOCUS`` (see :mod:`scenes.inputs`)::

    NNEXPLAIN_SENTENCE="the river bank" NNEXPLAIN_CONTRAST="the bank account" \\
        NNEXPLAIN_FOCUS=bank manim -pql scenes/attention.py Attention
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    Create,
    Dot,
    FadeTransform,
    Group,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    Mobject,
    ReplacementTransform,
    Square,
    Text,
    VGroup,
    VMobject,
    Write,
)

from nncore.attention_head import HeadAtWork, head_at_work
from nncore.attention_probe import (
    ContextPaths,
    HeadChoice,
    choose_head,
    content_positions,
    context_cosines,
    context_paths,
    probe_cosines,
)
from nncore.transformer import Encoding, load_model
from scenes import inputs, numerals, script
from scenes.audio.narration import spoken_numbers
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.attention_grid import AttentionGrid
from scenes.mobjects.bar_row import BarRow
from scenes.mobjects.context_arrows import ContextArrows
from scenes.mobjects.head_columns import HeadColumns
from scenes.mobjects.token_row import TokenRow
from scenes.mobjects.vector_column import VectorColumn
from scenes.mobjects.word_map import WordMap, fit_into, overlap
from scenes.style import (
    BODY_SIZE,
    HIGHLIGHT,
    LABEL_SIZE,
    POSITIVE,
    SMALL_SIZE,
    SOURCE_TEXT,
    TEXT,
    fit_safe_width,
    number,
    safe_width,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    within_safe_area,
    written,
)

MAX_TOKENS = 12  # rows of the attention grid, [CLS] and [SEP] included
SHOWN_DIMS = 7  # of the "model" vector's 384: the first four, an ellipsis, the last three
# Words plainly of one sense or the other of a focus word, by its token. The story's
# "model" has them; for another focus word the scene ends before the probe words.
PROBE_WORDS = {"model": ("algorithm", "runway", "clothes")}
MIN_VALUE_OPACITY = 0.1  # a value column's brackets, weighted near zero, still show faintly
HEAD_SQUARE = 0.42  # side of one head's square in the grid of every head
GRID_GAP = 1.0  # between the two attention grids
ROW_Y = (1.3, -1.9)  # the two sentences' token rows, when arrows arc above them
ARC_MAX_HEIGHT = 1.4  # arrows arcing above a row stay clear of the header and the row above
BARS_HEIGHT = 2.6
TITLE_CHARS = 26  # longest line of a sentence above its "model" column or its probe cosines
SOURCE = "all-MiniLM-L6-v2"
MIN_LAYER_TIME = 0.8  # seconds per layer, at the least, as the two vectors change
LAST_BAR_LEAD = 1.5  # seconds into the sentence that gives the last cosine, its bar is up


def fit_between(mob: Mobject, above: Mobject, below: Mobject, gap: float = 0.3) -> float:
    """Centre ``mob`` in the band between ``above`` and ``below``, shrunk if it overflows.

    The band is as wide as the frame less its margins. Returns the factor ``mob`` was
    scaled by (1 if it fitted), for whatever later replaces parts of it.
    """
    top, bottom = above.get_bottom()[1] - gap, below.get_top()[1] + gap
    room = safe_width()
    scale = min(1.0, (top - bottom) / mob.height, room / mob.width)
    mob.scale(scale).move_to([0.0, (top + bottom) / 2, 0.0])
    return scale


def sentence_title(sentence: str, size: float) -> Text:
    """``sentence`` in quotes, broken into lines short enough to sit above a column."""
    return text(textwrap.fill(f'"{sentence}"', TITLE_CHARS), size=size, line_spacing=1.0)


def attention_grids(
    sentences: tuple[inputs.Sentence, ...], focus: tuple[int, ...], choice: HeadChoice
) -> tuple[VGroup, VGroup, VGroup]:
    """The chosen head's pattern for each sentence, side by side, under its title.

    Returns the titles, the grids (the focus word's row in yellow) and a frame around
    each focus row.
    """
    grids = VGroup(
        *(
            AttentionGrid(
                s.encoding.attentions[choice.layer, choice.head], s.encoding.tokens
            ).color_row(f)
            for s, f in zip(sentences, focus, strict=True)
        )
    ).arrange(RIGHT, buff=GRID_GAP)
    # Cells level with each other, whatever the height of the column labels above them.
    top = grids[0].cells.get_top()[1]
    for grid in grids[1:]:
        grid.shift((top - grid.cells.get_top()[1]) * UP)
    titles = VGroup(*(text(f'"{s.text}"', size=LABEL_SIZE) for s in sentences))
    y = grids.get_top()[1] + 0.2 + max(t.height for t in titles) / 2
    for title, grid in zip(titles, grids, strict=True):
        title.scale_to_fit_width(min(title.width, grid.width)).move_to([grid.get_x(), y, 0.0])
    frames = VGroup(*(g.row_frame(f) for g, f in zip(grids, focus, strict=True)))
    return titles, grids, frames


def read_inputs() -> tuple[inputs.Sentence, inputs.Sentence, inputs.Focus, HeadChoice]:
    """The two sentences, their shared word and the head to show.

    Raises
    ------
    InputError
        If a sentence is empty, unreadable or too long for the grid, the word is missing
        from one, or neither sentence gives it context to attend to.
    """
    a = inputs.sentence(MAX_TOKENS, "the attention grid")
    b = inputs.contrast(MAX_TOKENS, "the attention grid")
    focus = inputs.focus((a, b))
    return a, b, focus, choose_head([a.encoding, b.encoding], list(focus.positions))


def whole_word(tokens: list[str], k: int) -> tuple[str, list[int]]:
    """The word token ``k`` belongs to, its ``##`` pieces joined, and all its positions."""
    start = k
    while start > 0 and tokens[start].startswith("##"):
        start -= 1
    end = start + 1
    while end < len(tokens) and tokens[end].startswith("##"):
        end += 1
    word = tokens[start] + "".join(t[2:] for t in tokens[start + 1 : end])
    return word, list(range(start, end))


def strongest_context(enc: Encoding, focus: int, weights: np.ndarray) -> tuple[str, float] | None:
    """The content word the focus word gives most attention to (its pieces added), or None."""
    words: dict[str, float] = {}
    for k in content_positions(enc, focus):
        word, pieces = whole_word(enc.tokens, k)
        words[word] = float(weights[pieces].sum())
    if not words:
        return None
    best = max(words, key=words.__getitem__)  # the first of equals wins
    return best, words[best]


def typed_numbers(words: str) -> list[float]:
    """The numbers in words a user typed, as the narration's truth check reads them in the
    render's language (it quotes those words): "1,5" is 1.5 in Spanish."""
    language = script.current_language()
    return [float(numerals.plain(t, language)) for t in spoken_numbers(words, language)]


def words(message_id: str, **args: object) -> str:
    """A message of this scene's script file, attention.ftl."""
    return script.current().words("attention", message_id, **args)


def listed(names: list[str]) -> script.Words:
    """``["a", "b", "c"]`` -> ``"a, b and c"`` (the joining words from attention.ftl, of
    the language of the message it is given to)."""

    def join(words: script.Script) -> str:
        if len(names) == 1:
            return names[0]
        comma, last = (words.words("attention", m) for m in ("list-comma", "list-and"))
        return comma.join(names[:-1]) + last + names[-1]

    here = script.current()
    return script.Words(join(here), here.language, join)


ORDINALS = ("first", "second")  # of the two sentences: attention.ftl's variant keys
PLANE_WIDTH, PLANE_HEIGHT = 7.5, 4.6  # the box the fitted plane's points are scaled into
PATH_WIDTH = 4.0
MARK_GAP = 0.1  # the least room between the plane's input mark and the legend
PATH_COLORS = (POSITIVE, HIGHLIGHT)  # the first sentence's path, the second's


def context_plane(cp: ContextPaths, probes: Sequence[str], width: float, height: float) -> VGroup:
    """The two paths as lines through a dot per layer, and the probe words as grey dots.

    One scale serves both axes (as in :class:`WordMap`), so distances in the picture are
    the plane's. Attributes: ``start`` (the layer-0 dots), ``paths``, ``layer_dots``,
    ``probes`` (a :class:`WordMap`, empty without probe words).
    """
    xy = fit_into(np.concatenate([cp.paths.reshape(-1, 2), cp.probes]), width, height)
    n = cp.paths.shape[1]
    group = VGroup()
    group.paths, group.layer_dots, group.start = VGroup(), VGroup(), VGroup()
    for s, color in enumerate(PATH_COLORS):
        at = [np.array([x, y, 0.0]) for x, y in xy[s * n : (s + 1) * n]]
        group.paths.add(
            VMobject(stroke_color=color, stroke_width=PATH_WIDTH).set_points_as_corners(at)
        )
        group.start.add(Dot(at[0], radius=0.07, color=color))
        group.layer_dots.add(*(Dot(p, radius=0.045, color=color) for p in at[1:]))
    group.probes = VGroup()
    if len(probes):
        words = WordMap(cp.probes, list(probes), width, height)
        words.set_color(SOURCE_TEXT)
        # The same scale and centre as the paths: place each probe dot where ``layout`` has it.
        for dot, label, (x, y) in zip(words.dots, words.labels, xy[2 * n :], strict=True):
            offset = np.array([x, y, 0.0]) - dot.get_center()
            dot.shift(offset)
            label.shift(offset)
        group.probes = words
    group.add(group.paths, group.layer_dots, group.start, group.probes)
    return group


class Attention(ExplainerScene):
    """One word, two contexts: an attention head, the context flowing in, the vectors parting."""

    reads = ("sentence", "contrast", "focus")

    @classmethod
    def check_inputs(cls) -> None:
        read_inputs()  # and the head: the shared word must find context to attend to

    def construct(self) -> None:
        a, b, focus, choice = read_inputs()
        self.numbers.inputs = {"sentence": a.text, "contrast": b.text, "focus": focus.word}
        rows = self.show_sentences(a, b, focus)
        self.play(OpacityFadeOut(rows))
        work = head_at_work(a.encoding, choice.layer + 1, choice.head + 1, focus.positions[0])
        self.show_head_at_work(a, focus, work)
        self.show_heads_and_layers(work)
        self.show_attention_pattern(a, b, focus, choice)
        self.show_context_flowing_in(rows, a, b, focus, choice)
        parting = self.show_vectors_parting(a, b, focus)
        probes = PROBE_WORDS.get(a.encoding.tokens[focus.positions[0]], ())
        self.play(OpacityFadeOut(parting))
        plane = self.show_paths_in_a_plane(a, b, focus, probes)
        if probes:
            self.play(OpacityFadeOut(plane))
            self.show_probe_words(a, b, focus, probes)
        self.play(OpacityFadeOut(Group(*self.mobjects)))
        self.close(focus)

    def show_sentences(self, a: inputs.Sentence, b: inputs.Sentence, focus: inputs.Focus) -> VGroup:
        """Both sentences, then their tokens; the shared word in yellow."""
        rows = VGroup()
        for s, f, y in zip((a, b), focus.positions, ROW_Y, strict=True):
            row = TokenRow(s.encoding.tokens)
            fit_safe_width(row)
            row.set_y(y)
            row.labels[f].set_color(HIGHLIGHT)
            row.boxes[f].set_stroke(HIGHLIGHT)
            rows.add(row)
        sentences = VGroup(
            *(
                text(s.text, size=BODY_SIZE).move_to(r).scale_to_fit_width(r.width)
                for s, r in zip((a, b), rows, strict=True)
            )
        )
        note = to_safe_edge(source_note(SOURCE), DOWN)
        word = focus.word
        # The narration quotes the focus word: any number in it is the user's.
        self.numbers.record(
            "numbers in the focus word",
            typed_numbers(word),
            f"{inputs.FOCUS_ENV}, as typed",
        )
        i, j = focus.positions
        say = self.say("two-sentences", word=word, same_position="yes" if i == j else "no")
        with self.beat("two-sentences", say=say) as beat:
            self.play(LaggedStart(*(Write(s) for s in sentences), lag_ratio=0.5))
            self.wait_for_sentence(beat, 1)
            self.play(
                *(ReplacementTransform(s, r) for s, r in zip(sentences, rows, strict=True)),
                OpacityFadeIn(note),
            )
            self.wait_for_sentence(beat, 2)
            self.play(
                *(
                    Indicate(r.cell(f), color=HIGHLIGHT)
                    for r, f in zip(rows, focus.positions, strict=True)
                )
            )
        self.play(OpacityFadeOut(note))
        return rows

    def show_head_at_work(self, a: inputs.Sentence, focus: inputs.Focus, work: HeadAtWork) -> None:
        """The mechanism, for the focus word of the first sentence in the chosen head: its
        query against every key, the scaled dot products, their softmax, the weighted values."""
        word = focus.word
        row = self.numbers.record(
            "attention row", work.row(a.text), "nncore.attention_head.head_at_work(...).row"
        )
        d = self.numbers.record("head size", int(work.query.size), "head_at_work(...).query.size")
        self.numbers.record("query", work.query, "head_at_work(...).query")
        self.numbers.record("keys", work.keys, "head_at_work(...).keys")
        self.numbers.record("values", work.values, "head_at_work(...).values")
        self.numbers.record("head output", work.output, "head_at_work(...).output")
        names = {
            name: self.words(f"work-{name}", word=word)
            for name in ("query", "keys", "values", "scores", "weights", "output")
        }
        picture = HeadColumns(
            work.tokens, work.query_index, work.query, work.keys, work.values,
            work.scores, work.weights, work.output, names,
        )  # fmt: skip
        header = to_safe_edge(
            text(self.words("work-header", layer=work.layer, head=work.head), size=BODY_SIZE), UP
        )
        note = source_note(self.words("work-note", source=SOURCE, dims=d))
        to_safe_edge(fit_safe_width(note), DOWN)
        fit_between(picture, header, note, gap=0.25)
        top = int(np.argmax(work.weights))
        # The content word that answers the query best (the word itself, [CLS], [SEP] and
        # little words left out), else whichever token does.
        content = content_positions(a.encoding, work.query_index)
        best = max(content, key=lambda t: work.scores[t]) if content else top
        best_score, best_weight = row["scores"][best], row["weights"][best]

        say = self.say("query-key", word=word, layer=work.layer, head=work.head, dims=d)
        with self.beat("query-key", say=say) as beat:
            self.play(Write(header), OpacityFadeIn(picture.row), OpacityFadeIn(note))
            self.wait_for_sentence(beat, 3)
            self.play(OpacityFadeIn(picture.query_column), OpacityFadeIn(picture.labels["query"]))
            self.wait_for_sentence(beat, 4)
            self.play(
                LaggedStart(*(OpacityFadeIn(c) for c in picture.key_columns), lag_ratio=0.15),
                OpacityFadeIn(picture.labels["keys"]),
                run_time=1.5,
            )
        say = self.say("scores", word=word, dims=d, best=work.tokens[best], score=best_score)
        with self.beat("scores", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(
                *(
                    FadeTransform(VGroup(picture.query_column, key).copy(), score)
                    for key, score in zip(picture.key_columns, picture.score_numbers, strict=True)
                ),
                OpacityFadeIn(picture.labels["scores"]),
                run_time=2,
            )
            self.wait_for_sentence(beat, 3)
            self.play(Indicate(picture.score_numbers[best], color=HIGHLIGHT))
        say = self.say("softmax", word=word, best=work.tokens[best], weight=best_weight,
                       top=work.tokens[top])  # fmt: skip
        with self.beat("softmax", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(
                *(
                    FadeTransform(score.copy(), weight)
                    for score, weight in zip(
                        picture.score_numbers, picture.weight_numbers, strict=True
                    )
                ),
                OpacityFadeIn(picture.labels["weights"]),
                run_time=1.5,
            )
            self.wait_for_sentence(beat, 2)
            self.play(Indicate(picture.weight_numbers[best], color=HIGHLIGHT))
        # The values take the keys' place, each bracketed in yellow as strong as the word's
        # weight (its numbers stay readable).
        for value, w in zip(picture.value_columns, work.weights, strict=True):
            value.brackets.set_stroke(HIGHLIGHT, opacity=max(float(w), MIN_VALUE_OPACITY) ** 0.5)
        say = self.say("values", word=word, dims=d, layer=work.layer)
        with self.beat("values", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(
                *(
                    FadeTransform(key, value)
                    for key, value in zip(picture.key_columns, picture.value_columns, strict=True)
                ),
                FadeTransform(picture.labels["keys"], picture.labels["values"]),
                run_time=1.5,
            )
            self.wait_for_sentence(beat, 2)
            self.play(
                *(FadeTransform(v.copy(), picture.output_column) for v in picture.value_columns),
                OpacityFadeIn(picture.labels["output"]),
                run_time=2,
            )
        self.play(OpacityFadeOut(Group(*self.mobjects)))

    def show_heads_and_layers(self, work: HeadAtWork) -> None:
        """How many heads do this: a square per head, a row per layer, the one shown in yellow."""
        cfg = load_model().cfg
        n_layers = self.numbers.record("layers", cfg.n_layer, "nncore.transformer.Config.n_layer")
        n_heads = self.numbers.record(
            "heads per layer", cfg.n_head, "nncore.transformer.Config.n_head"
        )
        total = self.numbers.record("heads", n_layers * n_heads, "layers x heads per layer")
        squares = VGroup(
            *(
                Square(HEAD_SQUARE, stroke_width=1.5, stroke_color=TEXT).set_fill(
                    HIGHLIGHT if (l + 1, h + 1) == (work.layer, work.head) else POSITIVE,
                    opacity=1.0 if (l + 1, h + 1) == (work.layer, work.head) else 0.35,
                )
                for l in range(n_layers)
                for h in range(n_heads)
            )
        ).arrange_in_grid(rows=n_layers, cols=n_heads, buff=0.12)
        layer_names = VGroup(
            *(
                text(self.words("layer-name", layer=l + 1), size=SMALL_SIZE).next_to(
                    squares[l * n_heads], LEFT, buff=0.3
                )
                for l in range(n_layers)
            )
        )
        header = to_safe_edge(text(self.words("heads-header", heads=total), size=BODY_SIZE), UP)
        picture = VGroup(squares, layer_names).move_to(0.2 * DOWN)
        say = self.say("heads-layers", layers=n_layers, heads=n_heads, total=total)
        with self.beat("heads-layers", say=say) as beat:
            self.play(Write(header))
            self.play(
                LaggedStart(*(OpacityFadeIn(q) for q in squares), lag_ratio=0.02),
                OpacityFadeIn(layer_names),
                run_time=2,
            )
            self.wait_for_sentence(beat, 2)
            self.play(Indicate(squares[(work.layer - 1) * n_heads + work.head - 1]))
        self.play(OpacityFadeOut(VGroup(header, picture)))

    def close(self, focus: inputs.Focus) -> None:
        """What the chapter showed, in one picture: the lecture's last words."""
        lines = VGroup(
            *(
                text(self.words(f"close-{k}"), size=BODY_SIZE, color=c)
                for k, c in ((1, TEXT), (2, TEXT), (3, HIGHLIGHT))
            )
        ).arrange(DOWN, buff=0.5)
        within_safe_area(lines.move_to(0.3 * UP))
        with self.beat("close", say=self.say("close", word=focus.word)) as beat:
            for k, line in enumerate(lines):
                self.wait_for_sentence(beat, k + 1)
                self.play(OpacityFadeIn(line, shift=0.2 * UP))

    def show_attention_pattern(
        self,
        a: inputs.Sentence,
        b: inputs.Sentence,
        focus: inputs.Focus,
        choice: HeadChoice,
    ) -> None:
        """The chosen head's full pattern for both sentences, and why this head."""
        layer = self.numbers.record("layer shown", choice.layer + 1, "choose_head(...).layer + 1")
        head = self.numbers.record("head shown", choice.head + 1, "choose_head(...).head + 1")
        n_layers, n_heads = a.encoding.attentions.shape[:2]  # recorded with the heads' grid
        header = text(self.words("head-header", layer=layer, head=head), size=BODY_SIZE)
        to_safe_edge(header, UP)
        for s in (a, b):
            self.numbers.record(
                f"attention {s.variable}",
                s.encoding.attentions[choice.layer, choice.head],
                f"encode({s.variable}).attentions[{choice.layer}, {choice.head}]",
            )
        titles, grids, frames = attention_grids((a, b), focus.positions, choice)
        skipped = ", ".join(
            self.words("skipped-head", layer=l + 1, head=h + 1) for l, h in choice.skipped
        )
        rule = VGroup(
            source_note(
                self.words(
                    "head-rule", layers=n_layers, heads=n_heads, source=SOURCE, word=focus.word
                )
            ),
            source_note(
                self.words("head-rule-sum", skipped="yes" if skipped else "no", heads=skipped)
            ),
        ).arrange(DOWN, buff=0.08)
        to_safe_edge(fit_safe_width(rule), DOWN)
        picture = VGroup(titles, grids, frames)
        fit_between(picture, header, rule)
        say = self.say(
            "attention-pattern",
            layer=layer,
            head=head,
            word=focus.word,
            skipped="yes" if skipped else "no",
        )
        with self.beat("attention-pattern", say=say) as beat:
            self.play(Write(header))
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(titles), OpacityFadeIn(grids, lag_ratio=0.01), run_time=2)
            self.wait_for_sentence(beat, 3)
            self.play(OpacityFadeIn(rule), Create(frames))
        self.play(OpacityFadeOut(VGroup(header, titles, grids, rule, frames)))

    def show_context_flowing_in(
        self,
        rows: VGroup,
        a: inputs.Sentence,
        b: inputs.Sentence,
        focus: inputs.Focus,
        choice: HeadChoice,
    ) -> None:
        """Arrows from each word into the focus word, as strong as its attention to them."""
        word = focus.word
        header = text(self.words("context-header", word=word), size=BODY_SIZE)
        to_safe_edge(header, UP)
        arrows = VGroup()
        told: dict[str, object] = {}
        for s, f, row, ordinal in zip((a, b), focus.positions, rows, ORDINALS, strict=True):
            weights = s.encoding.attentions[choice.layer, choice.head, f]
            for k, token in enumerate(s.encoding.tokens):
                self.numbers.record(
                    f"arrow {s.variable} {k} ({token})",
                    float(weights[k]),
                    f"encode({s.variable}).attentions[{choice.layer}, {choice.head}, {f}, {k}]",
                )
            flow = ContextArrows(row, f, weights, max_height=ARC_MAX_HEIGHT)
            flow.labels[f].set_color(HIGHLIGHT)
            arrows.add(flow)
            strongest = strongest_context(s.encoding, f, weights)
            told[f"{ordinal}_has"] = "no" if strongest is None else "yes"
            if strongest is None:
                continue
            context, share = strongest
            share = self.numbers.record(
                f"strongest context {s.variable}",
                share,
                f"encode({s.variable}).attentions[{choice.layer}, {choice.head}, {f}] summed "
                f"over the pieces of {context!r}",
            )
            told[f"{ordinal}_context"], told[f"{ordinal}_share"] = context, share
            # The narration quotes the sentence's own words: any number in them is the user's.
            self.numbers.record(
                f"numbers in {s.variable}'s word {context!r}",
                typed_numbers(context),
                f"the words of {s.variable}, as typed",
            )
        note = source_note(
            self.words("context-note", layer=choice.layer + 1, head=choice.head + 1, word=word)
        )
        to_safe_edge(fit_safe_width(note), DOWN)
        say = self.say("context", word=word, **told)
        with self.beat("context", say=say) as beat:
            self.play(Write(header), OpacityFadeIn(rows), OpacityFadeIn(note))
            for k, flow in enumerate(arrows):
                self.wait_for_sentence(beat, k + 1)
                self.play(Create(flow.arrows, lag_ratio=0.1), run_time=1.5)
                self.play(OpacityFadeIn(flow.labels))
        self.play(OpacityFadeOut(VGroup(header, rows, arrows, note)))

    def show_vectors_parting(
        self, a: inputs.Sentence, b: inputs.Sentence, focus: inputs.Focus
    ) -> VGroup:
        """The focus word's vector in each sentence, layer by layer, and their cosine.

        Returns everything it leaves on screen.
        """
        (i, j), word = focus.positions, focus.word
        hidden_a, hidden_b = a.encoding.hidden_states[:, i], b.encoding.hidden_states[:, j]
        n_states = len(hidden_a)
        cosines = self.numbers.record(
            "cosine per layer",
            context_cosines(a.encoding, i, b.encoding, j),
            "nncore.attention_probe.context_cosines",
        )
        header = text(self.words("vectors-header", word=word), size=BODY_SIZE)
        to_safe_edge(header, UP)
        columns = VGroup(
            *(
                VectorColumn(h[0], max_shown=SHOWN_DIMS, places=2, color_by="sign")
                for h in (hidden_a, hidden_b)
            )
        )
        titles = VGroup(*(sentence_title(s.text, SMALL_SIZE) for s in (a, b)))
        # Side by side, each as wide as the wider of its title and column.
        pairs = VGroup(
            *(VGroup(t, c).arrange(DOWN, buff=0.25) for t, c in zip(titles, columns, strict=True))
        ).arrange(RIGHT, buff=0.6, aligned_edge=DOWN)
        stage = text(self.words("stage-input"), size=LABEL_SIZE, color=HIGHLIGHT)
        stage.next_to(pairs, DOWN, buff=0.35)
        stage_names = [self.words("bars-input")] + [str(l) for l in range(1, n_states)]
        bars = BarRow(cosines, stage_names, height=BARS_HEIGHT)
        bars_title = text(self.words("bars-title", word=word), size=LABEL_SIZE)
        bars_title.next_to(bars, UP, buff=0.5)
        axis = text(self.words("bars-axis"), size=SMALL_SIZE, color=SOURCE_TEXT)
        axis.next_to(bars.names, DOWN, buff=0.15)
        dims = self.numbers.record(
            "vector size", int(hidden_a.shape[1]), "encode(sentence).hidden_states.shape"
        )
        shown = columns[0].shown_indices
        first = int(np.sum(shown < dims // 2))
        note = source_note(
            self.words(
                "vectors-note", source=SOURCE, first=first, last=len(shown) - first, dims=dims
            )
        )
        to_safe_edge(fit_safe_width(note), DOWN)
        picture = VGroup(VGroup(pairs, stage), VGroup(bars_title, bars, axis))
        picture.arrange(RIGHT, buff=1.2)
        scale = fit_between(picture, header, note)
        for l in range(n_states):
            for s, h, k in ((a.variable, hidden_a, i), (b.variable, hidden_b, j)):
                for d in columns[0].shown_indices:
                    self.numbers.record(
                        f"vector {s} layer {l} dim {d}",
                        float(h[l, d]),
                        f"hidden_states[{l}, {k}, {d}]",
                    )

        say = self.say("vectors-input", word=word, cosine=cosines[0])
        with self.beat("vectors-input", say=say) as beat:
            self.play(
                Write(header),
                OpacityFadeIn(titles),
                OpacityFadeIn(columns),
                OpacityFadeIn(stage),
                OpacityFadeIn(note),
            )
            self.wait_for_sentence(beat, 1)
            self.play(
                OpacityFadeIn(VGroup(bars_title, bars.baseline, bars.one, bars.one_label, axis)),
                GrowFromEdge(bars.bars[0], DOWN),
                OpacityFadeIn(bars.values_text[0]),
                OpacityFadeIn(bars.names[0]),
            )

        last = cosines[-1]
        say = self.say("vectors-parting", cosine=last, apart="yes" if last < cosines[0] else "no")
        with self.beat("vectors-parting", say=say) as beat:
            # The layers go by while the first sentence is said; the last bar rises as the
            # second sentence gives its value.
            layers = n_states - 1
            left = beat.sentence_start(1) + LAST_BAR_LEAD - self.renderer.time
            step_time = max(left / layers, MIN_LAYER_TIME)
            for l in range(1, n_states):
                new_stage = text(
                    self.words("stage-layer", layer=l), size=LABEL_SIZE, color=HIGHLIGHT
                )
                new_stage.scale(scale).move_to(stage)
                # New columns, cross-faded: morphing one digit's outline into another's is
                # noise (and VectorColumn's .animate fails when a decimal gains a minus sign).
                # A plain cross-fade copies each column once; FadeTransform would copy it four
                # times.
                new_columns = VGroup(
                    *(
                        VectorColumn(h[l], max_shown=SHOWN_DIMS, places=2, color_by="sign")
                        .scale(scale)
                        .move_to(c)
                        for h, c in zip((hidden_a, hidden_b), columns, strict=True)
                    )
                )
                self.play(
                    OpacityFadeOut(columns),
                    OpacityFadeIn(new_columns),
                    FadeTransform(stage, new_stage),
                    GrowFromEdge(bars.bars[l], DOWN),
                    OpacityFadeIn(bars.values_text[l]),
                    OpacityFadeIn(bars.names[l]),
                    run_time=step_time,
                )
                stage, columns = new_stage, new_columns
        return VGroup(header, titles, columns, stage, bars, bars_title, axis, note)

    def show_paths_in_a_plane(
        self,
        a: inputs.Sentence,
        b: inputs.Sentence,
        focus: inputs.Focus,
        probes: tuple[str, ...],
    ) -> VGroup:
        """Both vectors' paths through the layers, flattened onto one fitted plane."""
        cp = context_paths([a.encoding, b.encoding], focus.positions, probes)
        self.numbers.record("plane paths", cp.paths, "nncore.attention_probe.context_paths")
        self.numbers.record("plane probes", cp.probes, "nncore.attention_probe.context_paths")
        kept = self.numbers.record("plane kept", cp.kept, "nncore.attention_probe.context_paths")
        last = len(a.encoding.hidden_states) - 1  # recorded as "layers" with the grid
        plane = context_plane(cp, probes, width=PLANE_WIDTH, height=PLANE_HEIGHT)
        word = focus.word
        header = text(self.words("vectors-header", word=word), size=BODY_SIZE)
        to_safe_edge(header, UP)
        legend = VGroup(
            *(
                VGroup(
                    Line(ORIGIN, 0.5 * RIGHT, color=color, stroke_width=PATH_WIDTH),
                    sentence_title(s.text, SMALL_SIZE),
                ).arrange(RIGHT, buff=0.15)
                for s, color in zip((a, b), PATH_COLORS, strict=True)
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        to_safe_corner(legend, UL).shift(0.7 * DOWN)
        fitted_on = self.words("plane-note", word=word, probes="yes" if probes else "no")
        note = VGroup(
            *(source_note(line) for line in fitted_on.split("\n")),
            source_note(self.words("plane-kept", kept=kept)),
        ).arrange(DOWN, buff=0.08)
        to_safe_edge(fit_safe_width(note), DOWN)
        # Room above the plane for the input's mark, beside it for the last layers'.
        fit_between(plane, header, note, gap=0.6)
        start = text(self.words("plane-input"), size=SMALL_SIZE, color=SOURCE_TEXT)
        start.next_to(plane.start, UP, buff=0.1)
        if overlap(start, legend, pad=MARK_GAP):  # a longer word (Spanish "entrada")
            start.next_to(plane.start, RIGHT, buff=0.1)
        marks = VGroup(
            start,
            *(
                text(self.words("plane-layer", layer=last), size=SMALL_SIZE, color=color).next_to(
                    path.get_end(), RIGHT, buff=0.1
                )
                for path, color in zip(plane.paths, PATH_COLORS, strict=True)
            ),
        )
        apart = np.linalg.norm(cp.paths[0] - cp.paths[1], axis=1)
        say = self.say("paths-in-a-plane", word=word, last=last, probes="yes" if probes else "no")
        self.numbers.record("plane distances", apart, "distance between the two paths, per layer")
        with self.beat("paths-in-a-plane", say=say) as beat:
            self.play(
                Write(header),
                OpacityFadeIn(note),
                OpacityFadeIn(legend),
                OpacityFadeIn(plane.start),
                OpacityFadeIn(marks[0]),
            )
            self.wait_for_sentence(beat, 2)
            self.play(
                *(Create(path) for path in plane.paths),
                LaggedStart(*(OpacityFadeIn(d) for d in plane.layer_dots), lag_ratio=0.05),
                run_time=max(beat.sentence_start(3) - self.renderer.time, MIN_LAYER_TIME),
            )
            self.play(OpacityFadeIn(marks[1:]))
            if probes:
                self.wait_for_sentence(beat, 3)
                self.play(OpacityFadeIn(plane.probes))
        return VGroup(header, legend, note, plane, marks)

    def show_probe_words(
        self,
        a: inputs.Sentence,
        b: inputs.Sentence,
        focus: inputs.Focus,
        probes: tuple[str, ...],
    ) -> None:
        """Which meaning each vector ended up nearer: cosine with words of either sense."""
        (i, j), word = focus.positions, focus.word
        table = {
            s.variable: self.numbers.record(
                f"probe cosines {s.variable}",
                probe_cosines(s.encoding, k, probes),
                f"nncore.attention_probe.probe_cosines(..., {probes})",
            )
            for s, k in ((a, i), (b, j))
        }
        last = len(a.encoding.hidden_states) - 1
        header = text(self.words("probe-header", word=word), size=BODY_SIZE)
        to_safe_edge(header, UP)
        heads = [text("", size=LABEL_SIZE)] + [sentence_title(s.text, LABEL_SIZE) for s in (a, b)]
        cells = []
        ends = np.array([table[s.variable][:, last] for s in (a, b)])  # (2, probes)
        for p, probe in enumerate(probes):
            va, vb = ends[:, p]
            # The nearer of the two meanings in yellow.
            cells += [
                text(probe, size=BODY_SIZE),
                number(va, size=BODY_SIZE, color=HIGHLIGHT if va > vb else TEXT),
                number(vb, size=BODY_SIZE, color=HIGHLIGHT if vb > va else TEXT),
            ]
        grid = VGroup(*heads, *cells).arrange_in_grid(cols=3, buff=(1.0, 0.5), col_alignments="lcc")
        subtitle = text(self.words("probe-subtitle", last=last), size=LABEL_SIZE, color=SOURCE_TEXT)
        subtitle.next_to(header, DOWN, buff=0.3)
        note = VGroup(
            source_note(self.words("probe-note", last=last, word=word)),
            source_note(
                self.words(
                    "probe-input",
                    cosines=", ".join(
                        f"{probe} {written(table[a.variable][p, 0], 2, grouping=False)} / "
                        f"{written(table[b.variable][p, 0], 2, grouping=False)}"
                        for p, probe in enumerate(probes)
                    ),
                )
            ),
        ).arrange(DOWN, buff=0.08)
        to_safe_edge(fit_safe_width(note), DOWN)
        fit_between(grid, subtitle, note)
        nearer = [
            [p for k, p in enumerate(probes) if ends[s, k] > ends[1 - s, k]] for s in range(2)
        ]
        if all(nearer):
            verdict = "both"
        elif any(nearer):
            verdict = ORDINALS[0 if nearer[0] else 1]
        else:
            verdict = "neither"
        # The probe word that tells the two apart best, with its two cosines.
        clearest = int(np.argmax(np.abs(ends[0] - ends[1])))
        hi = int(np.argmax(ends[:, clearest]))
        say = self.say(
            "probe-words",
            word=word,
            nearer=verdict,
            first_near=listed(nearer[0]) if nearer[0] else "",
            second_near=listed(nearer[1]) if nearer[1] else "",
            clearest=probes[clearest],
            high=ends[hi, clearest],
            high_sentence=ORDINALS[hi],
            low=ends[1 - hi, clearest],
        )
        rows = [VGroup(*cells[3 * p : 3 * p + 3]) for p in range(len(probes))]
        with self.beat("probe-words", say=say) as beat:
            self.play(
                Write(header),
                OpacityFadeIn(subtitle),
                OpacityFadeIn(VGroup(*heads)),
                OpacityFadeIn(note),
            )
            self.wait_for_sentence(beat, 1)
            for row in rows:
                self.play(OpacityFadeIn(row, shift=0.2 * UP), run_time=0.8)
            self.wait_for_sentence(beat, 2)
            self.play(Indicate(rows[clearest][0], color=HIGHLIGHT))

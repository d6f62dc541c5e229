"""Concept 9: every token becomes a vector of 384 real numbers, all tokens at once.

The sentence's real WordPiece tokens each get their row of all-MiniLM-L6-v2's
token-embedding matrix; before 2017 a network read them one at a time, a transformer
takes them all in parallel. Then the geometry of those vectors: the dot product
measures how well two of them line up (coffee with tea, and with bridge), similar words
sit near each other (a 2D PCA of real embeddings) and king - man + woman lands nearest
to queen. Every number comes from :mod:`nncore.transformer` and
:mod:`nncore.embedding_space` and is logged in the ``.numbers.json`` sidecar.

Render::

    manim -pql scenes/embeddings.py WordEmbeddings

The sentence is ``NNEXPLAIN_SENTENCE`` (default "a machine learning model"; see
:mod:`scenes.inputs`)::

    NNEXPLAIN_SENTENCE="the cat sat on the mat" manim -pql scenes/embeddings.py WordEmbeddings
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Arrow,
    Brace,
    Create,
    FadeTransform,
    Group,
    GrowArrow,
    LaggedStart,
    ReplacementTransform,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from nncore.embedding_space import DotProduct, analogy, dot_product, nearest, pca, vector
from nncore.transformer import Encoding
from scenes import inputs, script
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut, Recolor
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.token_row import TokenRow
from scenes.mobjects.vector_column import VectorColumn
from scenes.mobjects.word_map import WordMap
from scenes.style import (
    BODY_SIZE,
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    LABEL_SIZE,
    POSITIVE,
    SMALL_SIZE,
    TEXT,
    fit_safe_width,
    listed,
    safe_area,
    safe_width,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    within_safe_area,
    written,
)

MAX_TOKENS = 10  # columns that fit side by side, [CLS] and [SEP] included
SHOWN_DIMS = 7  # of the 384: the first four, an ellipsis, the last three
COLUMN_GAP = 0.2  # between neighbouring token columns
# The tokens with their columns: centred between the header and the two lines of small
# print above the subtitles' band, at most this tall.
ROW_CENTRE = 0.25 * UP
ROW_HEIGHT = 4.3
BRACE_ROOM = 1.5  # beside the columns, for the brace and "384 numbers"
CURSOR_BUFF = 0.06  # between the token being read and the box around it
# Four everyday words from different corners of the vocabulary, and how many
# neighbours of each to show.
SEED_WORDS = ("king", "dog", "computer", "river")
NEIGHBOURS = 3
# king - man + woman: "man is to king as woman is to ?"
ANALOGY = ("man", "king", "woman")
MAP_WIDTH, MAP_HEIGHT = 6.4, 4.2  # the box the neighbourhoods' dots fit in
MAP_CENTRE_Y = 0.2  # between the header and the small print
# Two related words and one unrelated: the dot product of the first with each.
DOT_WORDS = ("coffee", "tea", "bridge")
PRODUCT_PLACES = 3  # the products of two entries are near a thousandth
ANALOGY_SCALE = 0.6  # four words need less room than sixteen
STEP_ARROW_WIDTH = 4.0
SOURCE = "all-MiniLM-L6-v2 token embeddings"
MIN_STEP_TIME = 0.6  # seconds per token, at the least, when the tokens are read in turn
CURSOR_SHARE = 0.45  # of a step, spent moving the cursor (the rest brings in the column)
SPOKEN_DIMS = 3  # numbers of the example vector read out
TRANSFORMER_YEAR = 2017  # "Attention Is All You Need" (Vaswani et al.)
PLANE = 2  # the maps' dimensions, a PCA of the vectors
LIGHT_TIME = 1.0  # seconds for one neighbourhood to light up (and the one before to go out)


def token_columns(enc: Encoding) -> tuple[TokenRow, VGroup]:
    """The tokens in a row, each with its embedding row as a column of decimals beneath it."""
    row = TokenRow(enc.tokens)
    columns = VGroup(
        *(
            VectorColumn(e, max_shown=SHOWN_DIMS, places=2, color_by="sign")
            for e in enc.token_embeddings
        )
    )
    # Each token and its column share a slot as wide as the wider of the two.
    widths = [max(c.width, b.width) for c, b in zip(columns, row.boxes, strict=True)]
    x = 0.0
    for cell, column, w in zip(row, columns, widths, strict=True):
        cell.set_x(x + w / 2)
        column.next_to(cell, DOWN, buff=0.4).set_x(cell.get_x())
        x += w + COLUMN_GAP
    whole = VGroup(row, columns)
    # The "384 numbers" brace needs room on the right.
    fit_safe_width(whole, width=safe_width() - BRACE_ROOM)
    if whole.height > ROW_HEIGHT:
        whole.scale_to_fit_height(ROW_HEIGHT)
    # Centred, unless that leaves the brace no room.
    whole.move_to(ROW_CENTRE)
    overflow = whole.get_right()[0] + BRACE_ROOM - safe_area()[1]
    whole.shift(max(overflow, 0.0) * LEFT)
    return row, columns


def product_picture(dp: DotProduct, u: np.ndarray, v: np.ndarray, size: float) -> VGroup:
    """``[u] × [v] = [u_d v_d]``, each column under its word, the products in yellow's stead
    coloured by sign. Attributes: ``columns`` (u, v, products), ``signs``."""
    columns = VGroup(
        VectorColumn(u, max_shown=SHOWN_DIMS, places=2, color_by="sign", size=size),
        VectorColumn(v, max_shown=SHOWN_DIMS, places=2, color_by="sign", size=size),
        VectorColumn(
            dp.products, max_shown=SHOWN_DIMS, places=PRODUCT_PLACES, color_by="sign", size=size
        ),
    )
    signs = VGroup(text("×", size=BODY_SIZE), text("=", size=BODY_SIZE))
    row = VGroup(columns[0], signs[0], columns[1], signs[1], columns[2]).arrange(RIGHT, buff=0.3)
    names = VGroup(
        *(
            text(w, size=LABEL_SIZE, color=HIGHLIGHT).next_to(c, UP, buff=0.2)
            for w, c in zip(dp.words, columns, strict=False)
        )
    )
    picture = VGroup(row, names)
    picture.columns, picture.signs, picture.names = columns, signs, names
    return picture


class WordEmbeddings(ExplainerScene):
    """Tokens -> 384-number vectors (sequential vs parallel), neighbourhoods, an analogy."""

    reads = ("sentence",)
    tokens_shown = (MAX_TOKENS, "the row of embedding columns")

    def construct(self) -> None:
        sentence = inputs.sentence(MAX_TOKENS, "the row of embedding columns")
        self.numbers.inputs = {"sentence": sentence.text}
        row, columns = self.lay_out_columns(sentence)
        self.show_tokens(sentence, row)
        self.read_one_token_at_a_time(row, columns)
        dims = self.read_all_tokens_at_once(row, columns)
        self.show_dot_products(dims)
        self.show_neighbourhoods(dims)
        self.show_analogy()
        self.bridge_to_attention(sentence)

    def lay_out_columns(self, sentence: inputs.Sentence) -> tuple[TokenRow, VGroup]:
        """The tokens and their columns, built once and shown twice; their numbers logged."""
        enc = sentence.encoding
        row, columns = token_columns(enc)
        for k, (token, column) in enumerate(zip(enc.tokens, columns, strict=True)):
            for d in column.shown_indices:
                self.numbers.record(
                    f"embedding {k} ({token}) dim {d}",
                    float(enc.token_embeddings[k, d]),
                    f"nncore.transformer.encode(sentence).token_embeddings[{k}, {d}]",
                )
        return row, columns

    def show_tokens(self, sentence: inputs.Sentence, row: TokenRow) -> None:
        """The sentence, then the real WordPiece tokens the model reads."""
        enc = sentence.encoding
        words = text(sentence.text, size=BODY_SIZE).move_to(row)
        n = self.numbers.record("tokens", len(enc.tokens), "len(encode(sentence).tokens)")
        note = to_safe_corner(source_note(self.words("tokens-note", tokens=n)), UL)
        with self.beat("tokens", say=self.say("tokens", tokens=n)) as beat:
            self.play(Write(words))
            self.wait_for_sentence(beat, 1)
            self.play(ReplacementTransform(words, row), OpacityFadeIn(note))
        self.play(OpacityFadeOut(note))

    def read_one_token_at_a_time(self, row: TokenRow, columns: VGroup) -> None:
        """Before 2017: a recurrent network read the tokens in order, each step waiting."""
        header = text(self.words("before-header", year=TRANSFORMER_YEAR), size=BODY_SIZE)
        to_safe_edge(header, UP)
        cursor = SurroundingRectangle(
            row.cell(0), color=HIGHLIGHT, buff=CURSOR_BUFF, stroke_width=HIGHLIGHT_STROKE_WIDTH
        )
        total = len(columns)
        step = text(self.words("step", step=1, total=total), size=LABEL_SIZE)
        to_safe_edge(fit_safe_width(step), DOWN)
        with self.beat("one-at-a-time", say=self.say("one-at-a-time")) as beat:
            self.play(Write(header))
            self.play(Create(cursor), OpacityFadeIn(step))
            # The steps share out the rest of the narration, but never rush.
            step_time = max((beat.end - self.renderer.time) / total, MIN_STEP_TIME)
            for k, column in enumerate(columns):
                if k:
                    new_step = text(self.words("step", step=k + 1, total=total), size=LABEL_SIZE)
                    new_step.move_to(step)
                    self.play(
                        cursor.animate.move_to(row.cell(k)).stretch_to_fit_width(
                            row.cell(k).width + 2 * CURSOR_BUFF
                        ),
                        FadeTransform(step, new_step),
                        run_time=CURSOR_SHARE * step_time,
                    )
                    step = new_step
                self.play(
                    OpacityFadeIn(column, shift=0.3 * DOWN),
                    run_time=(1 - CURSOR_SHARE if k else 1) * step_time,
                )
        self.play(OpacityFadeOut(VGroup(header, cursor, step, columns)))

    def read_all_tokens_at_once(self, row: TokenRow, columns: VGroup) -> int:
        """A transformer turns every token into its vector in the same step.

        Returns the length of a token's vector.
        """
        header = text(self.words("after-header", year=TRANSFORMER_YEAR), size=BODY_SIZE)
        to_safe_edge(header, UP)
        note = source_note(self.words("paper", year=TRANSFORMER_YEAR))
        note.next_to(header, DOWN, buff=0.15)
        last = columns[-1]
        brace = Brace(last, RIGHT, buff=0.1)
        dims = self.numbers.record(
            "embedding size", int(columns[0].values.size), "encode(sentence).token_embeddings"
        )
        count = text(self.words("dims-count", dims=dims), size=LABEL_SIZE)
        count.next_to(brace, RIGHT, buff=0.1)
        shown = columns[0].shown_indices
        first = int(np.sum(shown < dims // 2))
        source = VGroup(
            source_note(self.words("rows-note", source=SOURCE)),
            source_note(
                self.words("shown-note", first=first, last=len(shown) - first, dims=dims, zero=0)
            ),
        ).arrange(DOWN, buff=0.08)
        to_safe_edge(fit_safe_width(source), DOWN)
        # The first token after [CLS], the one the narration reads out.
        example = columns[1]
        frame = SurroundingRectangle(
            example, color=HIGHLIGHT, buff=CURSOR_BUFF, stroke_width=HIGHLIGHT_STROKE_WIDTH
        )
        starts = listed(example.values[:SPOKEN_DIMS], 2)
        say = self.say("all-at-once", dims=dims, starts=starts)
        with self.beat("all-at-once", say=say) as beat:
            self.play(Write(header), OpacityFadeIn(note))
            self.play(OpacityFadeIn(columns, shift=0.3 * DOWN), run_time=1.2)
            self.wait_for_sentence(beat, 1)
            self.play(Create(brace), Write(count), OpacityFadeIn(source))
            self.wait_for_sentence(beat, 2)
            self.play(Create(frame))
        self.play(OpacityFadeOut(VGroup(header, note, row, columns, brace, count, source, frame)))
        return dims

    def show_dot_products(self, dims: int) -> None:
        """How well two vectors line up: multiply entry by entry and add, for a related
        pair of words and an unrelated one; then the cosine, the same over both lengths."""
        first, related, unrelated = DOT_WORDS
        pairs = [dot_product(first, related), dot_product(first, unrelated)]
        for dp in pairs:
            a, b = dp.words
            self.numbers.record(
                f"products {a}·{b}", dp.products, f"nncore.embedding_space.dot_product{dp.words}"
            )
            self.numbers.record(
                f"dot {a}·{b}", dp.dot, f"nncore.embedding_space.dot_product{dp.words}.dot"
            )
            self.numbers.record(
                f"cosine {a}·{b}", dp.cosine, f"nncore.embedding_space.dot_product{dp.words}"
            )
        header = to_safe_edge(text(self.words("dot-header"), size=BODY_SIZE), UP)
        pictures = [
            product_picture(dp, vector(dp.words[0]), vector(dp.words[1]), LABEL_SIZE)
            for dp in pairs
        ]
        sums = []
        for dp, picture in zip(pairs, pictures, strict=True):
            total = text(
                self.words("dot-sum", a=dp.words[0], b=dp.words[1], dims=dims, dot=dp.dot),
                size=LABEL_SIZE,
            )
            VGroup(picture, total).arrange(DOWN, buff=0.35).move_to(0.3 * UP)
            sums.append(total)
        note = source_note(self.words("dot-note", source=SOURCE, dims=dims))
        to_safe_edge(fit_safe_width(note), DOWN)
        first_picture, second_picture = pictures
        say = self.say("dot-product", a=first, b=related, dims=dims)
        with self.beat("dot-product", say=say) as beat:
            self.play(Write(header))
            self.wait_for_sentence(beat, 1)
            self.play(
                OpacityFadeIn(first_picture.columns[:2]),
                OpacityFadeIn(first_picture.names),
                OpacityFadeIn(note),
            )
            self.wait_for_sentence(beat, 2)
            self.play(
                OpacityFadeIn(first_picture.signs),
                OpacityFadeIn(first_picture.columns[2], shift=0.2 * RIGHT),
            )
            self.wait_for_sentence(beat, 3)
            self.play(Write(sums[0]))
        say = self.say("dot-unrelated", a=first, b=related, c=unrelated, dot=pairs[1].dot)
        with self.beat("dot-unrelated", say=say) as beat:
            self.play(
                FadeTransform(first_picture[0], second_picture[0]),
                FadeTransform(first_picture.names, second_picture.names),
                FadeTransform(sums[0], sums[1]),
                run_time=1.5,
            )
        self.play(OpacityFadeOut(VGroup(second_picture, sums[1])))

        cosines = VGroup(
            *(
                text(
                    self.words("cosine-line", a=dp.words[0], b=dp.words[1], cosine=dp.cosine),
                    size=BODY_SIZE,
                    color=HIGHLIGHT if k == 0 else TEXT,
                )
                for k, dp in enumerate(pairs)
            )
        ).arrange(DOWN, buff=0.4)
        rule = text(self.words("cosine-rule"), size=LABEL_SIZE)
        VGroup(rule, cosines).arrange(DOWN, buff=0.7).move_to(0.2 * UP)
        say = self.say("cosine", a=first, b=related, c=unrelated, high=pairs[0].cosine,
                       low=pairs[1].cosine)  # fmt: skip
        with self.beat("cosine", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(Write(rule))
            self.wait_for_sentence(beat, 3)
            self.play(LaggedStart(*(OpacityFadeIn(c) for c in cosines), lag_ratio=0.4))
        self.play(OpacityFadeOut(VGroup(header, note, rule, cosines)))

    def show_neighbourhoods(self, dims: int) -> None:
        """Words with related meanings get nearby vectors: a 2D PCA of a few of them."""
        header = text(self.words("map-header"), size=BODY_SIZE)
        to_safe_edge(header, UP)
        words: list[str] = []
        neighbours: dict[str, list[tuple[str, float]]] = {}
        for seed in SEED_WORDS:
            neighbours[seed] = nearest(seed, k=NEIGHBOURS)
            words += [seed] + [w for w, _ in neighbours[seed]]
        coords = self.numbers.record(
            "neighbourhood pca",
            pca(np.stack([vector(w) for w in words])),
            f"nncore.embedding_space.pca of the embeddings of {', '.join(words)}",
        )
        n_words = self.numbers.record("words on the map", len(words), "the seeds and neighbours")
        world = WordMap(coords, words, MAP_WIDTH, MAP_HEIGHT)
        to_safe_edge(world, LEFT).shift(0.3 * RIGHT).set_y(MAP_CENTRE_Y)
        note = source_note(
            self.words("map-note", plane=PLANE, words=n_words, dims=dims, source=SOURCE)
        )
        to_safe_edge(fit_safe_width(note), DOWN)
        with self.beat("map", say=self.say("map", words=n_words, dims=dims)) as beat:
            self.play(Write(header))
            self.wait_for_sentence(beat, 1)
            self.play(
                LaggedStart(*(OpacityFadeIn(world.word(i)) for i in range(len(words)))),
                OpacityFadeIn(note),
                run_time=max(beat.end - self.renderer.time, 2.0),
            )

        panel_title = text(self.words("nearest-title"), size=LABEL_SIZE)
        blocks = VGroup()
        for seed in SEED_WORDS:
            for w, c in neighbours[seed]:
                self.numbers.record(
                    f"cosine {seed}~{w}", c, f"nncore.embedding_space.nearest({seed!r})"
                )
            line = "   ".join(f"{w} {written(c, 2, grouping=False)}" for w, c in neighbours[seed])
            blocks.add(
                VGroup(
                    text(seed, size=LABEL_SIZE, color=HIGHLIGHT), text(line, size=SMALL_SIZE)
                ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            )
        panel = VGroup(panel_title, *blocks).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        panel.next_to(world, RIGHT, buff=0.7).set_y(world.get_y())
        first, second, *rest = SEED_WORDS

        def listed(seed: str) -> tuple[str, str]:
            names = [w for w, _ in neighbours[seed]]
            return ", ".join(names[:-1]), names[-1]

        (first_near, first_last), (second_near, second_last) = listed(first), listed(second)
        say = self.say(
            "nearest",
            first=first,
            first_near=first_near,
            first_last=first_last,
            second=second,
            second_near=second_near,
            second_last=second_last,
            others=script.joined(rest, self.script_file, "and-join"),
        )
        # Each seed's neighbourhood lights up while it is spoken of: the first two with
        # their own sentences, the others sharing the last one. The last one stays lit.
        clusters = [
            VGroup(*(world.word(words.index(w)) for w in [seed] + [w for w, _ in neighbours[seed]]))
            for seed in SEED_WORDS
        ]
        with self.beat("nearest", say=say) as beat:
            last_sentence = beat.sentence_start(2)
            share = (beat.end - last_sentence) / (len(SEED_WORDS) - 2)
            for b, cluster in enumerate(clusters):
                starts = beat.sentence_start(b) if b < 2 else last_sentence + (b - 2) * share
                self.wait_until(starts)
                previous = (
                    [
                        Recolor(clusters[b - 1], lambda m: m.set_color(TEXT)),
                        Recolor(blocks[b - 1][0], lambda m: m.set_color(TEXT)),
                    ]
                    if b
                    else [OpacityFadeIn(panel_title)]
                )
                self.play(
                    *previous,
                    Recolor(cluster, lambda m: m.set_color(HIGHLIGHT)),
                    OpacityFadeIn(blocks[b]),
                    run_time=LIGHT_TIME,
                )
        self.play(OpacityFadeOut(VGroup(header, note, world, panel)))

    def bridge_to_attention(self, sentence: inputs.Sentence) -> None:
        """Each token's vector so far ignores its sentence: the question attention answers."""
        self.play(OpacityFadeOut(Group(*self.mobjects)))
        words = text(sentence.text, size=BODY_SIZE).move_to(0.6 * UP)
        fit_safe_width(words)
        question = text(self.words("to-attention-question"), size=BODY_SIZE, color=HIGHLIGHT)
        within_safe_area(question.next_to(words, DOWN, buff=0.9))
        with self.beat("to-attention", say=self.say("to-attention")) as beat:
            self.play(Write(words))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(question, shift=0.2 * UP))

    def show_analogy(self) -> None:
        """The step from man to woman, taken from king, lands nearest to queen."""
        a, b, c = ANALOGY
        (answer, score), (runner_up, runner_score) = analogy(a, b, c, k=2)
        self.numbers.record("analogy answer", answer, f"nncore.embedding_space.analogy{ANALOGY}")
        score = self.numbers.record(
            "analogy cosine", score, f"nncore.embedding_space.analogy{ANALOGY}[0]"
        )
        runner_score = self.numbers.record(
            "analogy runner-up cosine", runner_score, f"nncore.embedding_space.analogy{ANALOGY}[1]"
        )
        words = [a, c, b, answer]
        coords = self.numbers.record(
            "analogy pca",
            pca(np.stack([vector(w) for w in words])),
            f"nncore.embedding_space.pca of the embeddings of {', '.join(words)}",
        )
        plane = WordMap(
            coords, words, ANALOGY_SCALE * MAP_WIDTH, ANALOGY_SCALE * MAP_HEIGHT, size=LABEL_SIZE
        )
        from_a, to_c, from_b = (plane.dots[i].get_center() for i in range(3))
        step = Arrow(from_a, to_c, buff=0.1, color=POSITIVE, stroke_width=STEP_ARROW_WIDTH)
        # The same arrow, moved to start at king: the picture adds woman - man to king.
        moved = step.copy().shift(from_b - from_a)
        tip = moved.get_end()
        tip_label = text(f"{b} − {a} + {c}", size=SMALL_SIZE, color=HIGHLIGHT)
        tip_label.next_to(tip, UP, buff=0.1)
        picture = VGroup(plane, step, moved, tip_label)
        to_safe_edge(picture, LEFT).shift(0.5 * RIGHT + 0.2 * DOWN)

        header = text(f"{b} − {a} + {c} ≈ {answer}", size=BODY_SIZE)
        to_safe_edge(header, UP)
        note = source_note(self.words("analogy-note", plane=PLANE, dims=vector(a).size))
        to_safe_edge(fit_safe_width(note), DOWN)
        with self.beat("analogy-step", say=self.say("analogy-step", a=a, b=b, c=c)) as beat:
            self.play(OpacityFadeIn(plane), OpacityFadeIn(note))
            self.wait_for_sentence(beat, 1)
            self.play(GrowArrow(step))
            self.wait_for_sentence(beat, 2)
            self.play(TransformFromCopy(step, moved), run_time=1.5)
            self.play(OpacityFadeIn(tip_label))

        verdict = VGroup(
            text(
                self.words("analogy-answer", answer=answer, cosine=score),
                size=LABEL_SIZE,
                color=HIGHLIGHT,
            ),
            text(
                self.words("analogy-next", answer=runner_up, cosine=runner_score),
                size=SMALL_SIZE,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        verdict.next_to(picture, RIGHT, buff=0.9).set_y(picture.get_y())
        say = self.say(
            "analogy", answer=answer, score=score, runner_up=runner_up, runner_score=runner_score
        )
        with self.beat("analogy", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(
                Write(header),
                Recolor(plane.word(3), lambda m: m.set_color(HIGHLIGHT)),
                OpacityFadeIn(verdict[0], shift=0.2 * LEFT),
                run_time=1.5,
            )
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(verdict[1], shift=0.2 * LEFT))

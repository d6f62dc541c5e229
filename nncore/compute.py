"""How much arithmetic it takes to train a large language model, in human time.

The table holds published training-compute figures (total floating-point
operations, FLOP), each with the paper it comes from. Dividing by a rate of one
billion operations per second turns FLOP into seconds, and the time ladder
(Minute, Hour, ..., 100,000,000 Years) says where that duration falls::

    >>> gpt3 = MODELS["gpt3-175b"]
    >>> round(years_at(gpt3.flop) / 1e6, 2)  # million years at 1e9 op/s
    9.95
    >>> ladder_position(seconds_at(gpt3.flop)).rung.key
    '100000000 year'

Years are Julian years of 365.25 days and a month is a twelfth of that, so the
ladder's Month and Year rungs divide evenly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nncore.errors import InputError, quoted

DEFAULT_RATE = 1e9
"""Operations per second: "one billion computations per second"."""

SECONDS_PER_DAY = 24 * 60 * 60
DAYS_PER_YEAR = 365.25
"""Julian year: the calendar average over a four-year leap cycle."""
SECONDS_PER_YEAR = DAYS_PER_YEAR * SECONDS_PER_DAY
SECONDS_PER_MONTH = SECONDS_PER_YEAR / 12


@dataclass(frozen=True)
class TrainingRun:
    """One model's published training compute and the paper that states it.

    ``n_params`` (N) and ``n_tokens`` (D) are None where the paper does not say.
    """

    key: str
    name: str
    flop: float
    n_params: float | None
    n_tokens: float | None
    citation: str
    short_citation: str


MODELS: dict[str, TrainingRun] = {
    run.key: run
    for run in (
        TrainingRun(
            key="gpt3-175b",
            name="GPT-3 175B",
            flop=3.14e23,
            n_params=175e9,
            n_tokens=300e9,
            citation=(
                "Brown et al. 2020, Language Models are Few-Shot Learners, "
                "arXiv:2005.14165 (Table D.1: total training compute)"
            ),
            short_citation="Brown et al. 2020",
        ),
        TrainingRun(
            key="chinchilla-70b",
            name="Chinchilla 70B",
            flop=5.76e23,
            n_params=70e9,
            n_tokens=1.4e12,
            citation=(
                "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models, "
                "arXiv:2203.15556 (Gopher's compute budget, which Chinchilla matches)"
            ),
            short_citation="Hoffmann et al. 2022",
        ),
        TrainingRun(
            key="palm-540b",
            name="PaLM 540B",
            flop=2.56e24,
            n_params=540e9,
            n_tokens=780e9,
            citation=(
                "Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways, "
                "arXiv:2204.02311"
            ),
            short_citation="Chowdhery et al. 2022",
        ),
        TrainingRun(
            key="llama3.1-405b",
            name="Llama 3.1 405B",
            flop=3.8e25,
            n_params=405e9,
            n_tokens=15.6e12,
            citation="Dubey et al. 2024, The Llama 3 Herd of Models, arXiv:2407.21783",
            short_citation="Dubey et al. 2024",
        ),
    )
}


FLOP_PER_PARAMETER_TOKEN = 6
"""Each parameter costs about 2 operations per token going forward (a multiply and an
add) and about 4 going backward (Kaplan et al. 2020, Scaling Laws for Neural Language
Models)."""


def six_nd(n_params: float, n_tokens: float) -> float:
    """Training FLOP estimated as ``6 N D``: a pass over D tokens through N parameters."""
    return FLOP_PER_PARAMETER_TOKEN * n_params * n_tokens


def parameter_ratio(n_params: int, run: TrainingRun) -> float:
    """How many times as many parameters ``run`` has as a network of ``n_params``: GPT-3's
    175 billion over the digit network's 13,002 is about 13 million."""
    if run.n_params is None:
        raise ValueError(f"{run.name}'s paper gives no parameter count")
    return run.n_params / n_params


def seconds_at(flop: float, rate: float = DEFAULT_RATE) -> float:
    """Seconds to perform ``flop`` operations at ``rate`` operations per second."""
    if not rate > 0:
        raise ValueError(f"rate must be positive, got {rate!r}")
    return flop / rate


def years_at(flop: float, rate: float = DEFAULT_RATE) -> float:
    """Julian years to perform ``flop`` operations at ``rate`` operations per second."""
    return seconds_at(flop, rate) / SECONDS_PER_YEAR


@dataclass(frozen=True)
class Rung:
    """One line of the time ladder: the duration the whole line spans, ``count`` ``unit``s,
    and in seconds. Its words are the script's (``rung-name`` in compute_scale.ftl)."""

    count: int
    unit: str  # minute, hour, day, month or year
    seconds: float

    @property
    def key(self) -> str:
        """The rung in records and tests, in no language: "1 hour", "100000000 year"."""
        return f"{self.count} {self.unit}"


RUNGS: tuple[Rung, ...] = (
    Rung(1, "minute", 60.0),
    Rung(1, "hour", 60.0 * 60),
    Rung(1, "day", float(SECONDS_PER_DAY)),
    Rung(1, "month", SECONDS_PER_MONTH),
    Rung(1, "year", SECONDS_PER_YEAR),
    Rung(100, "year", 1e2 * SECONDS_PER_YEAR),
    Rung(10_000, "year", 1e4 * SECONDS_PER_YEAR),
    Rung(1_000_000, "year", 1e6 * SECONDS_PER_YEAR),
    Rung(100_000_000, "year", 1e8 * SECONDS_PER_YEAR),
)


@dataclass(frozen=True)
class LadderPosition:
    """Where a duration sits on the ladder.

    ``fraction`` is the duration over the rung's span: in (0, 1] on a rung, and
    above 1 only on the last rung, for a duration longer than the whole ladder
    (``fraction`` 12 means twelve times the last rung).
    """

    index: int
    rung: Rung
    fraction: float

    @property
    def beyond(self) -> bool:
        """True when the duration is longer than the last rung."""
        return self.fraction > 1.0


def ladder_position(seconds: float, rungs: Sequence[Rung] = RUNGS) -> LadderPosition:
    """The shortest rung whose span holds ``seconds``, or the last rung if none does.

    A duration equal to a rung's span sits at the end of that rung (fraction 1),
    not at the start of the next.
    """
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"seconds must be positive and finite, got {seconds!r}")
    if not rungs:
        raise ValueError("the ladder has no rungs")
    index = next((i for i, r in enumerate(rungs) if seconds <= r.seconds), len(rungs) - 1)
    rung = rungs[index]
    return LadderPosition(index=index, rung=rung, fraction=seconds / rung.seconds)


def select_models(spec: str | None, source: str = "model list") -> tuple[TrainingRun, ...]:
    """Models named in a comma-separated ``spec``, in the order given.

    None or a blank ``spec`` means every model in :data:`MODELS`. Repeated keys
    count once; ``source`` names where ``spec`` came from in the error message.

    Raises
    ------
    InputError
        If a key is not in :data:`MODELS` or ``spec`` names no model at all.
    """
    valid = ", ".join(MODELS)
    if spec is None or not spec.strip():
        return tuple(MODELS.values())
    keys = [k.strip().lower() for k in spec.split(",") if k.strip()]
    if not keys:
        raise InputError(f"{source} names no model; valid keys: {valid}")
    for key in keys:
        if key not in MODELS:
            raise InputError(f"{source}: unknown model {quoted(key)}; valid keys: {valid}")
    return tuple(MODELS[k] for k in dict.fromkeys(keys))


_POWERS = (12, 9, 6, 3)  # trillion, billion, million, thousand: the script says which
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def round_sig(x: float, digits: int = 2) -> float:
    """``x`` rounded to ``digits`` significant figures."""
    if x == 0:
        return 0.0
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


@dataclass(frozen=True)
class Count:
    """A large count as people say it: ``figure`` times ten to the ``power``.

    ``power`` is 12, 9, 6, 3 or 0 (a trillion, billion, million, thousand, or none); the
    script (compute_scale.ftl's ``count``) gives it its word: 9.95e6 is ``Count(10, 6)``,
    "10 million".
    """

    figure: float
    power: int


def count(x: float, digits: int = 2) -> Count:
    """``x`` rounded to ``digits`` significant figures, in the largest scale it reaches."""
    rounded = round_sig(x, digits)
    for power in _POWERS:
        if abs(rounded) >= 10**power:
            return Count(round_sig(rounded / 10**power, digits), power)
    return Count(rounded, 0)


def _shortest(x: float) -> str:
    return f"{x:g}"


def sci_phrase(x: float, digits: int = 3, written: Callable[[float], str] = _shortest) -> str:
    """Scientific notation with superscript powers: 3.14e23 -> "3.14 × 10²³"; ``written``
    writes the mantissa (a language's own: "3,14" in Spanish)."""
    exponent = math.floor(math.log10(abs(x)))
    mantissa = round_sig(x / 10**exponent, digits)
    if abs(mantissa) >= 10:  # 9.999e23 rounds up to 10.0 × 10²³
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{written(mantissa)} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def times_phrase(
    fraction: float, digits: int = 2, written: Callable[[float], str] = _shortest
) -> str:
    """How many times the last rung a duration spans: 12.04 -> "×12" (``written`` writes
    the number, as for :func:`sci_phrase`)."""
    return f"×{written(round_sig(fraction, digits))}"

"""The compute table, the 1e9 op/s clock and the time ladder, checked by hand arithmetic."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from nncore.compute import (
    DEFAULT_RATE,
    MODELS,
    RUNGS,
    Count,
    Rung,
    count,
    ladder_position,
    parameter_ratio,
    sci_phrase,
    seconds_at,
    select_models,
    six_nd,
    times_phrase,
    years_at,
)
from nncore.errors import InputError
from scenes import script

# Written out independently of the module: 365.25 days of 24 h of 60 min of 60 s.
JULIAN_YEAR_S = 365.25 * 24 * 60 * 60


def test_gpt3_takes_about_ten_million_years_at_a_billion_per_second():
    years = years_at(MODELS["gpt3-175b"].flop)
    assert years == pytest.approx(3.14e23 / 1e9 / JULIAN_YEAR_S, rel=1e-12)
    assert 9.9e6 < years < 1.0e7
    assert count(years) == Count(10, 6)


def test_llama31_405b_takes_about_1_2_billion_years():
    years = years_at(MODELS["llama3.1-405b"].flop)
    assert years == pytest.approx(3.8e25 / 1e9 / JULIAN_YEAR_S, rel=1e-12)
    assert 1.2e9 < years < 1.21e9
    assert count(years) == Count(1.2, 9)


def test_default_rate_is_one_billion_per_second():
    assert DEFAULT_RATE == 1e9
    assert seconds_at(5e9) == pytest.approx(5.0)
    assert seconds_at(5e9, rate=2.5e9) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        seconds_at(1.0, rate=0.0)


@pytest.mark.parametrize("key", [k for k, m in MODELS.items() if m.n_params and m.n_tokens])
def test_six_nd_is_within_ten_percent_of_the_cited_figure(key):
    run = MODELS[key]
    assert six_nd(run.n_params, run.n_tokens) == pytest.approx(run.flop, rel=0.10)


def test_six_nd_is_six_n_d():
    assert six_nd(175e9, 300e9) == pytest.approx(3.15e23, rel=1e-12)


def test_every_model_is_cited_and_positive():
    for key, run in MODELS.items():
        assert run.key == key
        assert run.flop > 0
        assert "et al." in run.citation and run.short_citation in run.citation


def test_rungs_strictly_increase_and_match_their_names():
    spans = [r.seconds for r in RUNGS]
    assert all(a < b for a, b in pairwise(spans))
    named = {r.key: r.seconds for r in RUNGS}
    assert named["1 minute"] == 60
    assert named["1 hour"] == 3600
    assert named["1 day"] == 86400
    assert named["1 month"] == pytest.approx(JULIAN_YEAR_S / 12, rel=1e-15)
    assert named["1 year"] == pytest.approx(31_557_600, rel=1e-15)
    assert named["100000000 year"] == pytest.approx(1e8 * JULIAN_YEAR_S, rel=1e-15)


def test_a_span_equal_to_a_rung_sits_at_the_end_of_that_rung():
    for i, rung in enumerate(RUNGS):
        pos = ladder_position(rung.seconds)
        assert (pos.index, pos.fraction, pos.beyond) == (i, 1.0, False)


def test_just_past_a_rung_starts_the_next_one():
    pos = ladder_position(math.nextafter(60.0, math.inf))
    assert pos.rung.key == "1 hour"
    assert pos.fraction == pytest.approx(1 / 60)


def test_short_durations_sit_on_the_first_rung():
    assert ladder_position(30.0).rung.key == "1 minute"
    assert ladder_position(30.0).fraction == pytest.approx(0.5)
    assert ladder_position(1e-9).index == 0


def test_durations_beyond_the_ladder_count_multiples_of_the_last_rung():
    last = RUNGS[-1]
    pos = ladder_position(math.nextafter(last.seconds, math.inf))
    assert pos.rung == last and pos.beyond
    llama = ladder_position(seconds_at(MODELS["llama3.1-405b"].flop))
    assert llama.rung == last and llama.beyond
    assert llama.fraction == pytest.approx(3.8e25 / 1e9 / (1e8 * JULIAN_YEAR_S), rel=1e-12)
    assert times_phrase(llama.fraction) == "×12"


def test_gpt3_sits_a_tenth_of_the_way_along_the_last_rung():
    pos = ladder_position(seconds_at(MODELS["gpt3-175b"].flop))
    assert pos.rung.key == "100000000 year" and not pos.beyond
    assert pos.fraction == pytest.approx(3.14e14 / (1e8 * JULIAN_YEAR_S), rel=1e-12)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
def test_ladder_position_rejects_non_durations(bad):
    with pytest.raises(ValueError):
        ladder_position(bad)


def test_ladder_position_takes_other_rungs():
    rungs = (Rung(1, "second", 1.0), Rung(10, "second", 10.0))
    assert ladder_position(5.0, rungs).rung.key == "10 second"
    assert ladder_position(50.0, rungs).fraction == pytest.approx(5.0)


def test_select_models_defaults_to_all_and_keeps_order():
    assert select_models(None) == tuple(MODELS.values())
    assert select_models("  ") == tuple(MODELS.values())
    chosen = select_models(" PaLM-540B, gpt3-175b,palm-540b ")
    assert [m.key for m in chosen] == ["palm-540b", "gpt3-175b"]


@pytest.mark.parametrize("spec", ["gpt3-175b,gpt4", ",,"])
def test_select_models_rejects_bad_specs_in_one_line_naming_the_valid_keys(spec):
    with pytest.raises(InputError) as err:
        select_models(spec, source="NNEXPLAIN_MODELS")
    message = str(err.value)
    assert "\n" not in message and message.startswith("NNEXPLAIN_MODELS")
    assert all(key in message for key in MODELS)


def test_gpt3_has_about_13_million_times_the_digit_networks_parameters():
    digit_network = 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10
    assert digit_network == 13_002
    ratio = parameter_ratio(digit_network, MODELS["gpt3-175b"])
    assert ratio == pytest.approx(175e9 / 13_002, rel=1e-12)
    assert count(ratio) == Count(13, 6)
    assert count(175e9, digits=3) == Count(175, 9)


def test_counts_and_the_words_the_script_gives_them():
    assert count(1e9) == Count(1, 9)
    assert count(18_252_338.6) == Count(18, 6)
    assert count(540) == Count(540, 0)
    assert count(3.2e12) == Count(3.2, 12)
    words = script.load()
    said = {
        c: words.words("compute_scale", "count", figure=c.figure, power=c.power)
        for c in (count(1e9), count(18_252_338.6), count(540), count(1.204e9), count(4.5e3))
    }
    assert list(said.values()) == ["1 billion", "18 million", "540", "1.2 billion", "4.5 thousand"]


def test_phrases():
    assert sci_phrase(3.14e23) == "3.14 × 10²³"
    assert sci_phrase(3.8e25) == "3.8 × 10²⁵"
    assert sci_phrase(9.9999e23) == "1 × 10²⁴"

"""Twelve articles of different kinds, written by us for these tests (tests/fixtures/genres/).

Three tell one story (a city council's water-main vote) three ways: as a reporter would
(local_news), as a chat assistant writes news (llm_news) and as a partisan blog (partisan_blog).
Beside them: a science story with an outside expert (science_news), a sports report whose coaches
are titled where they are introduced and quoted by surname later (sports_report), an obituary
(obituary), a fact check that quotes the false claim it rebuts (factcheck), a storm live blog with
time-stamped entries (liveblog), a first-person column (opinion), a conspiracy piece selling a product (conspiracy), a
health scare quoting two invented, titled "experts" and selling capsules (fake_expert), and a
company's press release.

What the product promises of them: reporting with named, titled sources is scored well above
unsourced, loaded or machine-smooth text, and each of the latter lands in a band that does not
call it reliable. The column and the press release have no expected side (neither is
reporting) and are only required to be scored; their scores are printed in the README's model
card as measured.

The fake-expert piece is where the promise is not kept in full: its invented experts have names,
titles and reporting verbs, which is all the quote signals can see, so it scores below every
piece of reporting and out of the high band, but not 0.3 below. Those pairs are strict expected
failures: they turn red the day the model keeps the margin.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from service import Scorer

GENRES = Path(__file__).parent / "fixtures" / "genres"
REPORTING = ("local_news", "science_news", "sports_report", "obituary", "factcheck", "liveblog")
NOT_REPORTING = ("partisan_blog", "conspiracy", "llm_news", "fake_expert")
INVENTED_EXPERTS = pytest.mark.xfail(
    strict=True, reason="invented experts with names and titles look like sourcing to the quote signals")


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    scorer = Scorer.load()
    return {p.stem: scorer.score(p.read_text(encoding="utf-8")) for p in sorted(GENRES.glob("*.txt"))}


def test_every_genre_is_scored(results):
    assert sorted(results) == sorted(REPORTING + NOT_REPORTING + ("opinion", "press_release"))
    assert all(0.0 <= r["score"] <= 1.0 and r["reasons"] for r in results.values())


@pytest.mark.parametrize("reporting, other", [
    pytest.param(r, o, marks=INVENTED_EXPERTS) if o == "fake_expert" else (r, o)
    for r in REPORTING for o in NOT_REPORTING])
def test_sourced_reporting_scores_well_above_unsourced_loaded_or_machine_text(results, reporting, other):
    assert results[reporting]["score"] >= results[other]["score"] + 0.3


@pytest.mark.parametrize("reporting", REPORTING)
def test_invented_experts_still_score_below_reporting(results, reporting):
    assert results[reporting]["score"] > results["fake_expert"]["score"]


def test_same_story_told_three_ways_is_ordered_reporter_first(results):
    assert results["local_news"]["score"] > results["llm_news"]["score"]
    assert results["local_news"]["score"] > results["partisan_blog"]["score"]
    assert results["local_news"]["band"] == "high"


@pytest.mark.parametrize("other", NOT_REPORTING)
def test_no_unsourced_loaded_or_machine_text_is_banded_high(results, other):
    assert results[other]["band"] != "high"


def test_the_partisan_blog_is_read_as_loaded_and_shouting(results):
    signals = results["partisan_blog"]["signals"]
    reporter = results["local_news"]["signals"]
    assert signals["exclamation_rate"] > reporter["exclamation_rate"]
    assert signals["loaded_word_rate"] > reporter["loaded_word_rate"]
    assert signals["all_caps_rate"] > reporter["all_caps_rate"]


def test_coaches_titled_where_introduced_count_as_titled_sources(results):
    # "Harbor City coach Maria Lindqvist ..." then '"...," Lindqvist said'
    assert results["sports_report"]["signals"]["quote_titled_share"] == 1.0
    assert results["sports_report"]["signals"]["quote_distinct_speakers"] == 2.0

"""Seven articles of different kinds, written by us for these tests (tests/fixtures/genres/).

Three tell one story (a city council's water-main vote) three ways: as a reporter would
(local_news), as a chat assistant writes news (llm_news) and as a partisan blog (partisan_blog).
Beside them: a science story with an outside expert (science_news), a first-person column
(opinion), a conspiracy piece selling a product (conspiracy) and a company's press release.

What the product promises of them: reporting with named, titled sources is scored well above
unsourced, loaded or machine-smooth text, and each of the latter lands in a band that does not
call it reliable. The column and the press release have no expected side (neither is
reporting) and are only required to be scored; their scores are printed in the README's model
card as measured.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from service import Scorer

GENRES = Path(__file__).parent / "fixtures" / "genres"
REPORTING = ("local_news", "science_news")
NOT_REPORTING = ("partisan_blog", "conspiracy", "llm_news")


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    scorer = Scorer.load()
    return {p.stem: scorer.score(p.read_text(encoding="utf-8")) for p in sorted(GENRES.glob("*.txt"))}


def test_every_genre_is_scored(results):
    assert sorted(results) == sorted(REPORTING + NOT_REPORTING + ("opinion", "press_release"))
    assert all(0.0 <= r["score"] <= 1.0 and r["reasons"] for r in results.values())


@pytest.mark.parametrize("reporting", REPORTING)
@pytest.mark.parametrize("other", NOT_REPORTING)
def test_sourced_reporting_scores_well_above_unsourced_loaded_or_machine_text(results, reporting, other):
    assert results[reporting]["score"] >= results[other]["score"] + 0.3


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

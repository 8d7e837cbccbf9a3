"""The five real seed articles in ../shared/seeds must come out in a sensible order.

Required under CI (CI=true); skipped with a reason on a machine without ../shared.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from service import Scorer

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

if not SEEDS.is_dir():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI=true but the seed articles are missing: {SEEDS}")
    pytest.skip(f"seed articles not present at {SEEDS} (they live in ../shared, outside the project)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    scorer = Scorer.load()
    return {path.name[:3]: scorer.score(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("0*.txt"))}


def test_all_five_present(results):
    assert sorted(results) == ["000", "001", "002", "003", "004"]


def test_wire_original_and_syndicated_copy_well_above_content_farm(results):
    farm = results["004"]["score"]
    assert results["000"]["score"] >= farm + 0.3
    assert results["001"]["score"] >= farm + 0.3


def test_rewrite_and_state_media_above_content_farm(results):
    assert results["002"]["score"] > results["004"]["score"]
    assert results["003"]["score"] > results["004"]["score"]


def test_syndicated_copy_carries_much_more_boilerplate(results):
    assert results["001"]["signals"]["boilerplate_ratio"] >= results["000"]["signals"]["boilerplate_ratio"] + 0.3


def test_provenance_classes(results):
    assert results["000"]["provenance"]["class"] in ("wire", "syndicated")
    assert results["001"]["provenance"]["class"] in ("wire", "syndicated")
    assert results["003"]["provenance"]["class"] == "state-affiliated"


def test_content_farm_has_more_ai_style_markers(results):
    assert results["004"]["signals"]["ai_style_marker_count"] > results["000"]["signals"]["ai_style_marker_count"]

"""Reference index of known wire copy: add / query / stats, crash safety, CLI, seeds, Scorer hook."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from service import reference_index as ri
from service.reference_index import ReferenceIndex, containment_between

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"

# Articles written for these tests (fictional events).
HARBOUR = (
    "HALDEN, Norway (Wire) - The port authority of a small Norwegian town said on Tuesday it would close "
    "its oldest harbour basin for two years to rebuild a sea wall damaged in last winter's storms. "
    "The work will cost about 240 million crowns and is due to begin in March, harbour director Ingrid Solberg "
    "told reporters at a briefing in the town hall. Fishing boats that now moor in the basin will move to a "
    "temporary pier on the northern side of the fjord, she said, adding that ferry services would not be affected. "
    "Local fishermen have long complained that the wall was crumbling, and a section of it collapsed in January "
    "during a storm that also flooded several warehouses along the quay. The town council approved the budget "
    "last week after a debate over whether to demolish the basin altogether. Solberg said engineers had found "
    "that rebuilding was cheaper than filling the basin, and that the harbour would be deeper when it reopened, "
    "allowing larger vessels to dock. The county government will pay a third of the cost."
)
ORCHARD = (
    "A cooperative of apple growers in the valley reported its smallest harvest in a decade on Friday, blaming a "
    "late spring frost that killed blossoms across hundreds of hectares of orchards. The cooperative's chairman, "
    "Tomas Berglund, said members had picked roughly 11,000 tonnes of fruit, down from an average of 18,000 tonnes, "
    "and that juice producers would have to import apples to meet their contracts. Prices at the wholesale market "
    "rose by a fifth over the month as buyers competed for the remaining stock. Berglund said some growers were "
    "considering frost fans and sprinkler systems, which protect blossoms by keeping them above freezing, but that "
    "the equipment was expensive for small farms. The regional agriculture office said it would offer low-interest "
    "loans for frost protection from next year and that crop insurance claims were being processed."
)
LIBRARY = (
    "The city library will stay open until midnight during the exam season for the first time, the culture "
    "department announced on Wednesday, after students collected more than four thousand signatures asking for "
    "longer hours. The extended opening will run for six weeks from the middle of May and will cost the city "
    "about 300,000 in extra staff and security, a spokesman for the department said. Students have complained "
    "for years that reading rooms were full by mid-morning and that cafes charged them to stay. The library's "
    "director said the building's heating and lighting had been upgraded last year, which made late opening "
    "cheaper than before, and that the trial would be reviewed in the autumn before any permanent change."
)
FURNITURE_TOP = ("Home | News | Business | Sport | Weather | Opinion\nSubscribe now: first month for 1.99, "
                 "then 9.99 a month. Cancel anytime.\nShare this article")
FURNITURE_BOTTOM = ("More From This Section\nCity council approves new bus lanes\nLocal team wins regional cup\n"
                    "Advertisement\nDownload our app for breaking news alerts\nCopyright 2024 All rights reserved")


@pytest.fixture
def index(tmp_path) -> ReferenceIndex:
    idx = ReferenceIndex.create(tmp_path / "ref")
    summary = idx.add([{"id": "wire-harbour", "text": HARBOUR, "origin": "Wire"},
                       {"id": "pr-orchard", "text": ORCHARD, "origin": "PR Newswire"}])
    assert summary == {"added": 2, "skipped_duplicate": 0, "skipped_short": 0}
    return idx


def test_signature_is_datasketch_minhash():
    from datasketch import MinHash
    h = np.unique(ri.shingle_hashes(HARBOUR))
    hasher = ri.Hasher()
    reference = MinHash(num_perm=ri.NUM_PERM, seed=ri.SEED, scheme="affine32", hashfunc=lambda x: x)
    reference.update_batch([int(v) for v in (h & np.uint64(0xFFFFFFFF))])
    assert np.array_equal(reference.hashvalues, hasher.permuted(h).min(axis=0))


def test_verbatim_copy_in_page_furniture(index):
    page = f"{FURNITURE_TOP}\n{HARBOUR.replace('HALDEN, Norway (Wire) - ', '')}\n{FURNITURE_BOTTOM}"
    result = index.query(page)
    assert result["kind"] == "verbatim"
    assert result["match_id"] == "wire-harbour" and result["origin"] == "Wire"
    assert result["containment"] >= ri.VERBATIM_MIN


def test_rewrite_and_unrelated(index):
    rewrite = ("Harbour director Ingrid Solberg told reporters that the town's oldest harbour basin will close for "
               "two years. The work will cost about 240 million crowns and is due to begin in March. "
               "Fishing boats that now moor in the basin will move to a temporary pier on the northern side of the fjord. "
               "Locals had complained for a long time about the crumbling structure. "
               "The town council approved the budget last week after a debate over whether to demolish the basin altogether.")
    result = index.query(rewrite)
    assert result["kind"] == "rewrite" and result["match_id"] == "wire-harbour"
    assert ri.REWRITE_MIN <= result["containment"] < ri.VERBATIM_MIN
    unrelated = index.query(LIBRARY)
    assert unrelated is None or (unrelated["kind"] == "none" and unrelated["match_id"] is None)


def test_short_text_and_empty_index(tmp_path):
    idx = ReferenceIndex.create(tmp_path / "empty")
    assert idx.query(HARBOUR) is None
    assert idx.query("too short") is None
    summary = idx.add([{"id": "a", "text": "only four words here"}, {"id": "b", "text": LIBRARY}])
    assert summary["skipped_short"] == 1 and summary["added"] == 1


def test_stats_and_incremental_adds(index, tmp_path):
    assert index.add([{"id": "wire-harbour", "text": HARBOUR, "origin": "Wire"}])["skipped_duplicate"] == 1
    index.add([{"id": "lib", "text": LIBRARY, "origin": "Wire"}])
    reopened = ReferenceIndex.open(tmp_path / "ref")
    stats = reopened.stats()
    assert stats["documents"] == 3
    assert stats["origins"] == {"Wire": 2, "PR Newswire": 1}
    assert stats["bytes"] == sum(f.stat().st_size for f in (tmp_path / "ref").rglob("*") if f.is_file()
                                 and f.name != ".lock")
    assert reopened.query(LIBRARY)["match_id"] == "lib"
    reopened.compact()
    again = ReferenceIndex.open(tmp_path / "ref")
    assert again.stats()["segments"] == 1 and again.stats()["documents"] == 3
    assert again.query(ORCHARD)["match_id"] == "pr-orchard" and again.query(LIBRARY)["match_id"] == "lib"


def test_interrupted_add_leaves_previous_index(index, tmp_path, monkeypatch):
    def crash(*args, **kwargs):
        raise OSError("simulated crash after the segment was written, before the manifest")

    monkeypatch.setattr(ReferenceIndex, "_write_manifest", staticmethod(crash))
    with pytest.raises(OSError):
        index.add([{"id": "lib", "text": LIBRARY, "origin": "Wire"}])
    monkeypatch.undo()
    assert len(list((tmp_path / "ref" / "segments").iterdir())) > len(ri._ARRAYS)  # orphaned segment files
    reopened = ReferenceIndex.open(tmp_path / "ref")
    assert reopened.stats()["documents"] == 2
    assert reopened.query(HARBOUR)["match_id"] == "wire-harbour"
    assert reopened.query(LIBRARY) is None
    # the next add cleans up and works
    assert reopened.add([{"id": "lib", "text": LIBRARY, "origin": "Wire"}])["added"] == 1
    assert len(list((tmp_path / "ref" / "segments").iterdir())) == 2 * len(ri._ARRAYS)


def test_open_missing_and_create_twice(tmp_path):
    with pytest.raises(FileNotFoundError):
        ReferenceIndex.open(tmp_path / "nothing")
    ReferenceIndex.create(tmp_path / "x")
    with pytest.raises(FileExistsError):
        ReferenceIndex.create(tmp_path / "x")


def test_cli_add_and_stats(tmp_path):
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text(json.dumps({"id": "h", "text": HARBOUR, "origin": "AP"}) + "\n" +
                     json.dumps({"id": "o", "text": ORCHARD}) + "\n")
    csv_path = tmp_path / "more.csv"
    import csv
    with open(csv_path, "w", newline="") as f:
        csv.writer(f).writerows([["id", "text", "origin"], ["l", LIBRARY, "Reuters"]])
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "x.txt").write_text(HARBOUR.replace("Norway", "Norge") + " Extra closing line for this copy.")
    index = tmp_path / "idx"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = lambda *a: subprocess.run([sys.executable, "-m", "service.cli", "index", *a], cwd=REPO, env=env,  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    out = run("add", "--index", str(index), "--origin", "Wire", str(jsonl), str(csv_path))
    assert out.returncode == 0, out.stderr
    assert "added 3" in out.stdout
    out = run("add", "--index", str(index), str(folder))
    assert out.returncode == 0, out.stderr
    out = run("stats", "--index", str(index), "--json")
    stats = json.loads(out.stdout)
    assert stats["documents"] == 4
    assert stats["origins"] == {"AP": 1, "Reuters": 1, "Wire": 1, "unknown": 1}
    text = run("stats", "--index", str(index)).stdout
    assert "documents: 4" in text and "size on disk" in text
    assert run("stats", "--index", str(tmp_path / "none")).returncode == 2


def _seeds():
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI=true but the seed articles are missing: {SEEDS}")
        pytest.skip(f"seed articles not present at {SEEDS} (they live in ../shared, outside the project)")
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))}


def test_seeds(tmp_path):
    seeds = _seeds()
    idx = ReferenceIndex.create(tmp_path / "ref")
    idx.add([{"id": "ap-000", "text": seeds["000"], "origin": "AP"}])
    copy = idx.query(seeds["001"])
    assert copy["kind"] == "verbatim" and copy["match_id"] == "ap-000" and copy["origin"] == "AP"
    rewrite = idx.query(seeds["002"])
    rewrite_containment = rewrite["containment"] if rewrite else 0.0
    assert rewrite_containment < copy["containment"]
    assert containment_between(seeds["002"], seeds["000"])["containment"] < \
        containment_between(seeds["001"], seeds["000"])["containment"]
    farm = idx.query(seeds["004"])
    assert farm is None or farm["kind"] == "none"


def test_scorer_hook(tmp_path):
    from service import Scorer
    seeds = _seeds() if SEEDS.is_dir() else None
    idx = ReferenceIndex.create(tmp_path / "ref")
    idx.add([{"id": "wire-harbour", "text": HARBOUR, "origin": "Wire"}])
    page = f"{FURNITURE_TOP}\n{HARBOUR.replace('HALDEN, Norway (Wire) - ', '')}\n{FURNITURE_BOTTOM}"
    with_index = Scorer.load(reference_index=tmp_path / "ref")
    prov = with_index.score(page)["provenance"]
    assert prov["syndication"]["kind"] == "verbatim" and prov["syndication"]["match_id"] == "wire-harbour"
    assert prov["class"] == "syndicated" and prov["basis"] == "reference index"
    assert any("wire-harbour" in e for e in prov["evidence"])
    none = with_index.score_many([LIBRARY])[0]["provenance"]["syndication"]
    assert none == {"match_id": None, "origin": None, "containment": none["containment"], "kind": "none"}
    plain = Scorer.load().score(page)["provenance"]
    assert "syndication" not in plain
    if seeds:
        assert with_index.score(seeds["004"])["provenance"]["syndication"]["kind"] == "none"

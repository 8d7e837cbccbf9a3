"""`reliability score --scheduler ...` on a small in-process Dask LocalCluster (2 workers): the parts
it writes hold the same rows as the single-machine run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")

from test_batch import artifacts, make_articles, read_jsonl, read_output, score, write_jsonl  # noqa: E402,F401


@pytest.fixture(scope="module")
def scheduler():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def parts(directory: Path, ext: str) -> list[dict]:
    rows = []
    for part in sorted(directory.glob(f"part-*.{ext}")):
        rows.extend(read_output(part))
    return rows


def assert_same_rows(dask_rows: list[dict], local_rows: list[dict]) -> None:
    assert [r["id"] for r in dask_rows] == [r["id"] for r in local_rows]
    for d, s in zip(dask_rows, local_rows):
        assert d.keys() == s.keys()
        for key in d:
            if isinstance(s[key], float):
                assert d[key] == pytest.approx(s[key], abs=1e-6)
            else:
                assert d[key] == s[key]


def test_jsonl_on_dask_matches_single_machine(tmp_path, artifacts, scheduler):
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(40, seed=8),
                      ["{bad json", json.dumps({"id": "n", "text": 3}), "", json.dumps({"text": "Officials said so."})])
    local, out = tmp_path / "local.jsonl", tmp_path / "scored"
    assert score(inp, "-o", local, "--artifacts", artifacts, "--signals", "-q", "--jobs", "1") == 0
    summary_path = tmp_path / "summary.json"
    assert score(inp, "-o", out, "--scheduler", scheduler, "--artifacts", artifacts, "--signals", "-q",
                 "--partition-size", "4KB", "--summary-json", summary_path) == 0
    assert len(list(out.glob("part-*.jsonl"))) > 2  # really partitioned
    assert_same_rows(parts(out, "jsonl"), read_jsonl(local))
    summary = json.loads(summary_path.read_text())
    assert summary["mode"] == "dask" and summary["rows_read"] == 43 and summary["rows_failed"] == 2
    # A second run into the same directory needs --resume (nothing left to do) or --force.
    assert score(inp, "-o", out, "--scheduler", scheduler, "--artifacts", artifacts, "--signals", "-q",
                 "--partition-size", "4KB") == 2
    # A lost part is all a resumed run recomputes.
    victim = sorted(out.glob("part-*.jsonl"))[1]
    lost = len(read_jsonl(victim))
    victim.unlink()
    assert score(inp, "-o", out, "--scheduler", scheduler, "--artifacts", artifacts, "--signals", "-q",
                 "--partition-size", "4KB", "--resume", "--summary-json", summary_path) == 0
    summary = json.loads(summary_path.read_text())
    assert summary["resumed_from_row"] == 43 - lost and summary["rows_read"] == 43
    assert_same_rows(parts(out, "jsonl"), read_jsonl(local))


def test_parquet_row_groups_on_dask_write_parquet_parts(tmp_path, artifacts, scheduler):
    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = make_articles(25, seed=9)
    inp = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [a["id"] if i % 4 else None for i, a in enumerate(articles)],
                             "text": [a["text"] if i != 3 else "" for i, a in enumerate(articles)],
                             "url": [a["url"] for a in articles]}), inp, row_group_size=6)
    local, out = tmp_path / "local.parquet", tmp_path / "scored"
    assert score(inp, "-o", local, "--artifacts", artifacts, "-q", "--jobs", "1") == 0
    assert score(inp, "-o", out, "--format", "parquet", "--scheduler", scheduler, "--artifacts", artifacts, "-q") == 0
    assert len(list(out.glob("part-*.parquet"))) == 5
    assert_same_rows(parts(out, "parquet"), read_output(local))


def test_directory_on_dask(tmp_path, artifacts, scheduler):
    root = tmp_path / "pages"
    root.mkdir()
    for i, a in enumerate(make_articles(3)):
        (root / f"{i}.txt").write_text(a["text"], encoding="utf-8")
    (root / "page.html").write_text(f"<html><body><p>{make_articles(1)[0]['text']}</p></body></html>")
    local, out = tmp_path / "local.jsonl", tmp_path / "scored"
    assert score(root, "-o", local, "--artifacts", artifacts, "-q", "--jobs", "1") == 0
    assert score(root, "-o", out, "--scheduler", scheduler, "--artifacts", artifacts, "-q") == 0
    assert_same_rows(parts(out, "jsonl"), read_jsonl(local))


def test_dask_refuses_csv_and_stdin(tmp_path, artifacts, scheduler, capsys):
    (tmp_path / "in.csv").write_text("text\nhello there\n")
    assert score(tmp_path / "in.csv", "-o", tmp_path / "out", "--scheduler", scheduler, "--artifacts", artifacts) == 2
    assert "Dask mode reads JSONL, Parquet or directories" in capsys.readouterr().err
    assert score("-", "-o", tmp_path / "out", "--scheduler", scheduler, "--artifacts", artifacts) == 2


def test_workers_without_the_model_are_refused(tmp_path, scheduler, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(2))
    assert score(inp, "-o", tmp_path / "out", "--scheduler", scheduler, "--artifacts", tmp_path / "nowhere") == 2
    assert "no manifest" in capsys.readouterr().err


def test_cluster_option_starts_worker_processes(tmp_path, artifacts):
    """--cluster local[2]: real worker processes, each loading the Scorer itself."""
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(8, seed=12), ["{bad"])
    local, out = tmp_path / "local.jsonl", tmp_path / "scored"
    assert score(inp, "-o", local, "--artifacts", artifacts, "-q", "--jobs", "1") == 0
    assert score(inp, "-o", out, "--cluster", "local[2]", "--artifacts", artifacts, "-q", "--partition-size", "2KB") == 0
    assert_same_rows(parts(out, "jsonl"), read_jsonl(local))
    assert score(inp, "-o", tmp_path / "x", "--cluster", "remote", "--artifacts", artifacts) == 2

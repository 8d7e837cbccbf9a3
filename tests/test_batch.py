"""`reliability score` on one machine: formats, malformed rows, stdin/stdout, kill-and-resume.

The tests score with a small stand-in model trained here on generated articles (``--artifacts``), so
they check the batch machinery independently of whichever model artifacts/ holds.
"""
from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service import batch
from service.cli import main as cli_main

REPO = Path(__file__).resolve().parent.parent

CALM = ("officials said the council approved the budget on Tuesday after a review by independent auditors "
        "and the regional court published its ruling in full").split()
LOUD = ("shocking you won't believe this outrageous scandal they don't want you to know the truth "
        "is finally exposed share before it is deleted").split()


def make_articles(n: int, seed: int = 0, words: int = 60) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        vocab = CALM if rng.random() < 0.5 else LOUD
        body = " ".join(rng.choice(vocab) for _ in range(words)).capitalize()
        if rng.random() < 0.5:
            body += '. "We reviewed every figure," a council spokesperson said on Monday.'
        else:
            body += "!!! Share this now."
        out.append({"id": f"art-{i}", "title": f"Report number {i}", "text": body,
                    "url": rng.choice([None, f"https://news.example.org/{i}"])})
    return out


def build_standin_artifacts(directory: Path) -> Path:
    """A tiny model of the current code's shape, trained on generated articles (a few seconds)."""
    import numpy as np

    from service import artifacts as art
    from service.model import build_pipeline, linear_base

    articles = make_articles(60, seed=123)
    y = np.array([int(a["text"].startswith(tuple(w.capitalize() for w in CALM))) for a in articles])
    y[:2] = [0, 1]
    pipeline = build_pipeline()
    pipeline.named_steps["signals"].fit()
    X = pipeline.named_steps["signals"].transform(articles)
    pipeline.named_steps["model"].set_params(base=linear_base(), calibration_folds=2).fit(X, y)
    art.save(pipeline, {"version": "test-standin", "bands": {"high": {"threshold": 0.7}, "low": {"threshold": 0.3}}},
             directory)
    return directory


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> str:
    return str(build_standin_artifacts(tmp_path_factory.mktemp("artifacts")))


def write_jsonl(path: Path, rows: list, extra_lines: list[str] = ()) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
        for line in extra_lines:
            f.write(line + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def read_output(path: Path) -> list[dict]:
    path = Path(path)
    if path.suffix == ".jsonl":
        return read_jsonl(path)
    if path.suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        out = []
        for r in rows:
            r = {k: (None if v == "" else v) for k, v in r.items()}
            for k, v in r.items():
                if k not in ("id", "band", "provenance", "error") and v is not None:
                    r[k] = float(v)
            out.append(r)
        return out
    import pyarrow.parquet as pq
    return pq.read_table(path).to_pylist()


def score(*argv) -> int:
    return cli_main(["score", *map(str, argv)])


def summary_of(tmp_path: Path, *argv) -> dict:
    path = tmp_path / f"summary-{time.monotonic_ns()}.json"
    assert score(*argv, "--summary-json", path, "-q") == 0
    return json.loads(path.read_text())


# ---------------------------------------------------------------------------------------------- JSONL

def test_jsonl_malformed_rows_are_written_in_place_not_dropped(tmp_path, artifacts):
    good = make_articles(6)
    inp = tmp_path / "in.jsonl"
    lines = [good[0], "{not json", {"id": "no-text", "title": "t"}, {"id": "num", "text": 42}, good[1],
             "", {"id": "empty", "text": "   "}, "[1, 2]", {"text": good[2]["text"]}, good[3],
             {"id": "brief", "text": "Council approves the budget."}]
    write_jsonl(inp, lines)
    out = tmp_path / "out.jsonl"
    summary = summary_of(tmp_path, inp, "-o", out, "--artifacts", artifacts, "--jobs", "1")
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["art-0", f"{inp}:2", "no-text", "num", "art-1", "empty", f"{inp}:8",
                                       f"{inp}:9", "art-3", "brief"]
    by_id = {r["id"]: r for r in rows}
    assert by_id[f"{inp}:2"]["error"].startswith(f"{inp}:2: invalid JSON")
    assert by_id["no-text"]["error"] == f"{inp}:3: text must be a string, not None (or give html)"
    assert by_id["num"]["error"] == f"{inp}:4: text must be a string, not int"
    assert by_id["empty"]["error"] == f"{inp}:7: text is empty or whitespace only"
    assert "expected a JSON object" in by_id[f"{inp}:8"]["error"]
    for r in rows:
        assert set(r) == {"id", "score", "band", "provenance", "error", "caveats"}
        if r["error"] is None:
            assert 0.0 <= r["score"] <= 1.0 and r["band"] in ("high", "mixed", "low") and isinstance(r["provenance"], str)
            assert r["caveats"] == ("short_text" if r["id"] == "brief" else None)
        else:
            assert r["score"] is None and r["band"] is None and r["provenance"] is None and r["caveats"] is None
    assert summary["rows_read"] == 10 and summary["rows_scored"] == 5 and summary["rows_failed"] == 5
    assert summary["rows_per_s"] > 0 and summary["seconds"] > 0
    assert not (tmp_path / "out.jsonl.progress.json").exists() and not (tmp_path / "out.jsonl.partial").exists()


def test_scores_match_the_python_api_and_jobs_do_not_change_output(tmp_path, artifacts):
    from service import Scorer

    articles = make_articles(45, seed=7)
    inp = write_jsonl(tmp_path / "in.jsonl", articles)
    out1, out2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert score(inp, "-o", out1, "--artifacts", artifacts, "--jobs", "1", "--signals", "-q") == 0
    assert score(inp, "-o", out2, "--artifacts", artifacts, "--jobs", "2", "--chunk-size", "10",
                 "--batch-size", "3", "--signals", "-q") == 0
    assert out1.read_bytes() == out2.read_bytes()
    scorer = Scorer.load(artifacts)
    rows = read_jsonl(out1)
    for article, row in zip(articles[:5], rows):
        expected = scorer.score(text=article["text"], title=article["title"], url=article["url"])
        assert row["score"] == expected["score"] and row["band"] == expected["band"]
        assert row["provenance"] == expected["provenance"]["class"]
        for name, value in expected["signals"].items():
            assert row[name] == value


def test_field_renames(tmp_path, artifacts):
    articles = make_articles(3)
    rows = [{"key": a["id"], "body": a["text"], "headline": a["title"], "link": a["url"]} for a in articles]
    inp = write_jsonl(tmp_path / "in.jsonl", rows)
    out, ref = tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    assert score(inp, "-o", out, "--artifacts", artifacts, "--id-field", "key", "--text-field", "body",
                 "--title-field", "headline", "--url-field", "link", "-q") == 0
    assert score(write_jsonl(tmp_path / "plain.jsonl", articles), "-o", ref, "--artifacts", artifacts, "-q") == 0
    assert read_jsonl(out) == read_jsonl(ref)


# ------------------------------------------------------------------------------- CSV, Parquet, dirs

def test_csv_in_csv_out_with_a_broken_row(tmp_path, artifacts):
    articles = make_articles(5)
    inp = tmp_path / "in.csv"
    with open(inp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["title", "text", "url"])
        w.writerow([articles[0]["title"], articles[0]["text"] + "\nSecond paragraph.", ""])  # spans 2 lines
        w.writerow(["only", "two"])  # wrong field count
        w.writerow(["t", "", ""])     # empty text
        for a in articles[1:4]:
            w.writerow([a["title"], a["text"], a["url"] or ""])
    out = tmp_path / "out.csv"
    summary = summary_of(tmp_path, inp, "-o", out, "--artifacts", artifacts, "--signals")
    rows = read_output(out)
    assert [r["id"] for r in rows] == [f"{inp}:{n}" for n in (2, 4, 5, 6, 7, 8)]
    assert rows[1]["error"] == f"{inp}:4: expected 3 CSV fields, got 2"
    assert rows[2]["error"] == f"{inp}:5: text is empty or whitespace only"
    assert all(r["error"] is None for r in rows[3:]) and rows[0]["error"] is None
    assert "quote_count" in rows[0] and rows[1]["quote_count"] is None
    assert summary["rows_failed"] == 2 and summary["rows_scored"] == 4
    # The same articles as JSONL give the same scores.
    ref = tmp_path / "ref.jsonl"
    write_jsonl(tmp_path / "ref_in.jsonl", [{"title": a["title"], "text": a["text"], "url": a["url"]} for a in articles[1:4]])
    assert score(tmp_path / "ref_in.jsonl", "-o", ref, "--artifacts", artifacts, "-q") == 0
    assert [r["score"] for r in rows[3:]] == [r["score"] for r in read_jsonl(ref)]


def test_parquet_in_parquet_out(tmp_path, artifacts):
    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = make_articles(30, seed=3)
    table = pa.table({"id": [a["id"] if i % 7 else None for i, a in enumerate(articles)],
                      "text": [a["text"] if i != 5 else None for i, a in enumerate(articles)],
                      "title": [a["title"] for a in articles], "n": list(range(30))})
    inp = tmp_path / "in.parquet"
    pq.write_table(table, inp, row_group_size=8)
    out = tmp_path / "out.parquet"
    assert score(inp, "-o", out, "--artifacts", artifacts, "--chunk-size", "7", "--signals", "-q") == 0
    rows = read_output(out)
    assert len(rows) == 30
    assert rows[0]["id"] == f"{inp}:0" and rows[7]["id"] == f"{inp}:7" and rows[1]["id"] == "art-1"
    assert rows[5]["error"] == f"{inp}:5: text must be a string, not None (or give html)"
    assert sum(r["error"] is None for r in rows) == 29
    schema = pq.read_schema(out)
    assert schema.names[:6] == ["id", "score", "band", "provenance", "error", "caveats"] and "quote_count" in schema.names
    assert not (tmp_path / "out.parquet.parts").exists()
    ref = tmp_path / "ref.jsonl"
    assert score(inp, "-o", ref, "--artifacts", artifacts, "--signals", "-q") == 0
    assert rows == read_jsonl(ref)


def test_parquet_with_non_string_text_column(tmp_path, artifacts):
    import pyarrow as pa
    import pyarrow.parquet as pq

    inp = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), inp)
    out = tmp_path / "out.jsonl"
    assert score(inp, "-o", out, "--artifacts", artifacts, "-q") == 0
    assert [r["error"] for r in read_jsonl(out)] == [f"{inp}:0: text must be a string, not int",
                                                      f"{inp}:1: text must be a string, not int"]


def test_directory_of_txt_and_html(tmp_path, artifacts):
    articles = make_articles(3)
    root = tmp_path / "pages"
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text(articles[0]["text"], encoding="utf-8")
    (root / "b" / "c.html").write_text(f"<html><body><nav>Home | News</nav><article><p>{articles[1]['text']}</p>"
                                       f"<p>{articles[2]['text']}</p></article></body></html>", encoding="utf-8")
    (root / "b" / "bad.txt").write_bytes(b"caf\xe9 au lait")
    (root / "b" / "empty.txt").write_text("", encoding="utf-8")
    (root / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = summary_of(tmp_path, root, "-o", out, "--artifacts", artifacts)
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a.txt", "b/bad.txt", "b/c.html", "b/empty.txt"]
    assert rows[1]["error"] == "b/bad.txt: invalid UTF-8 at byte 3"
    assert rows[3]["error"] == "b/empty.txt: text is empty or whitespace only"
    assert rows[0]["error"] is None and rows[2]["error"] is None
    assert summary["rows_scored"] == 2 and summary["rows_failed"] == 2


def test_a_page_in_the_text_column_is_read_as_html(tmp_path, artifacts):
    article = make_articles(1)[0]
    page = f"<!DOCTYPE html><html><body><nav>Home | News</nav><article><p>{article['text']}</p></article></body></html>"
    inp = write_jsonl(tmp_path / "in.jsonl", [{"id": "as-text", "text": page}, {"id": "as-html", "html": page},
                                              {"id": "plain", "text": article["text"]}])
    out = tmp_path / "out.jsonl"
    summary_of(tmp_path, inp, "-o", out, "--artifacts", artifacts)
    rows = {r["id"]: r for r in read_jsonl(out)}
    assert rows["as-text"]["caveats"] == "page_read_as_html"
    assert rows["as-html"]["caveats"] is None and rows["plain"]["caveats"] is None
    assert rows["as-text"]["score"] == rows["as-html"]["score"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_every_output_format_holds_the_same_rows(tmp_path, artifacts, fmt):
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(12, seed=5), ["{bad"])
    ref, out = tmp_path / "ref.jsonl", tmp_path / f"out.{fmt}"
    assert score(inp, "-o", ref, "--artifacts", artifacts, "--signals", "-q", "--jobs", "1") == 0
    assert score(inp, "-o", out, "--artifacts", artifacts, "--signals", "-q", "--jobs", "1", "--chunk-size", "5") == 0
    assert read_output(out) == read_jsonl(ref)
    # --format overrides the extension.
    other = tmp_path / "out.dat"
    assert score(inp, "-o", other, "--format", fmt, "--artifacts", artifacts, "-q", "--jobs", "1") == 0
    assert read_output(other.rename(tmp_path / f"other.{fmt}"))[0]["id"] == "art-0"


def test_several_inputs_make_one_output(tmp_path, artifacts):
    a = write_jsonl(tmp_path / "a.jsonl", make_articles(3, seed=1))
    b = write_jsonl(tmp_path / "b.jsonl", make_articles(2, seed=2))
    out = tmp_path / "out.jsonl"
    assert score(a, b, "-o", out, "--artifacts", artifacts, "-q") == 0
    assert len(read_jsonl(out)) == 5


# ------------------------------------------------------------------------------ unreadable inputs

def test_unreadable_inputs_exit_non_zero(tmp_path, artifacts, capsys):
    out = tmp_path / "out.jsonl"
    assert score(tmp_path / "missing.jsonl", "-o", out, "--artifacts", artifacts) == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "data.xml").write_text("<x/>")
    assert score(tmp_path / "data.xml", "-o", out, "--artifacts", artifacts) == 2
    assert "unknown input format" in capsys.readouterr().err
    (tmp_path / "no_text.csv").write_text("id,body\n1,hello\n")
    assert score(tmp_path / "no_text.csv", "-o", out, "--artifacts", artifacts) == 2
    assert "no 'text' or 'html' column" in capsys.readouterr().err
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 definitely not parquet")
    assert score(tmp_path / "broken.parquet", "-o", out, "--artifacts", artifacts) == 2
    assert "cannot read as Parquet" in capsys.readouterr().err
    assert score(write_jsonl(tmp_path / "ok.jsonl", make_articles(1)), "-o", out, "--artifacts", tmp_path / "nope") == 2
    assert "no manifest" in capsys.readouterr().err
    assert not out.exists()


# ------------------------------------------------------------------------------------ stdin/stdout

def test_stdin_to_stdout(tmp_path, artifacts):
    articles = make_articles(4)
    payload = "".join(json.dumps(a) + "\n" for a in articles) + "not json\n"
    proc = subprocess.run([sys.executable, "-m", "service.cli", "score", "-", "-o", "-", "--artifacts", artifacts,
                           "--jobs", "1"], input=payload.encode(), capture_output=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == ["art-0", "art-1", "art-2", "art-3", "<stdin>:5"]
    assert rows[4]["error"].startswith("<stdin>:5: invalid JSON")
    assert "5 rows read, 4 scored, 1 failed" in proc.stderr.decode()


def test_resume_needs_files(tmp_path, artifacts):
    assert score("-", "-o", tmp_path / "x.jsonl", "--resume", "--artifacts", artifacts) == 2
    assert score(tmp_path, "-o", "-", "--format", "parquet", "--artifacts", artifacts) == 2


# ----------------------------------------------------------------------------------------- resume

def _interrupt_after(monkeypatch, rows: int) -> None:
    def hook(committed):
        if committed >= rows:
            raise KeyboardInterrupt
    monkeypatch.setattr(batch, "_after_commit", hook)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_interrupted_run_resumes_to_the_same_output(tmp_path, artifacts, monkeypatch, fmt):
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(23, seed=11), ["{bad", json.dumps({"text": 1})])
    ref, out = tmp_path / f"ref.{fmt}", tmp_path / f"out.{fmt}"
    common = ["--artifacts", artifacts, "--signals", "-q", "--jobs", "1", "--chunk-size", "5"]
    assert score(inp, "-o", ref, *common) == 0
    _interrupt_after(monkeypatch, 10)
    assert score(inp, "-o", out, *common) == 130
    progress = json.loads((tmp_path / f"out.{fmt}.progress.json").read_text())
    assert progress["rows_committed"] == 10 and not out.exists()
    # Not without --resume (or --force) ...
    monkeypatch.setattr(batch, "_after_commit", lambda committed: None)
    assert score(inp, "-o", out, *common) == 2
    # ... and --resume continues after row 10: rows 11.. are scored once, the file equals the reference.
    summary = summary_of(tmp_path, inp, "-o", out, *common[:-5], "--jobs", "2", "--chunk-size", "5", "--resume")
    assert summary["resumed_from_row"] == 10 and summary["rows_read"] == 25 and summary["rows_failed"] == 2
    if fmt == "parquet":
        assert read_output(out) == read_output(ref)
    else:
        assert out.read_bytes() == ref.read_bytes()
    assert not (tmp_path / f"out.{fmt}.progress.json").exists()


def test_resume_refuses_changed_input_and_force_starts_again(tmp_path, artifacts, monkeypatch, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(12, seed=4))
    out = tmp_path / "out.jsonl"
    common = ["--artifacts", artifacts, "-q", "--jobs", "1", "--chunk-size", "4"]
    _interrupt_after(monkeypatch, 4)
    assert score(inp, "-o", out, *common) == 130
    monkeypatch.setattr(batch, "_after_commit", lambda committed: None)
    write_jsonl(inp, make_articles(13, seed=4))
    capsys.readouterr()
    assert score(inp, "-o", out, *common, "--resume") == 2
    assert "input files" in capsys.readouterr().err
    assert score(inp, "-o", out, *common, "--signals", "--resume") == 2
    assert score(inp, "-o", out, *common, "--force") == 0
    assert len(read_jsonl(out)) == 13


def test_resume_after_the_kill_between_rename_and_cleanup(tmp_path, artifacts):
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(3))
    out = tmp_path / "out.jsonl"
    assert score(inp, "-o", out, "--artifacts", artifacts, "-q") == 0
    before = out.read_bytes()
    job = batch.job_description(batch_args(inp, out, artifacts), [batch.bio.Source(str(inp), "jsonl")], "jsonl")
    batch.bio.write_json_atomic(str(out) + ".progress.json", dict(job, rows_committed=3, scored=3, failed=0,
                                                                  writer={"bytes": len(before)}, finished=True))
    assert score(inp, "-o", out, "--artifacts", artifacts, "-q", "--resume") == 0
    assert out.read_bytes() == before and not Path(str(out) + ".progress.json").exists()


def batch_args(inp, out, artifacts):
    from service.cli import build_parser
    return build_parser().parse_args(["score", str(inp), "-o", str(out), "--artifacts", str(artifacts), "-q"])


def test_sigkill_mid_run_then_resume_equals_uninterrupted(tmp_path, artifacts):
    """A real SIGKILL of the command after its first committed chunk; --resume completes it exactly."""
    import psutil

    n = 500
    inp = write_jsonl(tmp_path / "in.jsonl", make_articles(n, seed=21, words=40), ["{bad"])
    out, ref = tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    progress = tmp_path / "out.jsonl.progress.json"
    cmd = [sys.executable, "-m", "service.cli", "score", str(inp), "-o", str(out), "--chunk-size", "50",
           "--jobs", "2", "--artifacts", artifacts, "-q"]
    proc = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.PIPE)
    committed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            committed = json.loads(progress.read_text())["rows_committed"]
        except (FileNotFoundError, json.JSONDecodeError):
            committed = 0
        if committed >= 50:
            break
        time.sleep(0.005)
    workers = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 50 <= committed < n + 1, f"the run ended before it could be killed (committed={committed})"
    assert not out.exists()
    # Orphaned pool workers notice their parent is gone and leave.
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert not [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]

    resumed = subprocess.run(cmd + ["--resume", "--summary-json", str(tmp_path / "s.json")], cwd=REPO,
                             capture_output=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr.decode()
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["resumed_from_row"] >= 50 and summary["rows_read"] == n + 1
    assert score(inp, "-o", ref, "--artifacts", artifacts, "-q", "--jobs", "2") == 0
    assert out.read_bytes() == ref.read_bytes()
    ids = [r["id"] for r in read_jsonl(out)]
    assert ids == [f"art-{i}" for i in range(n)] + [f"{inp}:{n + 1}"]

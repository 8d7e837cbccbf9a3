"""Hardening, the CI-sized part of ``bench/hardening.py`` (the full run is the bench itself).

Fuzzed input against a real ``reliability serve`` on loopback and against ``Scorer.score``,
a worker SIGKILLed mid-request, bad and malicious artifacts, one batch kill-and-resume, and
every size / time limit over a real socket. Uses the committed model. Hypothesis and
schemathesis run with fixed seeds, so a run is repeatable.
"""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

REPO = Path(__file__).resolve().parent.parent


def _load_bench():
    spec = importlib.util.spec_from_file_location("hardening_bench", REPO / "bench" / "hardening.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


hb = _load_bench()
BODY_TIMEOUT = 3


@pytest.fixture(scope="module")
def scorer():
    from service import Scorer
    return Scorer.load()


@pytest.fixture(scope="module")
def server():
    """One live server for the module: 2 workers, default threads, a short body deadline."""
    srv = hb.Server(workers=2, extra=("--body-timeout", str(BODY_TIMEOUT)))
    try:
        srv.wait_ready()
        yield srv
    finally:
        log = srv.stop()
    assert srv.proc.returncode == 0, log[-2000:]  # clean shutdown on SIGTERM
    assert "Traceback" not in log, log[-4000:]


def _assert_row(row) -> None:
    assert row.failures == 0, f"{row.case}: {row.notes}\n{json.dumps(row.details, indent=1, default=str)[:4000]}"


# --------------------------------------------------------------------------- fuzzing

def test_schemathesis_against_the_live_server(server):
    """A few hundred generated requests (positive and negative) from the served /openapi.json."""
    row = hb.fuzz_http(server.base_url, examples=120, seed=0)
    _assert_row(row)
    assert row.count >= 200, row.notes
    assert {"POST /v1/score", "POST /v1/score/batch"} <= set(row.details["by_operation"]), row.details


_S = hb.scorer_strategies(max_repeat=3000)


@settings(max_examples=300, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(text=_S["text"], title=_S["title"], url=_S["url"], html=_S["html"])
def test_scorer_score_only_raises_value_or_type_errors(scorer, text, title, url, html):
    """Any Unicode (lone surrogates, controls, NUL, RTL, emoji, unbalanced quotes, long lines), wrong
    types: Scorer.score raises only ValueError/TypeError; a score is finite and within [0, 1]."""
    hb.check_score(scorer, {"text": text, "title": title, "url": url, "html": html})


def test_scorer_on_megabyte_texts_and_the_limit(scorer):
    row = hb.scorer_extremes(scorer, 999_000, ["one line of 'a'", "NUL bytes", "lone surrogates",
                                               "RTL text with overrides", "Markdown bold never closed",
                                               "open brackets then a link", "a sentence then line breaks"])
    _assert_row(row)


# --------------------------------------------------------------------------- limits

def test_limits_over_a_real_socket(server):
    """413 body (Content-Length and chunked), 413 batch, 422 text; the bounds themselves pass."""
    _assert_row(hb.limits(server.port))


def test_slow_clients_do_not_block_others_and_are_cut_off(server):
    """4 clients trickle their bodies at 1 byte/s: normal requests stay fast; each slow client gets 408
    once BODY_TIMEOUT has passed and its thread is free again."""
    row = hb.slow_clients(server.port, n_slow=4, seconds=BODY_TIMEOUT + 2.5, normal_timeout=10,
                          too_slow=2.0)
    _assert_row(row)
    assert row.count >= 20
    outcomes = row.details["slow_outcomes"]
    assert len(outcomes) == 4 and all(o.startswith("408") for o in outcomes), outcomes


def test_body_deadline_answers_408_problem(server):
    """The 408 is a problem document and the connection is closed after it."""
    import socket

    with socket.create_connection((hb.HOST, server.port), timeout=BODY_TIMEOUT + 10) as s:
        started = time.monotonic()
        s.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 50\r\n\r\nab")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        took = time.monotonic() - started
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408"), data[:300]
    assert b"application/problem+json" in head
    problem = json.loads(body)
    assert problem["status"] == 408 and "BODY_TIMEOUT" in problem["detail"]
    assert BODY_TIMEOUT - 0.5 <= took <= BODY_TIMEOUT + 3, took


def test_truncated_body_is_400_not_scored(server):
    """A body shorter than its Content-Length (client half-closed) is refused, not scored truncated."""
    import socket

    with socket.create_connection((hb.HOST, server.port), timeout=10) as s:
        s.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n"
                  b"Officials said the plan was approved.")
        s.shutdown(socket.SHUT_WR)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    assert data.startswith(b"HTTP/1.1 400"), data[:300]
    assert b"ended after" in data


# --------------------------------------------------------------------------- artifacts

def test_tampered_artifact_is_refused_before_unpickling(tmp_path):
    """A model.joblib that creates a marker file when unpickled, beside the original manifest:
    Scorer.load raises ArtifactError and `serve` exits 2; the marker never appears (the control
    shows the same payload does create it when loaded)."""
    row = hb.unpickle_proof(tmp_path, with_cli=False)
    _assert_row(row)
    assert row.details["control_fired"]
    problems = hb.serve_refuses(tmp_path / "artifacts", "refusing to unpickle")
    assert not problems, problems
    assert not (tmp_path / "UNPICKLED").exists()


def test_background_load_of_a_tampered_artifact_never_turns_ready(tmp_path):
    dirs = hb.bad_artifact_dirs(tmp_path)
    problems, detail = hb.background_load_refuses(dirs["one byte flipped"][0], "refusing to unpickle", seconds=1.5)
    assert not problems, problems
    assert detail.startswith("model artifact rejected")


def test_serve_refuses_a_missing_model_file(tmp_path):
    d, expected = hb.bad_artifact_dirs(tmp_path)["model file missing"]
    problems = hb.serve_refuses(d, expected)
    assert not problems, problems


def test_other_bad_artifacts_raise_artifact_error(tmp_path):
    from service.artifacts import ArtifactError
    from service.scorer import Scorer

    for name, (d, expected) in hb.bad_artifact_dirs(tmp_path).items():
        with pytest.raises(ArtifactError, match=expected):
            Scorer.load(d)


# --------------------------------------------------------------------------- batch kill-and-resume

def test_batch_sigkill_then_resume_is_byte_identical(tmp_path):
    """`score --chunk-size 50 --jobs 2` on the committed model, SIGKILLed (whole process group) after
    a committed chunk, resumed with --resume: byte-identical to an uninterrupted run."""
    inp = hb.make_batch_input(tmp_path / "in.jsonl", 400)
    out, ref = tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    progress = Path(str(out) + ".progress.json")
    proc = subprocess.Popen(hb._score_cmd(inp, out), cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    committed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            committed = json.loads(progress.read_text())["rows_committed"]
        except (FileNotFoundError, ValueError, KeyError):
            committed = 0
        if committed >= 50:
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert 50 <= committed < 400, f"not killed mid-run (committed={committed})"
    assert not out.exists()
    resumed = subprocess.run(hb._score_cmd(inp, out, "--resume"), cwd=REPO, capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    uninterrupted = subprocess.run(hb._score_cmd(inp, ref), cwd=REPO, capture_output=True, timeout=300)
    assert uninterrupted.returncode == 0, uninterrupted.stderr.decode()[-2000:]
    assert out.read_bytes() == ref.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl", "ref.jsonl"]


# --------------------------------------------------------------------------- worker killed (last: it
# kills one of the module server's workers, and checks the server recovers)

def test_worker_killed_mid_request_is_replaced(server):
    row = hb.worker_kill_on(server, requests_after=20)
    _assert_row(row)

"""``reliability serve`` end to end: the real gunicorn server on a free loopback port.

Scores the seed articles (``../shared/seeds/0*.txt``, read at run time, never copied) over HTTP.
Without the seeds the test is skipped, unless CI=true, where their absence is a failure.
"""
from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
START_TIMEOUT = 30.0
sys.path.append(str(REPO / "bench"))
from children import ends_with_parent  # noqa: E402


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None, content_type: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Content-Type": content_type} if content_type else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        conn.close()


def start(*extra: str, env: dict | None = None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "1",
                             "--threads", "2", *extra],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})}, start_new_session=True,
                            preexec_fn=ends_with_parent())
    return proc, port


def stop(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    return proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""


def wait_ready(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{stop(proc)}")
        try:
            status, _, _ = request(port, "GET", "/readyz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server not ready after {START_TIMEOUT} s:\n{stop(proc)}")


def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
    if not files:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the seed articles are missing from {SEEDS}")
        pytest.skip(f"seed articles not found in {SEEDS}")
    return files


@pytest.fixture(scope="module")
def server():
    proc, port = start()
    try:
        wait_ready(proc, port)
        yield port
    finally:
        log = stop(proc)
    assert proc.returncode == 0, log  # a clean shutdown on SIGTERM


def test_serve_scores_seeds_over_http(server):
    seeds = seed_files()
    port = server
    scores = {}
    for path in seeds:
        status, ctype, body = request(port, "POST", "/v1/score", path.read_bytes(), "text/plain; charset=utf-8")
        assert status == 200, body
        assert ctype.startswith("application/json")
        result = json.loads(body)
        assert 0.0 <= result["score"] <= 1.0 and result["band"] in ("high", "mixed", "low")
        scores[path.name[:3]] = result["score"]
    assert scores["000"] > scores["004"], scores  # the AP original above the content farm

    batch = json.dumps({"articles": [{"text": p.read_text(encoding="utf-8")} for p in seeds]}).encode()
    status, _, body = request(port, "POST", "/v1/score/batch", batch, "application/json")
    assert status == 200
    assert [r["score"] for r in json.loads(body)["results"]] == [scores[p.name[:3]] for p in seeds]


def test_serve_endpoints_and_errors(server):
    port = server
    assert request(port, "GET", "/healthz")[0] == 200
    assert request(port, "GET", "/v1/model")[0] == 200
    assert request(port, "GET", "/openapi.json")[0] == 200
    status, ctype, _ = request(port, "POST", "/v1/score", b"{bad", "application/json")
    assert status == 400 and ctype == "application/problem+json"
    status, ctype, _ = request(port, "POST", "/v1/score", b"x" * 2_000_001, "text/plain")
    assert status == 413 and ctype == "application/problem+json"
    status, _, _ = request(port, "POST", "/v1/score", "A short news text, officials said.".encode(), "text/plain")
    assert status == 200
    time.sleep(1.2)  # metrics snapshots are flushed at most once a second
    status, _, body = request(port, "GET", "/metrics")
    assert status == 200
    assert b'reliability_http_requests_total{route="/v1/score",method="POST",status="400"}' in body
    assert b"reliability_workers_ready 1" in body


def test_slow_client_does_not_block_others(server):
    """gthread: a client trickling its body holds one thread; other requests are still served."""
    port = server
    slow = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        slow.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: 1000\r\n\r\nSome text that never ends")
        time.sleep(0.2)
        started = time.monotonic()
        for _ in range(5):
            assert request(port, "GET", "/healthz")[0] == 200
        assert time.monotonic() - started < 2.0
    finally:
        slow.close()


def test_serve_fails_fast_on_missing_artifacts(tmp_path):
    proc, _ = start("--artifacts", str(tmp_path))
    try:
        proc.wait(30)
    finally:
        log = stop(proc)
    assert proc.returncode == 2, log
    assert "cannot start" in log and "no manifest" in log


def test_serve_fails_fast_on_tampered_artifacts(tmp_path):
    from service.artifacts import default_artifacts_dir
    for name in ("manifest.json", "model.joblib"):
        shutil.copy(default_artifacts_dir() / name, tmp_path / name)
    with open(tmp_path / "model.joblib", "ab") as f:
        f.write(b"\0")
    proc, _ = start(env={"RELIABILITY_ARTIFACTS": str(tmp_path)})
    try:
        proc.wait(30)
    finally:
        log = stop(proc)
    assert proc.returncode == 2, log
    assert "refusing to unpickle" in log


def test_a_server_started_here_ends_when_its_starter_is_killed():
    """The servers tests and benchmarks start run in a session of their own; killed outright, the
    process that started one used to leave it serving for ever (bench/children.py)."""
    starter = subprocess.Popen([sys.executable, "-c", (
        "import subprocess, sys, time\n"
        f"sys.path.insert(0, {str(REPO / 'bench')!r})\n"
        "from children import ends_with_parent\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],\n"
        "                         start_new_session=True, preexec_fn=ends_with_parent())\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n")], stdout=subprocess.PIPE)
    child = int(starter.stdout.readline())
    starter.kill()
    starter.wait(5)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        try:
            with open(f"/proc/{child}/stat") as stat:  # an unreaped zombie is gone for our purpose
                if stat.read().split(") ", 1)[1][0] == "Z":
                    break
        except FileNotFoundError:
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the child outlived the process that started it")

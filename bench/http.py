"""HTTP benchmark: ``POST /v1/score`` with 5 KB articles at increasing concurrency, and
``GET /healthz`` at the same levels as the ceiling of the HTTP stack itself.

    python bench/http.py [--workers 2] [--threads 4] [--levels 1,4,16,64] [--duration 10]
                         [--client auto|wrk|python] [--bytes 5000]

Starts ``reliability serve`` on a free loopback port (only loopback addresses are used), waits
for /readyz, runs each level for ``--duration`` seconds, prints req/s, p50, p99 and errors per
level, and stops the server. Uses ``wrk`` when present (``apt-get install -y wrk``) with a small
Lua script for the POST bodies; otherwise a Python client (threads + http.client keep-alive).
Note: the load generator runs on the same machine and competes with the server for cores.
"""
from __future__ import annotations

import os
import sys

# This file is named http.py: run as a script, its folder comes first on sys.path and would
# shadow the standard library's ``http`` package. Drop it before importing http.client.
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# --------------------------------------------------------------------------- synthetic articles

sys.path.append(str(REPO / "bench"))  # after http.client is imported, so bench/http.py cannot shadow it
from children import ends_with_parent  # noqa: E402
from synthetic import make_article  # noqa: E402
import wrk_load  # noqa: E402


# --------------------------------------------------------------------------- server

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--host", HOST, "--port", str(port),
                             "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
                            cwd=REPO, start_new_session=True, preexec_fn=ends_with_parent())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                conn.close()
                # every worker must be ready, not just the first one to answer
                time.sleep(1.0)
                return proc, port
            conn.close()
        except OSError:
            pass
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server not ready after 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# --------------------------------------------------------------------------- clients

def run_wrk(port: int, method: str, path: str, bodies: list[Path], concurrency: int, duration: int,
            workdir: Path) -> dict:
    r = wrk_load.run(port, method, path, bodies, concurrency, duration, workdir)
    return {"rps": r["rps"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"],
            "errors": r["socket_errors"] + r["non2xx"], "requests": r["requests"]}


def run_python(port: int, method: str, path: str, bodies: list[bytes], concurrency: int, duration: int) -> dict:
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    stop_at = time.monotonic() + duration

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        n = i
        while time.monotonic() < stop_at:
            body = bodies[n % len(bodies)] if method == "POST" else None
            headers = {"Content-Type": "text/plain; charset=utf-8"} if body is not None else {}
            n += 1
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            latencies[i].append(time.perf_counter() - t0)
            if not ok:
                errors[i] += 1
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    all_lat = sorted(x for row in latencies for x in row)
    if not all_lat:
        return {"rps": 0.0, "p50_ms": float("nan"), "p99_ms": float("nan"), "errors": sum(errors), "requests": 0}

    def pct(q: float) -> float:
        return all_lat[min(len(all_lat) - 1, int(q * len(all_lat)))] * 1000

    return {"rps": len(all_lat) / elapsed, "p50_ms": pct(0.50), "p99_ms": pct(0.99), "errors": sum(errors),
            "requests": len(all_lat)}


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--levels", default="1,4,16,64", help="comma-separated concurrency levels")
    parser.add_argument("--duration", type=int, default=10, help="seconds per level and endpoint")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--bytes", type=int, default=5000, help="article size in bytes")
    parser.add_argument("--articles", type=int, default=32, help="distinct articles to cycle through")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    if client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk not found (apt-get install -y wrk), or use --client python")

    rng = random.Random(0)
    texts = [make_article(rng, args.bytes) for _ in range(args.articles)]
    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    paths = []
    for i, text in enumerate(texts):
        p = workdir / f"article-{i:03d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    bodies = [t.encode("utf-8") for t in texts]

    print(f"# server: {args.workers} workers x {args.threads} threads (gthread); client: {client}; "
          f"{len(bodies)} articles of ~{args.bytes} bytes; {args.duration} s per level; cores: {os.cpu_count()}; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    proc, port = start_server(args.workers, args.threads)
    rows = []
    try:
        for label, method, path in (("score", "POST", "/v1/score"), ("healthz", "GET", "/healthz")):
            for c in levels:
                if client == "wrk":
                    r = run_wrk(port, method, path, paths, c, args.duration, workdir)
                else:
                    r = run_python(port, method, path, bodies, c, args.duration)
                r.update(endpoint=label, concurrency=c)
                rows.append(r)
                print(f"{label:8s} c={c:<3d} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.2f} ms  "
                      f"p99 {r['p99_ms']:7.2f} ms  errors {r['errors']}", flush=True)
    finally:
        stop_server(proc)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"# load average after: {os.getloadavg()[0]:.2f} (other processes on the machine skew the figures)")

    print("\n| concurrency | score req/s | p50 ms | p99 ms | errors | healthz req/s | p50 ms | p99 ms | errors "
          "| score/healthz |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for c in levels:
        s = next(r for r in rows if r["endpoint"] == "score" and r["concurrency"] == c)
        h = next(r for r in rows if r["endpoint"] == "healthz" and r["concurrency"] == c)
        ratio = s["rps"] / h["rps"] if h["rps"] else float("nan")
        print(f"| {c} | {s['rps']:.0f} | {s['p50_ms']:.2f} | {s['p99_ms']:.2f} | {s['errors']} | {h['rps']:.0f} | "
              f"{h['p50_ms']:.2f} | {h['p99_ms']:.2f} | {h['errors']} | {ratio:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

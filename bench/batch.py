"""Benchmark `reliability score` on generated ~5 KB news-like articles.

    python bench/batch.py                        # speed-up on 2,000 rows, memory on 10k and 100k rows
    python bench/batch.py --rows 2000 --speedup-rows 500
    python bench/batch.py --artifacts /path/to/artifacts --json results.json

1. Throughput: the same file scored with ``--jobs 1`` and ``--jobs 2``; rows/s (from the command's own
   summary, i.e. including model load and pool start) and the speed-up ratio.
   CPU seconds per row (the command and its workers, from rusage) show the cost independently of
   whatever else the machine is doing.
2. Memory: peak resident memory of the whole process tree (the command plus its workers; sampled every
   100 ms with psutil) for each ``--rows`` size with ``--jobs 2``: flat in input size if batching streams.

The articles are generated here from templates (datelines, attributed quotes, figures, officials,
boilerplate-free), about 5 KB each, deterministic for a seed. ``--standin`` scores with a small model
trained on the spot (the signal cost, which dominates, is the same as with the real model); without it
the project's artifacts are used, falling back to the stand-in if they cannot score.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CITIES = ["LONDON", "NAIROBI", "SAO PAULO", "MUMBAI", "BERLIN", "OTTAWA", "MANILA", "LAGOS", "LIMA", "OSLO"]
ORGS = ["the Ministry of Finance", "the city council", "the central bank", "the health authority",
        "the transport agency", "the electoral commission", "the port authority", "the national statistics office"]
PEOPLE = [("Maria Okafor", "a spokesperson for the ministry"), ("James Lindqvist", "the council's budget chair"),
          ("Priya Raman", "an economist at the university"), ("Tomas Herrera", "the agency's director"),
          ("Aiko Tanaka", "a senior analyst"), ("Daniel Mensah", "the union's general secretary")]
TOPICS = ["the revised budget", "rail maintenance", "hospital waiting times", "the inflation figures",
          "water infrastructure", "the housing programme", "fuel subsidies", "school funding"]
VERBS = ["said", "told reporters", "said in a statement", "added", "said on Tuesday", "wrote in a report"]
CLAIMS = ["the plan would be reviewed before the end of the quarter",
          "the figures had been checked against last year's audit",
          "spending on {topic} rose by {pct} percent over two years",
          "about {n} households were affected by the change",
          "officials expected a decision within {k} weeks",
          "the committee would publish its full findings next month",
          "independent auditors had raised questions about {topic}",
          "the proposal still needed approval from parliament"]
QUOTES = ["We have looked at every line of this budget and we stand by the numbers",
          "Nobody should pretend this is easy, but the evidence points one way",
          "We will publish the data so that anyone can check it",
          "It is too early to say what the long-term effect will be",
          "Our priority is to keep services running while the review is under way"]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(topic=rng.choice(TOPICS), pct=rng.randint(2, 40), n=rng.randint(200, 90000),
                           k=rng.randint(2, 12))


def article(i: int, target_bytes: int = 5000, seed: int = 0) -> dict:
    rng = random.Random(seed * 1_000_003 + i)
    org, topic = rng.choice(ORGS), rng.choice(TOPICS)
    paragraphs = [f"{rng.choice(CITIES)} (Reuters) - {org.capitalize()} said on {rng.choice(['Monday', 'Tuesday', 'Friday'])} "
                  f"that {_fill(rng, rng.choice(CLAIMS))}, in a move that affects {topic}."]
    size = len(paragraphs[0])
    while size < target_bytes:
        name, role = rng.choice(PEOPLE)
        kind = rng.random()
        if kind < 0.35:
            p = f'"{rng.choice(QUOTES)}," {name}, {role}, {rng.choice(VERBS)}.'
        elif kind < 0.7:
            p = " ".join(f"{org.capitalize()} {rng.choice(VERBS)} {_fill(rng, rng.choice(CLAIMS))}." for _ in range(2))
        else:
            p = (f"According to {name}, {role}, {_fill(rng, rng.choice(CLAIMS))}. "
                 f"Figures from {rng.choice(ORGS)} showed {rng.randint(3, 97)} percent of respondents agreed.")
        paragraphs.append(p)
        size += len(p) + 2
    text = "\n\n".join(paragraphs)[:target_bytes]
    return {"id": f"bench-{i}", "title": f"{org.capitalize()} reviews {topic}",
            "url": f"https://news.example.com/{i}", "text": text}


def write_articles(path: Path, n: int, seed: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(article(i, seed=seed)) + "\n")


def standin_artifacts(directory: Path) -> Path:
    """A small model of the current code's shape (its default base model), trained on generated articles."""
    import numpy as np

    from service import artifacts as art
    from service.model import build_pipeline

    articles = [article(i, target_bytes=1500, seed=99) for i in range(60)]
    for a in articles[::2]:  # the other half: shouty, unsourced
        a["text"] = a["text"].replace('"', "").replace("said", "claims") + " SHARE THIS BEFORE IT IS DELETED!!!"
    y = np.array([i % 2 for i in range(60)])
    pipeline = build_pipeline()
    pipeline.named_steps["signals"].fit()
    X = pipeline.named_steps["signals"].transform(articles)
    pipeline.named_steps["model"].set_params(calibration_folds=2).fit(X, y)
    art.save(pipeline, {"version": "bench-standin"}, directory)
    return directory


def artifacts_work(path: str | None) -> bool:
    try:
        from service import Scorer
        Scorer.load(path).score(text=article(0)["text"])
        return True
    except Exception as exc:
        print(f"note: the artifacts cannot score ({type(exc).__name__}: {exc}); using a stand-in model", file=sys.stderr)
        return False


def run(inp: Path, out: Path, jobs: int, artifacts: str | None, chunk_size: int) -> dict:
    import psutil

    summary_path = out.with_suffix(".summary.json")
    cmd = [sys.executable, "-m", "service.cli", "score", str(inp), "-o", str(out), "--jobs", str(jobs), "-q",
           "--force", "--chunk-size", str(chunk_size), "--summary-json", str(summary_path)]
    if artifacts:
        cmd += ["--artifacts", artifacts]
    peak = {"tree": 0, "largest": 0, "processes": 0}
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO)
    done = threading.Event()

    def sample():
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                procs = [root] + root.children(recursive=True)
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                peak["tree"] = max(peak["tree"], sum(rss))
                peak["largest"] = max(peak["largest"], max(rss, default=0))
                peak["processes"] = max(peak["processes"], len(rss))
            except psutil.Error:
                pass
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rc = proc.wait()
    wall = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its (reaped) workers
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    done.set()
    sampler.join()
    if rc != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {rc}")
    summary = json.loads(summary_path.read_text())
    return {"jobs": jobs, "rows": summary["rows_read"], "failed": summary["rows_failed"],
            "seconds": round(summary["seconds"], 2), "rows_per_s": round(summary["rows_per_s"], 1),
            "wall_seconds_incl_startup": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "ms_cpu_per_row": round(1000 * cpu / max(1, summary["rows_read"]), 2), "peak_rss_tree_mb": round(peak["tree"] / 2**20, 1),
            "peak_rss_largest_process_mb": round(peak["largest"] / 2**20, 1), "processes": peak["processes"]}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000], help="sizes for the memory runs")
    p.add_argument("--speedup-rows", type=int, default=2000, help="rows for the --jobs 1 vs --jobs 2 comparison")
    p.add_argument("--artifacts", default=None)
    p.add_argument("--standin", action="store_true", help="score with a stand-in model trained here")
    p.add_argument("--chunk-size", type=int, default=1000)
    p.add_argument("--workdir", default=None, help="where to write the generated files (default: a temp dir)")
    p.add_argument("--json", default=None, help="also write the results here")
    args = p.parse_args(argv)

    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    artifacts = args.artifacts
    if args.standin or not artifacts_work(artifacts):
        artifacts = str(standin_artifacts(work / "standin-artifacts"))
    results = {"cpus": os.cpu_count(), "artifacts": artifacts or "project default", "speedup": {}, "memory": []}

    inp = work / f"articles-{args.speedup_rows}.jsonl"
    write_articles(inp, args.speedup_rows)
    mean_bytes = inp.stat().st_size / max(1, args.speedup_rows)
    print(f"{args.speedup_rows} articles, {mean_bytes / 1000:.1f} KB each on average (JSON line), "
          f"{os.cpu_count()} CPUs", flush=True)
    one = run(inp, work / "out-j1.jsonl", 1, artifacts, args.chunk_size)
    two = run(inp, work / "out-j2.jsonl", 2, artifacts, args.chunk_size)
    ratio = two["rows_per_s"] / one["rows_per_s"] if one["rows_per_s"] else float("nan")
    results["speedup"] = {"jobs1": one, "jobs2": two, "ratio": round(ratio, 2)}
    print(f"--jobs 1: {one['rows_per_s']:8.1f} rows/s   --jobs 2: {two['rows_per_s']:8.1f} rows/s   "
          f"speed-up {ratio:.2f}x   (targets: >= 1000 rows/s on 2 cores, >= 1.7x)", flush=True)
    identical = (work / "out-j1.jsonl").read_bytes() == (work / "out-j2.jsonl").read_bytes()
    print(f"outputs of --jobs 1 and --jobs 2 identical: {identical}; CPU per row: {one['ms_cpu_per_row']} ms "
          f"(--jobs 1), {two['ms_cpu_per_row']} ms (--jobs 2); load average {os.getloadavg()[0]:.2f} "
          "(other work on the machine lowers the --jobs 2 figure)", flush=True)
    results["speedup"]["identical_outputs"] = identical
    inp.unlink()

    for n in args.rows:
        inp = work / f"articles-{n}.jsonl"
        write_articles(inp, n)
        r = run(inp, work / f"out-{n}.jsonl", 2, artifacts, args.chunk_size)
        results["memory"].append(r)
        print(f"{n:>7} rows, --jobs 2: {r['rows_per_s']:8.1f} rows/s, {r['seconds']:8.1f} s, peak RSS of the "
              f"process tree {r['peak_rss_tree_mb']:.0f} MB over {r['processes']} processes "
              f"(largest process {r['peak_rss_largest_process_mb']:.0f} MB), input {inp.stat().st_size / 2**20:.0f} MB",
              flush=True)
        inp.unlink()
        (work / f"out-{n}.jsonl").unlink()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reference index benchmark: build time, size on disk and lookup latency at 100k-1M documents.

    python bench/reference_index.py [--docs 100000 1000000] [--queries 1000] [--dir /tmp/refbench]

Synthetic documents: word sequences drawn from a Zipf-like distribution over a 50,000-word
generated vocabulary, lengths log-normal (median ~420 words, clipped to 80-2,000), so sizes and
shingle counts are like news articles. Lookups: (hit) an indexed document wrapped in ~50% page
furniture made of other random words; (miss) a fresh random document. The index is built with
``add`` in 250k-document segments (as the CLI would), then timed again after ``compact()``.
Targets: lookup p50 <= 2 ms and <= 2 GB on disk at 1M documents.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.reference_index import ReferenceIndex  # noqa: E402

VOCAB = 50_000


def vocabulary(rng: np.random.Generator) -> np.ndarray:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(3, 11, VOCAB)
    words = {"".join(rng.choice(letters, n)) for n in lengths}
    return np.array(sorted(words))


class Corpus:
    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)
        self.vocab = vocabulary(self.rng)
        ranks = np.arange(1, len(self.vocab) + 1)
        p = 1.0 / ranks ** 1.0
        self.cdf = np.cumsum(p / p.sum())

    def doc(self, n: int | None = None) -> str:
        if n is None:
            n = int(np.clip(self.rng.lognormal(np.log(420), 0.6), 80, 2000))
        idx = np.searchsorted(self.cdf, self.rng.random(n))
        return " ".join(self.vocab[np.minimum(idx, len(self.vocab) - 1)].tolist())


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(p * (len(v) - 1) + 0.5))] * 1e3


def timed_queries(idx: ReferenceIndex, texts: list[str]) -> tuple[list[float], list[dict | None]]:
    lat, results = [], []
    for t in texts:
        t0 = time.perf_counter()
        results.append(idx.query(t))
        lat.append(time.perf_counter() - t0)
    return lat, results


def run(n_docs: int, n_queries: int, folder: Path) -> dict:
    shutil.rmtree(folder, ignore_errors=True)
    corpus = Corpus(seed=n_docs)
    kept: dict[int, str] = {}
    probe = set(corpus.rng.choice(n_docs, n_queries, replace=False).tolist())

    def records():
        for i in range(n_docs):
            text = corpus.doc()
            if i in probe:
                kept[i] = text
            yield {"id": f"doc-{i}", "text": text, "origin": ("AP", "Reuters", "AFP", "PR Newswire")[i % 4]}

    t0 = time.perf_counter()
    idx = ReferenceIndex.create(folder)
    summary = idx.add(records())
    build = time.perf_counter() - t0
    stats = idx.stats()
    hits = [corpus.doc(int(len(t.split()) * 0.25)) + "\n" + t + "\n" + corpus.doc(int(len(t.split()) * 0.25) + 5)
            for t in kept.values()]
    misses = [corpus.doc() for _ in range(n_queries)]
    idx = ReferenceIndex.open(folder)  # as a server would: fresh process state, memory-mapped segments
    timed_queries(idx, hits[:50])      # warm the page cache for the lookup tables
    out = {"documents": stats["documents"], "added": summary["added"], "segments": stats["segments"],
           "build_seconds": round(build, 1), "bytes": stats["bytes"],
           "bytes_per_doc": round(stats["bytes"] / max(1, stats["documents"]), 1)}
    for label in ("segmented", "compacted"):
        if label == "compacted":
            t0 = time.perf_counter()
            idx.compact()
            out["compact_seconds"] = round(time.perf_counter() - t0, 1)
            idx = ReferenceIndex.open(folder)
            timed_queries(idx, hits[:50])
        lat_hit, res_hit = timed_queries(idx, hits)
        lat_miss, _ = timed_queries(idx, misses)
        out[label] = {"hit_p50_ms": round(pct(lat_hit, 0.5), 3), "hit_p99_ms": round(pct(lat_hit, 0.99), 3),
                      "miss_p50_ms": round(pct(lat_miss, 0.5), 3), "miss_p99_ms": round(pct(lat_miss, 0.99), 3),
                      "all_p50_ms": round(statistics.median(lat_hit + lat_miss) * 1e3, 3),
                      "hit_verbatim_rate": round(sum(1 for r in res_hit if r and r["kind"] == "verbatim")
                                                 / max(1, len(res_hit)), 4)}
    out["bytes_compacted"] = idx.stats()["bytes"]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/refindex-bench"))
    ap.add_argument("--keep", action="store_true", help="keep the built index")
    args = ap.parse_args(argv)
    print("| documents | segments | build s | size on disk | bytes/doc | lookup p50 / p99 ms (hit) | "
          "p50 / p99 ms (miss) | after compact: p50 hit / miss ms | verbatim found |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in args.docs:
        r = run(n, args.queries, args.dir / str(n))
        s, c = r["segmented"], r["compacted"]
        print(f"| {r['documents']:,} | {r['segments']} | {r['build_seconds']} | {r['bytes'] / 1e9:.3f} GB | "
              f"{r['bytes_per_doc']} | {s['hit_p50_ms']} / {s['hit_p99_ms']} | {s['miss_p50_ms']} / {s['miss_p99_ms']} | "
              f"{c['hit_p50_ms']} / {c['miss_p50_ms']} | {c['hit_verbatim_rate']} |", flush=True)
        print(r, file=sys.stderr, flush=True)
        if not args.keep:
            shutil.rmtree(args.dir / str(n), ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

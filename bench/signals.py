"""Throughput of signals + model on ~5 KB articles: prints articles/s per family and end to end.

    python bench/signals.py [--articles 400] [--jobs 2]

The articles come from bench/synthetic.py (datelines, reporting verbs, attributed quotes), so the
benchmark needs nothing outside the project.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_article  # noqa: E402

def _score_chunk(texts: list[str]) -> int:
    from service import Scorer
    scorer = _score_chunk.scorer = getattr(_score_chunk, "scorer", None) or Scorer.load()
    scorer.score_many(texts, explain=False)
    return len(texts)


def _warm_worker(texts: list[str]) -> None:
    """Pool initializer: load the model and score a few articles before any timed work."""
    _score_chunk(texts)


def _started(seconds: float) -> int:
    time.sleep(seconds)  # keeps this worker busy so that the pool starts every worker
    return os.getpid()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5,
                        help="timed rounds of the multi-process run (one round is under a second, so one alone is noisy)")
    args = parser.parse_args()
    rng = random.Random(0)
    texts = [make_article(rng) for _ in range(args.articles)]
    print(f"{len(texts)} articles, mean {sum(map(len, texts)) / len(texts):.0f} chars")

    from service import Scorer
    from service.features import FAMILIES, to_article
    from service.signals import Article

    articles = [Article(text=t) for t in texts]
    for family, module in FAMILIES:
        t0 = time.perf_counter()
        for a in articles:
            module.extract(a)
        dt = time.perf_counter() - t0
        print(f"  {family:12s} {dt / len(texts) * 1000:6.2f} ms/article")
    scorer = Scorer.load()
    scorer.score_many(texts[:10])
    for explain in (False, True):
        t0 = time.perf_counter()
        scorer.score_many(texts, explain=explain)
        dt = time.perf_counter() - t0
        print(f"one process, score_many(explain={explain}): {len(texts) / dt:7.0f} articles/s "
              f"({dt / len(texts) * 1000:.2f} ms/article)")
    t0 = time.perf_counter()
    for t in texts[:100]:
        scorer.score(t)
    dt = time.perf_counter() - t0
    print(f"one process, score() one at a time: {100 / dt:7.0f} articles/s (with reasons)")
    if args.jobs > 1:
        chunks = [texts[i::args.jobs * 4] for i in range(args.jobs * 4)]
        # Every worker loads the model and warms up (initializer) before the clock starts.
        with ProcessPoolExecutor(args.jobs, initializer=_warm_worker, initargs=(texts[:20],)) as pool:
            while len(set(pool.map(_started, [0.2] * args.jobs))) < args.jobs:
                pass
            rates = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                n = sum(pool.map(_score_chunk, chunks))
                rates.append(n / (time.perf_counter() - t0))
        rounds = " ".join(f"{r:.0f}" for r in rates)
        print(f"{args.jobs} processes, score_many(explain=False): {statistics.median(rates):7.0f} articles/s, "
              f"median of {len(rates)} rounds ({rounds}) (target >= 1,000)")


if __name__ == "__main__":
    main()

"""Training time without the evaluation: corpus, features and the final fit, as `reliability train`
runs them (its own run adds the grouped evaluation, which the 2-minute target leaves out).

    python bench/train_time.py [--data ../shared/data] [--jobs 2] [--runs 1]

Needs the public datasets (../shared/data); the fitted model is not written anywhere.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training import evaluate as ev  # noqa: E402
from training.corpus import build_corpus, default_data_dir  # noqa: E402
from training.ratings import compile_ratings  # noqa: E402
from training.train import fit_final  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    data = Path(args.data or default_data_dir())
    if not (data / "articles.jsonl.gz").is_file():
        raise SystemExit(f"training data not found: {data}/articles.jsonl.gz (pass --data)")
    for run in range(1, args.runs + 1):
        t0 = time.perf_counter()
        ratings = compile_ratings(data)
        corpus = build_corpus(data, ratings)
        t1 = time.perf_counter()
        X = ev.features(corpus.frame, n_jobs=args.jobs)
        t2 = time.perf_counter()
        fit_final(corpus, X, ratings, args.jobs)
        t3 = time.perf_counter()
        print(f"run {run}: corpus {t1 - t0:.1f} s, features {t2 - t1:.1f} s, final fit {t3 - t2:.1f} s, "
              f"total {t3 - t0:.1f} s (target <= 120 s)", flush=True)


if __name__ == "__main__":
    main()

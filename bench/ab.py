"""CPU time per 5 KB article of two versions of the code, in alternating runs: an A/B comparison
that the host's swings do not decide.

    python bench/ab.py BEFORE [AFTER] [--runs 6] [--articles 300] [--explain]

BEFORE and AFTER are git revisions of this repository (checked out into temporary worktrees,
removed afterwards) or directories holding a checkout; AFTER defaults to this working tree. Each
run is a fresh process that loads that version's model (its own ``artifacts/``), scores the
articles of bench/synthetic.py once to warm up, then times ``score_many`` over them three times
with ``time.process_time`` and keeps the best. The runs alternate between the versions (A B, then
B A, ...), and the minimum and median over runs are printed for each.

Why CPU time and alternation: on this shared 2-core host the wall-clock speed of the same code has
swung by 2x within ten minutes (2026-12-07), more than most changes are worth. CPU time of a
single process, taken at its best in several runs interleaved with the other version, moved by a
few percent at most between runs of the same code.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_RUN = r'''
import random, sys, time
root, n, explain = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
sys.path.insert(0, root)
sys.path.insert(0, root + "/bench")
from synthetic import make_article
from service import Scorer
rng = random.Random(0)
texts = [make_article(rng) for _ in range(n)]
scorer = Scorer.load()
scorer.score_many(texts[:30], explain=explain)
best = float("inf")
for _ in range(3):
    t0 = time.process_time()
    scorer.score_many(texts, explain=explain)
    best = min(best, time.process_time() - t0)
print(best / n * 1000)
'''


def _checkout(version: str, scratch: Path) -> Path:
    """A directory holding ``version``: itself if it is one, else a worktree of the revision."""
    if Path(version).is_dir():
        return Path(version).resolve()
    target = scratch / version.replace("/", "_")
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-f", str(target), version],
                   check=True, capture_output=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after", nargs="?", default=str(REPO))
    parser.add_argument("--runs", type=int, default=6, help="runs of each version")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--explain", action="store_true", help="score with reasons, as the HTTP service does")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ab-") as tmp:
        scratch = Path(tmp)
        versions = [args.before, args.after]
        roots = [_checkout(v, scratch) for v in versions]
        try:
            times: list[list[float]] = [[], []]
            for run in range(args.runs):
                order = (0, 1) if run % 2 == 0 else (1, 0)
                for side in order:
                    out = subprocess.run([sys.executable, "-c", _RUN, str(roots[side]), str(args.articles),
                                          "1" if args.explain else "0"], capture_output=True, text=True, check=True)
                    times[side].append(float(out.stdout.strip()))
            what = "with reasons" if args.explain else "without reasons"
            print(f"CPU ms per 5 KB article, score_many {what}, best of 3 passes over {args.articles} articles, "
                  f"{args.runs} alternating runs each")
            for version, values in zip(versions, times):
                print(f"  {version}: min {min(values):.3f}  median {statistics.median(values):.3f}  "
                      f"({' '.join(f'{v:.2f}' for v in values)})")
            change = min(times[1]) / min(times[0]) - 1
            print(f"  after against before, min: {change:+.1%}")
        finally:
            for version, root in zip(versions, roots):
                if not Path(version).is_dir():
                    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(root)],
                                   capture_output=True)


if __name__ == "__main__":
    main()

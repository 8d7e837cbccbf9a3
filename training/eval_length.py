"""How a score's quality depends on how much text the article has.

    python -m training.eval_length [--data DIR] [--jobs 2] [--no-write]

The corpus keeps articles of 200 characters or more, but users send briefs, snippets and
scrape failures too. Each held-out article is scored whole and cut to its first LENGTHS
characters (at a word boundary; the title kept), by the models that ``reliability evaluate``
fits on the same splits (calibrated, content-farm prior included):

* leave-one-collection-out: macro and pooled ROC-AUC, and pooled ECE, at each length;
* folds grouped by outlet, where the bands were chosen: how often each band is wrong at each
  length against the shipped thresholds (unreliable articles scored high; reliable ones low);
* whole articles by their own length (NATURAL_BUCKETS), to tell an article written short from
  one cut short.

A cut article is not the same as one written short, but it is the nearest the corpus has to it.
Writes ``artifacts/report/length.md`` (figures only).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from service.batch import run_interruptible

REPO = Path(__file__).resolve().parent.parent
# Characters kept from the start of each article; None = whole. 200 is the corpus floor and the
# short_text caveat's (service/applicability.py).
LENGTHS = (100, 150, 200, 300, 500, 1000, 2000, None)
_LAST_SPACE = re.compile(r"\s+\S*$")
# Whole articles grouped by their own length in characters: [lower, upper).
NATURAL_BUCKETS = ((200, 500), (500, 1000), (1000, 2000), (2000, 5000), (5000, None))


def cut(text: str, length: int | None) -> str:
    """The first ``length`` characters of ``text``, ending at a word boundary."""
    if length is None or len(text) <= length:
        return text
    head = text[:length + 1]
    if head[-1].isspace():
        return head.rstrip()
    return _LAST_SPACE.sub("", head) if _LAST_SPACE.search(head) else head[:length]


def _fit_predict(frame, X, by_length, train, test):
    from threadpoolctl import threadpool_limits

    from . import evaluate as ev

    with threadpool_limits(1):
        y = frame.label.to_numpy()
        model = ev._signal_model(X[train], y[train], frame.iloc[train])
        return test, {length: model.predict_proba(M[test])[:, 1] for length, M in by_length.items()}


def _predictions(frame, X, by_length, splits, n_jobs):
    from joblib import Parallel, delayed

    out = {length: np.full(len(frame), np.nan) for length in by_length}
    jobs = (delayed(_fit_predict)(frame, X, by_length, tr, te) for tr, te in splits)
    for test, predicted in Parallel(n_jobs=n_jobs)(jobs):
        for length, p in predicted.items():
            out[length][test] = p
    return out


def _key(length):
    return "whole" if length is None else str(length)


def run(data_dir: Path | None, n_jobs: int) -> dict:
    from service import Scorer

    from . import evaluate as ev
    from .corpus import build_corpus

    started = time.perf_counter()
    frame = build_corpus(data_dir).frame
    texts = frame.text.tolist()
    X = ev.features(frame, n_jobs=n_jobs)
    by_length = {}
    lengths = {}
    for length in LENGTHS:
        if length is None:
            by_length[length] = X
            lengths[length] = np.array([len(t) for t in texts])
            continue
        cut_frame = frame.assign(text=[cut(t, length) for t in texts])
        by_length[length] = ev.features(cut_frame, n_jobs=n_jobs)
        lengths[length] = cut_frame.text.str.len().to_numpy()
    print(f"features at {len(LENGTHS)} lengths: {time.perf_counter() - started:.0f} s", flush=True)
    loco = _predictions(frame, X, by_length, ev.loco_splits(frame), n_jobs)
    grouped = _predictions(frame, X, by_length, ev.grouped_splits(frame), n_jobs)
    print(f"fits and predictions: {time.perf_counter() - started:.0f} s", flush=True)

    manifest = Scorer.load().manifest
    high = manifest["bands"]["high"]["threshold"]
    low = manifest["bands"]["low"]["threshold"]
    y = frame.label.to_numpy()
    collections = frame.collection.to_numpy()
    two_class = [c for c in sorted(set(collections)) if 0 < y[collections == c].sum() < (collections == c).sum()]
    rows = {}
    for length in LENGTHS:
        p, g = loco[length], grouped[length]
        per = {c: float(roc_auc_score(y[collections == c], p[collections == c])) for c in two_class}
        rows[_key(length)] = {
            "median_chars": float(np.median(lengths[length])),
            "share_cut": float(np.mean(lengths[length] < lengths[None])),
            "loco_macro_roc_auc": float(np.mean(list(per.values()))), "loco_per_collection": per,
            "loco_pooled_roc_auc": float(roc_auc_score(y, p)),
            "loco_pooled_ece": ev.expected_calibration_error(y, p),
            "grouped_pooled_ece": ev.expected_calibration_error(y, g),
            "grouped_unreliable_high": float(np.mean(g[y == 0] >= high)),
            "grouped_reliable_low": float(np.mean(g[y == 1] < low)),
            "grouped_reliable_high": float(np.mean(g[y == 1] >= high)),
            "grouped_unreliable_low": float(np.mean(g[y == 0] < low)),
            "loco_unreliable_high": float(np.mean(p[y == 0] >= high)),
            "loco_reliable_low": float(np.mean(p[y == 1] < low)),
        }
        print(_key(length), json.dumps({k: round(v, 3) for k, v in rows[_key(length)].items()
                                        if isinstance(v, float)}), flush=True)
    natural = {}
    whole_lengths = lengths[None]
    p, g = loco[None], grouped[None]
    for lower, upper in NATURAL_BUCKETS:
        inside = (whole_lengths >= lower) & (whole_lengths < (upper or np.inf))
        yb = y[inside]
        natural[f"{lower}-{upper or ''}"] = {
            "n": int(inside.sum()), "reliable": int(yb.sum()),
            "collections": int(len(set(collections[inside]))),
            "loco_pooled_roc_auc": float(roc_auc_score(yb, p[inside])) if 0 < yb.sum() < len(yb) else None,
            "loco_pooled_ece": ev.expected_calibration_error(yb, p[inside]),
            "grouped_pooled_ece": ev.expected_calibration_error(yb, g[inside]),
            "grouped_unreliable_high": float(np.mean(g[inside][yb == 0] >= high)) if (yb == 0).any() else None,
            "grouped_reliable_low": float(np.mean(g[inside][yb == 1] < low)) if (yb == 1).any() else None,
        }
        print("natural", lower, upper, natural[f"{lower}-{upper or ''}"], flush=True)
    return {"rows": rows, "natural": natural, "articles": len(frame), "high": high, "low": low, "model_version": manifest["version"],
            "two_class": two_class, "seconds": round(time.perf_counter() - started)}


def markdown(result: dict) -> str:
    lines = ["# Score quality by article length", "",
             f"Written by `python -m training.eval_length` ({result['articles']} corpus articles; bands of model "
             f"{result['model_version']}: high >= {result['high']}, low < {result['low']}). Each held-out article is "
             "scored whole and cut to its first N characters at a word boundary (title kept), by models fitted on "
             "whole articles on the same splits as `reliability evaluate`. A cut article stands in for one written "
             "short; the corpus keeps none under 200 characters.", "",
             "| first N characters | median length | share cut | LOCO macro ROC-AUC | LOCO pooled ROC-AUC | "
             "LOCO pooled ECE | grouped pooled ECE | unreliable scored high (grouped / LOCO) | "
             "reliable scored low (grouped / LOCO) | reliable scored high (grouped) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for key, r in result["rows"].items():
        lines.append(f"| {key} | {r['median_chars']:.0f} | {r['share_cut']:.2f} | {r['loco_macro_roc_auc']:.3f} | "
                     f"{r['loco_pooled_roc_auc']:.3f} | {r['loco_pooled_ece']:.3f} | {r['grouped_pooled_ece']:.3f} | "
                     f"{r['grouped_unreliable_high']:.3f} / {r['loco_unreliable_high']:.3f} | "
                     f"{r['grouped_reliable_low']:.3f} / {r['loco_reliable_low']:.3f} | "
                     f"{r['grouped_reliable_high']:.3f} |")
    short = [c.split("-")[0] for c in result["two_class"]]
    lines += ["", "LOCO ROC-AUC per held-out collection:", "",
              "| first N characters | " + " | ".join(short) + " |", "|---|" + "---|" * len(short)]
    for key, r in result["rows"].items():
        lines.append(f"| {key} | " + " | ".join(f"{r['loco_per_collection'][c]:.3f}" for c in result["two_class"])
                     + " |")
    lines += ["", "Whole articles by their own length (an article written short, not cut; pooled, since few "
              "collections have both classes in every bucket):", "",
              "| characters | n | reliable | collections | LOCO pooled ROC-AUC | LOCO pooled ECE | grouped pooled ECE | "
              "unreliable scored high (grouped) | reliable scored low (grouped) |", "|---|---|---|---|---|---|---|---|---|"]

    def fmt(value):
        return "–" if value is None else f"{value:.3f}"

    for key, r in result["natural"].items():
        lines.append(f"| {key} | {r['n']} | {r['reliable']} | {r['collections']} | {fmt(r['loco_pooled_roc_auc'])} | "
                     f"{fmt(r['loco_pooled_ece'])} | {fmt(r['grouped_pooled_ece'])} | "
                     f"{fmt(r['grouped_unreliable_high'])} | {fmt(r['grouped_reliable_low'])} |")
    lines += ["", f"Run time: {result['seconds']} s.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    def evaluate_and_write() -> None:
        result = run(args.data, args.jobs)
        if not args.no_write:
            out = REPO / "artifacts" / "report" / "length.md"
            out.write_text(markdown(result))
            (REPO / "artifacts" / "report" / "length.json").write_text(json.dumps(result, indent=1))
            print("wrote", out)

    return run_interruptible("python -m training.eval_length", evaluate_and_write)


if __name__ == "__main__":
    sys.exit(main())

"""Train, calibrate and evaluate the model; write artifacts/ (model, manifest, report).

    reliability train     [--data ../shared/data] [--out artifacts]
    reliability evaluate  [--data ../shared/data] [--out artifacts]   (report only, model untouched)
"""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import numpy as np
import sklearn

from service import artifacts as art
from service.applicability import BAND_WITHHELD
from service.features import FEATURE_NAMES
from service.model import build_pipeline

from . import evaluate as ev
from .corpus import build_corpus, default_data_dir, policy_markdown
from .ratings import compile_ratings


def feature_definitions() -> dict[str, str]:
    """Feature name -> its definition, read from each signal module's docstring."""
    import re

    from service.features import FAMILIES
    from service.signals import stylometry

    marks = dict(stylometry.PUNCTUATION)
    defs: dict[str, str] = {}
    for family, module in FAMILIES:
        doc = module.__doc__ or ""
        for name in module.FEATURES:
            if name.startswith("fw_"):
                text = f"occurrences of the function word '{name[3:]}' per word of text"
            elif name.startswith("punct_"):
                text = f"occurrences of any of {list(marks[name[6:]])} per word of text"
            else:
                found = re.search(r"``" + re.escape(name) + r"``(?:,[^:\n]*)?\s*(?::|--)?\s*(.*?)(?=\n\s*\n|\n\s*[-*] |\n``|\Z)",
                                  doc, re.DOTALL)
                text = " ".join(found.group(1).split()) if found else ""
            defs[name] = f"[{family}] {text}"
    return defs


def view_definitions() -> list[dict]:
    """The n-gram views the model reads after the signals: name, column range in the model input,
    definition (from service/text_views.py's docstring), and how its member is fitted."""
    import re

    from service import text_views
    from service.model import VIEW_C, VIEW_MIN_COLLECTIONS, VIEW_MIN_DOCS

    out = []
    for name, width in text_views.VIEWS:
        found = re.search(r"``" + re.escape(name) + r"``:\s*(.*?)(?=\n\*|\n\s*\n|\Z)", text_views.__doc__ or "", re.DOTALL)
        start = len(FEATURE_NAMES) + text_views.VIEW_OFFSETS[name]
        out.append({"name": name, "columns": [start, start + width],
                    "definition": " ".join(found.group(1).split()) if found else "",
                    "member": f"sublinear TF-IDF and a logistic regression (C={VIEW_C[name]}) over the n-grams that at "
                              f"least {VIEW_MIN_DOCS} articles in each of at least {VIEW_MIN_COLLECTIONS} training "
                              "collections use"})
    return out


def _fmt(m: dict, key: str) -> str:
    v = m.get(key)
    return "–" if v is None else f"{v:.3f}"


def report_markdown(corpus, result: dict, seeds: list[dict] | None, timings: dict,
                    command: str = "reliability train") -> str:
    loco, grp = result["loco"], result["grouped"]
    lines = ["# Evaluation report", "",
             f"Generated {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} by `{command}`. "
             "Every figure comes from splits that keep whole collections (LOCO) or whole outlets (grouped folds) "
             "out of training; none from a random split.", "",
             "## Headline", "",
             "| split | macro ROC-AUC model | macro ROC-AUC TF-IDF | pooled ROC-AUC model | pooled ROC-AUC TF-IDF | macro ECE model | pooled ECE model |",
             "|---|---|---|---|---|---|---|"]
    for name, r in (("leave-one-collection-out", loco), ("grouped by outlet (5 folds)", grp)):
        lines.append(f"| {name} | {r['macro_roc_auc_model']:.3f} | {r.get('macro_roc_auc_baseline', float('nan')):.3f} | "
                     f"{r['pooled_model']['roc_auc']:.3f} | {r.get('pooled_baseline', {}).get('roc_auc', float('nan')):.3f} | "
                     f"{r['macro_ece_model']:.3f} | {r['pooled_model']['ece']:.3f} |")
    lines += ["", "Macro = mean over held-out collections that contain both classes (ROC-AUC) or over all "
              "held-out collections (ECE). Pooled = all out-of-split predictions together. TF-IDF = the baseline "
              "fitted on each split's training part: sublinear TF-IDF over the word uni- and bigrams of at least "
              "3 training texts, the 100,000 most frequent and every n-gram tied with the last of them "
              "(training/evaluate.py, FrequentNgramTfidf), and a class-balanced logistic regression (C=4).", "",
              "The model is the calibrated mean of four members (service/model.py): trees over the signals, and a "
              "logistic regression over each n-gram view (word n-grams; function-word pattern, topic masked; "
              "character n-grams), "
              "each view weighing only n-grams that at least three training collections use. Each member alone, "
              "and what each part of the model is worth on these splits: [ablations.md](ablations.md) "
              "(`python -m training.ablations`).", "",
              "## Leave-one-collection-out, per held-out collection", "",
              "| held-out collection | n | reliable | ROC-AUC | PR-AUC | Brier | ECE | mean score | TF-IDF ROC-AUC | TF-IDF Brier | share on correct side (one-class) |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for c, m in loco["model"].items():
        b = loco.get("baseline", {}).get(c, {})
        lines.append(f"| {c} | {m['n']} | {m['reliable']} | {_fmt(m, 'roc_auc')} | {_fmt(m, 'pr_auc')} | {m['brier']:.3f} | "
                     f"{m['ece']:.3f} | {m['mean_score']:.3f} | {_fmt(b, 'roc_auc')} | {_fmt(b, 'brier')} | {_fmt(m, 'share_correct_side')} |")
    lines += ["", "## Grouped by outlet (5 folds), per collection", "",
              "| collection | n | ROC-AUC | PR-AUC | Brier | ECE | TF-IDF ROC-AUC |", "|---|---|---|---|---|---|---|"]
    for c, m in grp["model"].items():
        b = grp.get("baseline", {}).get(c, {})
        lines.append(f"| {c} | {m['n']} | {_fmt(m, 'roc_auc')} | {_fmt(m, 'pr_auc')} | {m['brier']:.3f} | {m['ece']:.3f} | {_fmt(b, 'roc_auc')} |")
    lines += ["", "## Held-out machine text, by generator", "",
              "Leave-one-collection-out again, within each held-out collection that has reliable rows and "
              "more than one kind of unreliable row: ROC-AUC of its reliable rows against each kind. With "
              "l2r held out, the only machine text in training is LLMFake's (ChatGPT), so its Gemini-1.5-Pro and "
              "Llama-3-70B rewrites come from generators the model never saw; with LLMFake held out, training "
              "has l2r's rewrites (GPT-3-Turbo, GPT-4o, Gemini-1.5-Pro, Llama-3-70B), which LLMFake's rewrite "
              "and paraphrase prompts resemble and its open-ended, hallucination and arbitrary prompts do not.", "",
              "| held-out collection | reliable rows | against | n | ROC-AUC | TF-IDF ROC-AUC |", "|---|---|---|---|---|---|"]
    for c, entry in result.get("loco_by_raw_label", {}).items():
        for label, m in entry["against"].items():
            lines.append(f"| {c} | {entry['reliable']} ({', '.join(entry['reliable_raw_labels'])}) | {label} | {m['n']} | "
                         f"{m['roc_auc']:.3f} | {_fmt(m, 'baseline_roc_auc')} |")
    bands = result["bands"]
    lines += ["", "## Bands", "", f"Chosen on {bands['chosen_on']}.", "",
              "| band | rule | error rate on grouped OOF | recall |", "|---|---|---|---|",
              f"| high | score >= {bands['high']['threshold']} | {bands['high']['false_positive_rate']:.3f} of unreliable articles score high | {bands['high']['reliable_recall']:.3f} of reliable |",
              f"| mixed | between, or any score under the caveats {', '.join(sorted(BAND_WITHHELD))} ([length.md](length.md)) | | |",
              f"| low | score < {bands['low']['threshold']} | {bands['low']['false_low_rate']:.3f} of reliable articles score low | {bands['low']['unreliable_recall']:.3f} of unreliable |",
              "", "![ROC](roc_loco.png)", "", "![Reliability diagram](reliability_diagram.png)", ""]
    if seeds:
        lines += ["## Seed articles (../shared/seeds)", "", "| seed | score | band | provenance |", "|---|---|---|---|"]
        lines += [f"| {s['name']} | {s['score']:.3f} | {s['band']} | {s['provenance']} |" for s in seeds]
        lines.append("")
    lines += ["## Corpus", "", f"Training rows: {corpus.stats['rows']} ({corpus.stats['reliable']} reliable, "
              f"{corpus.stats['unreliable']} unreliable); dropped: {corpus.stats['dropped']}. "
              f"Fingerprint (sha256 of sorted id, label, text sha256): `{corpus.fingerprint}`.", "",
              "| collection | reliable | unreliable |", "|---|---|---|"]
    lines += [f"| {c} | {v['reliable']} | {v['unreliable']} |" for c, v in corpus.stats["by_collection"].items()]
    lines += ["", "## Label policy", "", policy_markdown(), "",
              "## Timings", "", *(f"- {k}: {v:.1f} s" for k, v in timings.items()), ""]
    return "\n".join(lines)


def score_seeds(pipeline, manifest, seeds_dir: Path) -> list[dict] | None:
    """The committed model's score, band and provenance class of each seed article (None without them)."""
    if not seeds_dir.is_dir():
        return None
    from service.scorer import Scorer
    scorer = Scorer(pipeline, manifest)
    out = []
    for path in sorted(seeds_dir.glob("0*.txt")):
        r = scorer.score(path.read_text(encoding="utf-8"))
        out.append({"name": path.name[:3], "score": r["score"], "band": r["band"], "provenance": r["provenance"]["class"]})
    return out


def fit_final(corpus, X, ratings, n_jobs: int = 2):
    """The Pipeline that ships: the signal extractor and the classifier fitted on every corpus row
    (X: the corpus's feature rows, from ``evaluate.features``)."""
    pipeline = build_pipeline(domain_ratings=ratings)
    pipeline.named_steps["signals"].fit()
    pipeline.named_steps["model"].set_params(n_jobs=n_jobs).fit(
        X, corpus.frame.label.to_numpy(), **ev.calibration_groups(corpus.frame))
    return pipeline


def run(data_dir: Path | None = None, out_dir: Path | None = None, write_model: bool = True,
        with_baseline: bool = True, n_jobs: int = 2) -> dict:
    data_dir = Path(data_dir or default_data_dir())
    out_dir = Path(out_dir or art.default_artifacts_dir())
    if not (data_dir / "articles.jsonl.gz").is_file():
        raise SystemExit(f"training data not found: {data_dir}/articles.jsonl.gz (pass --data)")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    ratings = compile_ratings(data_dir)
    corpus = build_corpus(data_dir, ratings)
    timings["corpus"] = time.perf_counter() - t0
    t = time.perf_counter()
    X = ev.features(corpus.frame, n_jobs=n_jobs)
    timings["features"] = time.perf_counter() - t
    t = time.perf_counter()
    result = ev.evaluate(corpus.frame, X, with_baseline=with_baseline, n_jobs=n_jobs)
    timings["evaluation"] = time.perf_counter() - t
    t = time.perf_counter()
    pipeline = fit_final(corpus, X, ratings, n_jobs)
    timings["final_fit"] = time.perf_counter() - t
    timings["total_train"] = timings["corpus"] + timings["features"] + timings["final_fit"]

    version = dt.datetime.now(dt.timezone.utc).strftime("%Y.%m.%d.%H%M")
    metrics = {k: {kk: vv for kk, vv in v.items() if kk not in ("model", "baseline")}
               for k, v in result.items() if k in ("loco", "grouped")}
    manifest = {
        "version": version,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "sklearn_version": sklearn.__version__,
        "feature_names": list(FEATURE_NAMES),
        "feature_definitions": feature_definitions(),
        "views": view_definitions(),
        "training_data": {"fingerprint_sha256": corpus.fingerprint, **corpus.stats,
                          "domain_ratings": len(ratings)},
        "metrics": metrics,
        "metrics_per_collection": {"loco": result["loco"]["model"], "grouped": result["grouped"]["model"]},
        "bands": result["bands"],
        "priors": {"domain_weight": pipeline.named_steps["model"].domain_weight,
                   "content_farm_weight": pipeline.named_steps["model"].content_farm_weight,
                   "state_publisher_weight": pipeline.named_steps["model"].state_publisher_weight},
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    report_dir = out_dir / "report"
    report_dir.mkdir(exist_ok=True)
    if write_model:
        manifest = art.save(pipeline, manifest, out_dir)
    seeds = score_seeds(pipeline, manifest, data_dir.parent / "seeds")  # shared/seeds beside shared/data
    ev.plot(corpus.frame, result, report_dir)
    (report_dir / "README.md").write_text(report_markdown(
        corpus, result, seeds, timings, "reliability train" if write_model else "reliability evaluate"), encoding="utf-8")
    serialisable = {k: v for k, v in result.items() if k != "predictions"}
    (report_dir / "metrics.json").write_text(json.dumps({**serialisable, "seeds": seeds, "timings": timings}, indent=2) + "\n")
    print(f"corpus {corpus.stats['rows']} rows, fingerprint {corpus.fingerprint[:12]}")
    for scheme in ("loco", "grouped"):
        r = result[scheme]
        print(f"{scheme:8s} macro ROC-AUC model {r['macro_roc_auc_model']:.3f}  TF-IDF {r.get('macro_roc_auc_baseline', float('nan')):.3f}  "
              f"pooled {r['pooled_model']['roc_auc']:.3f}  macro ECE {r['macro_ece_model']:.3f}  pooled ECE {r['pooled_model']['ece']:.3f}")
    for c, m in result["loco"]["model"].items():
        b = result["loco"].get("baseline", {}).get(c, {})
        print(f"  LOCO {c:38s} n={m['n']:5d} auc={_fmt(m, 'roc_auc')} base={_fmt(b, 'roc_auc')} ece={m['ece']:.3f} "
              f"mean={m['mean_score']:.3f} correct_side={_fmt(m, 'share_correct_side')}")
    print("bands", {k: v for k, v in result["bands"].items() if k != "chosen_on"})
    if seeds:
        print("seeds", [(s["name"], s["score"], s["provenance"]) for s in seeds])
    print("timings", {k: round(v, 1) for k, v in timings.items()})
    return manifest

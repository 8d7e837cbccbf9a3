"""Grouped evaluation: leave-one-collection-out and folds grouped by outlet, with a TF-IDF baseline.

No figure here comes from a random split: every prediction is made by a model that saw no
article of the held-out collection (LOCO) or outlet (grouped folds).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score, roc_curve
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline

from service.features import SignalExtractor
from service.model import CALIBRATION_GROUPS, CALIBRATION_OUTLETS, ReliabilityClassifier

# Ten equal-width bins: the usual ECE definition (Guo et al. 2017).
ECE_BINS = 10
# Each band threshold keeps the share of wrong-side articles under this rate on grouped OOF predictions.
BAND_ERROR_RATE = 0.05
GROUPED_FOLDS = 5


def features(frame: pd.DataFrame, n_jobs: int = 2, domain_ratings=None):
    """Signal matrix plus n-gram view counts for the corpus, sparse (titles included; no URL,
    see service.model). The views are raw counts: term weights are learned inside each split."""
    from joblib import Parallel, delayed

    items = [{"text": t, "title": ti if isinstance(ti, str) else None} for t, ti in zip(frame.text, frame.title)]
    chunks = [items[i:i + 500] for i in range(0, len(items), 500)]
    extractor = SignalExtractor(domain_ratings=domain_ratings).fit()
    parts = Parallel(n_jobs=n_jobs)(delayed(extractor.transform)(chunk) for chunk in chunks)
    return sp.vstack(parts, format="csr")


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = ECE_BINS) -> float:
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            ece += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(ece)


# Digits kept in metrics.json and the manifest. The report prints 3, so storing 4 rounded twice:
# the LOCO macro ROC-AUC of 2026-12-06 12:33, 0.82748, was stored as 0.8275 and printed 0.828.
STORED_DIGITS = 6


def metrics(y: np.ndarray, p: np.ndarray) -> dict:
    out = {"n": int(len(y)), "reliable": int(y.sum()), "mean_score": round(float(p.mean()), STORED_DIGITS),
           "brier": round(float(brier_score_loss(y, p)), STORED_DIGITS),
           "ece": round(expected_calibration_error(y, p), STORED_DIGITS)}
    if 0 < y.sum() < len(y):
        out["roc_auc"] = round(float(roc_auc_score(y, p)), STORED_DIGITS)
        out["pr_auc"] = round(float(average_precision_score(y, p)), STORED_DIGITS)
        out["pr_auc_unreliable"] = round(float(average_precision_score(1 - y, 1 - p)), STORED_DIGITS)
    else:
        # One class only: the share on the right side of 0.5 is the only meaningful figure.
        out["share_correct_side"] = round(float(((p >= 0.5) == (y == 1)).mean()), STORED_DIGITS)
    return out


class FrequentNgramTfidf(TransformerMixin, BaseEstimator):
    """TF-IDF over the word uni- and bigrams of at least ``min_df`` documents whose count in the
    training texts reaches that of the ``max_features``-th most frequent one.

    scikit-learn's ``max_features`` keeps exactly that many and breaks ties at the cut in the
    order of NumPy's unstable sort, which can differ between NumPy builds and CPUs; on our corpus
    about 20,000 n-grams tie there, and the order moved the baseline's LOCO macro ROC-AUC by a few
    thousandths between two machines with the same rows. Keeping every tied n-gram makes the
    vocabulary depend on the training texts alone."""

    def __init__(self, max_features: int = 100_000, min_df: int = 3):
        self.max_features = max_features
        self.min_df = min_df

    def fit(self, texts, y=None):
        counts = CountVectorizer(ngram_range=(1, 2), min_df=self.min_df)
        totals = np.asarray(counts.fit_transform(texts).sum(axis=0)).ravel()
        cut = np.sort(totals)[::-1][min(self.max_features, len(totals)) - 1]
        vocabulary = counts.get_feature_names_out()[totals >= cut]
        self.tfidf_ = TfidfVectorizer(ngram_range=(1, 2), vocabulary=vocabulary, sublinear_tf=True).fit(texts)
        return self

    def transform(self, texts):
        return self.tfidf_.transform(texts)


def baseline() -> object:
    return make_pipeline(FrequentNgramTfidf(max_features=100_000, min_df=3),
                         LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))


# Inner calibration folds inside each evaluation split: as many as the shipped model uses, so
# the calibration figures describe what ships (three would save a third of evaluation time).
EVALUATION_CALIBRATION_FOLDS = ReliabilityClassifier().calibration_folds


def calibration_groups(frame: pd.DataFrame) -> dict:
    """``ReliabilityClassifier.fit``'s ``groups`` and ``outlets`` for these corpus rows: their
    collections and outlets, so the calibration folds hold whole collections out, and whole
    outlets (CALIBRATION_GROUPS and CALIBRATION_OUTLETS in service/model.py)."""
    return {"groups": frame[CALIBRATION_GROUPS].to_numpy(), "outlets": frame[CALIBRATION_OUTLETS].to_numpy()}


def _signal_model(X, y, frame: pd.DataFrame):
    """The model as training fits it, on rows X, y of the corpus rows ``frame``."""
    return ReliabilityClassifier(calibration_folds=EVALUATION_CALIBRATION_FOLDS).fit(X, y, **calibration_groups(frame))


def _fit_predict(frame: pd.DataFrame, X: np.ndarray, train_idx, test_idx, with_baseline: bool):
    from threadpoolctl import threadpool_limits

    # One OpenMP thread per process: two splits run at once, and oversubscribed OpenMP
    # threads slow gradient boosting down by an order of magnitude on two cores.
    with threadpool_limits(1):
        y = frame.label.to_numpy()
        model = _signal_model(X[train_idx], y[train_idx], frame.iloc[train_idx])
        p_model = model.predict_proba(X[test_idx])[:, 1]
        p_base = None
        if with_baseline:
            texts = frame.text.to_numpy()
            p_base = baseline().fit(texts[train_idx], y[train_idx]).predict_proba(texts[test_idx])[:, 1]
    return test_idx, p_model, p_base


def split_predictions(frame: pd.DataFrame, X: np.ndarray, splits, with_baseline: bool = True, n_jobs: int = 2):
    """Out-of-split probabilities for the signal model and (optionally) the TF-IDF baseline."""
    from joblib import Parallel, delayed

    p_model = np.full(len(frame), np.nan)
    p_base = np.full(len(frame), np.nan)
    jobs = (delayed(_fit_predict)(frame, X, tr, te, with_baseline) for tr, te in splits)
    for test_idx, pm, pb in Parallel(n_jobs=n_jobs)(jobs):
        p_model[test_idx] = pm
        if pb is not None:
            p_base[test_idx] = pb
    return p_model, p_base


def loco_splits(frame: pd.DataFrame):
    collections = frame.collection.to_numpy()
    for c in sorted(set(collections)):
        yield np.where(collections != c)[0], np.where(collections == c)[0]


def grouped_splits(frame: pd.DataFrame):
    return GroupKFold(n_splits=GROUPED_FOLDS).split(frame, frame.label, frame.group)


def choose_bands(y: np.ndarray, p: np.ndarray, error_rate: float = BAND_ERROR_RATE) -> dict:
    """High: lowest threshold at which <= error_rate of unreliable articles reach it.
    Low: highest threshold under which <= error_rate of reliable articles fall."""
    candidates = np.round(np.linspace(0.01, 0.99, 99), 2)
    unreliable, reliable = p[y == 0], p[y == 1]
    high = next(t for t in candidates if (unreliable >= t).mean() <= error_rate)
    low = next(t for t in candidates[::-1] if (reliable < t).mean() <= error_rate)
    low = min(low, high)
    return {
        "high": {"threshold": float(high), "false_positive_rate": round(float((unreliable >= high).mean()), STORED_DIGITS),
                 "reliable_recall": round(float((reliable >= high).mean()), STORED_DIGITS),
                 "meaning": "share of unreliable articles scored high (false positive rate) and of reliable ones"},
        "low": {"threshold": float(low), "false_low_rate": round(float((reliable < low).mean()), STORED_DIGITS),
                "unreliable_recall": round(float((unreliable < low).mean()), STORED_DIGITS),
                "meaning": "share of reliable articles scored low, and of unreliable ones caught"},
        "chosen_on": f"grouped out-of-fold predictions ({GROUPED_FOLDS} folds by outlet), error rate <= {error_rate}",
    }


def per_collection(frame: pd.DataFrame, p: np.ndarray) -> dict:
    y = frame.label.to_numpy()
    return {c: metrics(y[idx], p[idx]) for c, idx in frame.groupby("collection").indices.items()}


def by_raw_label(frame: pd.DataFrame, p: np.ndarray, p_base: np.ndarray | None = None) -> dict:
    """Within each held-out collection that has reliable rows and two or more raw labels on the
    unreliable side (machine text by generator and prompt; human text with a false claim): the
    ROC-AUC of its reliable rows against each of those raw labels' rows.

    With leave-one-collection-out predictions this is how the model tells a held-out human
    text from a held-out generator's, including generators no training collection has."""
    y = frame.label.to_numpy()
    raw = frame.raw_label.to_numpy()
    out = {}
    for collection, idx in frame.groupby("collection").indices.items():
        reliable = idx[y[idx] == 1]
        unreliable = idx[y[idx] == 0]
        labels = sorted(set(raw[unreliable]))
        if len(reliable) == 0 or len(labels) < 2:
            continue
        table = {}
        for label in labels:
            rows = np.concatenate([reliable, unreliable[raw[unreliable] == label]])
            entry = {"n": int(len(rows) - len(reliable)),
                     "roc_auc": round(float(roc_auc_score(y[rows], p[rows])), STORED_DIGITS)}
            if p_base is not None and not np.isnan(p_base[rows]).any():
                entry["baseline_roc_auc"] = round(float(roc_auc_score(y[rows], p_base[rows])), STORED_DIGITS)
            table[label] = entry
        out[collection] = {"reliable": int(len(reliable)), "reliable_raw_labels": sorted(set(raw[reliable])),
                           "against": table}
    return out


def evaluate(frame: pd.DataFrame, X: np.ndarray, with_baseline: bool = True, n_jobs: int = 2) -> dict:
    y = frame.label.to_numpy()
    loco_model, loco_base = split_predictions(frame, X, loco_splits(frame), with_baseline, n_jobs)
    grp_model, grp_base = split_predictions(frame, X, grouped_splits(frame), with_baseline, n_jobs)
    result = {
        "loco": {"model": per_collection(frame, loco_model), "pooled_model": metrics(y, loco_model)},
        "grouped": {"model": per_collection(frame, grp_model), "pooled_model": metrics(y, grp_model)},
        "bands": choose_bands(y, grp_model),
        "loco_by_raw_label": by_raw_label(frame, loco_model, loco_base if with_baseline else None),
        "predictions": {"loco_model": loco_model, "grouped_model": grp_model},
    }
    if with_baseline:
        result["loco"]["baseline"] = per_collection(frame, loco_base)
        result["loco"]["pooled_baseline"] = metrics(y, loco_base)
        result["grouped"]["baseline"] = per_collection(frame, grp_base)
        result["grouped"]["pooled_baseline"] = metrics(y, grp_base)
        result["predictions"].update(loco_baseline=loco_base, grouped_baseline=grp_base)
    for scheme in ("loco", "grouped"):
        for who in ("model", "baseline"):
            if who in result[scheme]:
                aucs = [m["roc_auc"] for m in result[scheme][who].values() if "roc_auc" in m]
                eces = [m["ece"] for m in result[scheme][who].values()]
                result[scheme][f"macro_roc_auc_{who}"] = round(float(np.mean(aucs)), STORED_DIGITS)
                result[scheme][f"macro_ece_{who}"] = round(float(np.mean(eces)), STORED_DIGITS)
    return result


def plot(frame: pd.DataFrame, result: dict, out_dir) -> list[str]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    y = frame.label.to_numpy()
    written = []
    fig, ax = plt.subplots(figsize=(7, 6))
    p = result["predictions"]["loco_model"]
    for c, idx in frame.groupby("collection").indices.items():
        if 0 < y[idx].sum() < len(idx):
            fpr, tpr, _ = roc_curve(y[idx], p[idx])
            ax.plot(fpr, tpr, label=f"{c} ({roc_auc_score(y[idx], p[idx]):.2f})")
    if "loco_baseline" in result["predictions"]:
        fpr, tpr, _ = roc_curve(y, result["predictions"]["loco_baseline"])
        ax.plot(fpr, tpr, "k--", label="TF-IDF baseline, pooled")
    fpr, tpr, _ = roc_curve(y, p)
    ax.plot(fpr, tpr, "k-", lw=2, label="signals model, pooled")
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.set(xlabel="false positive rate (unreliable scored reliable)", ylabel="true positive rate",
           title="ROC, leave-one-collection-out")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out_dir / "roc_loco.png", dpi=110)
    plt.close(fig)
    written.append("roc_loco.png")

    fig, ax = plt.subplots(figsize=(6, 6))
    for key, label in (("grouped_model", "grouped folds by outlet"), ("loco_model", "leave-one-collection-out")):
        q = result["predictions"][key]
        edges = np.linspace(0, 1, ECE_BINS + 1)
        idx = np.clip(np.digitize(q, edges[1:-1]), 0, ECE_BINS - 1)
        xs = [q[idx == b].mean() for b in range(ECE_BINS) if (idx == b).any()]
        ys = [y[idx == b].mean() for b in range(ECE_BINS) if (idx == b).any()]
        ax.plot(xs, ys, "o-", label=f"{label} (ECE {expected_calibration_error(y, q):.3f})")
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.set(xlabel="predicted P(reliable)", ylabel="observed share reliable", title="Reliability diagram")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out_dir / "reliability_diagram.png", dpi=110)
    plt.close(fig)
    written.append("reliability_diagram.png")
    return written

"""The classifier behind the score, and the Pipeline that joins it to the signal extractor.

``ReliabilityClassifier`` is a scikit-learn classifier over the signal matrix:

1. a base model (standardised features -> logistic regression) over every text signal;
2. Platt calibration fitted on *grouped out-of-fold* decision values, so the probabilities
   are calibrated for outlets the base model has not seen (``groups`` at fit time);
3. a domain prior: when a URL's domain is rated by public ratings, its rating shifts the
   log-odds by ``domain_weight`` per step (+1 reliable, -1 unreliable or state-controlled).
   The domain columns are never used by the base model: training texts carry no URL, and
   letting it learn from outlet ratings would let it memorise the label source.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from .features import FEATURE_NAMES, SignalExtractor

DOMAIN_COLUMNS = ("domain_rated", "domain_reliability")
# One rating step moves the odds of reliability by e^1.5 ~ 4.5x: a public rating is strong
# evidence about an outlet but not proof about one article (chosen by hand, not fitted: the
# training rows whose labels came from the same ratings would make a fitted weight circular).
DOMAIN_WEIGHT = 1.5


def default_base() -> Pipeline:
    # Strong L2 regularisation: fewer, steadier weights transfer better to unseen outlets.
    return make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=2000, class_weight="balanced"))


class ReliabilityClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, base=None, domain_weight: float = DOMAIN_WEIGHT, calibration_folds: int = 5,
                 feature_names=FEATURE_NAMES):
        self.base = base
        self.domain_weight = domain_weight
        self.calibration_folds = calibration_folds
        self.feature_names = feature_names

    def _split(self, X):
        X = np.asarray(X, dtype=np.float64)
        names = list(self.feature_names)
        text_cols = [i for i, n in enumerate(names) if n not in DOMAIN_COLUMNS]
        rel = X[:, names.index("domain_reliability")] if "domain_reliability" in names else np.zeros(len(X))
        return X[:, text_cols], rel

    def fit(self, X, y, groups=None):
        y = np.asarray(y).astype(int)
        self.classes_ = np.array([0, 1])
        Xt, _ = self._split(X)
        base = self.base if self.base is not None else default_base()
        oof = np.zeros(len(y))
        if groups is not None and len(set(groups)) >= self.calibration_folds:
            splits = GroupKFold(n_splits=self.calibration_folds).split(Xt, y, groups)
        else:
            splits = StratifiedKFold(n_splits=self.calibration_folds, shuffle=True, random_state=0).split(Xt, y)
        for train_idx, test_idx in splits:
            model = clone(base).fit(Xt[train_idx], y[train_idx])
            oof[test_idx] = model.decision_function(Xt[test_idx])
        self.calibrator_ = LogisticRegression(C=1e6).fit(oof.reshape(-1, 1), y)
        self.oof_decision_ = oof
        self.base_ = clone(base).fit(Xt, y)
        return self

    def decision_function(self, X) -> np.ndarray:
        """Calibrated log-odds of reliability, including the domain prior."""
        Xt, rel = self._split(X)
        raw = self.base_.decision_function(Xt)
        logit = self.calibrator_.coef_[0, 0] * raw + self.calibrator_.intercept_[0]
        return logit + self.domain_weight * rel

    def predict_proba(self, X) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-np.clip(self.decision_function(X), -30, 30)))
        return np.column_stack([1 - p, p])

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)

    def contributions(self, x: np.ndarray) -> dict[str, float]:
        """Per-feature share of the calibrated log-odds for one row (linear base models only)."""
        names = [n for n in self.feature_names if n not in DOMAIN_COLUMNS]
        Xt, rel = self._split(x.reshape(1, -1))
        scaler, lr = self.base_[0], self.base_[-1]
        z = (Xt[0] - scaler.mean_) / scaler.scale_
        contrib = self.calibrator_.coef_[0, 0] * lr.coef_[0] * z
        out = dict(zip(names, contrib.tolist()))
        out["domain_reliability"] = float(self.domain_weight * rel[0])
        return out


def build_pipeline(domain_ratings=None, **classifier_params) -> Pipeline:
    return Pipeline([
        ("signals", SignalExtractor(domain_ratings=domain_ratings)),
        ("model", ReliabilityClassifier(**classifier_params)),
    ])

"""The same bin thresholds as scikit-learn's gradient-boosted trees, found in one sort per column.

With sample weights (our trees weigh the classes, ``class_weight="balanced"``) scikit-learn
1.9.1 finds each column's bin thresholds by calling its weighted-percentile helper once per
threshold: 62 sorts of the same column for 63 bins, each with its own array bookkeeping. On our
9,191 training rows and 215 signal columns that is 7.2 of the trees' 8.3 s fit (cProfile,
2026-12-07), and training fits the trees 11 times. ``sorted_once()`` swaps in a function that
does the helper's arithmetic for all of a column's thresholds at once, after one sort: the same
operations on the same numbers, so the thresholds, and so the trees, are the same to the bit
(tests/test_tree_binning.py checks it against scikit-learn's own function). scikit-learn has
merged the same change upstream (pull request 34248, "Optimize binning in HGBT"); once a
release has it this module can go.

Only fitting uses it: a fitted model keeps its thresholds and never bins again this way.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
from sklearn.ensemble._hist_gradient_boosting import binning

_LIBRARY_THRESHOLDS = binning._find_binning_thresholds


def _weighted_percentiles(values: np.ndarray, weights: np.ndarray, percentiles: np.ndarray) -> np.ndarray:
    """``_weighted_percentile(values, weights, p, average=True)`` for each p, for sorted values
    with no zero weight (what ``thresholds`` passes), in one pass over the percentiles."""
    # The library sorts the sorted column again; an unstable sort may reorder ties, and with
    # them the order in which the weights are summed, so it is redone here the same way.
    order = np.argsort(values.reshape(-1, 1), axis=0)[:, 0]
    cdf = np.cumsum(weights[order])
    rank = percentiles / 100 * cdf[-1]
    last = len(values) - 1
    at = np.clip(np.searchsorted(cdf, rank), 0, last)
    value_at = values[order[at]]
    value_after = values[order[np.clip(at + 1, 0, last)]]
    # "averaged inverted CDF": a rank that falls exactly on a step takes the mean with the next value
    return np.where(cdf[at] - rank > np.finfo(np.float64).eps, value_at, (value_at + value_after) / 2)


def thresholds(col_data: np.ndarray, max_bins: int, sample_weight: np.ndarray | None = None) -> np.ndarray:
    """``binning._find_binning_thresholds(col_data, max_bins, sample_weight)``, with the
    weighted percentiles of a column found together rather than one sort each."""
    if sample_weight is None:
        return _LIBRARY_THRESHOLDS(col_data, max_bins, None)
    # Every step below is the library's own, in its order; only the percentiles differ in how.
    present = ~np.isnan(col_data)
    if not present.all():
        col_data, sample_weight = col_data[present], sample_weight[present]
    weighed = sample_weight != 0
    col_data, sample_weight = col_data[weighed], sample_weight[weighed]
    order = np.argsort(col_data)
    col_data, sample_weight = col_data[order], sample_weight[order]
    distinct = np.unique(col_data).astype(binning.X_DTYPE)
    if len(distinct) == 1:
        return np.asarray([])
    if len(distinct) <= max_bins:
        found = np.lib.stride_tricks.sliding_window_view(distinct, 2).mean(axis=1)
    else:
        percentiles = np.linspace(0, 100, num=max_bins + 1)[1:-1]
        found = _weighted_percentiles(col_data, sample_weight, percentiles)
    found_once = np.unique(found)
    if found_once.shape[0] != found.shape[0]:
        found = found_once
    np.clip(found, a_min=None, a_max=binning.ALMOST_INF, out=found)
    return found


@contextmanager
def sorted_once():
    """While inside, scikit-learn's trees find their bin thresholds with ``thresholds``."""
    binning._find_binning_thresholds = thresholds
    try:
        yield
    finally:
        binning._find_binning_thresholds = _LIBRARY_THRESHOLDS

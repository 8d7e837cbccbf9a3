"""service.tree_binning gives the trees the thresholds scikit-learn's own function gives."""
import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.ensemble._hist_gradient_boosting import binning

from service import tree_binning


def _columns(rng):
    n = 700
    yield rng.normal(size=n)                                     # continuous
    yield np.round(rng.exponential(size=n), 1)                   # many ties
    yield rng.integers(0, 5, size=n).astype(float)               # few distinct values: midpoints
    yield np.full(n, 3.0)                                        # one value
    with_missing = rng.normal(size=n)
    with_missing[rng.random(n) < 0.2] = np.nan
    yield with_missing
    yield np.where(rng.random(n) < 0.7, 0.0, rng.random(n))     # mostly zero, like a rate


@pytest.mark.parametrize("max_bins", [63, 255, 8])
def test_thresholds_equal_the_librarys_to_the_bit(max_bins):
    rng = np.random.default_rng(max_bins)
    for column in _columns(rng):
        for weights in (None, np.where(rng.random(len(column)) < 0.3, 2.7, 0.6),
                        np.where(rng.random(len(column)) < 0.1, 0.0, 1.0)):
            ours = tree_binning.thresholds(column.copy(), max_bins, None if weights is None else weights.copy())
            library = binning._find_binning_thresholds(column.copy(), max_bins,
                                                       None if weights is None else weights.copy())
            assert ours.dtype == library.dtype
            np.testing.assert_array_equal(ours, library)


def test_sorted_once_fits_the_same_trees_and_restores_the_library():
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.normal(size=600), np.round(rng.exponential(size=600), 1),
                         rng.integers(0, 4, size=600)])
    y = (X[:, 0] + X[:, 1] + rng.normal(size=600) > 1.2).astype(int)  # imbalanced: the weights differ

    def fit():
        return HistGradientBoostingClassifier(max_iter=20, max_bins=63, class_weight="balanced",
                                              random_state=0).fit(X, y)

    plain = fit()
    with tree_binning.sorted_once():
        assert binning._find_binning_thresholds is tree_binning.thresholds
        fast = fit()
    assert binning._find_binning_thresholds is tree_binning._LIBRARY_THRESHOLDS
    for a, b in zip(plain._bin_mapper.bin_thresholds_, fast._bin_mapper.bin_thresholds_):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(plain.decision_function(X), fast.decision_function(X))

"""training.ablations on a small synthetic corpus: held-out collections, member reuse, weights."""
import numpy as np
import pandas as pd
import scipy.sparse as sp

from service.text_views import VIEWS
from training.ablations import MEMBERS, _cell_weights, loco_macro


def _corpus(seed: int = 0):
    """Four collections of 40 rows; signal 0 and view column 0 follow the label everywhere,
    view column 1 follows it only inside collection 'a' (a house mark)."""
    rng = np.random.default_rng(seed)
    collections = np.repeat(["a", "b", "c", "d"], 40)
    labels = np.tile([0, 1], 80)
    frame = pd.DataFrame({"collection": collections, "label": labels})
    S = rng.normal(size=(160, 3))
    S[:, 0] += 1.5 * labels
    views = []
    for name, _ in VIEWS:
        counts = rng.poisson(0.3, size=(160, 6)).astype(float)
        counts[:, 0] += 3 * labels
        counts[:, 1] = np.where(collections == "a", 3 * labels, 0)
        views.append((name, sp.csr_matrix(counts)))
    return frame, S, views


def test_loco_macro_scores_every_two_class_held_out_collection():
    frame, S, views = _corpus()
    result, log_odds = loco_macro(frame, S, views, n_jobs=1)
    assert set(result) == set(MEMBERS) | {"mean"}
    assert set(result["mean"]["per_collection"]) == {"a", "b", "c", "d"}
    assert result["mean"]["macro"] > 0.8  # the label is in signal 0 and view column 0 everywhere
    assert set(log_odds) == set(MEMBERS) and all(np.isfinite(v).all() for v in log_odds.values())


def test_members_not_refitted_come_from_the_reused_run():
    frame, S, views = _corpus()
    _, shipped = loco_macro(frame, S, views, n_jobs=1)
    noisy = np.random.default_rng(1).normal(size=S.shape)
    result, log_odds = loco_macro(frame, noisy, views, members=("trees",), reuse=shipped, n_jobs=1)
    for view in MEMBERS[1:]:
        np.testing.assert_array_equal(log_odds[view], shipped[view])
    assert not np.array_equal(log_odds["trees"], shipped["trees"])
    assert result["trees"]["macro"] < 0.75  # noise instead of signals


def test_cell_weights_give_every_collection_and_label_the_same_weight_after_balancing():
    frame = pd.DataFrame({"collection": ["a"] * 6 + ["b"] * 2, "label": [1, 1, 1, 1, 0, 0, 1, 0]})
    w = _cell_weights(frame)
    y = frame.label.to_numpy()
    balanced = w * np.where(y == 1, len(y) / (2 * (y == 1).sum()), len(y) / (2 * (y == 0).sum()))
    cells = frame.assign(w=balanced).groupby(["collection", "label"]).w.sum()
    assert np.allclose(cells.groupby("label").sum(), len(y) / 2)
    np.testing.assert_allclose(cells.loc[("a", 1)], cells.loc[("b", 1)])
    np.testing.assert_allclose(cells.loc[("a", 0)], cells.loc[("b", 0)])

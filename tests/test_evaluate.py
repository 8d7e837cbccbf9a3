"""The evaluation's own arithmetic, on made-up predictions (the real figures need ../shared/data)."""
import numpy as np
import pandas as pd
import pytest

from sklearn.feature_extraction.text import TfidfVectorizer

from training.evaluate import FrequentNgramTfidf, by_raw_label, choose_bands, expected_calibration_error

# "alpha" occurs six times; every other word, and the bigram "alpha alpha", three times each.
_TIED = ["alpha alpha beta gamma", "alpha alpha delta epsilon", "alpha alpha zeta eta",
         "beta delta zeta", "gamma epsilon eta", "beta gamma delta epsilon zeta eta"]


def test_by_raw_label_compares_reliable_rows_with_each_kind_of_unreliable_row():
    frame = pd.DataFrame({
        "collection": ["l2r"] * 7 + ["news"] * 3 + ["fakes"] * 2,
        "label": [1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0],
        "raw_label": ["human", "human", "gpt", "gpt", "llama", "llama", "human", "real", "fake", "fake", "a", "b"],
    })
    # gpt rows score below every human row, llama rows above two of the three
    p = np.array([0.9, 0.5, 0.1, 0.2, 0.95, 0.6, 0.7, 0.8, 0.1, 0.2, 0.3, 0.4])
    out = by_raw_label(frame, p, p_base=np.full(len(p), 0.5))
    # "news" has one kind of unreliable row (its own ROC-AUC says it all), "fakes" no reliable rows
    assert list(out) == ["l2r"]
    assert out["l2r"]["reliable"] == 3 and out["l2r"]["reliable_raw_labels"] == ["human"]
    assert out["l2r"]["against"]["gpt"] == {"n": 2, "roc_auc": 1.0, "baseline_roc_auc": 0.5}
    # llama 0.95 beats all three human rows, 0.6 beats one (0.5): 2 of 6 pairs go the right way
    assert out["l2r"]["against"]["llama"]["roc_auc"] == pytest.approx(2 / 6, abs=1e-4)


def test_expected_calibration_error():
    y = np.array([1] * 7 + [0] * 3 + [1] * 2 + [0] * 8)
    calibrated = np.array([0.75] * 10 + [0.15] * 10)  # bins say 0.75 / 0.15, the rows say 0.7 / 0.2
    assert expected_calibration_error(y, calibrated) == pytest.approx(0.05)
    assert expected_calibration_error(np.array([1, 0]), np.array([1.0, 0.0])) == 0.0


def test_bands_keep_each_error_rate_under_the_limit():
    rng = np.random.default_rng(0)
    y = np.r_[np.ones(500), np.zeros(500)].astype(int)
    p = np.clip(np.r_[rng.normal(0.7, 0.15, 500), rng.normal(0.3, 0.15, 500)], 0, 1)
    bands = choose_bands(y, p, error_rate=0.05)
    high, low = bands["high"]["threshold"], bands["low"]["threshold"]
    assert low <= high
    assert (p[y == 0] >= high).mean() <= 0.05 and (p[y == 1] < low).mean() <= 0.05
    # the next lower high threshold (and the next higher low one) would break the limit
    assert (p[y == 0] >= round(high - 0.01, 2)).mean() > 0.05
    assert (p[y == 1] < round(low + 0.01, 2)).mean() > 0.05


def test_length_cut_ends_at_a_word_boundary_within_the_limit():
    from training.eval_length import cut

    text = "The council voted on Tuesday to close the bridge."
    assert cut(text, None) == text and cut(text, 500) == text
    assert cut(text, 20) == "The council voted on"  # "Tuesday" would cross the limit
    assert cut(text, 21) == "The council voted on"  # the limit falls on the space after "on"
    assert cut("x" * 50, 10) == "x" * 10  # one long word is cut where the limit falls
    for length in range(1, len(text)):
        piece = cut(text, length)
        assert len(piece) <= length and text.startswith(piece)


def test_length_report_renders_buckets_with_one_class():
    from training.eval_length import markdown

    row = {"median_chars": 97.0, "share_cut": 1.0, "loco_macro_roc_auc": 0.6, "loco_pooled_roc_auc": 0.7,
           "loco_pooled_ece": 0.1, "grouped_pooled_ece": 0.14, "grouped_unreliable_high": 0.05,
           "loco_unreliable_high": 0.1, "grouped_reliable_low": 0.11, "loco_reliable_low": 0.08,
           "grouped_reliable_high": 0.22, "loco_per_collection": {"a-news": 0.6}}
    one_class = {"n": 3, "reliable": 3, "collections": 1, "loco_pooled_roc_auc": None, "loco_pooled_ece": 0.2,
                 "grouped_pooled_ece": 0.3, "grouped_unreliable_high": None, "grouped_reliable_low": 0.0}
    text = markdown({"rows": {"100": row}, "natural": {"5000-": one_class}, "articles": 3, "high": 0.78,
                     "low": 0.23, "model_version": "test", "two_class": ["a-news"], "seconds": 1})
    assert "| 100 | 97 | 1.00 | 0.600 |" in text
    assert "| 5000- | 3 | 3 | 1 | – | 0.200 | 0.300 | – | 0.000 |" in text


def test_baseline_vocabulary_keeps_every_ngram_tied_at_the_cut_whatever_the_order():
    # two n-grams asked for: "alpha" and the seven tied for second place are kept
    kept = set(FrequentNgramTfidf(max_features=2, min_df=3).fit(_TIED).tfidf_.vocabulary_)
    assert kept == {"alpha", "alpha alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"}
    assert set(FrequentNgramTfidf(max_features=2, min_df=3).fit(_TIED[::-1]).tfidf_.vocabulary_) == kept
    # scikit-learn's max_features keeps exactly two, the second chosen by sort order
    assert len(TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=2).fit(_TIED).vocabulary_) == 2


def test_baseline_features_are_scikit_learns_when_nothing_is_cut():
    ours = FrequentNgramTfidf(max_features=10_000, min_df=1).fit(_TIED)
    theirs = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(_TIED)
    assert ours.tfidf_.vocabulary_ == theirs.vocabulary_
    assert abs(ours.transform(_TIED) - theirs.transform(_TIED)).max() == 0

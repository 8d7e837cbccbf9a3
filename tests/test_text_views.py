"""The n-gram views the classifier reads beside the signals (service/text_views.py)."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from service.text_views import (_TOKEN, CHAR_BUCKETS, N_VIEW_COLUMNS, PATTERN_BUCKETS, VIEW_OFFSETS, WORD_BUCKETS,
                                _split_tokens, function_word_pattern, text_views, view_ngrams)

# Characters where the split tokenizer could part from the regex: white space of every kind
# (str.split and \s), word characters that are not ASCII, digits of other scripts, "_" and
# apostrophes inside and around words.
_TRICKY = st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000_'’-.,!é߀٣²ǅ\u0301\ud800aZ9"))


@given(st.text(alphabet=st.one_of(_TRICKY, st.characters()), max_size=60))
def test_split_tokenizer_gives_the_regex_tokens(text):
    assert _split_tokens(text) == _TOKEN.findall(text)


def test_pattern_masks_the_topic_but_keeps_the_construction():
    a = function_word_pattern("The minister said the harvest would fail in 2024.")
    b = function_word_pattern("The striker said the season would end in 1998.")
    assert a == b == ["the", "w", "said", "the", "w", "would", "w", "in", "D", "."]
    assert function_word_pattern("NATO told Reuters.") == ["A", "told", "C", "."]


def test_typography_is_folded_in_every_view():
    curly = "\u201cWe won\u2019t stop,\u201d she said \u2014 twice."
    straight = "\"We won't stop,\" she said - twice."
    rows = text_views([curly, straight])
    assert rows.shape == (2, N_VIEW_COLUMNS)
    assert (rows[0] != rows[1]).nnz == 0


def test_counts_not_weights_and_columns_are_split_by_view():
    row = text_views(["Rain. Rain. Rain."])
    assert row.data.max() >= 3  # raw counts: term weighting is learned by the classifier
    words = row[:, :WORD_BUCKETS]
    pattern = row[:, WORD_BUCKETS:VIEW_OFFSETS["char_ngrams"]]
    chars = row[:, VIEW_OFFSETS["char_ngrams"]:]
    assert words.nnz >= 2 and pattern.nnz >= 3  # "rain", "rain rain"; "w", ".", "w ." ...
    assert pattern.shape[1] == PATTERN_BUCKETS and chars.shape[1] == CHAR_BUCKETS
    # "R", "a", "i", "n", ".", " " and their bigrams and trigrams; "Rain" three times
    assert chars.nnz >= 10 and chars.data.max() >= 3


def _char_grams(text):
    return {g for g, _ in view_ngrams(text, ("char_ngrams",))["char_ngrams"]}


def test_char_view_keeps_case_and_stays_inside_words():
    grams = _char_grams("Big win")
    assert {"B", " Bi", "Big", "ig ", "g ", " w", " wi", "win", "in "} <= grams
    assert "g w" not in grams and "big" not in grams  # no trigram across the inside boundary; case kept
    assert all(1 <= len(g) <= 3 for g in grams)


def test_line_wrapping_changes_no_view():
    wrapped = "The council voted on Monday\nto close   the bridge.\n\nIt reopens in May."
    flat = "The council voted on Monday to close the bridge. It reopens in May."
    rows = text_views([wrapped, flat])
    assert (rows[0] != rows[1]).nnz == 0


def test_view_ngrams_name_the_columns_of_the_row():
    text = "Officials told reporters on Monday that the bridge would reopen. \"It is safe,\" one said."
    row = text_views([text])
    named = view_ngrams(text)
    columns = {col for grams in named.values() for _, col in grams}
    assert columns == set(row.indices.tolist())
    assert any(g == "officials told" for g, _ in named["word_ngrams"])
    assert any(g == "told w on" for g, _ in named["function_word_pattern"])
    assert any(g == "Off" for g, _ in named["char_ngrams"])


def test_empty_and_symbol_only_texts_give_empty_rows():
    rows = text_views(["", "   ", "***"])
    assert rows.shape == (3, N_VIEW_COLUMNS)
    assert rows[:2].nnz == 0
    assert np.isfinite(rows.data).all()


def test_reason_weights_use_the_fitted_tfidf_arithmetic():
    """view_evidence re-does TfidfTransformer's arithmetic by hand for speed: it must agree."""
    from sklearn.feature_extraction.text import TfidfTransformer

    rows = text_views(["Rain fell. Rain fell again.", "The sun came out, said the forecaster.", "Rain."])
    tfidf = TfidfTransformer(sublinear_tf=True).fit(rows)
    row = rows[1]
    by_hand = (1.0 + np.log(row.data)) * tfidf.idf_[row.indices]
    by_hand /= np.linalg.norm(by_hand)
    np.testing.assert_allclose(by_hand, tfidf.transform(row).toarray()[0, row.indices], rtol=1e-6)


def test_attested_columns_need_enough_articles_in_enough_collections():
    import scipy.sparse as sp

    from service.model import attested_columns

    # column 0: 3 articles in each of 3 collections; column 1: 9 articles of 2 collections;
    # column 2: 2 articles in each of 3 collections; column 3: in every article
    rows, groups = [], []
    for g, n_with_col1 in (("a", 4), ("b", 5), ("c", 0)):
        for i in range(5):
            rows.append([1 if i < 3 else 0, 1 if i < n_with_col1 else 0, 1 if i < 2 else 0, 2])
            groups.append(g)
    V = sp.csr_matrix(np.array(rows))
    assert attested_columns(V, groups, min_groups=3, min_docs=3).tolist() == [True, False, False, True]
    assert attested_columns(V, groups, min_groups=2, min_docs=2).tolist() == [True, True, True, True]


def test_a_view_model_ignores_the_columns_it_does_not_weigh():
    """fit_view_model(keep=mask) is the same model as one fitted without those columns, and at
    prediction time their counts change nothing."""
    from service.model import fit_view_model

    rng = np.random.default_rng(0)
    counts = rng.poisson(0.6, size=(60, 12)).astype(float)
    y = (counts[:, 0] + counts[:, 1] > counts[:, 2] + counts[:, 3]).astype(int)
    keep = np.array([True] * 8 + [False] * 4)
    masked = fit_view_model("word_ngrams", counts, y, keep)
    without = fit_view_model("word_ngrams", counts[:, keep], y)
    np.testing.assert_allclose(masked.decision_function(counts), without.decision_function(counts[:, keep]), atol=1e-6)
    np.testing.assert_array_equal(masked[-1].coef_[0, ~keep], 0.0)
    noisy = counts.copy()
    noisy[:, ~keep] += 7
    np.testing.assert_allclose(masked.decision_function(noisy), masked.decision_function(counts), atol=1e-12)


def test_lone_surrogates_are_counted_not_refused():
    # Python strings may carry them (decoded with surrogateescape); the scorer accepts such text.
    text = "Officials said \udc80 the bridge \ud800 would reopen."
    row = text_views([text])
    assert row.nnz > 0
    assert {col for grams in view_ngrams(text).values() for _, col in grams} == set(row.indices.tolist())


def test_a_view_block_is_the_views_column_slice():
    from service.features import SignalExtractor
    text = ('Harbor City (AP) — The council voted 5-2 on Monday. "We had no choice," said Mayor Ana Ruiz.\n\n'
            "Residents packed the hall; some cheered, others didn't.")
    analysis = SignalExtractor().analyse(text)
    for name, width in (("word_ngrams", WORD_BUCKETS), ("function_word_pattern", PATTERN_BUCKETS),
                        ("char_ngrams", CHAR_BUCKETS)):
        start = VIEW_OFFSETS[name]
        block = analysis.view_block(start, width)
        expected = analysis.views[:, start:start + width]
        assert block.shape == expected.shape and block.nnz == expected.nnz > 0
        assert (block != expected).nnz == 0


def test_view_ngrams_for_chosen_columns_are_those_of_the_full_listing():
    text = "The mayor's plan, she said, \u201cwill not pass\u201d -- not this year, and not in 2027!"
    full = view_ngrams(text)
    for name, grams in full.items():
        for chosen in ([col for _, col in grams[:5]], [col for _, col in grams[::3]]):  # a few, as reasons ask; many
            picked = view_ngrams(text, (name,), chosen)[name]
            assert sorted(picked) == sorted(g for g in grams if g[1] in set(chosen))

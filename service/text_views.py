"""Three n-gram views of an article's text, read by the classifier beside the signals.

* ``word_ngrams``: unigrams and bigrams of the text's words, lower-cased (the tokens below,
  punctuation left out; a word keeps its apostrophes), counted and hashed into WORD_BUCKETS
  columns: what the article talks about and in which words.
* ``function_word_pattern``: the text with its topic masked out (text distortion, Stamatatos
  2017). Function words (FUNCTION_WORDS) stay as they are, every other word becomes its
  shape (``C`` capitalised, ``A`` all capitals, ``w`` lower case, ``D`` opening with a
  digit), punctuation stays with typographic variants folded (curly and straight quotes,
  dashes: their choice is the publisher's software, not the writer's). Unigrams to trigrams
  of that, counted and hashed into PATTERN_BUCKETS columns: how sentences are built,
  whatever they are about.
* ``char_ngrams``: character unigrams to trigrams of the text with its white space
  collapsed to single spaces and the same typographic variants folded, case kept; a
  trigram does not reach across a word's inside boundary (scikit-learn's ``char_wb``
  idea: " th" and "he " are counted, "e t" is not). Counted and hashed into CHAR_BUCKETS
  columns: spelling, affixes, punctuation habits, casing, digits, whatever the words are.

The scorer gives them the article body (the text less the page furniture that
service/signals/boilerplate.py finds). All are raw counts; the classifier learns term
weighting and weights on its training rows
only (service/model.py), so these functions hold no fitted state and cannot leak a held-out
collection's vocabulary. Hashing keeps the model file small and the column layout fixed.
"""
from __future__ import annotations

import os
import re
import threading
import zlib
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# 2**18 buckets per view: on the corpus (~150k distinct word uni/bigrams after min_df, ~90k
# pattern n-grams) collisions are rare, and two 2**18 coefficient vectors cost 4 MB.
WORD_BUCKETS = 2 ** 18
PATTERN_BUCKETS = 2 ** 18
# ~62k distinct character uni- to trigrams on the corpus, half of them in fewer than three
# articles; 2**18 buckets keep the common ones apart at the cost of 4 MB of coefficients.
CHAR_BUCKETS = 2 ** 18
VIEWS = (("word_ngrams", WORD_BUCKETS), ("function_word_pattern", PATTERN_BUCKETS), ("char_ngrams", CHAR_BUCKETS))
N_VIEW_COLUMNS = WORD_BUCKETS + PATTERN_BUCKETS + CHAR_BUCKETS
# First column of each view within the view block.
VIEW_OFFSETS = {name: sum(width for _, width in VIEWS[:i]) for i, (name, _) in enumerate(VIEWS)}

# scikit-learn's English stop words plus the vocabulary of attribution: "said", "told" and
# "according" are how reporting is built, not what it is about.
FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "told", "according", "mr", "ms", "mrs", "percent", "year", "years", "would", "could"}
# The tokens of both views: words (with their apostrophes), numbers, each punctuation mark.
_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")
_FOLD = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-"),
         ("\u2026", "..."), ("\u00a0", " "))


def _fold(text: str) -> str:
    # str.replace per variant: ten times faster than str.translate with a mapping.
    for variant, plain in _FOLD:
        if variant in text:
            text = text.replace(variant, plain)
    return text


@lru_cache(maxsize=1 << 17)
def _symbol(token: str) -> str:
    # Cached: news vocabulary is Zipfian, so nearly every token is a cache hit.
    lower = token.lower()
    if lower in FUNCTION_WORDS:
        return lower
    if token[0].isdigit():
        return "D"
    if not token[0].isalpha():
        return token if len(token) == 1 else "w"  # a punctuation mark; or a word opening with "_"
    if token.isupper() and len(token) > 1:
        return "A"
    return "C" if token[0].isupper() else "w"


def _split_tokens(folded: str) -> list[str]:
    """``_TOKEN.findall(folded)``, twice as fast (0.13 against 0.27 ms on a 5 KB article).

    No token holds white space, and ``\\s`` and str.split() split on the same characters, so
    the tokens are those of each white-space-separated chunk in turn; a chunk of word characters
    only (str.isalnum(), which ``\\w`` is with "_" added) is one token without the regex."""
    tokens: list[str] = []
    add, extend, findall = tokens.append, tokens.extend, _TOKEN.findall
    for chunk in folded.split():
        if chunk.isalnum():
            add(chunk)
        else:
            extend(findall(chunk))
    return tokens


def function_word_pattern(text: str) -> list[str]:
    """The text's tokens with every non-function word replaced by its shape."""
    return list(map(_symbol, _tokens(text)))


@lru_cache(maxsize=1)
def _tokens(text: str) -> list[str]:
    """The tokens of the word and pattern views (do not modify the list). Memoised for the last
    text only: an article's reasons ask for its word view's n-grams, then its pattern view's, and
    a larger cache would hold on to several texts' tokens (~10 MB for a 1 MB text)."""
    return _split_tokens(_fold(text))


def _positions(cols: np.ndarray, wanted: np.ndarray | None):
    """Indices of ``cols`` whose value is in ``wanted`` (every index when ``wanted`` is None).
    Reasons ask for a few columns at a time, where comparing with each is several times faster
    than np.isin, which sorts."""
    if wanted is None:
        return range(len(cols))
    if len(wanted) > 8:
        return np.flatnonzero(np.isin(cols, wanted))
    mask = np.zeros(len(cols), dtype=bool)
    for column in wanted.tolist():
        mask |= cols == column
    return np.flatnonzero(mask)


@lru_cache(maxsize=1 << 18)
def _token_id(token: str) -> int:
    # CRC-32 is the same in every process and on every machine (Python's hash() is salted).
    return zlib.crc32(token.encode("utf-8", "surrogatepass")) + 1


# n-gram hashing with numpy instead of scikit-learn's HashingVectorizer: same idea (hashed
# counts, no vocabulary), but 3x faster on a 5 KB article (0.5 ms for both views, against
# 1.4 ms with HashingVectorizer and a callable analyzer; ~0.3 ms since _TokenIds below).
_STEP = np.uint64(0x100000001B3)          # FNV-1a's 64-bit prime: chains token ids into n-gram ids
_MIX = np.uint64(0x9E3779B97F4A7C15)      # Fibonacci hashing: top bits of id * 2^64/phi pick the bucket


# Not memoised: _TokenIds below keeps both ids of every token it has seen.
def _pattern_id(token: str) -> int:
    return _token_id(_symbol(token))


def _word_id(token: str) -> int:
    """The id of a token's lower-cased form in the word view; 0 for a punctuation mark."""
    return _token_id(token.lower()) if (token[0].isalnum() or token[0] == "_") else 0


def _ngram_buckets(ids: np.ndarray, max_n: int, buckets: int) -> list[np.ndarray]:
    """Bucket of every n-gram of a sequence of token ids, n = 1..max_n, one array per n, in
    text order."""
    shift = np.uint64(64 - buckets.bit_length() + 1)
    out, chained = [], ids
    for n in range(1, max_n + 1):
        if n > 1:
            chained = chained[:-1] * _STEP + ids[n - 1:] + np.uint64(n)
        # int32 (every view column, offset included, is below 2**31): np.unique sorts the
        # ~19k n-grams of a 5 KB article in 0.14 ms instead of 0.20 ms as int64.
        out.append(((chained * _MIX) >> shift).astype(np.int32))
    return out


WORD_MAX_N = 2
PATTERN_MAX_N = 3
CHAR_MAX_N = 3  # _char_buckets keeps trigrams inside words; a 4 would need its own rule
_SPACE = np.uint64(ord(" "))


def _char_text(folded: str) -> str:
    """The text the character view reads, from the text with its typography folded (``_fold``):
    white space collapsed, a space at each end (so the first and last words get their edge
    n-grams too)."""
    return " " + " ".join(folded.split()) + " "


def _char_buckets(chars: str) -> tuple[list[np.ndarray], np.ndarray]:
    """Bucket of every character n-gram of ``chars`` (a ``_char_text``), n = 1..CHAR_MAX_N,
    one array per n, and which trigrams are kept (those whose middle character is not a
    space). Position i of array n-1 is the n-gram starting at character i; the trigram array
    holds the kept ones only."""
    codes = np.frombuffer(chars.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    out = _ngram_buckets(codes, CHAR_MAX_N, CHAR_BUCKETS)
    kept = codes[1:len(out[2]) + 1] != _SPACE
    out[2] = out[2][kept]
    return out, kept


class _TokenIds(dict):
    """token -> its row in ``table``, whose two columns are the token's word-view id
    (``_word_id``) and pattern-view id (``_pattern_id``).

    One dict lookup per token, then numpy gathers both ids of every token at once: ~3x faster
    than two memoised calls per token (~0.07 ms of a 5 KB article). Bounded: emptied before a
    text that would take it past ``capacity`` tokens (never during one, so the text's rows stay
    valid). ``ids`` takes a lock: the HTTP service scores in threads, and
    rows are handed out in order."""

    def __init__(self, capacity: int):
        super().__init__()
        self.capacity = capacity
        self.table = np.zeros((1024, 2), dtype=np.uint64)
        self.lock = threading.Lock()

    def __missing__(self, token: str) -> int:
        ids = (_word_id(token), _pattern_id(token))
        row = self[token] = len(self)
        if row == len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])  # grows by doubling
        self.table[row] = ids
        return row

    def ids(self, tokens: list[str]) -> np.ndarray:
        """(len(tokens), 2) uint64 array: each token's word id and pattern id."""
        with self.lock:
            if len(self) + len(tokens) > self.capacity:
                self.clear()
            rows = np.fromiter(map(self.__getitem__, tokens), dtype=np.intp, count=len(tokens))
            return self.table[rows]


_TOKEN_IDS = _TokenIds(capacity=1 << 18)
# A process forked while another thread held the lock would otherwise inherit it held.
os.register_at_fork(after_in_child=lambda: setattr(_TOKEN_IDS, "lock", threading.Lock()))


def view_counts(text: str) -> tuple[np.ndarray, np.ndarray]:
    """One text's non-zero view columns (in VIEWS order) and counts."""
    folded = _fold(text)  # once for all three views
    raw = _split_tokens(folded)  # one tokenisation for the word and pattern views
    if not raw:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    ids = _TOKEN_IDS.ids(raw)
    word_ids, pattern_ids = ids[:, 0], ids[:, 1]
    word_ids = word_ids[word_ids != 0]  # punctuation marks are not in the word view
    # All views in one np.unique: each view's columns are shifted to its own range (VIEW_OFFSETS),
    # so the sorted result is the word columns, then the pattern columns, then the character
    # columns, each with its counts (what one np.unique per view and a concatenation gave).
    buckets = _ngram_buckets(word_ids, WORD_MAX_N, WORD_BUCKETS) if len(word_ids) else []  # offset 0
    buckets += [cols + VIEW_OFFSETS["function_word_pattern"]
                for cols in _ngram_buckets(pattern_ids, PATTERN_MAX_N, PATTERN_BUCKETS)]
    buckets += [cols + VIEW_OFFSETS["char_ngrams"] for cols in _char_buckets(_char_text(folded))[0]]
    cols, counts = np.unique(np.concatenate(buckets), return_counts=True)
    return cols, counts.astype(np.float32)


def counts_matrix(rows: list[tuple[np.ndarray, np.ndarray]]) -> sp.csr_matrix:
    """csr matrix (len(rows) x N_VIEW_COLUMNS) of view_counts results."""
    if not rows:
        return sp.csr_matrix((0, N_VIEW_COLUMNS), dtype=np.float32)
    indptr = np.concatenate([[0], np.cumsum([len(cols) for cols, _ in rows])])
    return sp.csr_matrix((np.concatenate([c for _, c in rows]), np.concatenate([i for i, _ in rows]), indptr),
                         shape=(len(rows), N_VIEW_COLUMNS))


def text_views(texts: list[str]) -> sp.csr_matrix:
    """Hashed n-gram counts, one row per text: the views' columns in VIEWS order."""
    return counts_matrix([view_counts(text) for text in texts])


def view_ngrams(text: str, views=None, columns=None) -> dict[str, list[tuple[str, int]]]:
    """Each view's distinct n-grams in one text with the column each is counted in (for reasons).

    ``views``: only these views; ``columns``: only n-grams counted in these columns."""
    out = {}
    wanted = None if columns is None else np.fromiter(columns, dtype=np.int64)
    raw, table = None, None
    # Each view's token ids are those view_counts hashes (_TOKEN_IDS: word id and pattern id of
    # every token); a token is spelt as the view reads it (lower-cased; its shape) only where one
    # of its n-grams is wanted, instead of the whole text being mapped and hashed again per view.
    for name, column, spell, max_n, buckets in (
            ("word_ngrams", 0, str.lower, WORD_MAX_N, WORD_BUCKETS),
            ("function_word_pattern", 1, _symbol, PATTERN_MAX_N, PATTERN_BUCKETS)):
        if views is not None and name not in views:
            continue
        if raw is None:
            raw = _tokens(text)
            table = _TOKEN_IDS.ids(raw) if raw else np.zeros((0, 2), dtype=np.uint64)
        ids = table[:, column]
        at = np.flatnonzero(ids) if column == 0 else np.arange(len(ids))  # the word view has no punctuation
        ids = ids[at]
        grams: dict[str, int] = {}
        if len(ids):
            for n, cols in enumerate(_ngram_buckets(ids, max_n, buckets), start=1):
                cols = cols + VIEW_OFFSETS[name]
                for i in _positions(cols, wanted):
                    grams[" ".join([spell(raw[j]) for j in at[i:i + n].tolist()])] = int(cols[i])
        out[name] = list(grams.items())
    if views is None or "char_ngrams" in views:
        out["char_ngrams"] = _char_ngrams(text, wanted)
    return out


def _char_ngrams(text: str, wanted: np.ndarray | None) -> list[tuple[str, int]]:
    """The character view's distinct n-grams of a text with their columns (``view_ngrams``)."""
    chars = _char_text(_fold(text))
    if chars.isspace():  # no token: the row is empty in every view
        return []
    buckets, kept_trigrams = _char_buckets(chars)
    grams: dict[str, int] = {}
    for n, cols in enumerate(buckets, start=1):
        starts = np.arange(len(chars) - n + 1)
        if n == 3:
            starts = starts[kept_trigrams]
        cols = cols + VIEW_OFFSETS["char_ngrams"]
        for i in _positions(cols, wanted):
            grams[chars[starts[i]:starts[i] + n]] = int(cols[i])
    return list(grams.items())

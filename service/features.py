"""One scikit-learn transformer over every signal family.

Training fits it inside the model Pipeline and the service loads that same Pipeline, so
features are computed by one piece of code everywhere (no training/serving skew).
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from . import applicability
from .signals import (Article, Signals, boilerplate, lower_word_counts, lower_words, plain_apostrophes, plain_encoding,
                      plain_entities, plain_markup, plain_single_quotations, plain_spacing, provenance, quotes, style,
                      stylometry, unwrapped)
from .text_views import N_VIEW_COLUMNS, VIEWS, counts_matrix, view_counts

FAMILIES = (
    ("provenance", provenance),
    ("quotes", quotes),
    ("boilerplate", boilerplate),
    ("style", style),
    ("stylometry", stylometry),
)
FEATURE_NAMES = tuple(name for _, module in FAMILIES for name in module.FEATURES)
_LOWER_WORD = re.compile(r"\w+")  # the words of signals.lower_words


def _plain(text: str) -> str:
    # Spacing before the markup (its patterns read "\n" lines and single spaces) and after it
    # (an image taken out leaves two spaces); both are a few "in" checks when there is nothing to do.
    return plain_spacing(plain_markup(plain_spacing(plain_apostrophes(plain_entities(plain_encoding(text))))))


def to_article(item) -> Article:
    """Article from an Article, a mapping with text/title/url/html, or a plain string.

    When only HTML is given, the article text is the page's extracted main text. Text and title
    have their mojibake, HTML character references, apostrophes, Markdown markup and spacing made
    plain (``signals.plain_encoding``, ``signals.plain_entities``, ``signals.plain_apostrophes``,
    ``signals.plain_markup``, ``signals.plain_spacing``), hard-wrapped text has its paragraphs joined
    (``signals.unwrapped``) and quotations in single quotation marks are set in double ones
    (``signals.plain_single_quotations``): every family, in training and in scoring, reads them so.
    """
    if isinstance(item, Article):
        article = item
    elif isinstance(item, str):
        article = Article(text=item)
    elif isinstance(item, Mapping):
        article = Article(text=item.get("text") or "", title=item.get("title"),
                          url=item.get("url"), html=item.get("html"))
    else:
        raise TypeError(f"an article must be a str, a mapping or an Article, not {type(item).__name__}")
    text = article.text
    if not text.strip() and article.html:
        text = boilerplate.main_text(article.html)
    # single-quoted quotations last: on plain spacing and straight apostrophes, and on whole
    # paragraphs (a wrapped line break would cut one in two)
    text = plain_single_quotations(unwrapped(_plain(text)))
    title = None if article.title is None else plain_single_quotations(_plain(article.title))
    if text is article.text and title is article.title:
        return article
    return dataclasses.replace(article, text=text, title=title)


def _stylometry(text: str, body_text: str) -> Signals:
    """``stylometry.extract`` of the body, counting only the words of the furniture lines.

    The body is the text without its furniture lines (boilerplate.extract), and no word spans
    two lines, so the body's words are the text's (already counted for provenance) less those
    lines' words."""
    if body_text == text or not text.strip():
        return stylometry.extract(Article(text=body_text))
    lines, flags = boilerplate._analysed(text)[:2]
    removed: Counter = Counter()
    for line, furniture in zip(lines, flags):
        if furniture:
            removed.update(_LOWER_WORD.findall(line.lower()))
    counts = lower_word_counts(text).copy()
    counts.subtract(removed)
    return stylometry.from_counts(body_text, counts, len(lower_words(text)) - sum(removed.values()))


@dataclass
class Analysis:
    """Every signal of one article: the feature vector in FEATURE_NAMES order, plus evidence;
    ``view_counts``: the non-zero columns and counts of the hashed n-gram views of its body
    (service/text_views.py), also as ``views`` (a 1-row csr matrix); ``body``: the text the
    quotes, style and views were read from; ``caveats``: service/applicability.py's."""

    vector: np.ndarray
    values: dict[str, float]
    evidence: dict[str, str]
    extras: dict[str, dict]
    view_counts: tuple[np.ndarray, np.ndarray] | None = None
    body: str = ""
    caveats: list[dict] = field(default_factory=list)

    @cached_property
    def views(self) -> sp.csr_matrix | None:
        # Built only when asked (tests): the model input is built from view_counts directly,
        # and a 1-row csr matrix per article cost ~0.035 ms to cut out of the chunk's.
        return None if self.view_counts is None else counts_matrix([self.view_counts])

    def view_block(self, start: int, width: int) -> sp.csr_matrix | None:
        """``views[:, start:start + width]`` (one view's columns), cut from view_counts directly:
        scipy's column slice of a csr row cost ~0.1 ms, about as much as the reason it serves."""
        if self.view_counts is None:
            return None
        cols, counts = self.view_counts
        lo, hi = np.searchsorted(cols, (start, start + width))  # view_counts' columns are sorted
        return sp.csr_matrix((counts[lo:hi], (cols[lo:hi] - start).astype(np.int32), np.array([0, hi - lo])),
                             shape=(1, width))


def analyse(article: Article, domain_ratings: Mapping[str, str] | None = None) -> Analysis:
    return analyse_many([article], domain_ratings)[0]


def analyse_many(articles: list[Article], domain_ratings: Mapping[str, str] | None = None) -> list[Analysis]:
    """``analyse`` of each article. Family by family over the whole list (the same numbers as one
    article at a time, ~10% faster: each family's code and patterns stay in the CPU caches)."""
    furnitures, bodies, provenances, stylometries, views, caveats = [], [], [], [], [], []
    for article in articles:
        furniture = boilerplate.extract(article)
        # Quotes and style describe the article, not the page furniture pasted around it.
        body_text = furniture.extra.get("article_text") or article.text
        furnitures.append(furniture)
        bodies.append(Article(text=body_text, title=article.title, url=article.url))
        # these two share the words of article.text, and _stylometry boilerplate's lines of it
        provenances.append(provenance.extract(article, domain_ratings))
        caveats.append(applicability.caveats(article))  # while provenance's word counts are memoised
        stylometries.append(_stylometry(article.text, body_text))
        views.append(view_counts(body_text))
    quoted = [quotes.extract(body) for body in bodies]
    styles = [style.extract(body) for body in bodies]
    analyses = [_assemble({"provenance": p, "quotes": q, "boilerplate": f, "style": s, "stylometry": m})
                for p, q, f, s, m in zip(provenances, quoted, furnitures, styles, stylometries)]
    for analysis, body, counts, found in zip(analyses, bodies, views, caveats):
        analysis.view_counts = counts
        analysis.body = body.text
        analysis.caveats = found
    return analyses


def model_input(analyses: list[Analysis]) -> sp.csr_matrix:
    """The classifier's rows: each article's signals, then its n-gram view counts."""
    signals = sp.csr_matrix(np.vstack([a.vector for a in analyses]))
    return sp.hstack([signals, counts_matrix([a.view_counts for a in analyses])], format="csr")


def _assemble(results: dict[str, Signals]) -> Analysis:
    values: dict[str, float] = {}
    evidence: dict[str, str] = {}
    for family, _ in FAMILIES:
        values.update(results[family].values)
        evidence.update(results[family].evidence)
    vector = np.fromiter(map(values.__getitem__, FEATURE_NAMES), dtype=np.float64, count=len(FEATURE_NAMES))
    if not np.isfinite(vector).all():
        np.nan_to_num(vector, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
    return Analysis(vector=vector, values=dict(zip(FEATURE_NAMES, vector.tolist())), evidence=evidence,
                    extras={family: results[family].extra for family, _ in FAMILIES})


class SignalExtractor(TransformerMixin, BaseEstimator):
    """Transformer: articles (str, mapping or Article) -> sparse matrix of every signal, in
    FEATURE_NAMES order, followed by the hashed n-gram counts of service/text_views.py.

    ``domain_ratings`` (domain -> reliable / mixed / unreliable / state) is compiled from public
    ratings at training time and travels inside the fitted Pipeline.
    """

    def __init__(self, domain_ratings: Mapping[str, str] | None = None):
        self.domain_ratings = domain_ratings

    def fit(self, X=None, y=None):
        self.n_features_out_ = len(FEATURE_NAMES) + N_VIEW_COLUMNS
        return self

    def transform(self, X: Iterable) -> sp.csr_matrix:
        """Rows of FEATURE_NAMES signals followed by N_VIEW_COLUMNS n-gram counts (sparse)."""
        analyses = analyse_many([to_article(item) for item in X], self.domain_ratings)
        if not analyses:
            return sp.csr_matrix((0, len(FEATURE_NAMES) + N_VIEW_COLUMNS))
        return model_input(analyses)

    def analyse(self, item, read: bool = False) -> Analysis:
        """``read``: the item is an Article already through ``to_article`` (``scorer.validate``
        returns such), so it is not read again: for a 5 KB article the checks that find nothing
        to make plain cost about 2% of its scoring time."""
        return analyse(item if read else to_article(item), self.domain_ratings)

    def analyse_many(self, items, read: bool = False) -> list[Analysis]:
        return analyse_many(list(items) if read else [to_article(item) for item in items], self.domain_ratings)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        views = [f"{name}_{bucket}" for name, width in VIEWS for bucket in range(width)]
        return np.array(list(FEATURE_NAMES) + views, dtype=object)

"""One scikit-learn transformer over every signal family.

Training fits it inside the model Pipeline and the service loads that same Pipeline, so
features are computed by one piece of code everywhere (no training/serving skew).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .signals import Article, Signals, boilerplate, provenance, quotes, style, stylometry

FAMILIES = (
    ("provenance", provenance),
    ("quotes", quotes),
    ("boilerplate", boilerplate),
    ("style", style),
    ("stylometry", stylometry),
)
FEATURE_NAMES = tuple(name for _, module in FAMILIES for name in module.FEATURES)


def to_article(item) -> Article:
    """Article from an Article, a mapping with text/title/url/html, or a plain string.

    When only HTML is given, the article text is the page's extracted main text.
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
    if not article.text.strip() and article.html:
        article = Article(text=boilerplate.main_text(article.html), title=article.title,
                          url=article.url, html=article.html)
    return article


@dataclass
class Analysis:
    """Every signal of one article: the feature vector in FEATURE_NAMES order, plus evidence."""

    vector: np.ndarray
    values: dict[str, float]
    evidence: dict[str, str]
    extras: dict[str, dict]


def analyse(article: Article, domain_ratings: Mapping[str, str] | None = None) -> Analysis:
    furniture = boilerplate.extract(article)
    # Quotes and style describe the article, not the page furniture pasted around it.
    body_text = furniture.extra.get("article_text") or article.text
    body = Article(text=body_text, title=article.title, url=article.url)
    results: dict[str, Signals] = {
        "provenance": provenance.extract(article, domain_ratings),
        "quotes": quotes.extract(body),
        "boilerplate": furniture,
        "style": style.extract(body),
        "stylometry": stylometry.extract(body),
    }
    values: dict[str, float] = {}
    evidence: dict[str, str] = {}
    for family, _ in FAMILIES:
        values.update(results[family].values)
        evidence.update(results[family].evidence)
    vector = np.fromiter((values[n] for n in FEATURE_NAMES), dtype=np.float64, count=len(FEATURE_NAMES))
    np.nan_to_num(vector, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
    return Analysis(vector=vector, values=dict(zip(FEATURE_NAMES, vector.tolist())), evidence=evidence,
                    extras={family: results[family].extra for family, _ in FAMILIES})


class SignalExtractor(TransformerMixin, BaseEstimator):
    """Transformer: articles (str, mapping or Article) -> matrix of every signal, FEATURE_NAMES order.

    ``domain_ratings`` (domain -> reliable / mixed / unreliable / state) is compiled from public
    ratings at training time and travels inside the fitted Pipeline.
    """

    def __init__(self, domain_ratings: Mapping[str, str] | None = None):
        self.domain_ratings = domain_ratings

    def fit(self, X=None, y=None):
        self.feature_names_out_ = np.array(FEATURE_NAMES, dtype=object)
        self.n_features_out_ = len(FEATURE_NAMES)
        return self

    def transform(self, X: Iterable) -> np.ndarray:
        rows = [analyse(to_article(item), self.domain_ratings).vector for item in X]
        if not rows:
            return np.zeros((0, len(FEATURE_NAMES)))
        return np.vstack(rows)

    def analyse(self, item) -> Analysis:
        return analyse(to_article(item), self.domain_ratings)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array(FEATURE_NAMES, dtype=object)

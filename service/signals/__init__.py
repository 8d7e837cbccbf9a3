"""Signal families: each module turns one article into named numbers plus evidence.

Contract shared by every family (``provenance``, ``quotes``, ``boilerplate``, ``style``, ``stylometry``):

* one entry function ``extract(article: Article) -> Signals``;
* ``Signals.values`` maps feature name -> float, always the same names in the same
  order for every article (the module's ``FEATURES`` tuple), never NaN or inf;
* ``Signals.evidence`` maps some of those names -> a short snippet of the text that
  explains the value (used for the "reasons" a score comes with);
* modules are pure: no I/O, no global state that changes between calls.

Helpers shared by the families (``lowered``, ``lower_words``, ``lower_word_counts``): pure
functions of the text, memoised for the last few texts, so one article's text is lower-cased
and split into words once however many families look at it. Callers must not modify what
they return.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Article:
    """What a caller sends: the article text, and optionally its title, URL and raw HTML page."""

    text: str
    title: str | None = None
    url: str | None = None
    html: str | None = None


@dataclass
class Signals:
    values: dict[str, float]
    evidence: dict[str, str] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # structured results (e.g. provenance class) for the API


# A handful of texts is enough: the families of one article run one after another.
_MEMO = 8
_LOWER_WORD = re.compile(r"\w+")


@lru_cache(maxsize=_MEMO)
def lowered(text: str) -> str:
    """``text.lower()``."""
    return text.lower()


# A fast path for lower_words. In ASCII text ``\w`` is exactly [A-Za-z0-9_], so mapping every
# other ASCII character to a space and calling str.split() gives the same words as the regex
# findall, ~3x faster (str.translate has a fast path for ASCII in and out). Most news text is
# ASCII except for a few typographic marks; these are not word characters, so they are turned
# into spaces first, and only text still not ASCII afterwards takes the regex.
_ASCII_NON_WORD = str.maketrans({c: " " for c in range(128) if not _LOWER_WORD.fullmatch(chr(c))})
_COMMON_NON_ASCII = tuple("\u201c\u201d\u2019\u2018\u2014\u2013\u2026\u00a0\u2122\u00a3\u00a9\u2022\u00bb\u00ab\u2009")
assert not any(_LOWER_WORD.match(c) for c in _COMMON_NON_ASCII)


@lru_cache(maxsize=_MEMO)
def lower_words(text: str) -> list[str]:
    """The ``\\w+`` words of ``text.lower()``, in order (do not modify the list)."""
    lower = lowered(text)
    if not lower.isascii():
        for mark in _COMMON_NON_ASCII:
            if mark in lower:
                lower = lower.replace(mark, " ")
        if not lower.isascii():
            return _LOWER_WORD.findall(lower)  # replacing non-word marks by spaces keeps the words
    return lower.translate(_ASCII_NON_WORD).split()


@lru_cache(maxsize=_MEMO)
def lower_word_counts(text: str) -> Counter:
    """How often each ``\\w+`` word of ``text.lower()`` occurs (do not modify the Counter)."""
    return Counter(lower_words(text))

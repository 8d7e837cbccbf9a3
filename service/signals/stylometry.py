"""Stylometry: the function-word and punctuation profile of the text.

Entry function: ``extract(article) -> Signals``.

Function words ("the", "of", "would", "very", …) are chosen by habit, not topic, so their
rates describe how a text is written whatever it is about; they separate newsroom copy from
crowd-written fakes, hyper-partisan blogs and machine rewrites across collections where topic
words fail (measured: leave-one-collection-out macro ROC-AUC 0.681 -> 0.783 with a linear model
when added to the other families).

- ``fw_<word>``: occurrences of that function word (case-insensitive, whole word) per word of
  text, for each word in ``FUNCTION_WORDS``.
- ``punct_<name>``: occurrences of that punctuation mark per word of text, for each mark in
  ``PUNCTUATION`` (comma, semicolon, colon, opening parenthesis, double quote (straight or
  curly), apostrophe (straight or curly), dash (em, en, or a spaced hyphen), question mark).
"""
from __future__ import annotations

import re
from collections import Counter

from . import Article, Signals, lower_word_counts, lower_words

FUNCTION_WORDS = tuple("""
a about above after again against all also although am an and another any are around as at be
because been before being below between both but by can could did do does doing down during each
either even ever every few for from further had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less many may me might more most
much must my myself neither no nor not now of off often on once one only or other others our ours
ourselves out over own per perhaps quite rather same several shall she should since so some such
than that the their theirs them themselves then there these they this those though through thus to
too toward under until up upon us very was we were what whatever when where whether which while
who whom whose why will with within without would yet you your yours yourself
""".split())
# Typographic variants count as one mark: whether a page has curly or straight quotes says
# which software or scraper produced it, not how reliable it is (curly quotes alone separated
# collections in the first model, a pure artefact).
PUNCTUATION = (
    ("comma", (",",)), ("semicolon", (";",)), ("colon", (":",)), ("parenthesis", ("(",)),
    ("double_quote", ('"', "\u201c", "\u201d", "\u201e")), ("apostrophe", ("'", "\u2019", "\u2018")),
    ("dash", ("\u2014", "\u2013", " - ", " -- ")), ("question_mark", ("?",)),
)
FEATURES = tuple(f"fw_{w}" for w in FUNCTION_WORDS) + tuple(f"punct_{name}" for name, _ in PUNCTUATION)

_WORD = re.compile(r"\w+")  # the words: signals.lower_words (this pattern over the lower-cased text)
_FW_NAMES = tuple(zip((f"fw_{w}" for w in FUNCTION_WORDS), FUNCTION_WORDS))
_PUNCT_NAMES = tuple((f"punct_{name}", marks) for name, marks in PUNCTUATION)


def extract(article: Article) -> Signals:
    return from_counts(article.text, lower_word_counts(article.text), len(lower_words(article.text)))


def from_counts(text: str, counts: Counter, n_words: int) -> Signals:
    """``extract`` given the text's word counts (``\\w+`` words of the lower-cased text) and
    their total."""
    n = max(1, n_words)
    count = counts.get
    values = {name: count(w, 0) / n for name, w in _FW_NAMES}
    for name, marks in _PUNCT_NAMES:
        values[name] = sum(text.count(m) for m in marks) / n
    return Signals(values=values)

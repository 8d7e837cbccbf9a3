"""Signal families: each module turns one article into named numbers plus evidence.

Contract shared by every family (``provenance``, ``quotes``, ``boilerplate``, ``style``, ``stylometry``):

* one entry function ``extract(article: Article) -> Signals``;
* ``Signals.values`` maps feature name -> float, always the same names in the same
  order for every article (the module's ``FEATURES`` tuple), never NaN or inf;
* ``Signals.evidence`` maps some of those names -> a short snippet of the text that
  explains the value (used for the "reasons" a score comes with);
* modules are pure: no I/O, no global state that changes between calls.
"""
from __future__ import annotations

from dataclasses import dataclass, field


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

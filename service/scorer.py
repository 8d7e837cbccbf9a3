"""The scorer: one core that the Python API, the command line and HTTP all call.

    from service import Scorer
    scorer = Scorer.load()
    result = scorer.score(text, title=None, url=None, html=None)
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from .applicability import BAND_WITHHELD, whole_page
from .artifacts import load_verified
from .features import Analysis, model_input, to_article
from .signals import Article
from .signals.provenance import classify
from .text_views import VIEW_OFFSETS, VIEWS

VIEW_WIDTHS = dict(VIEWS)

# 1 MB of text is ~170k words, far beyond any news article; more is a file, not an article.
MAX_TEXT_BYTES = 1_000_000
# Raw pages are bigger than their text (markup, scripts); 5 MB covers real news pages.
MAX_HTML_BYTES = 5_000_000
REASONS_SHOWN = 5
# score_many analyses this many articles at a time, family by family.
ANALYSIS_CHUNK = 64
FIELDS = ("text", "title", "url", "html")


def validate(text=None, title=None, url=None, html=None, *, max_text_bytes: int = MAX_TEXT_BYTES,
             max_html_bytes: int = MAX_HTML_BYTES) -> Article:
    """Article from raw fields, or TypeError / ValueError saying what is wrong.

    A whole HTML page in ``text`` with no ``html`` is read as the html (``applicability.whole_page``),
    and the article says so (``Article.page_sent_as_text``: the ``page_read_as_html`` caveat)."""
    for name, value in (("text", text), ("title", title), ("url", url), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    page_in_text = html is None and whole_page(text)
    if page_in_text:
        text, html = None, text
    if html is not None and len(html.encode("utf-8", "surrogatepass")) > max_html_bytes:
        raise ValueError(f"html is larger than the limit of {max_html_bytes} bytes")
    if text is None and html is None:
        raise TypeError("text must be a string, not None (or give html)")
    if text is not None and len(text.encode("utf-8", "surrogatepass")) > max_text_bytes:
        raise ValueError(f"text is larger than the limit of {max_text_bytes} bytes")
    if (text is None or not text.strip()) and (html is None or not html.strip()):
        raise ValueError("text is empty or whitespace only")
    article = to_article(Article(text=text or "", title=title, url=url, html=html, page_sent_as_text=page_in_text))
    if not article.text.strip():
        raise ValueError("the text field holds an HTML page and no article text could be extracted from it"
                         if page_in_text else "no article text could be extracted from the html")
    return article


def _round6(X: np.ndarray) -> np.ndarray:
    """``round(v, 6)`` of every value, as Python rounds (the decimal nearest to v, ties to even).

    v * 1e6 is within half an ulp of the exact product, so rounding it to an integer gives the
    exact product's nearest integer unless the product lies within that error of a half; and
    dividing that integer by 1e6 gives the double nearest the 6-decimal number, as Python's
    string round trip does. Values near a half, large or not finite go through ``round``."""
    X = np.asarray(X, dtype=np.float64)
    scaled = X * 1e6
    with np.errstate(invalid="ignore", over="ignore"):
        out = np.rint(scaled) / 1e6
        clear = (np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) > 1e-6) & (np.abs(scaled) < 2.0 ** 31)
    if not clear.all():
        flat, source = out.reshape(-1), X.reshape(-1)
        for i in np.flatnonzero(~clear.reshape(-1)).tolist():
            flat[i] = round(float(source[i]), 6)
    return out


def _rounded_signals(analyses: list[Analysis]) -> list[dict[str, float]]:
    """``{name: round(value, 6)}`` of each analysis's values, rounded all at once."""
    if not analyses:
        return []
    names = list(analyses[0].values)
    if any(len(a.values) != len(names) for a in analyses):
        return [{k: round(v, 6) for k, v in a.values.items()} for a in analyses]
    rounded = _round6(np.array([list(a.values.values()) for a in analyses], dtype=np.float64)).tolist()
    return [dict(zip(a.values, row)) for a, row in zip(analyses, rounded)]


class Scorer:
    def __init__(self, pipeline, manifest: dict, max_text_bytes: int = MAX_TEXT_BYTES, reference_index=None):
        self.pipeline = pipeline
        # Optional ReferenceIndex of known wire copy (service/reference_index.py): adds
        # provenance["syndication"]; the model's features are unchanged.
        self.reference_index = reference_index
        self.manifest = manifest
        self.max_text_bytes = max_text_bytes
        self.extractor = pipeline.named_steps["signals"]
        self.model = pipeline.named_steps["model"]
        bands = manifest.get("bands", {})
        self.high_threshold = float(bands.get("high", {}).get("threshold", 0.7))
        self.low_threshold = float(bands.get("low", {}).get("threshold", 0.3))

    @classmethod
    def load(cls, path: str | Path | None = None, single_thread: bool = True, reference_index=None,
             **kwargs) -> "Scorer":
        """Load and verify the artifacts in ``path`` (default: the project's own ``artifacts/``).

        ``single_thread`` limits OpenMP to one thread in this process (see below).
        ``reference_index``: directory of a reference index of known wire copy, opened once here."""
        pipeline, manifest = load_verified(Path(path) if path is not None else None)
        if reference_index is not None:
            from .reference_index import ReferenceIndex
            kwargs["reference_index"] = ReferenceIndex.open(reference_index)
        if single_thread:
            from threadpoolctl import threadpool_limits

            # Scoring is one article (or one chunk) at a time and the doors run one process per
            # core: OpenMP threads inside each would only fight over the same cores.
            threadpool_limits(1, user_api="openmp")
        return cls(pipeline, manifest, **kwargs)

    @property
    def model_version(self) -> str:
        return str(self.manifest.get("version", "unknown"))

    def band(self, score: float, caveats: Iterable[dict] = ()) -> str:
        """The score's band; "mixed" whatever the score under a caveat in BAND_WITHHELD."""
        if any(c["code"] in BAND_WITHHELD for c in caveats):
            return "mixed"
        if score >= self.high_threshold:
            return "high"
        if score < self.low_threshold:
            return "low"
        return "mixed"

    def score(self, text=None, title=None, url=None, html=None) -> dict:
        article = validate(text, title, url, html, max_text_bytes=self.max_text_bytes)
        return self._results([self.extractor.analyse(article, read=True)])[0]

    def score_many(self, articles: Iterable, errors: str = "raise", explain: bool = True) -> list[dict]:
        """Score many articles (mappings with text/title/url/html, or strings) in one model call.

        ``errors="raise"`` raises on the first invalid article; ``errors="return"`` puts
        ``{"error": message}`` in that article's slot and scores the rest. ``explain=False``
        skips the reasons (``"reasons": None``), which cost about as much as the model itself.
        """
        slots: list[Analysis | Exception | None] = []
        pending: list[tuple[int, Article]] = []  # valid, not analysed yet: (slot, article)

        def analyse_pending() -> None:
            # Analysed a chunk at a time, family by family (SignalExtractor.analyse_many); an
            # article whose analysis fails gets its error as if analysed on its own.
            if not pending:
                return
            many = getattr(self.extractor, "analyse_many", None)
            try:
                if many is None:
                    raise TypeError("no analyse_many")
                done: list = many([article for _, article in pending], read=True)
            except (TypeError, ValueError):
                done = []
                for _, article in pending:
                    try:
                        done.append(self.extractor.analyse(article, read=True))
                    except (TypeError, ValueError) as exc:
                        if errors == "raise":
                            raise
                        done.append(exc)
            for (slot, _), analysis in zip(pending, done):
                slots[slot] = analysis
            pending.clear()

        for item in articles:
            try:
                if isinstance(item, str):
                    fields = {"text": item}
                elif isinstance(item, Mapping):
                    # Other keys (ids, metadata) are the caller's business and pass unread.
                    fields = {k: item.get(k) for k in FIELDS}
                else:
                    raise TypeError(f"an article must be a string or a mapping, not {type(item).__name__}")
                article = validate(**fields, max_text_bytes=self.max_text_bytes)
            except (TypeError, ValueError) as exc:
                if errors == "raise":
                    analyse_pending()  # an earlier article's failure is the one to raise
                    raise
                slots.append(exc)
                continue
            pending.append((len(slots), article))
            slots.append(None)
            if len(pending) >= ANALYSIS_CHUNK:
                analyse_pending()
        analyse_pending()
        analyses = slots
        good = [a for a in analyses if isinstance(a, Analysis)]
        results = iter(self._results(good, explain)) if good else iter(())
        return [next(results) if isinstance(a, Analysis) else {"error": str(a), "error_type": type(a).__name__}
                for a in analyses]

    def _results(self, analyses: list[Analysis], explain: bool = True) -> list[dict]:
        X = model_input(analyses)
        signals = _rounded_signals(analyses)
        both = getattr(self.model, "proba_and_contributions", None)
        if explain and both is not None:
            # One pass over the trees for every article: its score and its occlusion rows.
            probabilities, contributions = both(X)
        else:
            probabilities = self.model.predict_proba(X)[:, 1].tolist()
            contributions = self.model.contributions_many(X) if explain else [None] * len(analyses)
        return [self._result(a, p, explain, c, s)
                for a, p, c, s in zip(analyses, probabilities, contributions, signals)]

    def _result(self, analysis: Analysis, probability: float, explain: bool = True,
                contributions: dict[str, float] | None = None, signals: dict[str, float] | None = None) -> dict:
        score = round(min(1.0, max(0.0, probability)), 4)
        rating, domain = analysis.extras["provenance"].get("domain_rating"), analysis.extras["provenance"].get("domain")
        match = self._index_match(analysis) if self.reference_index is not None else None
        provenance = classify(analysis.values, analysis.evidence, rating, domain, match)
        provenance["domain"] = domain
        provenance["domain_rating"] = rating
        if match is not None:
            provenance["syndication"] = match
        return {
            "score": score,
            "band": self.band(score, analysis.caveats),
            "provenance": provenance,
            "signals": signals if signals is not None else {k: round(v, 6) for k, v in analysis.values.items()},
            "reasons": self._reasons(analysis, contributions) if explain else None,
            "caveats": analysis.caveats,
            "model_version": self.model_version,
        }

    def _index_match(self, analysis: Analysis) -> dict:
        """The reference index's answer for the article body (page furniture removed)."""
        text = analysis.extras.get("boilerplate", {}).get("article_text") or ""
        match = self.reference_index.query(text) if text else None
        if match is None or match["kind"] == "none":
            match = {"match_id": None, "origin": None,
                     "containment": match["containment"] if match else 0.0, "kind": "none"}
        return match

    def _reasons(self, analysis: Analysis, contributions: dict[str, float] | None = None) -> list[dict]:
        if contributions is None:
            contributions = self.model.contributions_many(model_input([analysis]))[0]
        top = sorted(contributions.items(), key=lambda kv: -abs(kv[1]))[:REASONS_SHOWN]
        reasons = []
        for name, weight in top:
            if abs(weight) < 1e-3:
                continue
            reason = {"signal": name, "direction": "raises" if weight > 0 else "lowers", "weight": round(weight, 4)}
            if name in analysis.values:
                reason["value"] = round(analysis.values[name], 6)
            evidence_key = "ai_style_marker_count" if name == "content_farm_markers" else name
            if evidence_key in analysis.evidence:
                reason["evidence"] = analysis.evidence[evidence_key]
            elif name in VIEW_OFFSETS and analysis.view_counts is not None:
                grams = self.model.view_evidence(name, analysis.view_block(VIEW_OFFSETS[name], VIEW_WIDTHS[name]),
                                                 analysis.body, raises=weight > 0)
                if grams:
                    reason["evidence"] = ", ".join(f'"{g}"' for g in grams)
            reasons.append(reason)
        return reasons

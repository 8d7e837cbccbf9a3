"""Measure the reference index (service/reference_index.py) on pairs built from public data.

    python -m training.eval_reference_index [--data DIR] [--originals N] [--shingle K] [--no-windows]

Nothing from the data is written out: the report holds figures only.

a. Constructed pairs. Reuters C50 and BBC News 2225 stories are the "wire" originals: a seeded
   sample of them is indexed (origin "Reuters" / "BBC"). For each indexed story we query:
   * verbatim: the story inside generated page furniture (navigation lines, a subscription /
     price block, share prompts, a "More from this section" list) of 0.3-1.5x the story's length;
   * verbatim-long: the story inside a long page that also carries 2-3 other full stories
     (from the other collection, not indexed) as "related stories": a short story in a long page;
   * rewrite: the story's sentences lightly reordered (adjacent swaps), 20-40% dropped, ~10%
     of the words that have an entry in a small synonym table swapped, then furniture added;
   * unrelated: a story from the same folder (C50: same journalist; BBC: same topic) that is
     *not* indexed, with furniture; C50 story updates that share their first 300 normalised
     characters with an indexed story are left out (they are genuine partial copies).
   Precision / recall of ``verbatim`` (verbatim + verbatim-long are the positives) and of
   ``rewrite``; a prediction counts only with the right ``match_id``. Stories are split into a
   dev and a test half by sha1(id): thresholds were read off the dev half; test is reported.
b. PolNeAR articles credited to a wire service (``wire`` not null): the originals these outlets
   republished are not in the data, so this cannot measure detection of real republication.
   What it measures: with those wire articles themselves indexed, (1) a republished copy of each
   (furniture added) is found as ``verbatim`` with the right id, and (2) the other PolNeAR
   articles (same 2016 election topics, not wire) are *not* matched - false matches on
   same-topic political news.
Writes ``artifacts/report/reference_index.json`` and ``.md``.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service import reference_index as ri  # noqa: E402
from service.reference_index import ReferenceIndex  # noqa: E402

# A small, hand-written synonym table for "light rewording" (news vocabulary).
SYNONYMS = {
    "said": "stated", "says": "states", "company": "firm", "companies": "firms", "government": "administration",
    "increase": "rise", "increased": "rose", "big": "large", "large": "sizeable", "small": "modest",
    "buy": "purchase", "bought": "purchased", "sell": "offload", "sold": "offloaded", "help": "assist",
    "expected": "anticipated", "plans": "intends", "plan": "scheme", "people": "individuals",
    "however": "but", "also": "additionally", "new": "fresh", "show": "indicate", "showed": "indicated",
    "shows": "indicates", "year": "twelve months", "market": "marketplace", "percent": "per cent",
    "told": "informed", "added": "continued", "major": "leading", "high": "elevated", "low": "subdued",
    "start": "begin", "started": "began", "end": "finish", "ended": "finished", "rise": "climb",
    "fell": "dropped", "fall": "drop", "quickly": "rapidly", "about": "around", "many": "numerous",
    "important": "significant", "because": "as", "while": "whereas", "before": "prior to",
    "after": "following", "chief": "head", "official": "functionary", "officials": "authorities",
    "profit": "earnings", "profits": "earnings", "shares": "stock", "deal": "agreement", "talks": "negotiations",
    "country": "nation", "minister": "secretary", "police": "officers", "week": "seven days", "month": "period",
    "likely": "probable", "first": "initial", "last": "previous", "group": "consortium", "support": "backing",
    "world": "global", "move": "step", "make": "produce", "made": "produced", "want": "wish", "wanted": "wished",
}
NAV = ["Home", "World", "UK", "US", "Business", "Markets", "Tech", "Science", "Health", "Sport", "Culture",
       "Opinion", "Video", "Podcasts", "Weather", "Travel", "Money", "Politics", "Entertainment", "Lifestyle"]
FURNITURE = [
    "Subscribe to our newsletter for the latest headlines",
    "Premium plan {p} per month, billed annually. Cancel anytime.",
    "Digital subscription: {p} for the first 3 months",
    "Share this article on Facebook Twitter WhatsApp Email",
    "Advertisement", "Read more", "Next Story", "Also read", "Topics", "Sign in", "Register",
    "Last Updated : {d}", "{n} min read", "First Published: {d}", "Follow us on social media",
    "We use cookies to improve your experience on our site. By continuing you accept our policy",
    "Copyright {y} All rights reserved", "Download our app for breaking news alerts",
    "Most read this week", "Trending now", "Comments are closed for this story",
]
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def load(data: Path) -> list[dict]:
    rows = []
    with gzip.open(data / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            if o["collection"] in ("reuters-c50", "bbc-news-2225", "polnear"):
                rows.append(o)
    return rows


def folder(o: dict) -> str:
    if o["collection"] == "reuters-c50":
        return "c50/" + (o.get("author") or "")
    if o["collection"] == "bbc-news-2225":
        return "bbc/" + o["subset"]
    return o["collection"]


def half(doc_id: str) -> str:
    return "dev" if hashlib.sha1(doc_id.encode()).digest()[0] % 2 == 0 else "test"


def norm300(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))[:300]


def furniture(rng: random.Random, words: int, titles: list[str]) -> tuple[str, str]:
    """(lines before, lines after) of generated page furniture of about ``words`` words."""
    lines: list[str] = []
    count = 0
    while count < words:
        r = rng.random()
        if r < 0.25:
            line = " | ".join(rng.sample(NAV, rng.randint(4, 9)))
        elif r < 0.55:
            line = rng.choice(FURNITURE).format(p=f"${rng.randint(2, 30)}.{rng.randint(0, 99):02d}",
                                                d=f"Dec {rng.randint(1, 28)} 2021 | {rng.randint(1, 12)}:{rng.randint(0, 59):02d} PM",
                                                n=rng.randint(1, 9), y=rng.randint(2000, 2024))
        else:  # "More from this section": other headlines
            line = "More From This Section: " + rng.choice(titles) if rng.random() < 0.3 else rng.choice(titles)
        lines.append(line)
        count += len(line.split())
    cut = rng.randint(0, len(lines))
    return "\n".join(lines[:cut]), "\n".join(lines[cut:])


def wrap(rng: random.Random, body: str, titles: list[str], lo: float = 0.3, hi: float = 1.5) -> str:
    before, after = furniture(rng, int(len(body.split()) * rng.uniform(lo, hi)), titles)
    return "\n".join(p for p in (before, body, after) if p)


def rewrite(rng: random.Random, text: str) -> str:
    sentences = [s for s in _SENT.split(text) if s.strip()]
    for i in range(len(sentences) - 1):  # light reordering: adjacent swaps
        if rng.random() < 0.25:
            sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    keep = 1 - rng.uniform(0.2, 0.4)
    kept = [s for s in sentences if rng.random() < keep] or sentences[:1]

    def swap(m: re.Match) -> str:
        w = m.group(0)
        repl = SYNONYMS.get(w.lower())
        if repl is None or rng.random() > 0.5:
            return w
        return repl.capitalize() if w[0].isupper() else repl

    return " ".join(re.sub(r"[A-Za-z]+", swap, s) for s in kept)


def build_cases(rows: list[dict], n_originals: int, seed: int = 7):
    rng = random.Random(seed)
    pool = [o for o in rows if o["collection"] in ("reuters-c50", "bbc-news-2225") and len(o["text"].split()) >= 60]
    rng.shuffle(pool)
    originals = pool[:n_originals]
    indexed_ids = {o["id"] for o in originals}
    prefixes = {norm300(o["text"]) for o in originals}
    titles = [o["title"] for o in rows if o["collection"] == "bbc-news-2225" and o["title"]]
    titles = [t for t in titles if t] or ["Latest headlines"]
    by_folder: dict[str, list[dict]] = {}
    for o in pool[n_originals:]:
        if norm300(o["text"]) not in prefixes:
            by_folder.setdefault(folder(o), []).append(o)
    other = {"reuters-c50": [o for o in pool[n_originals:] if o["collection"] == "bbc-news-2225"],
             "bbc-news-2225": [o for o in pool[n_originals:] if o["collection"] == "reuters-c50"]}
    cases = []
    for o in originals:
        t = o["text"]
        cases.append({"kind": "verbatim", "case": "furniture", "expect": o["id"], "split": half(o["id"]),
                      "text": wrap(rng, t, titles)})
        related = [r["text"] for r in rng.sample(other[o["collection"]], rng.randint(2, 3))]
        parts = related + [t]
        rng.shuffle(parts)
        cases.append({"kind": "verbatim", "case": "long page", "expect": o["id"], "split": half(o["id"]),
                      "text": wrap(rng, "\n\nRelated stories\n\n".join(parts), titles, 0.1, 0.3)})
        cases.append({"kind": "rewrite", "case": "rewrite", "expect": o["id"], "split": half(o["id"]),
                      "text": wrap(rng, rewrite(rng, t), titles)})
        same = by_folder.get(folder(o)) or []
        if same:
            u = rng.choice(same)
            cases.append({"kind": "none", "case": "same topic", "expect": None, "split": half(o["id"]),
                          "collection": o["collection"],
                          "text": wrap(rng, u["text"], titles)})
    return originals, cases


def prf(cases: list[dict], kind: str) -> dict:
    tp = sum(1 for c in cases if c["pred"] == kind and c["kind"] == kind and c["match"] == c["expect"])
    predicted = sum(1 for c in cases if c["pred"] == kind)
    actual = sum(1 for c in cases if c["kind"] == kind)
    return {"precision": round(tp / predicted, 6) if predicted else None,
            "recall": round(tp / actual, 6) if actual else None, "predicted": predicted, "actual": actual, "tp": tp}


def quantiles(values: list[float]) -> dict:
    if not values:
        return {}
    v = sorted(values)
    q = lambda p: round(v[min(len(v) - 1, int(p * (len(v) - 1) + 0.5))], 3)  # noqa: E731
    return {"min": round(v[0], 3), "p05": q(0.05), "p50": q(0.5), "p95": q(0.95), "max": round(v[-1], 3)}


def run_constructed(rows, n_originals, windows=True):
    originals, cases = build_cases(rows, n_originals)
    with tempfile.TemporaryDirectory() as tmp:
        idx = ReferenceIndex.create(tmp, shingle=ri.SHINGLE)
        t0 = time.perf_counter()
        idx.add({"id": o["id"], "text": o["text"],
                 "origin": "Reuters" if o["collection"] == "reuters-c50" else "BBC"} for o in originals)
        build = time.perf_counter() - t0
        lat = []
        for c in cases:
            t0 = time.perf_counter()
            r = idx.query(c["text"], detail=True, windows=windows)
            lat.append(time.perf_counter() - t0)
            c["pred"] = r["kind"] if r else "none"
            c["match"] = r["match_id"] if r else None
            c["found"] = bool(r) and r.get("candidate_id") == c["expect"]
            c["containment"] = r["containment"] if r else 0.0
            c["article_share"] = r["article_share"] if r else 0.0
            c["story_share"] = r["story_share"] if r else 0.0
        stats = idx.stats()
    out = {"indexed": len(originals), "queries": len(cases), "build_seconds": round(build, 2),
           "index_bytes": stats["bytes"],
           "lookup_ms_p50": round(statistics.median(lat) * 1e3, 3),
           "lookup_ms_p99": round(sorted(lat)[int(0.99 * (len(lat) - 1))] * 1e3, 3)}
    for split in ("dev", "test", "all"):
        sel = [c for c in cases if split == "all" or c["split"] == split]
        block = {"verbatim": prf(sel, "verbatim"), "rewrite": prf(sel, "rewrite"),
                 "any_match_recall_of_rewrites": round(sum(1 for c in sel if c["kind"] == "rewrite" and c["pred"] != "none"
                                                       and c["match"] == c["expect"]) /
                                                   max(1, sum(1 for c in sel if c["kind"] == "rewrite")), 4),
                 "false_match_rate_same_topic": round(sum(1 for c in sel if c["kind"] == "none" and c["pred"] != "none") /
                                                   max(1, sum(1 for c in sel if c["kind"] == "none")), 4),
                 "same_topic_matched_by_collection": {
                     col: f"{sum(1 for c in sel if c.get('collection') == col and c['pred'] != 'none')}/"
                          f"{sum(1 for c in sel if c.get('collection') == col)}" for col in ("reuters-c50", "bbc-news-2225")}}
        by_case = {}
        for name in ("furniture", "long page", "rewrite", "same topic"):
            cs = [c for c in sel if c["case"] == name]
            by_case[name] = {"n": len(cs),
                             "candidate_recall": round(sum(c["found"] for c in cs) / max(1, len(cs)), 4)
                             if name != "same topic" else None,
                             "predicted": {k: sum(1 for c in cs if c["pred"] == k) for k in ("verbatim", "rewrite", "none")},
                             "containment": quantiles([c["containment"] for c in cs]),
                             "article_share": quantiles([c["article_share"] for c in cs]),
                             "story_share": quantiles([c["story_share"] for c in cs])}
        block["cases"] = by_case
        out[split] = block
    return out


def run_polnear(rows, seed=11):
    rng = random.Random(seed)
    pol = [o for o in rows if o["collection"] == "polnear"]
    wire = [o for o in pol if o.get("wire") not in (None, "None", "", "none")]
    rest = [o for o in pol if o not in wire]
    titles = [o["title"] for o in pol if o.get("title")] or ["Latest headlines"]
    with tempfile.TemporaryDirectory() as tmp:
        idx = ReferenceIndex.create(tmp, shingle=ri.SHINGLE)
        summary = idx.add({"id": o["id"], "text": o["text"], "origin": str(o["wire"])} for o in wire)
        copies = []
        for o in wire:
            r = idx.query(wrap(rng, o["text"], titles))
            copies.append((r or {}).get("kind", "none") == "verbatim" and r["match_id"] == o["id"])
        false = {"verbatim": 0, "rewrite": 0}
        for o in rest:
            r = idx.query(o["text"])
            if r and r["kind"] in false:
                false[r["kind"]] += 1
        stats = idx.stats()
    return {"wire_articles": len(wire), "indexed": summary["added"], "origins": stats["origins"],
            "republished_copy_found_verbatim": round(sum(copies) / max(1, len(copies)), 4),
            "other_articles": len(rest),
            "other_articles_matched": false,
            "other_articles_false_match_rate": round(sum(false.values()) / max(1, len(rest)), 4)}


def markdown(report: dict) -> str:
    a = report["constructed"]
    lines = ["# Reference index: provenance by content", "",
             f"Generated by `python -m training.eval_reference_index` (originals={report['params']['originals']}, "
             f"shingle={report['params']['shingle']}, num_perm={report['params']['num_perm']}, rows={report['params']['rows']}, "
             f"windows={report['params']['windows']}). Figures only; no article text.", "",
             f"Thresholds: verbatim containment >= {ri.VERBATIM_MIN}, rewrite >= {ri.REWRITE_MIN}, "
             f"at least {ri.MIN_SHARED} shared shingles. Containment = shared shingles / shingles of the shorter text.", "",
             "## a. Constructed pairs (Reuters C50 + BBC originals indexed)", "",
             "| split | verbatim P | verbatim R | rewrite P | rewrite R | rewrite found (any kind) | same-topic false match |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for split in ("dev", "test", "all"):
        b = a[split]
        lines.append(f"| {split} | {b['verbatim']['precision']} | {b['verbatim']['recall']} | {b['rewrite']['precision']} | "
                     f"{b['rewrite']['recall']} | {b['any_match_recall_of_rewrites']} | {b['false_match_rate_same_topic']} |")
    lines += ["", "Same-topic stories matched, by collection (all): " + ", ".join(
        f"{k} {v}" for k, v in a["all"]["same_topic_matched_by_collection"].items()) +
        ". Reuters C50 holds story updates by the same journalist that share whole paragraphs with an earlier "
        "version (NOTES.md); only those sharing the first 300 characters were excluded, so most of these "
        "'false' matches are genuine partial copies, and the precision figures above are lower bounds."]
    lines += ["", "Per case (all): candidate recall (LSH found the original), predictions, containment quantiles "
              "(p05 / p50 / p95), and the two one-sided shares for comparison:", "",
              "| case | n | LSH candidate recall | verbatim / rewrite / none | containment | share of article | share of story |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, c in a["all"]["cases"].items():
        q = lambda d: f"{d.get('p05')} / {d.get('p50')} / {d.get('p95')}"  # noqa: E731
        p = c["predicted"]
        lines.append(f"| {name} | {c['n']} | {c['candidate_recall']} | {p['verbatim']} / {p['rewrite']} / {p['none']} | "
                     f"{q(c['containment'])} | {q(c['article_share'])} | {q(c['story_share'])} |")
    if "no_windows" in report:
        nw = report["no_windows"]["all"]["cases"]
        lines += ["", "Whole-text LSH only (no window lookups), LSH candidate recall: " +
                  ", ".join(f"{k} {v['candidate_recall']}" for k, v in nw.items() if v["candidate_recall"] is not None)]
    lines += ["", f"Lookup latency on this small index ({a['indexed']} documents): p50 {a['lookup_ms_p50']} ms, "
              f"p99 {a['lookup_ms_p99']} ms. See bench/reference_index.py for 100k-1M documents.", ""]
    b = report["polnear"]
    lines += ["## b. PolNeAR wire-credited articles", "",
              f"{b['wire_articles']} PolNeAR articles carry a wire credit ({', '.join(f'{k} {v}' for k, v in b['origins'].items())}); "
              f"they were indexed themselves ({b['indexed']} indexed).", "",
              "| measure | value |", "| --- | --- |",
              f"| republished copy (furniture added) found as verbatim, right id | {b['republished_copy_found_verbatim']} |",
              f"| other PolNeAR articles (same election topics) matched verbatim / rewrite | "
              f"{b['other_articles_matched']['verbatim']} / {b['other_articles_matched']['rewrite']} of {b['other_articles']} |",
              "", "What this measures: that a wire story, once in the index, is recognised when republished inside page "
              "furniture, and that same-topic political news by other outlets is not mistaken for it. What it does not "
              "measure: detection of real-world republication (the wire originals these outlets copied are not in the "
              "data, so we query copies we made ourselves), nor rewrites done by real editors. Note that some "
              "'other' articles may genuinely share wire passages (outlets quoting the same AP copy); a match there "
              "is not necessarily wrong.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--originals", type=int, default=1500)
    ap.add_argument("--shingle", type=int, default=ri.SHINGLE, help="override the shingle size (measurement only)")
    ap.add_argument("--compare-windows", action="store_true", help="also run without window lookups")
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "report")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    ri.SHINGLE = args.shingle
    rows = load(args.data)
    report = {"params": {"originals": args.originals, "shingle": args.shingle, "num_perm": ri.NUM_PERM,
                         "rows": ri.ROWS, "windows": list(ri.WINDOW_BLOCKS), "verbatim_min": ri.VERBATIM_MIN,
                         "rewrite_min": ri.REWRITE_MIN, "min_shared": ri.MIN_SHARED}}
    report["constructed"] = run_constructed(rows, args.originals)
    if args.compare_windows:
        report["no_windows"] = run_constructed(rows, args.originals, windows=False)
    report["polnear"] = run_polnear(rows)
    md = markdown(report)
    print(md)
    if not args.no_write:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "reference_index.json").write_text(json.dumps(report, indent=1) + "\n")
        (args.out / "reference_index.md").write_text(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())

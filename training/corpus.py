"""The labelled corpus: ../shared/data/articles.jsonl.gz through our label policy.

Label 1 = reliable (edited newsroom or wire reporting), 0 = unreliable (fabricated, hyper-partisan,
satire, state-controlled, or machine-written content-farm text). The policy is the table
``LABEL_POLICY`` below; ``policy_markdown()`` renders it for the report.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

# (collection, raw label or subset, our label, why). "drop" rows are excluded.
LABEL_POLICY = [
    ("fakenewsnet-old-version", "Real", "reliable",
     "claim fact-checked true; dropped when the outlet's domain is rated mixed/unreliable (NOTES: some 'real' items come from hyper-partisan sites)"),
    ("fakenewsnet-old-version", "Fake", "unreliable", "claim fact-checked false"),
    ("perez-rosas-fakenewsamt-celebrity", "legit", "reliable", "real news story from a mainstream outlet"),
    ("perez-rosas-fakenewsamt-celebrity", "fake", "unreliable", "crowd-written or tabloid fake"),
    ("golbeck-fake-vs-satire", "Fake", "unreliable", "fake news story"),
    ("golbeck-fake-vs-satire", "Satire", "unreliable", "satire is not reliable as news"),
    ("semeval2019-hyperpartisan-byarticle", "true", "unreliable", "hyper-partisan, one-sided article"),
    ("semeval2019-hyperpartisan-byarticle", "false", "reliable",
     "not hyper-partisan; dropped when the outlet's domain is rated mixed/unreliable (bias is not factuality)"),
    ("llmfake-llm-misinformation", "politifact:0", "reliable", "human news text whose claim PolitiFact rated true"),
    ("llmfake-llm-misinformation", "politifact:1", "unreliable", "human news text whose claim PolitiFact rated false"),
    ("llmfake-llm-misinformation", "chatgpt-*", "unreliable", "machine-written misinformation (NOTES: all synthetic rows are machine text)"),
    ("polnear", "wire copy (AP/Reuters/AFP/UPI)", "reliable", "the wire wrote it, not the publisher (NOTES)"),
    ("polnear", "nyt, politico", "reliable", "MBFC factual reporting high"),
    ("polnear", "west-journal", "unreliable", "golden truth unreliable; MBFC very low (one of two rows)"),
    ("polnear", "wash-post, usa-today, huff-post, breitbart", "drop", "MBFC 'mixed': neither side (NOTES)"),
    ("reuters-c50", "reuters-wire", "reliable", "professional wire copy (capped, near-duplicate updates grouped)"),
    ("reuters21578", "reuters-wire", "reliable", "professional wire copy, 1987 (normalised: unwrapped, 'Reuter' and house abbreviations removed; briefs < 300 chars dropped; capped)"),
    ("bbc-news-2225", "bbc-news", "reliable", "public broadcaster, edited newsroom (capped)"),
    ("l2r-newsarticle", "human", "reliable", "BBC story as published"),
    ("l2r-newsarticle", "GPT/Gemini/Llama rewrites", "unreliable",
     "unattributed machine rewrite of someone else's story: the content-farm pattern (whitespace collapsed, markdown stripped)"),
    ("rt-english-soros", "rt-news", "unreliable", "state-controlled outlet; MBFC very low"),
    ("ptc-semeval2020-task11", "propaganda-source", "drop", "span labels only; outlet unknown, several plain wire reports (NOTES)"),
]

# Single-house collections would otherwise outnumber everything else (18,781 Reuters-21578 rows).
COLLECTION_CAP = 1500
# Texts shorter than this are scrape failures ("Account Suspended") or headline-only briefs.
MIN_CHARS = 200
# MinHash Jaccard over word 5-shingles at which two texts count as the same story.
NEAR_DUPLICATE_JACCARD = 0.8

RELIABLE_DOMAINS_FOR_POLNEAR = {"nyt", "politico"}
UNRELIABLE_DOMAINS_FOR_POLNEAR = {"west-journal"}


def default_data_dir() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def policy_markdown() -> str:
    lines = ["| collection | raw label | our label | why |", "|---|---|---|---|"]
    lines += [f"| {c} | {r} | {o} | {w} |" for c, r, o, w in LABEL_POLICY]
    return "\n".join(lines)


_R21578_ABBREV = [(re.compile(r"\bmln\b"), "million"), (re.compile(r"\bbln\b"), "billion"),
                  (re.compile(r"\bdlrs\b"), "dollars"), (re.compile(r"\bpct\b"), "percent"),
                  (re.compile(r"\bvs\b"), "versus"), (re.compile(r"\bcts\b"), "cents")]
_MARKDOWN = re.compile(r"\*\*|__|^#+\s*|^\s*[-*\u2022]\s+", re.MULTILINE)
_CONTROL = re.compile(r"&#\d+;|[\x00-\x08\x0b\x0c\x0e-\x1f]")


def normalise(row: dict) -> str:
    text = row["text"].replace("\r\n", "\n").replace("\r", "\n")
    collection = row["collection"]
    if collection == "reuters21578":
        text = _CONTROL.sub("", text)
        text = re.sub(r"\s+(?:Reuter|REUTER|MORE)\s*$", "", text)
        # Hard-wrapped at ~65 columns; an indented line starts a paragraph.
        paragraphs = re.split(r"\n(?=\s{2,}\S)|\n\s*\n", text)
        text = "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
        for pattern, word in _R21578_ABBREV:
            text = pattern.sub(word, text)
    elif collection == "reuters-c50":
        text = text.replace("&amp;", "&")
    elif collection == "l2r-newsarticle":
        text = " ".join(_MARKDOWN.sub("", text).split())
    return text.strip()


def our_label(row: dict, ratings: dict[str, str]) -> int | None:
    c, raw = row["collection"], row["raw_label"]
    from service.signals.provenance import lookup_rating
    outlet_rating = lookup_rating(row.get("outlet"), ratings)[1] if row.get("outlet") else None
    if c == "fakenewsnet-old-version":
        if raw == "Fake":
            return 0
        return None if outlet_rating in ("mixed", "unreliable", "state") else 1
    if c == "perez-rosas-fakenewsamt-celebrity":
        return 1 if raw == "legit" else 0
    if c == "golbeck-fake-vs-satire":
        return 0
    if c == "semeval2019-hyperpartisan-byarticle":
        if raw == "true":
            return 0
        return None if outlet_rating in ("mixed", "unreliable", "state") else 1
    if c == "llmfake-llm-misinformation":
        return 1 if raw == "politifact:0" else 0
    if c == "polnear":
        if row.get("wire") and row["wire"] != "None":
            return 1
        if raw in RELIABLE_DOMAINS_FOR_POLNEAR:
            return 1
        if raw in UNRELIABLE_DOMAINS_FOR_POLNEAR:
            return 0
        return None
    if c in ("reuters-c50", "reuters21578", "bbc-news-2225"):
        return 1
    if c == "l2r-newsarticle":
        return 1 if raw == "human" else 0
    if c == "rt-english-soros":
        return 0
    return None


def _group(row: dict) -> str:
    """Outlet-level group for grouped folds: the outlet when known, else collection/subset."""
    if row["collection"] == "polnear":
        return f"polnear/{row['raw_label']}"
    if row.get("outlet"):
        return row["outlet"]
    return f"{row['collection']}/{row.get('subset') or row['raw_label']}"


def _keep(row_id: str, collection_size: int) -> bool:
    if collection_size <= COLLECTION_CAP:
        return True
    h = int(hashlib.sha1(row_id.encode()).hexdigest()[:8], 16)
    return h / 0xFFFFFFFF < COLLECTION_CAP / collection_size


def _near_duplicate_clusters(texts: list[str], threshold: float) -> list[int]:
    """Cluster id per text; texts in one cluster are near-duplicates (MinHash LSH)."""
    from datasketch import MinHash, MinHashLSH

    num_perm = 64
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hashes = MinHash.bulk(
        [[" ".join(w[i:i + 5]).encode() for i in range(max(1, len(w) - 4))]
         for w in (re.findall(r"\w+", t.lower()) for t in texts)],
        num_perm=num_perm,
    )
    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            parent[find(i)] = find(j)
        lsh.insert(i, mh)
    return [find(i) for i in range(len(texts))]


@dataclass
class Corpus:
    frame: pd.DataFrame  # columns: id, collection, group, label, text, title, raw_label
    fingerprint: str
    stats: dict


def build_corpus(data_dir: Path | None = None, ratings: dict[str, str] | None = None) -> Corpus:
    data_dir = Path(data_dir or default_data_dir())
    if ratings is None:
        from .ratings import compile_ratings
        ratings = compile_ratings(data_dir)
    rows = [json.loads(line) for line in gzip.open(data_dir / "articles.jsonl.gz", "rt", encoding="utf-8")]
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[r["collection"]] = sizes.get(r["collection"], 0) + 1
    kept = []
    dropped = {"policy": 0, "short": 0, "cap": 0, "near_duplicate": 0}
    for r in rows:
        label = our_label(r, ratings)
        if label is None:
            dropped["policy"] += 1
            continue
        if not _keep(r["id"], sizes[r["collection"]]):
            dropped["cap"] += 1
            continue
        text = normalise(r)
        if len(text) < MIN_CHARS:
            dropped["short"] += 1
            continue
        kept.append({"id": r["id"], "collection": r["collection"], "group": _group(r), "label": label,
                     "text": text, "title": r.get("title"), "raw_label": r["raw_label"]})
    clusters = _near_duplicate_clusters([k["text"] for k in kept], NEAR_DUPLICATE_JACCARD)
    labels_by_cluster: dict[int, set] = {}
    for k, c in zip(kept, clusters):
        labels_by_cluster.setdefault(c, set()).add(k["label"])
    seen: set[int] = set()
    final = []
    for k, c in zip(kept, clusters):
        # A story that appears under both labels teaches nothing; keep one copy of the rest.
        if len(labels_by_cluster[c]) > 1 or c in seen:
            dropped["near_duplicate"] += 1
            continue
        seen.add(c)
        final.append(k)
    frame = pd.DataFrame(final)
    digest = hashlib.sha256()
    for row in frame.sort_values("id").itertuples():
        digest.update(f"{row.id}\t{row.label}\t{hashlib.sha256(row.text.encode()).hexdigest()}\n".encode())
    stats = {
        "rows": int(len(frame)),
        "reliable": int(frame.label.sum()),
        "unreliable": int((frame.label == 0).sum()),
        "dropped": dropped,
        "by_collection": {c: {"reliable": int(g.label.sum()), "unreliable": int((g.label == 0).sum())}
                          for c, g in frame.groupby("collection")},
    }
    return Corpus(frame=frame, fingerprint=digest.hexdigest(), stats=stats)

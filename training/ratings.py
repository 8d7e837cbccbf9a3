"""Domain reputation table compiled from the public ratings in ../shared/data.

The table (domain -> reliable / mixed / unreliable / state) is stored inside the trained
Pipeline (``SignalExtractor.domain_ratings``); no rating file is copied into the project.
Sources, highest priority first (the first source that rates a domain wins):

1. state-affiliated-media/outlets.csv: state-controlled / state-affiliated -> state;
   public-independent broadcasters and the wire agencies -> reliable.
2. idiap golden_truth_dataset.csv (Burdisso et al. 2024, merges MBFC, NewsGuard, Wikipedia):
   1 -> reliable, 0 -> mixed, -1 / -2 -> unreliable.
3. idiap mbfc.csv factual_reporting: very high / high -> reliable, mixed -> mixed,
   low / very low -> unreliable.
4. Baly et al. (acl2020, emnlp18) MBFC factuality: high / mixed / low.
5. Iffy.news list: unreliable.
6. OpenSources: fake, conspiracy, junksci, hate, satire, rumor, unreliable, state -> unreliable;
   reliable -> reliable ("bias", "political", "clickbait" alone are not factuality ratings).
7. Hanley & Durumeric 2024 site lists: reliable / unreliable.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from service.signals.provenance import registered_domain

OPENSOURCES_UNRELIABLE = {"fake", "fake news", "conspiracy", "junksci", "hate", "satire", "rumor", "unreliable", "state"}


def _domain(raw: str) -> str | None:
    raw = raw.strip().strip("*").rstrip("/")
    raw = re.sub(r"/\*$", "", raw)
    return registered_domain(raw)


def compile_ratings(data_dir: Path) -> dict[str, str]:
    ratings: dict[str, str] = {}

    def put(domain: str | None, label: str | None) -> None:
        if domain and label and domain not in ratings:
            ratings[domain] = label

    for row in csv.DictReader(open(data_dir / "state-affiliated-media/outlets.csv", encoding="utf-8")):
        label = "state" if row["kind"].startswith("state") else "reliable"
        for d in row["domains"].split(";"):
            put(_domain(d), label)

    gt = data_dir / "idiap-news-media-reliability/data/golden_truth"
    for row in csv.DictReader(open(gt / "golden_truth_dataset.csv", encoding="utf-8")):
        put(_domain(row["domain"]), {"1": "reliable", "0": "mixed"}.get(row["reliability_label"], "unreliable"))
    factual = {"very high": "reliable", "high": "reliable", "mixed": "mixed", "low": "unreliable",
               "very low": "unreliable"}
    for row in csv.DictReader(open(gt / "mbfc/mbfc.csv", encoding="utf-8")):
        put(_domain(row["source"]), factual.get(row["factual_reporting"].strip().lower()))

    baly = {"high": "reliable", "mixed": "mixed", "low": "unreliable"}
    for sub in ("acl2020", "emnlp18"):
        path = data_dir / f"baly-news-media-reliability/data/{sub}/corpus.tsv"
        if path.exists():
            for row in csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"):
                put(_domain(row.get("source_url_normalized") or row.get("source_url", "")),
                    baly.get((row.get("fact") or "").strip().lower()))

    iffy = data_dir / "iffy-list-osome/data/iffy_files/2024-08-01__iffy_list.txt"
    if iffy.exists():
        for line in iffy.read_text(encoding="utf-8").splitlines():
            put(_domain(line), "unreliable")

    os_path = data_dir / "opensources/sources/sources.csv"
    if os_path.exists():
        for row in csv.reader(open(os_path, encoding="utf-8")):
            if len(row) < 2 or not row[0] or row[0] == "":
                continue
            kinds = {k.strip().lower() for k in row[1:4] if k.strip()}
            if kinds & OPENSOURCES_UNRELIABLE:
                put(_domain(row[0]), "unreliable")
            elif "reliable" in kinds:
                put(_domain(row[0]), "reliable")

    mm = data_dir / "machine-made-media-site-lists"
    for name, label in (("reliable_domains.txt", "reliable"), ("unreliable_domains.txt", "unreliable")):
        if (mm / name).exists():
            for line in (mm / name).read_text(encoding="utf-8").splitlines():
                put(_domain(line), label)
    return ratings

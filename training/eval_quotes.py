"""Measure ``service.signals.quotes.find_quotes`` against PolNeAR attribution annotations.

Usage: ``python -m training.eval_quotes [--data ../shared/data] [--out artifacts/report]``

Gold (brat ``.ann`` files in ``polnear/data/{train,dev}/attributions``):

* every Attribution event (``E`` line) with a Content (and Content2) span; its
  content is the union of its (possibly discontinuous) pieces;
* an article annotated by several annotators is scored on ONE annotation: the
  alphabetically first annotator id (deterministic);
* **direct quotation rule**: a content counts as a direct quotation when at least
  half of its non-space characters lie inside double quote marks (``"`` ``“`` ``”``),
  computed on the content text itself (a leading ``”`` means the content starts
  inside a quotation).  Contents below 0.5 (a paraphrase with a short quoted
  fragment) are "partial" and are not gold quotations;
* the gold span is the envelope of the content pieces (first start .. last end), so
  a quotation split by its cue (``"A," he said, "B."``) is one span, as predicted.

Matching: predicted ``Quote.content`` vs gold span, one-to-one greedy by
character intersection-over-union, a match when IoU >= 0.5.

* ``precision`` (headline, strict): every unmatched prediction is a false positive;
* ``precision_lenient``: unmatched predictions lying mostly (>= 50 % of their
  characters) inside a *partial* gold content (a quoted fragment in a paraphrase,
  which PolNeAR annotates as the paraphrase) are left out instead of counted as FP.

Speaker accuracy: over matched quotations whose gold attribution has a Source.  The
gold source is resolved when it is a pronoun (he, she, they, I, we, ...) or has no
capitalised word: it is replaced by the nearest *preceding* annotated Source span
(any attribution) that contains a capitalised, non-pronoun word (PolNeAR ships no
coreference in this snapshot; the CoreNLP folder was not copied).  A prediction is
correct when its speaker's last token is one of the resolved gold source's tokens,
or the gold source's last token is one of the predicted speaker's tokens
(case-insensitive, possessive ’s stripped).  A missing predicted speaker is wrong.

Timing: ``extract()`` (which runs ``find_quotes``) per dev article, best of 3 runs,
expressed as milliseconds per 5 KB (5,120 bytes of UTF-8), mean over articles.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from service.signals import Article  # noqa: E402
from service.signals.quotes import extract, find_quotes  # noqa: E402


# Figures of the previous quotes.py (before the speaker / cue / speed work), same evaluation;
# timing measured in one run on the shared 2-core machine.
BEFORE = {
    "train": {
        "precision": 0.801,
        "recall": 0.8647,
        "f1": 0.8316,
        "precision_lenient": 0.8733,
        "f1_lenient": 0.869,
        "speaker_accuracy": 0.731,
        "speaker_accuracy_named_gold": 0.7829,
        "speaker_missing": 409,
        "ms_per_5kb_mean": 1.405,
        "ms_per_5kb_p95": 2.222
    },
    "dev": {
        "precision": 0.7615,
        "recall": 0.8471,
        "f1": 0.802,
        "precision_lenient": 0.8636,
        "f1_lenient": 0.8553,
        "speaker_accuracy": 0.6917,
        "speaker_accuracy_named_gold": 0.7397,
        "speaker_missing": 66,
        "ms_per_5kb_mean": 1.511,
        "ms_per_5kb_p95": 2.143
    }
}

NOTES = [
    "## Changes (issue: measure and raise quote attribution)", "",
    "- speaker resolution: he/she resolved sentence by sentence backwards (a cue-attributed speaker, else the "
    "sentence's first person mention) with a gender check (first-name lists, Mr./Mrs./spokeswoman, pronouns "
    "following a mention); person descriptions ('the Vermont senator') resolved the same way;",
    "- quotations with no reporting verb get an *inferred* speaker (`Name: \"...\"`, `Name verb ... "
    "\"fragment\"`, `- Name.` sign-off, subject of preceding sentences); inferred speakers have no cue and "
    "never count in the features;",
    "- about 60 more reporting verbs (proclaimed, interjected, retorted, opined, quipped, conceded, ...); "
    "labelling verbs (labeled, mocked, touted, ...) are weak cues like 'called'; trailing clauses with "
    "lower-case modifiers ('federal prosecutors wrote');",
    "- speed: cue and anonymous-sourcing anchors found by one trie-shaped regex scan instead of a Python loop "
    "over every word, windows tokenised with pos/endpos instead of slicing, the capitalised-name fallback "
    "built only when needed; all verified to give identical output on every train+dev text.", "",
    "## Still failing (train error study)", "",
    "- speaker: the gold resolves every unnamed source ('the statement', 'the lawsuit', 'federal "
    "prosecutors') to the nearest preceding *named* source, so a correct nominal speaker scores as wrong "
    "(see speaker_accuracy_named_gold); pronouns whose antecedent is several sentences back behind other "
    "persons of the same gender; speakers introduced by verbs that are not reporting verbs ('Trump went on "
    "the attack, saying ...' works, 'Clinton's response was: ...' does not);",
    "- precision: many unmatched predictions are real quotations PolNeAR left unannotated (checked on a "
    "train sample: quotes with a clear 'X said' that have no Attribution event), quoted titles of shows / "
    "articles mid-sentence, and quote-mark pairing errors across fragments;",
    "- dev gains are smaller than train gains: the rules were developed on train only.", "",
]

_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "his",
             "its", "their", "our", "my", "me", "us", "who", "which", "that", "this"}


def load_split(data_dir: Path, split: str) -> list[dict]:
    base_dir = data_dir / "polnear" / "data" / split
    by_article: dict[str, list[str]] = defaultdict(list)
    for p in sorted(glob.glob(str(base_dir / "attributions" / "*.ann"))):
        name = os.path.basename(p)
        by_article[re.sub(r"_[^_]*\.ann$", "", name)].append(p)
    out = []
    for art, paths in sorted(by_article.items()):
        tp = base_dir / "text" / f"{art}.txt"
        if not tp.exists():
            continue
        text = tp.read_text(encoding="utf-8")
        out.append({"id": art, "text": text, "ann": parse_ann(sorted(paths)[0])})
    return out


def parse_ann(path: str) -> dict:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                label, _, sp = parts[1].partition(" ")
                try:
                    pieces = [tuple(map(int, s.split())) for s in sp.split(";")]
                except ValueError:
                    continue
                spans[parts[0]] = (label, [p for p in pieces if len(p) == 2])
            elif line.startswith("E") and len(parts) >= 2:
                ev = {}
                for kv in parts[1].split():
                    k, _, v = kv.partition(":")
                    ev[k] = v
                events.append(ev)
    return {"spans": spans, "events": events}


def inside_share(s: str) -> float:
    marks = [ch for ch in s if ch in '"“”']
    if not marks:
        return 0.0
    inside = marks[0] == "”"
    ins = tot = 0
    for ch in s:
        if ch in '"“”':
            inside = True if ch == "“" else False if ch == "”" else not inside
            ins += 1
            tot += 1
            continue
        if ch.isspace():
            continue
        tot += 1
        ins += inside
    return ins / max(tot, 1)


def _norm_tokens(s: str) -> list[str]:
    toks = re.findall(r"[\w’'.-]+", s)
    return [re.sub(r"[’']s?$", "", t).strip(".'’-").lower() for t in toks if t.strip(".'’-")]


_NOT_NAME = {"the", "a", "an", "his", "her", "their", "its", "democratic", "republican", "gop",
             "former", "presumptive", "sen.", "gov.", "rep.", "president", "senator", "governor",
             "secretary", "u.s.", "american", "one",
             "some", "many", "several", "both", "other", "another", "this", "that", "these"}


def _named(src: str) -> bool:
    """A source that names someone: a capitalised word other than determiners, party
    adjectives and bare titles ("The Democratic frontrunner" is not named)."""
    toks = re.findall(r"[\w’'.-]+", src)
    return any(t[:1].isupper() and t.lower() not in _PRONOUNS and t.lower() not in _NOT_NAME
               for t in toks)


def gold_quotes(text: str, ann: dict) -> tuple[list[dict], list[tuple[int, int]]]:
    spans, events = ann["spans"], ann["events"]
    sources = []  # (start, text) of every annotated source
    for ev in events:
        sid = ev.get("Source")
        if sid in spans and spans[sid][1]:
            pcs = spans[sid][1]
            sources.append((pcs[0][0], " ".join(text[a:b] for a, b in pcs)))
    sources.sort()
    direct, partial = [], []
    for ev in events:
        pieces = []
        for k in ("Content", "Content2"):
            if ev.get(k) in spans:
                pieces += spans[ev[k]][1]
        if not pieces:
            continue
        pieces.sort()
        span = (pieces[0][0], pieces[-1][1])
        share = inside_share(" ".join(text[a:b] for a, b in pieces))
        if share < 0.5:
            if share > 0:
                partial.append(span)
            continue
        src = resolved = None
        sid = ev.get("Source")
        if sid in spans and spans[sid][1]:
            pcs = spans[sid][1]
            src = " ".join(text[a:b] for a, b in pcs)
            resolved = src
            if not _named(src):
                start = pcs[0][0]
                prev = [s for s in sources if s[0] < start and _named(s[1])]
                resolved = prev[-1][1] if prev else None
        direct.append({"span": span, "source": src, "resolved": resolved})
    return direct, partial


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def speaker_match(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return False
    pt, gt = _norm_tokens(pred), _norm_tokens(gold)
    if not pt or not gt:
        return False
    return pt[-1] in gt or gt[-1] in pt


def evaluate(articles: list[dict], errors: list | None = None) -> dict:
    tp = fp = fn = ignored = 0
    spk_ok = spk_n = 0
    spk_named_ok = spk_named_n = spk_missing = 0
    for art in articles:
        text = art["text"]
        gold, partial = gold_quotes(text, art["ann"])
        preds = find_quotes(text)
        pairs = []
        for i, p in enumerate(preds):
            for j, g in enumerate(gold):
                v = iou(p.content, g["span"])
                if v >= 0.5:
                    pairs.append((v, i, j))
        pairs.sort(reverse=True)
        used_p, used_g = set(), set()
        for v, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            g, p = gold[j], preds[i]
            if g["source"] is not None:
                spk_n += 1
                ok = speaker_match(p.speaker, g["resolved"])
                spk_ok += ok
                spk_missing += not p.speaker
                if _named(g["source"]) or _norm_tokens(g["source"])[:1] in (["he"], ["she"]):
                    spk_named_n += 1
                    spk_named_ok += ok
                if not ok and errors is not None:
                    errors.append(("speaker", art["id"], p.content, p.speaker, g["source"], g["resolved"]))
        tp += len(used_p)
        for i, p in enumerate(preds):
            if i in used_p:
                continue
            a, b = p.content
            inside = max((max(0, min(b, pb) - max(a, pa)) for pa, pb in partial), default=0)
            if b > a and inside / (b - a) >= 0.5:
                ignored += 1
            else:
                fp += 1
                if errors is not None:
                    errors.append(("fp", art["id"], p.content, p.speaker, None, None))
        for j, g in enumerate(gold):
            if j not in used_g:
                fn += 1
                if errors is not None:
                    errors.append(("fn", art["id"], g["span"], None, g["source"], g["resolved"]))
    prec = tp / (tp + fp + ignored) if tp + fp + ignored else 0.0
    prec_l = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    f1_l = 2 * prec_l * rec / (prec_l + rec) if prec_l + rec else 0.0
    return {
        "articles": len(articles), "gold_direct": tp + fn, "predicted": tp + fp + ignored,
        "tp": tp, "fp": fp, "fp_partial_ignored_in_lenient": ignored, "fn": fn,
        "precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
        "precision_lenient": round(prec_l, 4), "f1_lenient": round(f1_l, 4),
        "speaker_n": spk_n, "speaker_accuracy": round(spk_ok / spk_n, 4) if spk_n else 0.0,
        "speaker_missing": spk_missing,
        "speaker_named_gold_n": spk_named_n,
        "speaker_accuracy_named_gold": round(spk_named_ok / spk_named_n, 4) if spk_named_n else 0.0,
    }


def time_articles(articles: list[dict], repeats: int = 3) -> dict:
    per5k = []
    for art in articles:
        a = Article(text=art["text"])
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            extract(a)
            best = min(best, time.perf_counter() - t0)
        kb5 = max(len(art["text"].encode("utf-8")), 1) / 5120.0
        per5k.append(best * 1000.0 / kb5)
    per5k.sort()
    return {"ms_per_5kb_mean": round(sum(per5k) / len(per5k), 3),
            "ms_per_5kb_p95": round(per5k[int(0.95 * (len(per5k) - 1))], 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(REPO / "artifacts" / "report"))
    ap.add_argument("--errors", type=int, default=0, help="print N train errors of each kind")
    args = ap.parse_args(argv)
    data = Path(args.data)
    results = {}
    errs: list = []
    for split in ("train", "dev"):
        arts = load_split(data, split)
        if not arts:
            print(f"no PolNeAR {split} articles under {data}", file=sys.stderr)
            return 1
        r = evaluate(arts, errs if split == "train" else None)
        r.update(time_articles(arts, repeats=3 if split == "dev" else 1))
        results[split] = r
    if args.errors:
        by_kind = defaultdict(list)
        for e in errs:
            by_kind[e[0]].append(e)
        texts = {a["id"]: a["text"] for a in load_split(data, "train")}
        for kind, lst in by_kind.items():
            print(f"--- {kind}: {len(lst)}")
            for e in lst[: args.errors]:
                t = texts[e[1]]
                a, b = e[2]
                print(kind, e[1][:40], repr(t[max(0, a - 60):a] + "[[" + t[a:b][:160] + "]]" + t[b:b + 80]),
                      "| pred:", e[3], "| gold:", e[4], "->", e[5])
    cols = ["articles", "gold_direct", "predicted", "precision", "recall", "f1",
            "precision_lenient", "f1_lenient", "speaker_accuracy", "speaker_n",
            "speaker_accuracy_named_gold", "speaker_named_gold_n", "speaker_missing",
            "ms_per_5kb_mean", "ms_per_5kb_p95"]
    print(f"{'metric':<20}{'train':>12}{'dev':>12}")
    for c in cols:
        print(f"{c:<20}{results['train'][c]!s:>12}{results['dev'][c]!s:>12}")
    targets = {"f1": 0.85, "speaker_accuracy": 0.88, "ms_per_5kb_mean": 2.0}
    report = {
        "dataset": "PolNeAR v1.0.0 (train 840 / dev 84 articles), direct quotations",
        "headline_split": "dev",
        "rules": {
            "direct_quotation": "content with >= 50% of non-space chars inside double quote marks",
            "gold_span": "envelope of the content pieces (first start .. last end), quote marks included",
            "match": "one-to-one greedy, character IoU >= 0.5",
            "precision": "strict: every unmatched prediction is a false positive",
            "precision_lenient": "unmatched predictions mostly inside a partial (paraphrase) content are left out",
            "speaker": "pronoun / unnamed gold sources resolved to the nearest preceding named Source; "
                       "match = shared last token (case-insensitive)",
            "speaker_accuracy_named_gold": "speaker accuracy restricted to gold sources that are named or "
                                           "he/she (leaves out descriptions such as 'the statement', "
                                           "'federal prosecutors', whose nearest-named resolution is "
                                           "often not the speaker)",
            "speaker_missing": "matched quotations with a gold source and no predicted speaker",
            "annotator": "alphabetically first annotator when several annotated an article",
            "timing": "extract() per article, best of 3 (dev), ms per 5,120 bytes, mean over articles",
        },
        "targets": targets,
        "train": results["train"],
        "dev": results["dev"],
        "before": BEFORE,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "quotes.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    d, t = results["dev"], results["train"]
    md = ["# Quote attribution (`service/signals/quotes.py`) on PolNeAR", "",
          "Written by `python -m training.eval_quotes`. Dev is the headline; train was used to develop.", "",
          "| metric | train | dev | target |", "| --- | --- | --- | --- |"]
    for c in cols:
        tgt = targets.get(c, "")
        tgt = (f"<= {tgt}" if c.startswith("ms") else f">= {tgt}") if tgt != "" else ""
        md.append(f"| {c} | {t[c]} | {d[c]} | {tgt} |")
    md += ["", "## Before / after", "",
           "Before = the previous version of `quotes.py` (same evaluation; timing is machine-load dependent, "
           "compare within one run).", "",
           "| metric | train before | train now | dev before | dev now |", "| --- | --- | --- | --- | --- |"]
    for c in cols:
        if c in BEFORE["train"]:
            md.append(f"| {c} | {BEFORE['train'][c]} | {t[c]} | {BEFORE['dev'][c]} | {d[c]} |")
    md += ["", "## Rules", ""] + [f"- **{k}**: {v}" for k, v in report["rules"].items()] + [""]
    md += NOTES
    (out / "quotes.md").write_text("\n".join(md), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

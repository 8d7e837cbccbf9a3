"""`reliability explain`: score one article and show the evidence, as ``POST /v1/score`` does.

    reliability explain story.txt [--title T] [--url U]     plain text
    reliability explain page.html                            an HTML page (.html / .htm, or --html)
    curl -s https://... | reliability explain - --html --url https://...
    reliability explain story.txt --json                     the full result, as JSON

The batch command writes scores for many articles and leaves the reasons out; this one is for
reading a single article's result: score, band, provenance with its evidence, the reasons that
moved the score most, and any caveats. Input it cannot score (missing file, over the batch
readers' size limit, not UTF-8, empty text) gets a message on stderr and exit status 2, and
nothing on stdout.
"""
from __future__ import annotations

import argparse
import json
import sys

from . import batch_io

HTML_SUFFIXES = (".html", ".htm")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", default="-", metavar="FILE", help="the article: a text or HTML file, or - for stdin")
    p.add_argument("--title", default=None)
    p.add_argument("--url", default=None, help="the article's URL (its domain's public rating is evidence)")
    p.add_argument("--html", action="store_true", help="the input is an HTML page (implied by .html / .htm)")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.add_argument("--artifacts", default=None, metavar="DIR", help="model artifacts directory (default: the project's)")


def render(result: dict) -> str:
    """A result as a few lines for a person to read."""
    provenance = result["provenance"]
    lines = [f"score {result['score']:.3f}  band {result['band']}  (model {result['model_version']})",
             f"provenance: {provenance['class']}" + (f" ({provenance['basis']})" if provenance.get("basis") else "")]
    lines += [f"  - {item}" for item in provenance.get("evidence") or []]
    if provenance.get("domain"):
        lines.append(f"  domain {provenance['domain']}: rated {provenance.get('domain_rating') or 'by no public rating'}")
    lines.append("reasons:")
    for reason in result["reasons"] or []:
        value = f" = {reason['value']:g}" if "value" in reason else ""
        evidence = f"  [{reason['evidence']}]" if reason.get("evidence") else ""
        lines.append(f"  {reason['direction']:6s} {reason['weight']:+.2f}  {reason['signal']}{value}{evidence}")
    for caveat in result["caveats"]:
        lines.append(f"caveat {caveat['code']}: {caveat['message']}")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    from .scorer import Scorer

    field = "html" if args.html or args.path.lower().endswith(HTML_SUFFIXES) else "text"
    # the batch readers' own: the same size limit and messages as a file in a directory input
    record = (batch_io.article_from_bytes(sys.stdin.buffer.read(), "-", field) if args.path == "-"
              else batch_io.read_article_file(args.path, args.path, field))
    if record.error is not None:
        print(f"reliability explain: {record.error}", file=sys.stderr)
        return 2
    scorer = Scorer.load(args.artifacts)
    try:
        result = scorer.score(**{field: record.fields[field]}, title=args.title, url=args.url)
    except (TypeError, ValueError) as exc:
        print(f"reliability explain: {args.path}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else render(result))
    return 0

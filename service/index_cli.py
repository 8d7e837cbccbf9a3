"""`reliability index`: manage the reference index of known wire copy (service/reference_index.py).

    reliability index add --index DIR [--origin AP] INPUT...   JSONL / CSV / Parquet / directories / -
    reliability index stats --index DIR [--json]
    reliability index compact --index DIR

Inputs are read by the batch readers (service/batch_io.py): rows need ``id`` and ``text`` (or
``html``, reduced to its main text) and may have ``origin``; rows without one get ``--origin``.
Directory inputs: each .txt / .html file is one document, its relative path the id.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from . import batch_io
from .batch_io import FieldNames, InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="index_command", required=True)
    add = sub.add_parser("add", help="add documents (id, text, origin) to the index, creating it if needed")
    add.add_argument("--index", required=True, help="index directory")
    add.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL, CSV, Parquet, a directory, or - for stdin")
    add.add_argument("--origin", default="unknown", help="origin for rows without one (default: unknown)")
    add.add_argument("--input-format", choices=batch_io.INPUT_FORMATS, default=None,
                     help="input format, when the file extension does not say")
    add.add_argument("--id-field", default="id")
    add.add_argument("--text-field", default="text")
    add.add_argument("--origin-field", default="origin")
    stats = sub.add_parser("stats", help="documents, origins and size on disk")
    stats.add_argument("--index", required=True, help="index directory")
    stats.add_argument("--json", action="store_true", help="print JSON")
    compact = sub.add_parser("compact", help="merge the index's segments into one (faster lookups)")
    compact.add_argument("--index", required=True, help="index directory")


def _origins(srcs, field: str, names: FieldNames) -> Iterator[str | None]:
    """The origin column, row for row alongside batch_io.read_all (which reads only article fields)."""
    import csv
    import gzip
    import io
    for source in srcs:
        if source.kind == "jsonl":
            with batch_io._open_binary(source.path) as f:
                for raw in f:
                    if batch_io.is_blank(raw):
                        continue
                    try:
                        obj = json.loads(raw)
                    except ValueError:
                        yield None
                        continue
                    yield obj.get(field) if isinstance(obj, dict) else None
        elif source.kind == "csv":
            raw = gzip.open(source.path, "rb") if source.path.endswith(".gz") else open(source.path, "rb")
            with io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as f:
                reader = csv.reader(f)
                header = next(reader, None) or []
                col = header.index(field) if field in header else None
                for row in reader:
                    if row:
                        yield row[col] if col is not None and col < len(row) and row[col] else None
        elif source.kind == "parquet":
            import pyarrow.parquet as pq
            pf = pq.ParquetFile(source.path)
            if field not in pf.schema_arrow.names:
                for _ in range(pf.metadata.num_rows):
                    yield None
            else:
                for batch in pf.iter_batches(columns=[field]):
                    yield from batch.column(0).to_pylist()
        else:  # directory: no origin per file
            for _ in batch_io.directory_files(source.path):
                yield None


def _records(args, counts: dict) -> Iterator[dict]:
    names = FieldNames(id=args.id_field, text=args.text_field)
    srcs = batch_io.sources(args.inputs, args.input_format)
    if any(s.path == "-" for s in srcs) and any(s.kind != "directory" for s in srcs):
        # stdin can be read only once: the origin column comes from the same parsed line
        origins = None
    else:
        origins = _origins(srcs, args.origin_field, names)
    for record in batch_io.read_all(srcs, names):
        origin = next(origins, None) if origins is not None else None
        if record.error:
            counts["errors"] += 1
            print(f"reliability index add: {record.error}", file=sys.stderr)
            continue
        text = record.fields.get("text")
        if not text and record.fields.get("html"):
            from .signals.boilerplate import main_text
            text = main_text(record.fields["html"])
        if not text:
            counts["errors"] += 1
            print(f"reliability index add: {record.where}: no text", file=sys.stderr)
            continue
        yield {"id": record.id, "text": text, "origin": origin if origin not in (None, "") else args.origin}


def main(args) -> int:
    from .reference_index import ReferenceIndex
    try:
        if args.index_command == "add":
            index = ReferenceIndex.open_or_create(args.index)
            counts = {"errors": 0}
            summary = index.add(_records(args, counts))
            summary["errors"] = counts["errors"]
            stats = index.stats()
            print(f"added {summary['added']} documents (skipped: {summary['skipped_duplicate']} ids already indexed, "
                  f"{summary['skipped_short']} too short, {summary['errors']} unreadable); "
                  f"index now has {stats['documents']} documents")
            return 0 if summary["errors"] == 0 else 1
        index = ReferenceIndex.open(args.index)
        if args.index_command == "compact":
            index.compact()
            print(f"compacted: {index.stats()['segments']} segment")
            return 0
        stats = index.stats()
        if args.json:
            print(json.dumps(stats))
        else:
            print(f"documents: {stats['documents']}")
            print("origins: " + (", ".join(f"{k} {v}" for k, v in stats["origins"].items()) or "-"))
            print(f"segments: {stats['segments']}")
            print(f"size on disk: {stats['bytes']} bytes ({stats['bytes'] / 1e6:.1f} MB)")
        return 0
    except (InputError, FileNotFoundError, FileExistsError, ValueError) as exc:
        print(f"reliability index: {exc}", file=sys.stderr)
        return 2

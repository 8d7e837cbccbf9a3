"""Streaming readers and resumable writers for `reliability score` (see service/batch.py).

Readers turn every input row into a :class:`Record`, including rows that cannot be parsed (those carry
``error`` and are written out as failed rows, never dropped). Locations in ids and errors are:

* JSONL and CSV: ``<file>:<line>``, the 1-based physical line where the row starts (CSV header is line 1);
* Parquet: ``<file>:<row>``, the 0-based row index in the file;
* directories: the file's path relative to the directory (which is also its id).

Writers append rows to a temporary file and *commit* (fsync) at chunk boundaries, returning a small
state that lets a later run truncate back to the last commit (JSONL / CSV: a byte offset; Parquet: a
count of part files, merged when the run finishes). Finished outputs appear by atomic rename.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("text", "title", "url", "html")
COLUMNS = ("id", "score", "band", "provenance", "error", "caveats")
INPUT_FORMATS = ("jsonl", "csv", "parquet")
OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
             ".parquet": "parquet", ".pq": "parquet"}
DIRECTORY_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
# A single file in a directory input bigger than this is reported, not read (the scorer's limit is 5 MB).
MAX_FILE_BYTES = 8_000_000
PARQUET_BATCH_ROWS = 1024


class InputError(Exception):
    """The input itself cannot be read (missing file, unknown or unreadable format)."""


@dataclass(slots=True)
class Record:
    id: str
    where: str
    fields: dict | None  # text/title/url/html; None when the row could not be parsed
    error: str | None = None


@dataclass(frozen=True)
class FieldNames:
    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    html: str = "html"

    def source(self, field: str) -> str:
        return getattr(self, field)


class Skipper:
    """Rows still to skip (already committed by an earlier run); shared across the inputs in order."""

    def __init__(self, n: int = 0):
        self.remaining = n

    def take(self) -> bool:
        if self.remaining > 0:
            self.remaining -= 1
            return True
        return False


def clean_str(value: str) -> str:
    """``value`` if it encodes as UTF-8, else with lone surrogates escaped (outputs must stay writable)."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _id(value, default: str) -> str:
    if value is None or value == "":
        return default
    return clean_str(value if isinstance(value, str) else str(value))


# --------------------------------------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Source:
    path: str       # as given ("-" for stdin)
    kind: str       # jsonl / csv / parquet / directory

    @property
    def display(self) -> str:
        return "<stdin>" if self.path == "-" else self.path


def detect_format(path: str, override: str | None = None) -> str:
    if path == "-":
        return override or "jsonl"
    if os.path.isdir(path):
        return "directory"
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file or directory")
    if not os.path.isfile(path) or not os.access(path, os.R_OK):
        raise InputError(f"{path}: not a readable file")
    if override:
        return override
    name = path[:-3] if path.endswith(".gz") else path
    kind = _SUFFIXES.get(Path(name).suffix.lower())
    if kind is None:
        raise InputError(f"{path}: unknown input format (use .jsonl, .csv, .parquet, a directory, or --input-format)")
    if kind == "parquet" and path.endswith(".gz"):
        raise InputError(f"{path}: gzip-compressed Parquet is not supported")
    return kind


def sources(paths: list[str], override: str | None = None) -> list[Source]:
    if paths.count("-") > 1:
        raise InputError("stdin (-) can be given only once")
    return [Source(p, detect_format(p, override)) for p in paths]


def directory_files(root: str) -> list[str]:
    """Relative POSIX paths of the .txt / .html files under ``root``, in a stable (sorted) order."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if Path(name).suffix.lower() in DIRECTORY_SUFFIXES:
                found.append(Path(os.path.join(dirpath, name)).relative_to(root).as_posix())
    return found


def identity(source: Source) -> dict:
    """What a resumed run compares to be sure it reads the same input."""
    if source.path == "-":
        return {"path": "-"}
    path = os.path.abspath(source.path)
    if source.kind == "directory":
        digest = hashlib.sha256()
        count = total = 0
        for rel in directory_files(source.path):
            st = os.stat(os.path.join(source.path, rel))
            digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
            count += 1
            total += st.st_size
        return {"path": path, "kind": "directory", "files": count, "bytes": total, "listing_sha256": digest.hexdigest()}
    st = os.stat(source.path)
    return {"path": path, "kind": source.kind, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def estimate_rows(source: Source) -> int | None:
    """Row count for the progress bar's ETA: exact for Parquet and directories, newline count otherwise."""
    try:
        if source.path == "-" or source.path.endswith(".gz"):
            return None
        if source.kind == "directory":
            return len(directory_files(source.path))
        if source.kind == "parquet":
            import pyarrow.parquet as pq
            return pq.ParquetFile(source.path).metadata.num_rows
        lines = 0
        last = b"\n"
        with open(source.path, "rb") as f:
            for block in iter(lambda: f.read(1 << 22), b""):
                lines += block.count(b"\n")
                last = block[-1:]
        lines += last != b"\n"
        return max(0, lines - (source.kind == "csv"))
    except Exception:
        return None


def parse_json_line(line: str, lineno: int, display: str, names: FieldNames) -> Record:
    """One JSONL line (already known not to be blank) -> Record. Shared with the Dask path."""
    where = f"{display}:{lineno}"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return Record(where, where, None, f"{where}: invalid UTF-8")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Record(where, where, None, f"{where}: invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Record(where, where, None, f"{where}: invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return Record(where, where, None, f"{where}: expected a JSON object, got {type(obj).__name__}")
    fields = {f: obj.get(names.source(f)) for f in FIELDS}
    return Record(_id(obj.get(names.id), where), where, fields)


def _open_binary(path: str):
    if path == "-":
        return _NoClose(sys.stdin.buffer)
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


class _NoClose:
    def __init__(self, f):
        self.f = f

    def __enter__(self):
        return self.f

    def __exit__(self, *exc):
        return False


def is_blank(line) -> bool:
    """A JSONL line with only ASCII whitespace is no row (str or bytes; same rule on every path)."""
    return not line.strip(b" \t\r\n\x0b\x0c" if isinstance(line, bytes) else " \t\r\n\x0b\x0c")


def read_jsonl(source: Source, names: FieldNames, skipper: Skipper) -> Iterator[Record]:
    try:
        with _open_binary(source.path) as f:
            for lineno, raw in enumerate(f, 1):
                if is_blank(raw):
                    continue
                if skipper.take():
                    continue
                yield parse_json_line(raw.decode("utf-8", "surrogateescape"), lineno, source.display, names)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{source.display}: cannot read: {exc}") from exc


def _check_columns(display: str, columns, names: FieldNames) -> None:
    if names.text not in columns and names.html not in columns:
        raise InputError(f"{display}: no {names.text!r} or {names.html!r} column (columns: {', '.join(map(str, columns))}); "
                         "use --text-field / --html-field")


def read_csv(source: Source, names: FieldNames, skipper: Skipper) -> Iterator[Record]:
    csv.field_size_limit(64 * 1024 * 1024)
    try:
        raw = gzip.open(source.path, "rb") if source.path.endswith(".gz") else open(source.path, "rb")
    except OSError as exc:
        raise InputError(f"{source.display}: cannot read: {exc}") from exc
    with io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            return
        except (csv.Error, OSError, EOFError) as exc:
            raise InputError(f"{source.display}: cannot read the CSV header: {exc}") from exc
        _check_columns(source.display, header, names)
        index = {f: header.index(names.source(f)) for f in FIELDS if names.source(f) in header}
        id_index = header.index(names.id) if names.id in header else None
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                where = f"{source.display}:{start}"
                start = reader.line_num + 1
                if not skipper.take():
                    yield Record(where, where, None, f"{where}: unparseable CSV row: {exc}")
                continue
            except (OSError, EOFError) as exc:
                raise InputError(f"{source.display}: cannot read: {exc}") from exc
            lineno, start = start, reader.line_num + 1
            if not row:  # blank line
                continue
            if skipper.take():
                continue
            where = f"{source.display}:{lineno}"
            if len(row) != len(header):
                yield Record(where, where, None, f"{where}: expected {len(header)} CSV fields, got {len(row)}")
                continue
            fields = {}
            for f in FIELDS:
                value = row[index[f]] if f in index else None
                # An empty CSV cell is a missing value, except text, where it is an empty article.
                fields[f] = value if (value or f == "text") else None
            if "text" not in index:
                fields["text"] = None
            yield Record(_id(row[id_index] if id_index is not None else None, where), where, fields)


def read_parquet(source: Source, names: FieldNames, skipper: Skipper) -> Iterator[Record]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    try:
        # Buffered column-chunk reads: a big row group is decoded batch by batch, not loaded whole.
        pf = pq.ParquetFile(source.path, buffer_size=8 << 20, pre_buffer=False)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{source.display}: cannot read as Parquet: {exc}") from exc
    columns = pf.schema_arrow.names
    _check_columns(source.display, columns, names)
    wanted = [c for c in dict.fromkeys([names.id] + [names.source(f) for f in FIELDS]) if c in columns]
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
            n = batch.num_rows
            if skipper.remaining >= n:
                skipper.remaining -= n
                row += n
                continue
            yield from parquet_records(batch.to_pydict(), n, row, source.display, names, skipper)
            row += n
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{source.display}: cannot read row {row} onwards: {exc}") from exc


def parquet_records(data: dict, n: int, first_row: int, display: str, names: FieldNames,
                    skipper: Skipper | None = None) -> Iterator[Record]:
    """Records from a Parquet batch as ``{column: [values]}``. Shared with the Dask path."""
    none = [None] * n
    ids = data.get(names.id, none)
    cols = {f: data.get(names.source(f), none) for f in FIELDS}
    for i in range(n):
        if skipper is not None and skipper.take():
            continue
        where = f"{display}:{first_row + i}"
        yield Record(_id(ids[i], where), where, {f: cols[f][i] for f in FIELDS})


def read_file_article(root: str, rel: str) -> Record:
    """One article from a directory input (.txt -> text, .html -> html). Shared with the Dask path."""
    return read_article_file(os.path.join(root, rel), rel, DIRECTORY_SUFFIXES[Path(rel).suffix.lower()])


def read_article_file(path: str, where: str, field: str) -> Record:
    """One file as one article, its content in ``field`` (text or html); an error Record when it
    cannot be read, is over MAX_FILE_BYTES or is not UTF-8 (``where`` names it in the message)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return Record(where, where, None, f"{where}: file is {size} bytes, larger than the limit of {MAX_FILE_BYTES}")
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return Record(where, where, None, f"{where}: cannot read: {exc.strerror or exc}")
    return article_from_bytes(data, where, field)


def article_from_bytes(data: bytes, where: str, field: str) -> Record:
    """``data`` decoded as UTF-8 (a byte-order mark dropped) into ``field``, or an error Record."""
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Record(where, where, None, f"{where}: invalid UTF-8 at byte {exc.start}")
    fields = dict.fromkeys(FIELDS)
    fields[field] = content
    return Record(where, where, fields)


def read_directory(source: Source, names: FieldNames, skipper: Skipper) -> Iterator[Record]:
    for rel in directory_files(source.path):
        if skipper.take():
            continue
        yield read_file_article(source.path, rel)


READERS = {"jsonl": read_jsonl, "csv": read_csv, "parquet": read_parquet, "directory": read_directory}


def read_all(srcs: list[Source], names: FieldNames, skip: int = 0) -> Iterator[Record]:
    """Every record of every input, in order, after skipping the first ``skip`` rows."""
    skipper = Skipper(skip)
    for source in srcs:
        yield from READERS[source.kind](source, names, skipper)


# -------------------------------------------------------------------------------------------- outputs

def output_format(path: str, override: str | None = None) -> str:
    if override:
        return override
    if path == "-":
        return "jsonl"
    kind = _SUFFIXES.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError(f"{path}: cannot tell the output format from its extension; use --format")
    return kind


def row_dict(row: tuple, signal_names: tuple[str, ...] | None) -> dict:
    """Output row tuple (id, score, band, provenance, error, caveats, signals-or-None) -> ordered mapping."""
    out = dict(zip(COLUMNS, row[:6]))
    if signal_names is not None:
        values = row[6]
        out.update(zip(signal_names, values if values is not None else [None] * len(signal_names)))
    return out


def _fsync(f) -> None:
    f.flush()
    os.fsync(f.fileno())


class _ByteWriter:
    """Rows appended to ``tmp``; commit = fsync and report the byte offset; finish = rename to ``final``."""

    def __init__(self, final: str, signal_names, state: dict | None = None, stream=None):
        self.final, self.signal_names = final, signal_names
        self.tmp = None
        if stream is not None:  # stdout: no temporary file, no resume
            self.f = stream
            self._header()
            return
        self.tmp = final + ".partial"
        if state is not None:
            if not os.path.exists(self.tmp) or os.path.getsize(self.tmp) < state["bytes"]:
                raise InputError(f"{self.tmp} is missing or shorter than its progress file says; "
                                 "cannot resume (rerun with --force to start again)")
            self.f = open(self.tmp, "r+b")
            self.f.truncate(state["bytes"])
            self.f.seek(state["bytes"])
        else:
            self.f = open(self.tmp, "wb")
            self._header()

    def _header(self) -> None:
        pass

    def commit(self) -> dict:
        if self.tmp is None:
            self.f.flush()
            return {}
        _fsync(self.f)
        return {"bytes": self.f.tell()}

    def finish(self) -> None:
        if self.tmp is None:
            self.f.flush()
            return
        _fsync(self.f)
        self.f.close()
        os.replace(self.tmp, self.final)
        _fsync_dir(self.final)

    def close(self) -> None:
        if self.tmp is not None and not self.f.closed:
            self.f.close()


class JsonlWriter(_ByteWriter):
    def write(self, rows: list[tuple]) -> None:
        names = self.signal_names
        self.f.write("".join(json.dumps(row_dict(r, names)) + "\n" for r in rows).encode("utf-8"))


class CsvWriter(_ByteWriter):
    def _header(self) -> None:
        self._write_rows([list(COLUMNS) + list(self.signal_names or ())])

    def _write_rows(self, rows) -> None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        self.f.write(buf.getvalue().encode("utf-8", "backslashreplace"))

    def write(self, rows: list[tuple]) -> None:
        width = len(self.signal_names) if self.signal_names is not None else 0
        out = []
        for r in rows:
            line = ["" if v is None else v for v in r[:6]]
            if self.signal_names is not None:
                line.extend(["" if v is None else v for v in (r[6] if r[6] is not None else [None] * width)])
            out.append(line)
        self._write_rows(out)


def parquet_schema(signal_names):
    import pyarrow as pa
    fields = [("id", pa.string()), ("score", pa.float64()), ("band", pa.string()),
              ("provenance", pa.string()), ("error", pa.string()), ("caveats", pa.string())]
    fields += [(name, pa.float64()) for name in (signal_names or ())]
    return pa.schema(fields)


def parquet_table(rows: list[tuple], signal_names):
    import pyarrow as pa
    columns = [list(col) for col in zip(*(r[:6] for r in rows))] if rows else [[] for _ in COLUMNS]
    if signal_names is not None:
        width = len(signal_names)
        values = [r[6] if r[6] is not None else [None] * width for r in rows]
        columns += [list(col) for col in zip(*values)] if rows else [[] for _ in signal_names]
    return pa.Table.from_arrays([pa.array(c, type=t) for c, t in zip(columns, parquet_schema(signal_names).types)],
                                schema=parquet_schema(signal_names))


def write_parquet_file(path: str, rows: list[tuple], signal_names) -> None:
    """Whole file, atomically (tmp + rename)."""
    import pyarrow.parquet as pq
    tmp = path + ".tmp"
    pq.write_table(parquet_table(rows, signal_names), tmp)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


class ParquetWriter:
    """One part file per committed chunk under ``OUTPUT.parts/``; merged into OUTPUT at the end."""

    def __init__(self, final: str, signal_names, state: dict | None = None, stream=None):
        if stream is not None:
            raise InputError("Parquet cannot be written to stdout; give an output path")
        self.final, self.signal_names = final, signal_names
        self.parts_dir = final + ".parts"
        self.buffer: list[tuple] = []
        if state is None:
            if os.path.isdir(self.parts_dir):
                for name in os.listdir(self.parts_dir):
                    os.unlink(os.path.join(self.parts_dir, name))
            self.parts = 0
        else:
            self.parts = state["parts"]
            missing = [p for p in range(self.parts) if not os.path.exists(self._part(p))]
            if missing:
                raise InputError(f"{self.parts_dir}: part files {missing[:5]} are missing; cannot resume "
                                 "(rerun with --force to start again)")
            for name in os.listdir(self.parts_dir):  # parts written after the last commit
                if not (name.startswith("part-") and name.endswith(".parquet")) or int(name[5:11]) >= self.parts:
                    os.unlink(os.path.join(self.parts_dir, name))
        os.makedirs(self.parts_dir, exist_ok=True)

    def _part(self, index: int) -> str:
        return os.path.join(self.parts_dir, f"part-{index:06d}.parquet")

    def write(self, rows: list[tuple]) -> None:
        self.buffer.extend(rows)

    def commit(self) -> dict:
        if self.buffer:
            write_parquet_file(self._part(self.parts), self.buffer, self.signal_names)
            self.parts += 1
            self.buffer = []
            _fsync_dir(self._part(0))
        return {"parts": self.parts}

    def finish(self) -> None:
        import pyarrow.parquet as pq
        self.commit()
        tmp = self.final + ".partial"
        schema = parquet_schema(self.signal_names)
        with pq.ParquetWriter(tmp, schema) as writer:
            for p in range(self.parts):
                writer.write_table(pq.read_table(self._part(p), schema=schema))
            if self.parts == 0:
                writer.write_table(parquet_table([], self.signal_names))
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, self.final)
        _fsync_dir(self.final)
        for p in range(self.parts):
            os.unlink(self._part(p))
        os.rmdir(self.parts_dir)

    def close(self) -> None:
        pass


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter}


def temporary_paths(final: str, fmt: str) -> list[str]:
    return [final + ".parts"] if fmt == "parquet" else [final + ".partial"]


def _fsync_dir(path: str) -> None:
    try:
        fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_json_atomic(path: str, data: dict) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
        _fsync(f)
    os.replace(tmp, path)

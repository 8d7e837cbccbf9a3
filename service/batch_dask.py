"""`reliability score` on Dask distributed: the same scoring, partitioned over a cluster's workers.

    reliability score corpus.jsonl -o scored/ --scheduler tcp://scheduler:8786 [--artifacts /shared/artifacts]
    reliability score corpus.parquet -o scored/ --format parquet --cluster local[4]

OUTPUT is a directory of ``part-00000.jsonl`` (or .csv / .parquet) files; reading them in name order
gives the rows in input order, with the same ids, scores and errors as a single-machine run.

Partitions: JSONL is read as a ``dask.bag`` (``read_text``, ``--partition-size`` bytes per partition);
a first light pass counts the lines of each partition so ids and errors carry the same ``file:line``
as the single-machine run. Parquet partitions are row groups (read by the worker with pyarrow, located
from the footer by the client). Directories are split into 1000 files per partition. CSV is not
partitioned (a quoted field may span lines); convert it or score it on one machine.

Each worker loads the Scorer once (a module-level cache, per worker process; threads share it); the
client first asks every worker which model it loaded and refuses to run when any differs from its own
``--artifacts``. Every part is written under a temporary name and renamed; ``OUTPUT/_job.json`` records
the finished parts, so ``--resume`` after a crash scores only the missing ones.

On a real cluster every worker needs this package installed (``pip install .`` in the same environment
as the scheduler/client, or ``client.upload_file`` of a wheel) and must be able to read the inputs, the
artifacts directory and the output directory at the same paths (a shared filesystem), or be given
``--artifacts`` / ``RELIABILITY_ARTIFACTS`` pointing at a copy.
"""
from __future__ import annotations

import json
import os
import re
import sys
import threading
import time

from . import batch_io as bio
from .batch import DEFAULT_BATCH, Summary, _model_sha, job_description, score_records, signal_names

JOB_FILE = "_job.json"
DIRECTORY_PARTITION_FILES = 1000
_EXT = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}

_scorers: dict = {}
_lock = threading.Lock()


def get_scorer(artifacts, index=None):
    """The worker's Scorer for ``artifacts`` (and reference ``index``), loaded once per process."""
    key = (os.path.abspath(artifacts) if artifacts is not None else None,
           os.path.abspath(index) if index is not None else None)
    with _lock:
        if key not in _scorers:
            from .scorer import Scorer
            _scorers[key] = Scorer.load(artifacts, reference_index=index)
        return _scorers[key]


def worker_model(artifacts) -> str:
    """Run on every worker before scoring: the sha256 of the model it loaded, or the error."""
    try:
        return str(get_scorer(artifacts).manifest.get("model_sha256"))
    except Exception as exc:
        return f"error: {type(exc).__name__}: {exc}"


# ------------------------------------------------------------------------------------ worker tasks

def _count_lines(lines) -> list[int]:
    return [sum(1 for _ in lines)]


def _finish_part(records: list, cfg: dict) -> dict:
    scorer = get_scorer(cfg["artifacts"], cfg.get("index"))
    rows: list[tuple] = []
    for i in range(0, len(records), DEFAULT_BATCH):
        rows.extend(score_records(scorer, records[i:i + DEFAULT_BATCH], cfg["signals"]))
    names = signal_names(cfg["signals"])
    path = cfg["path"]
    if cfg["format"] == "parquet":
        bio.write_parquet_file(path, rows, names)
    else:
        writer = bio.WRITERS[cfg["format"]](path, names)
        writer.write(rows)
        writer.finish()
    failed = sum(r[4] is not None for r in rows)
    return {"part": cfg["part"], "rows": len(rows), "scored": len(rows) - failed, "failed": failed,
            "model_sha256": str(scorer.manifest.get("model_sha256"))}


def score_jsonl_part(lines, first_line: int, display: str, names: bio.FieldNames, cfg: dict) -> dict:
    records = []
    for lineno, line in enumerate(lines, first_line):
        if not bio.is_blank(line):
            records.append(bio.parse_json_line(line, lineno, display, names))
    return _finish_part(records, cfg)


def score_parquet_part(path: str, row_group: int, first_row: int, display: str, names: bio.FieldNames,
                       cfg: dict) -> dict:
    import pyarrow.parquet as pq
    pf = pq.ParquetFile(path)
    columns = pf.schema_arrow.names
    wanted = [c for c in dict.fromkeys([names.id] + [names.source(f) for f in bio.FIELDS]) if c in columns]
    table = pf.read_row_group(row_group, columns=wanted)
    return _finish_part(list(bio.parquet_records(table.to_pydict(), table.num_rows, first_row, display, names)), cfg)


def score_directory_part(root: str, rels: list[str], cfg: dict) -> dict:
    return _finish_part([bio.read_file_article(root, rel) for rel in rels], cfg)


# ------------------------------------------------------------------------------------------ client

def _client(args):
    from dask.distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler), None
    m = re.fullmatch(r"local(?:\[(\d+)\])?", args.cluster.strip())
    if not m:
        raise bio.InputError(f"--cluster {args.cluster!r}: expected local[N]")
    n = int(m.group(1) or (os.cpu_count() or 1))
    # ":0", a free port: None still takes 8787, and warns when another cluster already has it
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
    return Client(cluster), cluster


def _plan(client, srcs, names, partition_size: str, cfg_for):
    """(tasks as (part index, rows or None, delayed)) in input order; line counting happens here."""
    import dask
    import dask.bag as db
    from dask.utils import parse_bytes

    tasks = []
    for source in srcs:
        if source.kind == "jsonl":
            blocksize = None if source.path.endswith(".gz") else parse_bytes(partition_size)
            bag = db.read_text(source.path, blocksize=blocksize, errors="surrogateescape", linedelimiter="\n")
            counts = client.compute(bag.map_partitions(_count_lines)).result()
            first = 1
            for part, count in zip(bag.to_delayed(), counts):
                index = len(tasks)
                tasks.append((index, None, dask.delayed(score_jsonl_part)(part, first, source.display, names,
                                                                        cfg_for(index))))
                first += count
        elif source.kind == "parquet":
            import pyarrow.parquet as pq
            try:
                meta = pq.ParquetFile(source.path).metadata
            except Exception as exc:
                raise bio.InputError(f"{source.display}: cannot read as Parquet: {exc}") from exc
            first = 0
            for rg in range(meta.num_row_groups):
                index = len(tasks)
                rows = meta.row_group(rg).num_rows
                tasks.append((index, rows, dask.delayed(score_parquet_part)(
                    os.path.abspath(source.path), rg, first, source.display, names, cfg_for(index))))
                first += rows
        elif source.kind == "directory":
            files = bio.directory_files(source.path)
            for start in range(0, len(files), DIRECTORY_PARTITION_FILES):
                index = len(tasks)
                rels = files[start:start + DIRECTORY_PARTITION_FILES]
                tasks.append((index, len(rels), dask.delayed(score_directory_part)(
                    os.path.abspath(source.path), rels, cfg_for(index))))
        else:
            raise bio.InputError(f"{source.display}: Dask mode reads JSONL, Parquet or directories, not {source.kind}; "
                                 "score CSV without --scheduler/--cluster, or convert it")
    return tasks


def run_dask(args) -> Summary:
    from dask.distributed import as_completed

    from .artifacts import ArtifactError

    started = time.monotonic()
    srcs = bio.sources(args.inputs, args.input_format)
    if any(s.path == "-" for s in srcs) or args.output == "-":
        raise bio.InputError("Dask mode reads files and writes a directory, not stdin or stdout")
    out = args.output
    fmt = args.format or bio._SUFFIXES.get(os.path.splitext(out.rstrip("/"))[1].lower(), "jsonl")
    names = bio.FieldNames(args.id_field, args.text_field, args.title_field, args.url_field, args.html_field)
    job = job_description(args, srcs, fmt)
    job["options"]["partition_size"] = args.partition_size
    job_path = os.path.join(out, JOB_FILE)
    done: dict[int, dict] = {}
    if os.path.isfile(out):
        raise bio.InputError(f"{out} is a file; with Dask the output is a directory of part files")
    if os.path.isdir(out) and os.listdir(out):
        previous = None
        if os.path.exists(job_path):
            with open(job_path, encoding="utf-8") as f:
                previous = json.load(f)
        if args.resume and previous is not None:
            from .batch import _differences
            diffs = _differences(previous, job)
            if diffs and not args.force:
                raise bio.InputError(f"cannot resume {out}: " + "; ".join(diffs) + " (use --force to start again)")
            if not diffs:
                done = {int(k): v for k, v in previous.get("parts", {}).items()}
        elif not args.force:
            raise bio.InputError(f"{out} is not empty: add --resume to continue an earlier run, or --force to start again")
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):  # partial writes of a killed run, and parts the job file does not vouch for
        m = re.fullmatch(r"part-(\d+)\.\w+", name)
        if name.endswith((".tmp", ".partial")) or (m and int(m.group(1)) not in done) or (
                name == JOB_FILE and not done):
            os.unlink(os.path.join(out, name))

    ext = _EXT[fmt]

    def cfg_for(index: int) -> dict:
        return {"artifacts": os.path.abspath(args.artifacts) if args.artifacts else None,
                "index": os.path.abspath(args.index) if getattr(args, "index", None) else None,
                "signals": bool(args.signals),
                "format": fmt, "part": index, "path": os.path.abspath(os.path.join(out, f"part-{index:05d}.{ext}"))}

    done = {k: v for k, v in done.items() if os.path.exists(cfg_for(k)["path"])}
    client, cluster = _client(args)
    summary = Summary(output=out, mode="dask")
    bar = None
    try:
        client.wait_for_workers(1, timeout=120)
        expected = _model_sha(args.artifacts)
        models = client.run(worker_model, cfg_for(0)["artifacts"])
        wrong = {w: sha for w, sha in models.items() if sha != expected}
        if wrong:
            raise ArtifactError("workers do not have the model the client expects "
                                f"(sha256 {expected}): {wrong}; install the same artifacts on every worker "
                                "or pass --artifacts with a path they can read")
        tasks = _plan(client, srcs, names, args.partition_size, cfg_for)
        todo = [(i, rows, task) for i, rows, task in tasks if i not in done]
        summary.resumed_from_row = sum(v["rows"] for v in done.values())
        job["parts"] = {str(k): v for k, v in sorted(done.items())}
        job["partitions"] = len(tasks)
        bio.write_json_atomic(job_path, job)
        if not args.quiet and sys.stderr.isatty():
            from tqdm import tqdm
            tqdm.monitor_interval = 0
            known = [rows for _, rows, _ in todo]
            total = summary.resumed_from_row + sum(known) if all(r is not None for r in known) else None
            bar = tqdm(total=total, initial=summary.resumed_from_row, unit="rows", file=sys.stderr,
                       dynamic_ncols=True, desc=f"scoring on {len(models)} Dask workers")
        futures = client.compute([task for _, _, task in todo])
        for future in as_completed(futures):
            stats = future.result()
            if stats["model_sha256"] != expected:
                raise ArtifactError(f"part {stats['part']} was scored with model {stats['model_sha256']}, not {expected}")
            done[stats["part"]] = stats
            job["parts"] = {str(k): v for k, v in sorted(done.items())}
            bio.write_json_atomic(job_path, job)
            if bar is not None:
                bar.update(stats["rows"])
    finally:
        if bar is not None:
            bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    summary.rows_read = sum(v["rows"] for v in done.values())
    summary.rows_scored = sum(v["scored"] for v in done.values())
    summary.rows_failed = sum(v["failed"] for v in done.values())
    summary.extra = {"partitions": len(done), "workers": len(models)}
    summary.seconds = time.monotonic() - started
    summary.rows_per_s = (summary.rows_read - summary.resumed_from_row) / summary.seconds if summary.seconds else 0.0
    return summary

"""`reliability score`: offline batch scoring of large files, resumable, on one machine or a Dask cluster.

    reliability score INPUT... -o OUTPUT [--signals] [--jobs N] [--chunk-size ROWS] [--resume | --force]
    reliability score big.jsonl -o scored.parquet --jobs 8
    cat articles.jsonl | reliability score - -o -
    reliability score corpus.parquet -o scored/ --format parquet --scheduler tcp://scheduler:8786

INPUT is JSONL (also .ndjson / .json / .gz), CSV, Parquet, a directory of .txt / .html files (one article
each; the id is the relative path), or ``-`` for JSONL on stdin; several inputs are read in order into
one output. OUTPUT's extension (.jsonl / .csv / .parquet) or ``--format`` picks the output format, ``-``
writes JSONL to stdout. Each input row gives exactly one output row, in input order:
``id, score, band, provenance, error, caveats`` (+ one column per signal with ``--signals``); ``caveats``
holds the codes of service/applicability.py, space-separated (null for most articles). Rows that cannot be
parsed or scored keep their place, with ``error`` saying where (``file:line``, or ``file:row`` for
Parquet) and why; they are counted in the summary, never dropped.

Single machine: the main process streams the input, hands batches to a process pool (each worker loads
the Scorer once), keeps at most a few batches in flight, and writes results back in input order.
Every ``--chunk-size`` rows the output is fsynced and ``OUTPUT.progress.json`` records the rows and
bytes (or Parquet part files) committed, so a killed run continues with ``--resume`` and the finished
file equals an uninterrupted run's. The output appears under its name only when complete.

Dask (``--scheduler`` / ``--cluster local[N]``): see service/batch_dask.py.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from itertools import islice

from . import batch_io as bio

PROGRESS_SUFFIX = ".progress.json"
PROGRESS_VERSION = 1
DEFAULT_CHUNK = 1000
DEFAULT_BATCH = 100


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "Score articles from files in batch; one output row per input row, in input order."
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSONL / CSV / Parquet file, directory of .txt/.html files, or - (JSONL on stdin)")
    p.add_argument("-o", "--output", required=True,
                   help="output file (.jsonl, .csv, .parquet), - for JSONL on stdout; with Dask a directory of parts")
    p.add_argument("--format", choices=bio.OUTPUT_FORMATS, help="output format (default: from the extension)")
    p.add_argument("--input-format", choices=bio.INPUT_FORMATS, help="input format for files (default: from the extension)")
    for name in ("id", "text", "title", "url", "html"):
        p.add_argument(f"--{name}-field", default=name, metavar="NAME", help=f"input field holding the {name} (default: {name})")
    p.add_argument("--signals", action="store_true", help="also write every signal as its own column")
    p.add_argument("--artifacts", default=None, metavar="DIR", help="model artifacts directory (default: the project's)")
    p.add_argument("--index", default=None, metavar="DIR",
                   help="reference index of known wire copy; adds the syndication match to provenance")
    p.add_argument("--jobs", type=int, default=None, metavar="N", 
                   help="worker processes on this machine (default: the CPUs available; not used with Dask)")
    p.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK, metavar="ROWS",
                   help=f"rows per committed chunk (default: {DEFAULT_CHUNK})")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, metavar="ROWS",
                   help=f"rows per worker task (default: {DEFAULT_BATCH}, at most the chunk size)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run from its progress file")
    p.add_argument("--force", action="store_true", help="discard an earlier run's progress and start again")
    p.add_argument("--summary-json", default=None, metavar="PATH", help="also write the summary as JSON here")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr")
    dask = p.add_argument_group("Dask (OUTPUT becomes a directory of part files)")
    dask.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    dask.add_argument("--cluster", default=None, metavar="local[N]", help="start a local Dask cluster with N workers")
    dask.add_argument("--partition-size", default="64MB", metavar="SIZE",
                      help="JSONL bytes per partition (default: 64MB); Parquet partitions are row groups, "
                           "directories 1000 files")


# ------------------------------------------------------------------------------------------- scoring

def score_records(scorer, records: list, with_signals: bool) -> list[tuple]:
    """Output rows ``(id, score, band, provenance, error, caveats, signals-or-None)`` for ``records``, in order.

    One ``score_many`` call for the batch; should that fail outright, each article alone, so one bad
    article never costs its neighbours their scores.
    """
    from .features import FEATURE_NAMES

    good = [r for r in records if r.error is None]
    results: list = []
    if good:
        try:
            # Batch output carries no reasons, and explaining costs about as much as scoring.
            results = scorer.score_many([r.fields for r in good], errors="return", explain=False)
        except Exception:
            results = [_score_one(scorer, r.fields) for r in good]
    it = iter(results)
    rows = []
    for r in records:
        if r.error is not None:
            rows.append((r.id, None, None, None, r.error, None, None))
            continue
        res = next(it)
        if "error" in res:
            rows.append((r.id, None, None, None, bio.clean_str(f"{r.where}: {res['error']}"), None, None))
        else:
            signals = [res["signals"].get(n) for n in FEATURE_NAMES] if with_signals else None
            caveats = " ".join(c["code"] for c in res["caveats"]) or None  # null, like CSV's empty field
            rows.append((r.id, res["score"], res["band"], res["provenance"]["class"], None, caveats, signals))
    return rows


def one_thread_per_process():
    """Parallelism here is one process per core: native thread pools (OpenMP in the tree model, BLAS)
    would only oversubscribe the cores, and on small batches they cost more than they save."""
    from threadpoolctl import threadpool_limits
    return threadpool_limits(limits=1)


def _score_one(scorer, fields) -> dict:
    try:
        return scorer.score_many([fields], errors="return", explain=False)[0]
    except Exception as exc:  # a bug in a signal must cost one row, not the run
        return {"error": f"{type(exc).__name__}: {exc}", "error_type": type(exc).__name__}


def signal_names(with_signals: bool):
    from .features import FEATURE_NAMES
    return tuple(FEATURE_NAMES) if with_signals else None


# ---------------------------------------------------------------------------------- process workers

_SCORER = None          # inherited by forked workers (loaded once in the parent), else loaded in the worker
_WITH_SIGNALS = False


def _init_worker(artifacts, with_signals: bool, parent_pid: int, index=None) -> None:
    global _SCORER, _WITH_SIGNALS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WITH_SIGNALS = with_signals
    if _SCORER is None:
        from .scorer import Scorer
        _SCORER = Scorer.load(artifacts, reference_index=index)
    one_thread_per_process()

    def watch_parent():  # a SIGKILLed parent cannot tell its pool to stop: leave on our own
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()


def _work(records: list) -> list[tuple]:
    return score_records(_SCORER, records, _WITH_SIGNALS)


def _noop() -> int:
    return os.getpid()


def _make_pool(jobs: int, artifacts, with_signals: bool, index=None):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context(method), initializer=_init_worker,
                               initargs=(artifacts, with_signals, os.getpid(), index))
    for f in [pool.submit(_noop) for _ in range(jobs)]:  # start (and fork) every worker now
        f.result()
    return pool


# -------------------------------------------------------------------------------------- bookkeeping

@dataclass
class Summary:
    output: str
    rows_read: int = 0
    rows_scored: int = 0
    rows_failed: int = 0
    resumed_from_row: int = 0
    seconds: float = 0.0
    rows_per_s: float = 0.0
    mode: str = "local"
    extra: dict = field(default_factory=dict)

    def line(self) -> str:
        resumed = f", resumed after {self.resumed_from_row} committed rows" if self.resumed_from_row else ""
        return (f"reliability score: {self.rows_read} rows read, {self.rows_scored} scored, {self.rows_failed} failed "
                f"in {self.seconds:.1f} s ({self.rows_per_s:.1f} rows/s{resumed}) -> {self.output}")


def _batches(records, chunk_size: int, batch_size: int):
    """(batch, ends_chunk) in input order; chunks are exactly ``chunk_size`` rows except the last."""
    it = iter(records)
    in_chunk = 0
    while True:
        batch = list(islice(it, min(batch_size, chunk_size - in_chunk)))
        if not batch:
            return
        in_chunk += len(batch)
        ends = in_chunk == chunk_size
        if ends:
            in_chunk = 0
        yield batch, ends


def _after_commit(rows_committed: int) -> None:
    """Called after every commit (tests interrupt a run here)."""


def _model_sha(artifacts) -> str:
    from .artifacts import default_artifacts_dir, read_manifest
    return str(read_manifest(artifacts if artifacts is not None else default_artifacts_dir()).get("model_sha256"))


def job_description(args, srcs, fmt: str) -> dict:
    """What must match for --resume to continue an earlier run."""
    return {
        "inputs": [bio.identity(s) for s in srcs],
        "options": {"format": fmt, "input_format": args.input_format, "signals": bool(args.signals),
                    "fields": {n: getattr(args, f"{n}_field") for n in ("id", "text", "title", "url", "html")},
                    "model_sha256": _model_sha(args.artifacts)},
    }


def _differences(old: dict, new: dict) -> list[str]:
    out = []
    if old.get("inputs") != new["inputs"]:
        out.append("the input files (paths, sizes or modification times) changed")
    for key, value in new["options"].items():
        if old.get("options", {}).get(key) != value:
            out.append(f"{key} was {old.get('options', {}).get(key)!r}, now {value!r}")
    return out


def _renamed_already(state: dict, fmt: str, output: str) -> bool:
    """Whether a run whose progress says ``finished`` got as far as renaming its output into place."""
    if not state.get("finished") or not os.path.exists(output):
        return False
    if fmt == "parquet":  # part files are deleted only after the rename
        parts = state.get("writer", {}).get("parts", 0)
        return not all(os.path.exists(os.path.join(output + ".parts", f"part-{i:06d}.parquet")) for i in range(parts))
    return not os.path.exists(output + ".partial")


def _remove(path: str) -> None:
    import shutil
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.unlink(path)


# ------------------------------------------------------------------------------------- local run

def run_local(args) -> Summary:
    from .scorer import Scorer

    started = time.monotonic()
    srcs = bio.sources(args.inputs, args.input_format)
    fmt = bio.output_format(args.output, args.format)
    to_stdout = args.output == "-"
    if to_stdout and fmt != "jsonl":
        raise bio.InputError("only JSONL can be written to stdout")
    names = bio.FieldNames(args.id_field, args.text_field, args.title_field, args.url_field, args.html_field)
    if args.chunk_size < 1 or args.batch_size < 1:
        raise bio.InputError("--chunk-size and --batch-size must be at least 1")
    jobs = args.jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    resumable = not to_stdout and all(s.path != "-" for s in srcs)
    progress_path = args.output + PROGRESS_SUFFIX
    summary = Summary(output=args.output)

    state = None
    if not resumable:
        if args.resume:
            raise bio.InputError("--resume needs file inputs and a file output (not stdin or stdout)")
    else:
        job = job_description(args, srcs, fmt)
        if os.path.exists(progress_path):
            if args.resume:
                with open(progress_path, encoding="utf-8") as f:
                    state = json.load(f)
                diffs = _differences(state, job)
                if diffs and not args.force:
                    raise bio.InputError(f"cannot resume {args.output}: " + "; ".join(diffs) +
                                         " (use --force to start again)")
                if diffs:
                    state = None
            elif not args.force:
                raise bio.InputError(f"{progress_path} exists: an earlier run into {args.output} was interrupted; "
                                     "add --resume to continue it, or --force to start again")
            if state is None:
                for path in [progress_path] + bio.temporary_paths(args.output, fmt):
                    _remove(path)
        elif args.resume and not args.quiet:
            print(f"reliability score: no progress file {progress_path}; starting from the beginning", file=sys.stderr)
        if state is not None and _renamed_already(state, fmt, args.output):
            for path in [progress_path] + bio.temporary_paths(args.output, fmt):  # killed while cleaning up
                _remove(path)
            summary.rows_read, summary.rows_scored, summary.rows_failed = (
                state["rows_committed"], state["scored"], state["failed"])
            summary.resumed_from_row = state["rows_committed"]
            summary.seconds = time.monotonic() - started
            return summary

    if not to_stdout:
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    scorer = Scorer.load(args.artifacts, reference_index=args.index)
    global _SCORER
    _SCORER = scorer
    pool = _make_pool(jobs, args.artifacts, args.signals, args.index) if jobs > 1 else None
    writer = None
    bar = None
    old_term = interrupt_on_sigterm()
    try:
        committed = state["rows_committed"] if state else 0
        scored = state["scored"] if state else 0
        failed = state["failed"] if state else 0
        summary.resumed_from_row = committed
        writer = bio.WRITERS[fmt](args.output, signal_names(args.signals), state=state["writer"] if state else None,
                                  stream=sys.stdout.buffer if to_stdout else None)
        records = bio.read_all(srcs, names, skip=committed)
        if not args.quiet and sys.stderr.isatty():
            from tqdm import tqdm
            tqdm.monitor_interval = 0
            estimates = [bio.estimate_rows(s) for s in srcs]
            total = sum(estimates) if all(e is not None for e in estimates) else None
            bar = tqdm(total=total, initial=committed, unit="rows", file=sys.stderr, dynamic_ncols=True,
                       smoothing=0.1, desc="scoring")
        counts = {"rows": committed, "scored": scored, "failed": failed, "pending": 0}

        def handle(rows: list[tuple], ends_chunk: bool) -> None:
            writer.write(rows)
            bad = sum(r[4] is not None for r in rows)
            counts["failed"] += bad
            counts["scored"] += len(rows) - bad
            counts["pending"] += len(rows)
            if bar is not None:
                bar.update(len(rows))
            if ends_chunk:
                commit()

        def commit(finished: bool = False) -> None:
            wstate = writer.commit()
            counts["rows"] += counts["pending"]
            counts["pending"] = 0
            if resumable:
                bio.write_json_atomic(progress_path, dict(
                    job, version=PROGRESS_VERSION, output=os.path.abspath(args.output), rows_committed=counts["rows"],
                    scored=counts["scored"], failed=counts["failed"], writer=wstate, finished=finished,
                    updated=time.strftime("%Y-%m-%dT%H:%M:%S%z")))
            _after_commit(counts["rows"])

        batches = _batches(records, args.chunk_size, min(args.batch_size, args.chunk_size))
        if pool is None:
            with one_thread_per_process():
                for batch, ends in batches:
                    handle(score_records(scorer, batch, args.signals), ends)
        else:
            window: deque = deque()
            max_in_flight = 2 * jobs + 1
            for batch, ends in batches:
                if len(window) >= max_in_flight:
                    future, e = window.popleft()
                    handle(future.result(), e)
                window.append((pool.submit(_work, batch), ends))
            while window:
                future, e = window.popleft()
                handle(future.result(), e)
        commit(finished=True)
        writer.finish()
        if resumable and os.path.exists(progress_path):
            os.unlink(progress_path)
        summary.rows_read, summary.rows_scored, summary.rows_failed = counts["rows"], counts["scored"], counts["failed"]
    finally:
        if bar is not None:
            bar.close()
        if writer is not None:
            writer.close()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        restore_sigterm(old_term)
    summary.seconds = time.monotonic() - started
    done = summary.rows_read - summary.resumed_from_row
    summary.rows_per_s = done / summary.seconds if summary.seconds > 0 else 0.0
    return summary


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def interrupt_on_sigterm():
    """Read SIGTERM (a scheduler, ``kill PID``) as Ctrl-C from now on, so that a long run cleans up
    as it does on an interrupt: the batch commits its progress and stops its pool, training stops
    joblib's worker processes (by default only the parent died). Returns the handler it replaced
    (None off the main thread, where signals cannot be handled), for ``restore_sigterm``."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)


def restore_sigterm(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def run_interruptible(command: str, work) -> int:
    """``work()`` with SIGTERM read as Ctrl-C (interrupt_on_sigterm): either one stops it, and its
    joblib workers with it, with a message naming ``command``, and the exit status is 130; else it
    is 0. For commands whose work runs in joblib's worker processes: `reliability train` /
    `evaluate` and the training scripts that fit on every split."""
    previous = interrupt_on_sigterm()
    try:
        work()
    except KeyboardInterrupt:
        print(f"{command}: interrupted; its worker processes are stopped", file=sys.stderr)
        return 130
    finally:
        restore_sigterm(previous)
    return 0


# --------------------------------------------------------------------------------------------- main

def main(args) -> int:
    from concurrent.futures.process import BrokenProcessPool

    from .artifacts import ArtifactError

    if args.jobs is not None and args.jobs < 1:
        print("reliability score: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        if args.scheduler or args.cluster:
            from .batch_dask import run_dask
            summary = run_dask(args)
        else:
            summary = run_local(args)
    except (bio.InputError, ArtifactError) as exc:
        print(f"reliability score: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nreliability score: interrupted; committed rows are kept, rerun with --resume to continue",
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except OSError as exc:  # the output cannot be written (the input's errors are InputError)
        print(f"reliability score: {exc}", file=sys.stderr)
        return 1
    except BrokenProcessPool as exc:
        print(f"reliability score: a worker process died ({exc}); committed rows are kept, rerun with --resume",
              file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    if args.summary_json:
        bio.write_json_atomic(args.summary_json, asdict(summary))
    return 0

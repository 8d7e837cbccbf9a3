"""The HTTP service: a Flask application factory over the same ``Scorer`` core.

    from service.app import create_app
    app = create_app({"ARTIFACTS_DIR": "artifacts/"})

Views are thin: they parse and bound the request, call ``Scorer``, and shape the answer.
Every error, including 404/405 and anything unexpected, is ``application/problem+json``
(RFC 7807: ``type``, ``title``, ``status``, ``detail``); no client input produces a 500.

Configuration (``create_app(config)`` keys; anything else is passed to Flask's config):

==================== ============ ===========================================================
key                  default      meaning
==================== ============ ===========================================================
ARTIFACTS_DIR        None         artifacts directory (model.joblib + manifest.json); None =
                                  ``$RELIABILITY_ARTIFACTS`` or the project's ``artifacts/``
MAX_BODY_BYTES       2_000_000    largest request body; 413 above it (Content-Length checked
                                  first, and enforced while reading chunked bodies)
MAX_BATCH_ARTICLES   256          most articles in one ``POST /v1/score/batch``; 413 above it
MAX_TEXT_BYTES       1_000_000    largest ``text`` field (UTF-8 bytes); 422 above it
BODY_TIMEOUT         10           seconds a request body may take to arrive in full (counted
                                  from the first body read); a slower one is cut off with 408
                                  and the connection closed, so a client trickling its body
                                  holds a server thread for at most this long. Needs the
                                  server's socket (gunicorn); None = no deadline
SCORER               None         an already-loaded ``Scorer`` (tests); skips loading
LOAD_MODEL_AT_START  True         True: load (and verify) the model before the app is
                                  returned, so a worker never serves without it. False: load
                                  in a background thread; /healthz and /readyz (503,
                                  "loading") answer meanwhile, scoring answers 503
METRICS_DIR          None         directory shared by the gunicorn workers of one server:
                                  each worker writes its counters there and /metrics sums
                                  them. None = this process's counters only
NATIVE_THREADS       1            BLAS / OpenMP threads per request thread (threadpoolctl);
                                  parallelism comes from workers x threads, and nested native
                                  thread teams oversubscribe the cores. None = leave as is
==================== ============ ===========================================================

Request bodies for ``POST /v1/score``: ``application/json`` ``{"text", "title"?, "url"?,
"html"?}`` (text or html required), ``text/plain`` (the body is the text) or ``text/html``
(the body is the page); for the last two, ``title`` and ``url`` may be given as query
parameters. Bodies must be UTF-8 (a ``charset`` other than utf-8 / us-ascii is 415).
Unknown JSON fields are ignored (callers may carry their own ids and metadata), as
``Scorer.score_many`` does; a field the service reads with the wrong type is 400.
"""
from __future__ import annotations

import json
import heapq
import itertools
import logging
import os
import socket
import threading
import time
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from .applicability import BAND_WITHHELD
from .artifacts import ArtifactError

log = logging.getLogger("service.app")

DEFAULTS = {
    "ARTIFACTS_DIR": None,
    "REFERENCE_INDEX": None,
    "MAX_BODY_BYTES": 2_000_000,
    "MAX_BATCH_ARTICLES": 256,
    "MAX_TEXT_BYTES": 1_000_000,
    "BODY_TIMEOUT": 10,
    "SCORER": None,
    "LOAD_MODEL_AT_START": True,
    "METRICS_DIR": None,
    "NATIVE_THREADS": 1,
}
FIELDS = ("text", "title", "url", "html")
PROBLEM_TYPE = "https://reliability.invalid/problems/"  # + slug; documented in /openapi.json
PROBLEM_MIME = "application/problem+json"
UTF8_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout",
          413: "Content Too Large",
          415: "Unsupported Media Type", 422: "Unprocessable Content", 500: "Internal Server Error",
          503: "Service Unavailable"}
SLUGS = {400: "bad-request", 404: "not-found", 405: "method-not-allowed", 408: "body-timeout", 413: "too-large",
         415: "unsupported-media-type", 422: "invalid-article", 500: "internal-error", 503: "not-ready"}


# --------------------------------------------------------------------------- problems

class Problem(Exception):
    """An RFC 7807 problem; raised anywhere in a view, rendered by the error handler."""

    def __init__(self, status: int, detail: str, *, slug: str | None = None, headers: dict | None = None,
                 **extra):
        super().__init__(detail)
        self.status, self.detail, self.headers, self.extra = status, detail, headers or {}, extra
        self.slug = slug or SLUGS.get(status, "error")

    def body(self) -> dict:
        return {"type": PROBLEM_TYPE + self.slug, "title": TITLES.get(self.status, "Error"),
                "status": self.status, "detail": self.detail, **self.extra}


def _json_response(payload, status: int = 200, mimetype: str = "application/json", headers=None) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(body.encode("utf-8", "surrogatepass"), status=status, mimetype=mimetype, headers=headers)


def problem_response(problem: Problem) -> Response:
    return _json_response(problem.body(), problem.status, PROBLEM_MIME, problem.headers)


# --------------------------------------------------------------------------- model state

SMOKE_ARTICLE = (
    "TALLINN (Wire) - The city council approved a new tram line on Tuesday, officials said. "
    "\u201cConstruction starts in May,\u201d said Mari Tamm, the deputy mayor. The line will cost 40 million euros."
)


def smoke_test(scorer) -> None:
    """Score one small built-in article; raises if the loaded model cannot actually score.

    Catches a model file that verifies and unpickles but does not match the code (e.g. trained
    by an older version of the classifier), and warms caches before the first request.
    """
    result = scorer.score(text=SMOKE_ARTICLE, title="Council approves tram line")
    if not 0.0 <= float(result["score"]) <= 1.0:
        raise ValueError(f"smoke test score {result['score']!r} is outside 0..1")


class ModelState:
    """The process's one Scorer, loaded once; ``error`` keeps why loading failed."""

    def __init__(self, artifacts_dir, max_text_bytes: int, reference_index=None):
        self.artifacts_dir = artifacts_dir
        self.reference_index = reference_index
        self.max_text_bytes = max_text_bytes
        self.scorer = None
        self.error: str | None = None
        self.loading = False
        self.on_ready = None  # called once the scorer is set (metrics readiness)
        self._lock = threading.Lock()

    def set(self, scorer) -> None:
        self.scorer, self.error, self.loading = scorer, None, False
        if self.on_ready is not None:
            self.on_ready()

    def load(self) -> None:
        from .scorer import Scorer
        with self._lock:
            if self.scorer is not None:
                return
            self.loading = True
            started = time.perf_counter()
            try:
                scorer = Scorer.load(self.artifacts_dir, max_text_bytes=self.max_text_bytes,
                                     reference_index=self.reference_index)
                smoke_test(scorer)
            except ArtifactError as exc:
                self.error, self.loading = f"model artifact rejected: {exc}", False
                log.error("cannot load the model: %s", exc)
                return
            except Exception as exc:  # unpickling errors, version mismatches, a failed smoke test
                self.error, self.loading = f"model failed to load: {type(exc).__name__}: {exc}", False
                log.exception("cannot load the model")
                return
            self.set(scorer)
            log.info("model %s loaded in %.2f s (pid %d)", scorer.model_version,
                     time.perf_counter() - started, os.getpid())

    def load_in_background(self) -> None:
        self.loading = True
        threading.Thread(target=self.load, name="model-loader", daemon=True).start()

    def require(self):
        if self.scorer is None:
            detail = self.error or "the model is still loading"
            raise Problem(503, detail, headers={"Retry-After": "1"} if self.error is None else None)
        return self.scorer

    def model_block(self) -> dict:
        manifest = self.scorer.manifest
        return {"version": str(manifest.get("version", "unknown")), "sha256": manifest.get("model_sha256"),
                "sklearn_version": manifest.get("sklearn_version")}


# --------------------------------------------------------------------------- metrics

class Metrics:
    """Prometheus counters and a latency histogram, hand-written (no extra dependency).

    Under gunicorn each worker is a process with its own ``Metrics``. With ``METRICS_DIR``
    each worker writes a snapshot there (at most once a second, and on every scrape) and
    /metrics sums all snapshots, so a scrape sees the whole server whichever worker answers;
    snapshots of other workers may be up to ~1 s old. Without it the numbers are per process.
    """

    def __init__(self, directory: str | None = None):
        self.lock = threading.Lock()
        self.requests: dict[tuple, int] = {}  # (route, method, status) -> count
        self.latency: dict[str, list] = {}  # route -> [bucket counts..., +Inf count, sum]
        self.scores: dict[str, int] = {}  # band -> count
        self.directory = Path(directory) if directory else None
        self.dirty = False
        self.ready = 0
        if self.directory is not None:
            threading.Thread(target=self._flusher, name="metrics-flush", daemon=True).start()

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        with self.lock:
            key = (route, method, str(status))
            self.requests[key] = self.requests.get(key, 0) + 1
            row = self.latency.get(route)
            if row is None:
                row = self.latency[route] = [0] * (len(LATENCY_BUCKETS) + 2)
            for i, bound in enumerate(LATENCY_BUCKETS):
                if seconds <= bound:
                    row[i] += 1
                    break
            else:
                row[len(LATENCY_BUCKETS)] += 1
            row[-1] += seconds
            self.dirty = True

    def scored(self, band: str) -> None:
        with self.lock:
            self.scores[band] = self.scores.get(band, 0) + 1

    def snapshot(self) -> dict:
        with self.lock:
            return {"requests": [[*k, v] for k, v in self.requests.items()],
                    "latency": {k: list(v) for k, v in self.latency.items()},
                    "scores": dict(self.scores), "ready": self.ready}

    def flush(self) -> None:
        if self.directory is None:
            return
        self.dirty = False
        path = self.directory / f"worker-{os.getpid()}.json"
        tmp = path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(self.snapshot()), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            log.warning("cannot write metrics snapshot to %s", path, exc_info=True)

    def _flusher(self) -> None:
        while True:
            time.sleep(1.0)
            if self.dirty:
                self.flush()

    def _snapshots(self) -> list[dict]:
        if self.directory is None:
            return [self.snapshot()]
        self.flush()
        snaps = []
        for path in self.directory.glob("worker-*.json"):
            try:
                snap = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            # A dead worker's counters stay (totals must not go down); its readiness does not.
            pid = int(path.stem.split("-", 1)[1]) if path.stem.split("-", 1)[1].isdigit() else 0
            if pid != os.getpid() and not _alive(pid):
                snap["ready"] = 0
            snaps.append(snap)
        return snaps

    def render(self, model_version: str | None) -> str:
        requests: dict[tuple, int] = {}
        latency: dict[str, list] = {}
        scores: dict[str, int] = {}
        ready = 0
        for snap in self._snapshots():
            for route, method, status, count in snap["requests"]:
                requests[(route, method, status)] = requests.get((route, method, status), 0) + count
            for route, row in snap["latency"].items():
                acc = latency.setdefault(route, [0] * len(row))
                for i, v in enumerate(row):
                    acc[i] += v
            for band, count in snap["scores"].items():
                scores[band] = scores.get(band, 0) + count
            ready += snap.get("ready", 0)
        out = ["# HELP reliability_http_requests_total HTTP requests by route, method and status.",
               "# TYPE reliability_http_requests_total counter"]
        for (route, method, status), count in sorted(requests.items()):
            out.append(f'reliability_http_requests_total{{route="{_esc(route)}",method="{method}",'
                       f'status="{status}"}} {count}')
        out += ["# HELP reliability_http_request_duration_seconds Time from request start to response.",
                "# TYPE reliability_http_request_duration_seconds histogram"]
        for route, row in sorted(latency.items()):
            cumulative = 0
            for bound, count in zip(LATENCY_BUCKETS, row):
                cumulative += count
                out.append(f'reliability_http_request_duration_seconds_bucket{{route="{_esc(route)}",'
                           f'le="{bound}"}} {cumulative}')
            total = cumulative + row[len(LATENCY_BUCKETS)]
            out.append(f'reliability_http_request_duration_seconds_bucket{{route="{_esc(route)}",le="+Inf"}} {total}')
            out.append(f'reliability_http_request_duration_seconds_sum{{route="{_esc(route)}"}} {row[-1]:.6f}')
            out.append(f'reliability_http_request_duration_seconds_count{{route="{_esc(route)}"}} {total}')
        out += ["# HELP reliability_scores_total Articles scored, by band.",
                "# TYPE reliability_scores_total counter"]
        for band in ("high", "mixed", "low"):
            out.append(f'reliability_scores_total{{band="{band}"}} {scores.get(band, 0)}')
        out += ["# HELP reliability_workers_ready Worker processes with the model loaded.",
                "# TYPE reliability_workers_ready gauge", f"reliability_workers_ready {ready}"]
        if model_version:
            out += ["# HELP reliability_model_info The model this process serves.",
                    "# TYPE reliability_model_info gauge",
                    f'reliability_model_info{{version="{_esc(model_version)}"}} 1']
        return "\n".join(out) + "\n"


def _limit_native_threads(n: int) -> None:
    """Cap BLAS (process-wide) and OpenMP (per calling thread) thread pools at ``n``."""
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=n)
    except Exception:  # noqa: BLE001 - an optimisation; never fail a request over it
        log.debug("could not limit native threads", exc_info=True)


def _esc(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------- request parsing

class _BodyWatchdog:
    """One thread per process that cuts request bodies still arriving after their deadline.

    Cutting = ``shutdown(SHUT_RD)`` on the connection's socket: the blocked ``recv`` in the
    request thread returns end-of-file at once, the view answers 408 and the connection is
    closed (its read side is gone). The response can still be written.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.heap: list = []  # (deadline, seq, entry)
        self.seq = itertools.count()
        self.pid = None
        self.wake = threading.Event()

    def watch(self, sock, seconds: float) -> dict:
        entry = {"sock": sock, "fired": False, "done": False}
        with self.lock:
            if self.pid != os.getpid():  # first use in this (forked) worker process
                self.pid = os.getpid()
                self.heap = []
                threading.Thread(target=self._run, name="body-watchdog", daemon=True).start()
            heapq.heappush(self.heap, (time.monotonic() + seconds, next(self.seq), entry))
        return entry

    def done(self, entry: dict) -> None:
        entry["done"] = True  # lazily dropped from the heap

    def _run(self) -> None:
        while True:
            now = time.monotonic()
            with self.lock:
                while self.heap and (self.heap[0][2]["done"] or self.heap[0][0] <= now):
                    _, _, entry = heapq.heappop(self.heap)
                    if not entry["done"]:
                        entry["fired"] = True
                        try:
                            entry["sock"].shutdown(socket.SHUT_RD)
                        except OSError:
                            pass
                wait = self.heap[0][0] - now if self.heap else 1.0
            self.wake.wait(min(max(wait, 0.01), 1.0))


_WATCHDOG = _BodyWatchdog()


def _read_body() -> bytes:
    """The raw body, bounded by MAX_BODY_BYTES both by Content-Length and while reading, and
    by BODY_TIMEOUT in time (when the server exposes the socket)."""
    seconds = current_app.config["BODY_TIMEOUT"]
    sock = request.environ.get("gunicorn.socket")
    entry = _WATCHDOG.watch(sock, seconds) if seconds and sock is not None else None
    try:
        data = _read_body_unchecked()
    except (OSError, ValueError) as exc:  # client went away mid-body, bad chunk framing, ...
        if entry is not None and entry["fired"]:
            raise _body_timeout(seconds) from None
        raise Problem(400, f"the request body could not be read: {type(exc).__name__}: {exc}",
                      slug="unreadable-body") from None
    finally:
        if entry is not None:
            _WATCHDOG.done(entry)
    length = request.content_length
    if length is not None and len(data) < length:
        if entry is not None and entry["fired"]:
            raise _body_timeout(seconds)
        raise Problem(400, f"the request body ended after {len(data)} of its {length} bytes",
                      slug="unreadable-body")
    return data


def _body_timeout(seconds) -> Problem:
    return Problem(408, f"the request body did not arrive within {seconds} s (BODY_TIMEOUT)",
                   headers={"Connection": "close"})


def _read_body_unchecked() -> bytes:
    limit = current_app.config["MAX_BODY_BYTES"]
    length = request.content_length
    if length is not None and length > limit:
        raise Problem(413, f"request body is {length} bytes; the limit is {limit} bytes", limit=limit)
    stream = request.environ.get("wsgi.input")
    if stream is None:
        return b""
    if length is not None:
        remaining, chunks = length, []
        while remaining > 0:
            chunk = stream.read(min(remaining, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    # No Content-Length: chunked transfer (the server de-chunks) or nothing at all.
    if not (request.environ.get("wsgi.input_terminated")
            or "chunked" in request.headers.get("Transfer-Encoding", "").lower()):
        return b""
    chunks, size = [], 0
    while True:
        chunk = stream.read(65536)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"request body is over the limit of {limit} bytes", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(400, f"{what} is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
                      slug="invalid-encoding") from None


def _check_charset() -> None:
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.strip().lower() not in UTF8_CHARSETS:
        raise Problem(415, f"charset {charset!r} is not supported; send UTF-8")


def _json_body():
    data = _read_body()
    if not data.strip():
        raise Problem(400, "the JSON body is empty", slug="malformed-json")
    text = _decode(data, "the request body")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Problem(400, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                      slug="malformed-json") from None
    except RecursionError:
        raise Problem(400, "malformed JSON: nested too deeply", slug="malformed-json") from None
    except ValueError as exc:  # e.g. an integer literal over Python's digit limit
        raise Problem(400, f"malformed JSON: {exc}", slug="malformed-json") from None


def _check_fields(fields: dict, where: str = "") -> None:
    """400 for a field of the wrong type or with lone surrogates; 422 for text over the limit."""
    for name in FIELDS:
        value = fields.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            kind = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}.get(
                type(value), type(value).__name__)
            raise Problem(400, f"{where}{name} must be a string, not {kind}", slug="invalid-field", field=name)
        try:
            size = len(value.encode("utf-8"))
        except UnicodeEncodeError as exc:
            raise Problem(400, f"{where}{name} is not valid Unicode: lone surrogate at character {exc.start}",
                          slug="invalid-encoding", field=name) from None
        if name == "text":
            limit = current_app.config["MAX_TEXT_BYTES"]
            if size > limit:
                raise Problem(422, f"{where}text is {size} bytes; the limit is {limit} bytes", field="text")
    if fields.get("text") is None and fields.get("html") is None:
        raise Problem(400, f"{where}text (a string) is required, or html", slug="invalid-field", field="text")


def _article_fields() -> dict:
    """The fields of one article from the request, by content type."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        _check_charset()
        body = _json_body()
        if not isinstance(body, dict):
            raise Problem(400, f"the JSON body must be an object, not {_json_kind(body)}", slug="invalid-field")
        fields = {name: body.get(name) for name in FIELDS}  # unknown fields are ignored
    elif mimetype in ("text/plain", "text/html"):
        _check_charset()
        content = _decode(_read_body(), "the request body")
        fields = {"title": request.args.get("title"), "url": request.args.get("url"),
                  "text": content if mimetype == "text/plain" else None,
                  "html": content if mimetype == "text/html" else None}
    else:
        raise Problem(415, f"content type {mimetype or '(none)'!r} is not supported; send application/json, "
                           "text/plain or text/html")
    _check_fields(fields)
    return fields


def _json_kind(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _result(scored: dict, state: ModelState) -> dict:
    current_app.extensions["reliability.metrics"].scored(scored["band"])
    return {"score": scored["score"], "band": scored["band"], "provenance": scored["provenance"],
            "signals": scored["signals"], "reasons": scored["reasons"], "caveats": scored["caveats"],
            "model": state.model_block()}


# --------------------------------------------------------------------------- views

api = Blueprint("api", __name__, url_prefix="/v1")
ops = Blueprint("ops", __name__)


def _state() -> ModelState:
    return current_app.extensions["reliability.model"]


@api.post("/score")
def score():
    fields = _article_fields()
    state = _state()
    scorer = state.require()
    try:
        scored = scorer.score(**fields)
    except TypeError as exc:
        raise Problem(400, str(exc), slug="invalid-field") from None
    except ValueError as exc:
        raise Problem(422, str(exc)) from None
    return _json_response(_result(scored, state))


@api.post("/score/batch")
def score_batch():
    if request.mimetype != "application/json":
        raise Problem(415, f"content type {request.mimetype or '(none)'!r} is not supported; send application/json")
    _check_charset()
    body = _json_body()
    if not isinstance(body, dict):
        raise Problem(400, f"the JSON body must be an object, not {_json_kind(body)}", slug="invalid-field")
    articles = body.get("articles")
    if not isinstance(articles, list):
        raise Problem(400, "articles (an array of article objects) is required"
                      + ("" if articles is None else f", not {_json_kind(articles)}"),
                      slug="invalid-field", field="articles")
    limit = current_app.config["MAX_BATCH_ARTICLES"]
    if len(articles) > limit:
        raise Problem(413, f"{len(articles)} articles in one batch; the limit is {limit}", limit=limit)
    state = _state()
    scorer = state.require()
    slots: list = []
    valid: list[dict] = []
    for i, item in enumerate(articles):
        try:
            if not isinstance(item, dict):
                raise Problem(400, f"articles[{i}] must be an object, not {_json_kind(item)}", slug="invalid-field")
            fields = {name: item.get(name) for name in FIELDS}
            _check_fields(fields, where=f"articles[{i}].")
        except Problem as problem:
            slots.append(problem.body())
            continue
        slots.append(len(valid))
        valid.append(fields)
    scored = scorer.score_many(valid, errors="return") if valid else []
    results = []
    for i, slot in enumerate(slots):
        if isinstance(slot, dict):
            results.append(slot)
            continue
        item = scored[slot]
        if "error" in item:
            status = 400 if item.get("error_type") == "TypeError" else 422
            results.append(Problem(status, f"articles[{i}]: {item['error']}",
                                   slug="invalid-field" if status == 400 else None).body())
        else:
            results.append(_result(item, state))
    return _json_response({"results": results, "model": state.model_block()})


@api.get("/model")
def model_card():
    state = _state()
    state.require()
    manifest = state.scorer.manifest
    definitions = manifest.get("feature_definitions", {})
    bands = manifest.get("bands", {})
    card = {
        **state.model_block(),
        "created": manifest.get("created"),
        "features": [{"name": n, "definition": definitions.get(n, "")} for n in manifest.get("feature_names", [])],
        "views": manifest.get("views", []),
        "metrics": manifest.get("metrics", {}),
        "metrics_per_collection": manifest.get("metrics_per_collection", {}),
        "bands": {
            "high": {"min_score": bands.get("high", {}).get("threshold"),
                     "false_positive_rate": bands.get("high", {}).get("false_positive_rate"),
                     "reliable_recall": bands.get("high", {}).get("reliable_recall")},
            "mixed": {"min_score": bands.get("low", {}).get("threshold"),
                      "below": bands.get("high", {}).get("threshold"),
                      "whatever_the_score_under_caveats": sorted(BAND_WITHHELD)},
            "low": {"below": bands.get("low", {}).get("threshold"),
                    "false_low_rate": bands.get("low", {}).get("false_low_rate"),
                    "unreliable_recall": bands.get("low", {}).get("unreliable_recall")},
            "chosen_on": bands.get("chosen_on"),
        },
        "training_data": {k: v for k, v in manifest.get("training_data", {}).items()
                          if k in ("rows", "reliable", "unreliable", "by_collection", "fingerprint_sha256")},
    }
    return _json_response(card)


@ops.get("/healthz")
def healthz():
    return _json_response({"status": "ok", "pid": os.getpid()})


@ops.get("/readyz")
def readyz():
    state = _state()
    if state.scorer is None:
        raise Problem(503, state.error or "the model is still loading",
                      headers={"Retry-After": "1"} if state.error is None else None,
                      ready=False)
    return _json_response({"status": "ready", "model": state.model_block()})


@ops.get("/metrics")
def metrics():
    state = _state()
    text = current_app.extensions["reliability.metrics"].render(
        state.scorer.model_version if state.scorer is not None else None)
    return Response(text, mimetype="text/plain", headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})


@ops.get("/openapi.json")
def openapi():
    from .openapi import document
    return _json_response(document(current_app.config["MAX_BATCH_ARTICLES"]))


# --------------------------------------------------------------------------- factory

def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.config["MAX_CONTENT_LENGTH"] = None  # bounded by _read_body instead, with a problem body
    app.json.sort_keys = False

    state = ModelState(app.config["ARTIFACTS_DIR"], app.config["MAX_TEXT_BYTES"], app.config["REFERENCE_INDEX"])
    metrics_store = Metrics(app.config["METRICS_DIR"])
    app.extensions["reliability.model"] = state
    app.extensions["reliability.metrics"] = metrics_store

    def _on_ready():
        metrics_store.ready = 1
        metrics_store.flush()

    state.on_ready = _on_ready
    if app.config["SCORER"] is not None:
        state.set(app.config["SCORER"])
    elif app.config["LOAD_MODEL_AT_START"]:
        state.load()
    else:
        state.load_in_background()
    metrics_store.flush()  # so /metrics counts this worker (and its readiness) before its first request

    app.register_blueprint(api)
    app.register_blueprint(ops)

    native_threads = app.config["NATIVE_THREADS"]
    limited = threading.local()

    @app.before_request
    def _start_timer():
        g.started = time.perf_counter()
        if native_threads is not None and not getattr(limited, "done", False):
            _limit_native_threads(native_threads)  # once per server thread
            limited.done = True

    @app.after_request
    def _record(response):
        started = g.get("started")
        if started is not None:
            rule = request.url_rule.rule if request.url_rule is not None else "unmatched"
            metrics_store.observe(rule, request.method if request.method in _METHODS else "other",
                                  response.status_code, time.perf_counter() - started)
        return response

    @app.errorhandler(Problem)
    def _problem(problem: Problem):
        return problem_response(problem)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status = exc.code or 500
        headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
        detail = exc.description or TITLES.get(status, "")
        if status == 404:
            detail = f"no endpoint at {request.path}; see /openapi.json"
        elif status == 405:
            detail = f"{request.method} is not allowed on {request.path}; allowed: {headers.get('Allow', '')}"
        elif status == 413:
            detail = f"request body is over the limit of {app.config['MAX_BODY_BYTES']} bytes"
        return problem_response(Problem(status, detail, headers=headers))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem_response(Problem(500, "an internal error occurred; it has been logged"))

    return app


_METHODS = frozenset({"GET", "POST", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})

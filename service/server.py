"""``reliability serve``: the HTTP service under gunicorn (gthread workers).

    reliability serve [--host 127.0.0.1] [--port 8000] [--workers N] [--threads T]
                      [--timeout S] [--body-timeout S] [--keepalive S] [--graceful-timeout S]
                      [--artifacts DIR] [--access-log] [--log-level info]

The master loads and verifies the model once before forking and scores a built-in smoke-test
article with it, so a missing, tampered or incompatible artifact stops start-up with a message
and exit status 2. Each worker then builds its own
app and loads the model at start (``create_app`` in gunicorn's ``load``), so ``/readyz``
is 200 as soon as a worker accepts connections. ``gthread`` workers hand each connection
to a thread, so a client trickling its body holds one thread, not the worker, and for at most
``--body-timeout`` seconds (then 408); 8 threads per worker keep a few such clients from
taking all of a worker's threads. ``--timeout`` is gunicorn's worker watchdog: under gthread
the worker's main loop keeps beating while a request runs, so it restarts hung workers, not
long requests (a request's CPU time is bounded by the size limits instead).
Metrics from all workers are summed through a private temporary directory (METRICS_DIR).
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: the number of usable cores)")
    parser.add_argument("--threads", type=int, default=8,
                        help="threads per worker (default: 8); each slow client holds one")
    parser.add_argument("--timeout", type=int, default=30,
                        help="seconds a worker's main loop may stay silent before the worker is restarted "
                             "(default: 30); not a per-request deadline under gthread")
    parser.add_argument("--body-timeout", type=float, default=10.0,
                        help="seconds a request body may take to arrive in full; slower ones get 408 (default: 10)")
    parser.add_argument("--keepalive", type=int, default=5,
                        help="seconds an idle keep-alive connection is kept open (default: 5)")
    parser.add_argument("--graceful-timeout", type=int, default=10,
                        help="seconds workers get to finish their requests on SIGTERM (default: 10)")
    parser.add_argument("--index", default=None, metavar="DIR",
                        help="reference index of known wire copy (see `reliability index`)")
    parser.add_argument("--artifacts", default=None,
                        help="artifacts directory (default: $RELIABILITY_ARTIFACTS or the project's artifacts/)")
    parser.add_argument("--access-log", action="store_true", help="write an access log to stderr")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])


def _application(options: dict, app_config: dict):
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                if key in self.cfg.settings:  # settings newer than the installed gunicorn are skipped
                    self.cfg.set(key, value)

        def load(self):
            # Runs in each worker (preload_app is off): one model per worker process.
            from .app import create_app
            return create_app(app_config)

    return Server()


def main(args) -> int:
    logging.basicConfig(level=getattr(logging, args.log_level.upper()), stream=sys.stderr,
                        format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s")
    workers = args.workers if args.workers is not None else default_workers()
    if (workers < 1 or args.threads < 1 or not 0 <= args.port <= 65535 or args.timeout < 1
            or args.body_timeout <= 0 or args.keepalive < 0 or args.graceful_timeout < 0):
        print("reliability serve: --workers, --threads and --timeout must be >= 1, --port in 0..65535, "
              "--body-timeout > 0, --keepalive and --graceful-timeout >= 0", file=sys.stderr)
        return 2

    from .app import smoke_test
    from .artifacts import ArtifactError
    from .scorer import Scorer
    try:
        scorer = Scorer.load(args.artifacts, reference_index=args.index)  # verify once, loudly, before forking
        smoke_test(scorer)  # and check it can score (model file vs code mismatch)
    except ArtifactError as exc:
        print(f"reliability serve: cannot start: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - any load failure must stop start-up with a message
        print(f"reliability serve: cannot start: the model failed to load: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return 2
    logging.getLogger("service.server").info("model %s verified (sha256 %s)", scorer.model_version,
                                              scorer.manifest.get("model_sha256"))
    del scorer

    metrics_dir = tempfile.mkdtemp(prefix="reliability-metrics-")
    master = os.getpid()
    options = {
        "bind": [f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"],
        "workers": workers,
        "worker_class": "gthread",
        "threads": args.threads,
        "timeout": args.timeout,
        "graceful_timeout": args.graceful_timeout,
        "keepalive": args.keepalive,
        "preload_app": False,
        "errorlog": "-",
        "accesslog": "-" if args.access_log else None,
        "loglevel": args.log_level,
        "proc_name": "reliability",
        # gunicorn >= 25 opens a control socket at one fixed path per user; several servers
        # (tests, benchmarks) would fight over it, and nothing here uses it.
        "control_socket_disable": True,
    }
    app_config = {"ARTIFACTS_DIR": args.artifacts, "REFERENCE_INDEX": args.index, "LOAD_MODEL_AT_START": True,
                  "METRICS_DIR": metrics_dir, "BODY_TIMEOUT": args.body_timeout}
    try:
        _application(options, app_config).run()
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        # Forked workers unwind through here too (gunicorn exits them with SystemExit).
        if os.getpid() == master:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0

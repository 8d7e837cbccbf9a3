"""The `reliability` command line: one entry point over the same Scorer core.

    reliability serve     run the HTTP service (gunicorn)
    reliability score     score files in batch (JSONL, CSV, Parquet, directories; Dask optional)
    reliability explain   score one article and show its reasons, evidence and caveats
    reliability train     build the corpus from ../shared/data, train, evaluate, write artifacts/
    reliability evaluate  grouped evaluation and report only (the committed model is untouched)
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

# subcommand -> (module, help); each module has add_arguments(parser) and main(args) -> int.
SUBCOMMANDS = {
    "serve": ("service.server", "run the HTTP service under gunicorn"),
    "score": ("service.batch", "score articles from files (JSONL, CSV, Parquet, a directory, or - for stdin)"),
    "explain": ("service.explain_cli", "score one article (a text or HTML file, or -) and show its reasons and evidence"),
    "index": ("service.index_cli", "manage the reference index of known wire copy"),
}


def _add_training(sub) -> None:
    for name, help_text in (("train", "train, calibrate and evaluate; write artifacts/"),
                            ("evaluate", "grouped evaluation and report only")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
        p.add_argument("--out", type=Path, default=None, help="artifacts directory (default: the project's artifacts/)")
        p.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF baseline")
        p.add_argument("--jobs", type=int, default=2, help="processes for feature extraction, the evaluation's splits and the final fit's member fits")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reliability", description="Calibrated news source-reliability scores.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        try:
            importlib.import_module(module_name).add_arguments(p)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            p.set_defaults(unavailable=module_name)
    _add_training(sub)
    return parser


def _train_or_evaluate(args) -> int:
    from service.batch import run_interruptible
    from training import train

    # Killed alone, the parent used to leave its two joblib workers computing on with 1.5-3.7 GB
    # each, then idle for as long as nobody killed them.
    return run_interruptible(f"reliability {args.command}", lambda: train.run(
        args.data, args.out, write_model=args.command == "train", with_baseline=not args.no_baseline,
        n_jobs=args.jobs))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("train", "evaluate"):
        return _train_or_evaluate(args)
    if getattr(args, "unavailable", None):
        print(f"reliability {args.command}: {args.unavailable} is not installed", file=sys.stderr)
        return 2
    module_name = SUBCOMMANDS[args.command][0]
    return int(importlib.import_module(module_name).main(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

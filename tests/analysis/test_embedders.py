import os

import numpy as np
import pytest

from analysis.embedders import (
    ConcatEmbedder,
    Embedder,
    FakeEmbedder,
    PrecomputedEmbedder,
    TfidfEmbedder,
    _require,
    choose_embedder_name,
    get_embedder,
)
from ingest.errors import AnalysisError, MissingExtraError

TEXTS = ["levering te laat", "late delivery", "De app crasht bij inloggen", "", "Great staff!"]


def _precomputed() -> PrecomputedEmbedder:
    rng = np.random.default_rng(0)
    return PrecomputedEmbedder({t: rng.standard_normal(8) for t in TEXTS})


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(TfidfEmbedder, id="tfidf"),
        pytest.param(FakeEmbedder, id="fake"),
        pytest.param(_precomputed, id="precomputed"),
        pytest.param(lambda: ConcatEmbedder([TfidfEmbedder(), FakeEmbedder()]), id="concat"),
        pytest.param(lambda: get_embedder("use"), id="use-m3"),
        pytest.param(lambda: get_embedder("minilm"), id="minilm", marks=pytest.mark.slow),
    ],
)
def test_embedder_contract(make):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embedder = make()
    assert isinstance(embedder, Embedder)
    assert isinstance(embedder.model_id, str) and embedder.model_id
    calls = []
    vectors = embedder.embed(TEXTS, progress=lambda done, total: calls.append((done, total)))
    assert vectors.dtype == np.float32
    assert vectors.shape[0] == len(TEXTS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert calls and calls[-1] == (len(TEXTS), len(TEXTS))
    # A text's vector does not depend on its batch (the cache relies on it).
    alone = embedder.embed(TEXTS[1:2])
    assert np.allclose(alone[0], vectors[1], atol=1e-4)


def test_multilingual_embedder_pairs_translations():
    vectors = get_embedder("use").embed(
        ["levering te laat", "late delivery", "de app crasht", "the app crashes"]
    )
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 3] and sims[2, 3] > sims[2, 1]


def test_missing_extra_has_install_hint():
    with pytest.raises(MissingExtraError, match="pip install not-a-real-package"):
        _require("not_a_real_package_xyz", "not-a-real-package")


def test_precomputed_unknown_text_is_an_analysis_error():
    with pytest.raises(AnalysisError, match="no vector"):
        _precomputed().embed(["never seen"])


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        pytest.param(["en"] * 99 + ["nl"], "minilm", id="english-only"),
        pytest.param(["en"] * 50 + ["nl"] * 50, "use", id="mixed"),
        pytest.param(["nl"] * 10, "use", id="dutch"),
        pytest.param([], "use", id="unknown"),
    ],
)
def test_choose_embedder_by_language_mix(languages, expected):
    assert choose_embedder_name(languages) == expected


@pytest.mark.slow
def test_minilm_vectors_do_not_depend_on_the_threads(monkeypatch):
    # On a busy machine the embedder runs torch on one thread: the vectors must not change.
    import analysis.embedders as embedders

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embedder = get_embedder("minilm")
    texts = [*TEXTS, "my card payment was declined twice", "waar blijft mijn pakket?"] * 3
    monkeypatch.setattr(embedders, "machine_busy", lambda: False)
    free = embedder.embed(texts)
    monkeypatch.setattr(embedders, "machine_busy", lambda: True)
    busy = embedder.embed(texts)
    # Equal on this machine; other processors' kernels may round the last bit differently,
    # so the test asks for float precision, not bit equality.
    np.testing.assert_allclose(free, busy, rtol=0, atol=1e-6)

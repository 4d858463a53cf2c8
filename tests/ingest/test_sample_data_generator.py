"""The committed sample data is exactly what the seeded generator writes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "sample_data"
# Everything in sample_data/ except the generator's own source and its README.
GENERATED = sorted(
    p.name
    for p in SAMPLE_DATA.iterdir()
    if p.is_file() and p.suffix not in {".py", ".md"} and not p.name.startswith(".")
)


def _generate(out: Path) -> None:
    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLE_DATA / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.generate(out)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample_data")
    _generate(out)
    return out


def test_generator_writes_the_expected_files(regenerated: Path) -> None:
    assert sorted(p.name for p in regenerated.iterdir()) == GENERATED
    assert len(GENERATED) == 7


@pytest.mark.parametrize("name", GENERATED)
def test_generator_reproduces_committed_file_byte_for_byte(regenerated: Path, name: str) -> None:
    assert (regenerated / name).read_bytes() == (SAMPLE_DATA / name).read_bytes()

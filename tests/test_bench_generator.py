"""The benchmark generator: a valid dataset, an archive every quote verifies against, all synthetic."""

from __future__ import annotations

from bench.generate import generate
from components.cli import main
from components.data.loader import load_dataset
from components.data.verify import VERIFIED, verify_quotes


def test_a_small_generated_dataset_loads_with_no_problems_and_every_quote_verifies(tmp_path):
    path = generate(tmp_path, countries=3, issues=2, dates=2, quotes=2, seed=5)
    result = load_dataset(path)
    assert result.ok, [str(p) for p in result.problems]
    ds = result.dataset
    assert [len(ds.countries), len(ds.issues), len(ds.positions)] == [3, 2, 3 * 2 * 2]
    assert all(len(p.evidence) == 2 and p.stance is not None for p in ds.positions)
    checks = verify_quotes(ds, tmp_path / "archive")
    assert len(checks) == 3 * 2 * 2 * 2
    assert {c.status for c in checks} == {VERIFIED}


def test_every_text_says_it_is_synthetic(tmp_path):
    path = generate(tmp_path, countries=3, issues=2, dates=2, quotes=2, seed=5)
    ds = load_dataset(path).dataset
    assert all(item.quote.startswith("Synthetic source ") for p in ds.positions for item in p.evidence)
    assert all(c.name.startswith("Synthetic country ") for c in ds.countries)
    texts = sorted((tmp_path / "archive").glob("*.txt"))
    assert len(texts) == len(ds.sources) == 3 * 2 * 2
    assert all("not a real text" in t.read_text(encoding="utf-8") for t in texts)


def test_the_curator_cli_validates_it_against_its_archive(tmp_path, capsys):
    path = generate(tmp_path, countries=3, issues=2, dates=2, quotes=2, seed=5)
    assert main(["validate", str(path), "--sources", str(tmp_path / "archive")]) == 0
    assert "all 24 quotes verified" in capsys.readouterr().out


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    first = generate(tmp_path / "a", countries=2, issues=2, dates=3, quotes=1, seed=9).read_bytes()
    assert generate(tmp_path / "b", countries=2, issues=2, dates=3, quotes=1, seed=9).read_bytes() == first
    assert generate(tmp_path / "c", countries=2, issues=2, dates=3, quotes=1, seed=10).read_bytes() != first

"""Quote verification against the source archive: normalisation, lines, misses, hashes, absence."""

from __future__ import annotations

import hashlib
import shutil

import yaml
from builders import FIXTURES, VALID, load_data, valid_data

from components.data.loader import load_dataset
from components.data.verify import (
    HASH_MISMATCH,
    MISSING_FILE,
    NO_ARCHIVE,
    NOT_CHECKED,
    NOT_FOUND,
    VERIFIED,
    ArchiveText,
    check_quote,
    describe,
    normalise,
    normalise_with_lines,
    verify_quotes,
)
from components.paths import sources_dir

HANKYOREH = "hankyoreh-2020-10-22.txt"


def archive_of(text: str, tmp_path) -> ArchiveText:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return ArchiveText.read(path)


def test_normalise_straightens_curly_quotes_and_apostrophes():
    assert (
        normalise("\u201cnot participate\u201d in Japan\u2019s \u2018plan\u2019")
        == "\"not participate\" in Japan's 'plan'"
    )


def test_normalise_turns_every_dash_into_a_hyphen():
    assert normalise("a\u2013b \u2014 c\u2212d\u2010e\u2011f") == "a-b - c-d-e-f"


def test_normalise_collapses_whitespace_and_trims():
    assert normalise("  one\n\ttwo\u00a0 three  \r\n\n four \n") == "one two three four"


def test_normalise_applies_nfkc():
    assert normalise("\ufb01nal \uff21") == "final A"


def test_normalised_characters_keep_their_original_line():
    text, lines = normalise_with_lines("ab\n\ncd\ne")
    assert text == "ab cd e"
    assert lines == [1, 1, 1, 3, 3, 3, 4]


def test_a_quote_is_found_across_line_breaks_and_typography(tmp_path):
    archive = archive_of("Title\n\nHe said Japan would \u201cnot\n  participate\u201d \u2014 for now.\n", tmp_path)
    status, closest, line, score = check_quote('would "not participate" - for now.', archive)
    assert (status, closest, line, score) == (VERIFIED, None, 3, 100.0)


def test_a_miss_names_the_closest_passage_and_its_line(tmp_path):
    archive = archive_of(
        "Intro line.\nOther words entirely here.\nThe ministry would consider measures that respect autonomy.\n",
        tmp_path,
    )
    status, closest, line, score = check_quote("consider steps that respect autonomy", archive)
    assert status == NOT_FOUND
    assert line == 3
    assert "respect autonomy" in closest
    assert 50 < score < 100


def test_the_valid_fixture_verifies_against_the_real_archive(archive_dir):
    dataset = load_dataset(VALID).dataset
    checks = verify_quotes(dataset, archive_dir)
    assert [c.status for c in checks] == [VERIFIED] * 5
    assert [(c.position, c.evidence, c.line) for c in checks] == [
        (0, 0, 10),
        (1, 0, 30),
        (2, 0, 28),
        (4, 0, 1),
        (5, 0, 28),
    ]


def test_fixture_sources_match_the_archive_index(archive_dir):
    index = {entry["id"]: entry for entry in yaml.safe_load((archive_dir / "index.yaml").read_text())["sources"]}
    for source in load_dataset(VALID).dataset.sources:
        assert index[source.id]["file"] == source.archive
        assert index[source.id]["sha256"] == source.sha256
        assert hashlib.sha256((archive_dir / source.archive).read_bytes()).hexdigest() == source.sha256


def test_straight_quotes_and_hyphens_match_curly_quotes_and_en_dashes_in_a_real_source(archive_dir):
    index = {entry["id"]: entry for entry in yaml.safe_load((archive_dir / "index.yaml").read_text())["sources"]}
    toyo = index["toyokeizai-2021-02-18"]
    data = valid_data()
    data["sources"].append({"id": toyo["id"], "kind": toyo["kind"], "archive": toyo["file"], "sha256": toyo["sha256"]})
    evidence = data["positions"][0]["evidence"]
    # line 51 has "Korea and Japan – and American" (en dash); line 10 of hankyoreh has “not participate ...”
    evidence.append({"source": toyo["id"], "quote": "in both Korea and Japan - and American officials are also aware"})
    evidence.append(
        {
            "source": "hankyoreh-2020-10-22",
            "quote": 'insisting that Japan could "not participate in a framework that excludes particular countries."',
        }
    )
    checks = verify_quotes(load_data(data).dataset, archive_dir)
    assert [(c.status, c.line) for c in checks[:3]] == [(VERIFIED, 10), (VERIFIED, 51), (VERIFIED, 10)]


def test_a_quote_absent_from_its_source_names_the_closest_passage(archive_dir):
    path = FIXTURES / "quote_errors" / "quote_not_in_source.yaml"
    result = load_dataset(path)
    assert result.ok
    [check] = verify_quotes(result.dataset, archive_dir)
    assert (check.status, check.line) == (NOT_FOUND, 10)
    assert check.closest == "not participate in a framework that excludes particular countries"
    message = describe(check, result.dataset)
    assert message.startswith("quote not found in hankyoreh-2020-10-22.txt; closest passage (line 10, ")
    assert message.endswith('alike): "not participate in a framework that excludes particular countries"')


def test_a_wrong_sha256_in_the_data_is_a_mismatch(archive_dir):
    result = load_dataset(FIXTURES / "quote_errors" / "sha256_mismatch.yaml")
    [check] = verify_quotes(result.dataset, archive_dir)
    assert check.status == HASH_MISMATCH
    assert describe(check, result.dataset) == (
        "hankyoreh-2020-10-22.txt does not match its sha256: the archived text changed since the quote was checked"
    )


def test_an_archive_file_changed_by_one_byte_is_a_mismatch(archive_dir, tmp_path):
    dataset = load_dataset(VALID).dataset
    for source in dataset.sources:
        (tmp_path / "sources" / source.archive).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(archive_dir / source.archive, tmp_path / "sources" / source.archive)
    path = tmp_path / "sources" / HANKYOREH
    raw = bytearray(path.read_bytes())
    raw[0] ^= 0x01
    path.write_bytes(bytes(raw))
    checks = verify_quotes(dataset, tmp_path / "sources")
    by_source = {(c.source, c.status) for c in checks}
    assert by_source == {("hankyoreh-2020-10-22", HASH_MISMATCH), ("hani-2019-06-14", VERIFIED)}


def test_a_missing_archive_file_is_reported(tmp_path):
    dataset = load_dataset(VALID).dataset
    checks = verify_quotes(dataset, tmp_path)
    assert {c.status for c in checks} == {MISSING_FILE}
    assert describe(checks[0], dataset) == "archive file hankyoreh-2020-10-22.txt is not in the source archive"


def test_without_an_archive_folder_quotes_are_not_verified_here():
    checks = verify_quotes(load_dataset(VALID).dataset, None)
    assert [c.status for c in checks] == [NOT_CHECKED] * 5
    assert NOT_CHECKED == "not verified here"
    assert not any(c.ok for c in checks)


def test_a_source_without_an_archive_entry_cannot_be_checked(tmp_path):
    data = valid_data()
    del data["sources"][1]["archive"]
    del data["sources"][1]["sha256"]
    dataset = load_data(data).dataset
    [check] = [c for c in verify_quotes(dataset, tmp_path) if c.source == "hani-2019-06-14"]
    assert check.status == NO_ARCHIVE
    assert describe(check, dataset) == "source 'hani-2019-06-14' has no archive file to check the quote against"


def test_sources_dir_prefers_the_flag_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCES_SOURCES", str(tmp_path / "env"))
    assert sources_dir(tmp_path / "flag") == tmp_path / "flag"
    assert sources_dir(None) == tmp_path / "env"
    monkeypatch.delenv("STANCES_SOURCES")
    assert sources_dir(None) is None

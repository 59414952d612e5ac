"""The rules on who speaks (issue 10): stance-voice and confidence-voice, each through the rule and the loader."""

from __future__ import annotations

from conftest import dump, valid_data
from test_rules import found, loader_codes, loader_says

from components.data.rules import confidence_voice, stance_voice


def item(source: str, voice: str | None, quote: str = "a quote") -> dict:
    entry = {"source": source, "quote": quote, "speaker": "A speaker"}
    if voice is not None:
        entry["voice"] = voice
    return entry


def voiced_data() -> dict:
    """The valid fixture with a third source, so three different sources can speak."""
    data = valid_data()
    data["sources"].append(dict(data["sources"][1], id="third-source"))
    return data


def stance_line(data: dict, index: int) -> int:
    """The 1-based line of positions[index]'s `stance:` in the dumped YAML."""
    lines = dump(data).decode().splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.startswith("- country: ")]
    start = starts[index]
    return next(n for n, line in enumerate(lines[start - 1 :], start) if line.startswith("  stance: "))


def test_stance_voice_needs_a_government_joint_or_report_item():
    data = voiced_data()
    data["positions"][0]["evidence"] = [item("hankyoreh-2020-10-22", "commentary")]
    data["positions"][2]["evidence"] = [item("hankyoreh-2020-10-22", "us_government"), item("hani-2019-06-14", None)]
    data["positions"][1]["evidence"].append(item("hani-2019-06-14", "commentary"))  # a report is there: fine
    data["positions"][4]["evidence"] = [item("hani-2019-06-14", "other_government"), item("third-source", "joint")]
    data["positions"][5]["evidence"] = [item("hankyoreh-2020-10-22", "government")]
    assert found(stance_voice, data) == [
        (
            ("positions", 0, "stance"),
            "stance -1 needs evidence in voice government, joint or report; its evidence has voice commentary",
        ),
        (
            ("positions", 2, "stance"),
            "stance 1 needs evidence in voice government, joint or report; "
            "its evidence has voice us_government, not recorded",
        ),
    ]
    says = loader_says(data)
    line = stance_line(data, 0)
    assert (
        f"{line}:11: stance -1 needs evidence in voice government, joint or report; its evidence has voice commentary"
        in says
    )
    assert stance_voice.CODE in loader_codes(data)


def test_stance_voice_leaves_null_stances_and_positions_without_evidence_to_other_rules():
    data = voiced_data()
    data["positions"][3]["evidence"] = [item("hani-2019-06-14", "commentary")]  # stance null: only supports
    assert found(stance_voice, data) == []
    data["positions"][0]["evidence"] = []  # coded-evidence reports this one
    assert found(stance_voice, data) == []


def test_confidence_voice_high_needs_two_official_items_from_different_sources():
    data = voiced_data()
    data["positions"][0]["confidence"] = "high"  # one report: supports medium
    data["positions"][2]["confidence"] = "high"  # two government items, one source: medium
    data["positions"][2]["evidence"] = [
        item("hankyoreh-2020-10-22", "government"),
        item("hankyoreh-2020-10-22", "government", "another quote"),
    ]
    data["positions"][4]["confidence"] = "high"  # government and joint from two sources: high
    data["positions"][4]["evidence"] = [item("hani-2019-06-14", "government"), item("third-source", "joint")]
    data["positions"][5]["confidence"] = "high"  # a government item and a report from two sources: medium
    data["positions"][5]["evidence"] = [item("hankyoreh-2020-10-22", "government"), item("third-source", "report")]
    needs = "confidence high needs government or joint evidence from two or more different sources"
    assert found(confidence_voice, data) == [
        (("positions", 0, "confidence"), f"{needs}; the evidence supports medium"),
        (("positions", 2, "confidence"), f"{needs}; the evidence supports medium"),
        (("positions", 5, "confidence"), f"{needs}; the evidence supports medium"),
    ]
    line = stance_line(data, 0) + 1  # confidence follows stance in the fixture
    assert f"{line}:15: {needs}; the evidence supports medium" in loader_says(data)
    assert confidence_voice.CODE in loader_codes(data)


def test_confidence_voice_medium_needs_a_stance_voice_and_low_needs_none():
    data = voiced_data()
    data["positions"][0]["evidence"] = [item("hankyoreh-2020-10-22", "commentary")]  # medium on commentary
    data["positions"][1]["evidence"] = [item("hankyoreh-2020-10-22", "us_government")]  # low: fine here
    data["positions"][5]["evidence"] = [item("hankyoreh-2020-10-22", None)]  # medium, voice not recorded
    expected = (
        "confidence medium needs at least one evidence item in voice government, joint or report; "
        "the evidence supports low"
    )
    assert found(confidence_voice, data) == [
        (("positions", 0, "confidence"), expected),
        (("positions", 5, "confidence"), expected),
    ]
    assert confidence_voice.CODE in loader_codes(data)
    data["positions"][3]["confidence"] = "medium"  # stance null: coded-evidence refuses any confidence
    assert len(found(confidence_voice, data)) == 2
    data["positions"][1]["evidence"] = []  # coded without evidence: coded-evidence speaks, not this rule
    data["positions"][1]["confidence"] = "high"
    assert len(found(confidence_voice, data)) == 2

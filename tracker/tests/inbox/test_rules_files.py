import copy
import json

import pytest

from tracker.inbox import rules


def document(name: str) -> dict:
    return json.loads((rules.DATA_DIR / name).read_text(encoding="utf-8"))


def test_every_rules_file_loads():
    # then
    assert len(rules.classification_rules().rules) > 20
    assert "greenhouse.io" in rules.sender_rules().platforms
    assert rules.thread_rules().forward_marker.match("---------- Forwarded message ---------")
    assert rules.date_rules().zones["est"].key == "America/New_York"
    assert rules.stage_rules().interview_default.stage_type == "Other"


def test_every_kind_has_rules_and_a_place_in_the_priority():
    # given
    loaded = rules.classification_rules()
    # then
    assert {rule.kind for rule in loaded.rules} == set(rules.MessageKind.values)
    assert sorted(loaded.priority) == sorted(rules.MessageKind.values)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["rules"].append({"kind": "maybe", "field": "text", "weight": 1, "phrases": ["x"]}),
     r"rules\[\d+\]\.kind: unknown kind 'maybe'"),
    (lambda d: d["rules"][0].update(field="body"), r"rules\[0\].field: must be one of subject, text, links"),
    (lambda d: d["rules"][0].update(weight=-1), r"rules\[0\]\.weight: must be a number ≥ 0"),
    (lambda d: d["rules"][0].update(phrases=["(unclosed"]), r"'\(unclosed' is not a valid regular expression"),
    (lambda d: d["rules"][0].update(phrases=[]), r"rules\[0\]\.phrases: must be a non-empty list of non-empty strings"),
    (lambda d: d.update(priority=["rejection"]), "priority: must list every kind once"),
    (lambda d: d["dominates"].update(rejection=["nope"]), "dominates.rejection: unknown kind 'nope'"),
])
def test_a_broken_classification_file_is_refused_with_where_and_why(change, message):
    # given
    data = copy.deepcopy(document("classification.json"))
    change(data)
    # then
    with pytest.raises(rules.RulesError, match=message):
        rules.classification_rules_from(data, source="classification.json")


def test_a_broken_dates_file_is_refused():
    # given
    data = copy.deepcopy(document("dates.json"))
    data["zones"]["xst"] = "Atlantis/Capital"
    # then
    with pytest.raises(rules.RulesError, match=r"zones.xst: 'Atlantis/Capital' is not an IANA zone"):
        rules.date_rules_from(data, source="dates.json")


def test_a_stage_type_outside_the_trackers_vocabulary_is_refused():
    # given
    data = copy.deepcopy(document("stages.json"))
    data["stage_types"][0]["stage_type"] = "Vibe Check"
    # then
    with pytest.raises(rules.RulesError, match=r"stage_types\[0\].stage_type: must be one of"):
        rules.stage_rules_from(data, source="stages.json")


def test_broken_senders_and_forwarding_files_are_refused():
    # given
    senders = copy.deepcopy(document("senders.json"))
    senders["platforms"] = "greenhouse.io"
    forwarding = copy.deepcopy(document("forwarding.json"))
    del forwarding["header_labels"]["subject"]
    # then
    with pytest.raises(rules.RulesError, match="platforms: must be a non-empty list"):
        rules.sender_rules_from(senders, source="senders.json")
    with pytest.raises(rules.RulesError, match="header_labels: must map at least from, date and subject"):
        rules.thread_rules_from(forwarding, source="forwarding.json")


def test_a_missing_or_unreadable_file_names_itself(tmp_path, monkeypatch):
    # given
    monkeypatch.setattr(rules, "DATA_DIR", tmp_path)
    (tmp_path / "stages.json").write_text("{not json")
    # then
    with pytest.raises(rules.RulesError, match="stages.json: cannot be read as JSON"):
        rules._read("stages.json")
    with pytest.raises(rules.RulesError, match="dates.json: cannot be read as JSON"):
        rules._read("dates.json")


def test_phrases_match_whole_words_only_and_may_start_with_punctuation():
    # given
    pattern = rules.phrase_pattern(["interview", "'d like to", "% off"], "test", "phrases")
    # then
    assert pattern.search("an interview")
    assert not pattern.search("reinterviewing")
    assert pattern.search("we'd like to meet")
    assert pattern.search("20% off today")

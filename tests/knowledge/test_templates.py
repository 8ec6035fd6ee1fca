"""Case-template files: the sample base is complete; every fault is named with file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from knowledge.templates import CaseTemplate, TemplateError, Vocabulary, load
from tests.conftest import ROOT
from tests.knowledge.conftest import write

GOOD = """\
templates:
  - id: office-hours
    category: consultation
    department: general
    questions:
      zh: [几点上班, 办公时间]
      en: ["When are you open?"]
    answer:
      zh: "办公时间:{{ office_hours }}"
      en: "Open {{ office_hours }}"
"""


def test_sample_base_is_a_city_hotline_in_both_languages(templates: list[CaseTemplate]) -> None:
    assert len(templates) >= 60
    for template in templates:
        assert set(template.questions) == {"zh", "en"}, template.id
        assert all(len(texts) >= 3 for texts in template.questions.values()), template.id
        assert set(template.answer) == {"zh", "en"}, template.id
    departments = {t.department for t in templates}
    assert departments == {"general", "social_security", "utilities"}


def test_every_sample_answer_renders_in_both_languages(
    templates: list[CaseTemplate], config_raw: dict[str, Any]
) -> None:
    values = config_raw["knowledge"]["values"]
    for language in ("zh", "en"):
        context = {k: v if isinstance(v, str) else v[language] for k, v in values.items()}
        for template in templates:
            text = template.render(language, context)
            assert text and "{{" not in text, template.id


def test_the_sample_marks_its_faults_and_reports_as_needing_a_person(
    templates: list[CaseTemplate], config_raw: dict[str, Any]
) -> None:
    """A fault to repair, a report someone must act on: the bot answers and opens a ticket,
    asking for the details (in both languages); an answer that settles the matter does not."""
    marked = {t.id: t for t in templates if t.needs_person}
    faults = {t.id for t in templates if t.category == "fault_report"}
    assert faults <= set(marked)
    assert {"streetlight-fault", "water-quality", "wage-arrears", "complaint-staff"} <= set(marked)
    assert not {"office-hours", "social-card-lost", "fund-balance"} & set(marked)
    for template in marked.values():
        zh, en = template.ask_for("zh"), template.ask_for("en")
        assert zh and len(zh) == len(en), template.id
    assert marked["streetlight-fault"].ask_for("en")[-1] == "the pole number"
    leak = marked["water-pipe-leak"]
    routed = config_raw["routing"]["categories"]["fault_report"]
    assert (leak.category, leak.department) == ("fault_report", routed)
    assert leak.ask_for("en") == [
        "the exact address (estate, building, flat)",
        "a photo of the leak",
        "whether water is still running after the main valve is closed",
    ]
    assert marked["streetlight-fault"].ask_for("fr") == marked["streetlight-fault"].ask_for("zh")


def test_a_good_file_loads(tmp_path: Path, vocabulary: Vocabulary) -> None:
    (template,) = load([write(tmp_path, GOOD)], vocabulary)
    assert [p.text for p in template.phrasings()] == ["几点上班", "办公时间", "When are you open?"]


@pytest.mark.parametrize(
    ("old", "new", "line", "reason"),
    [
        ("category: consultation", "category: gossip", 3, "unknown category 'gossip'"),
        ("department: general", "department: moon", 4, "unknown department 'moon'"),
        ("zh: [几点上班, 办公时间]", "zh: [几点上班, '  ']", 6, "phrasings must not be empty"),
        ('zh: "办公时间:{{ office_hours }}"', 'zh: "{{ office_hours"', 9, "does not compile"),
        ('en: "Open {{ office_hours }}"', 'en: "Open {{ mayor }}"', 10, "unknown value(s) mayor"),
        ('en: ["When are you open?"]', 'fr: ["Quand?"]', 7, "unknown language 'fr'"),
        ("id: office-hours", "id: Office Hours!", 2, "an id is"),
        (
            '      en: "Open {{ office_hours }}"\n',
            '      en: "Open {{ office_hours }}"\n    handling: {ask_for: {fr: [lieu]}}\n',
            11,
            "handling.ask_for.fr: unknown language 'fr'",
        ),
        (
            '      en: "Open {{ office_hours }}"\n',
            '      en: "Open {{ office_hours }}"\n    handling: {ask_for: {zh: [" "]}}\n',
            11,
            "details must not be empty",
        ),
        (
            '      en: "Open {{ office_hours }}"\n',
            '      en: "Open {{ office_hours }}"\n    handling: {photos: 3}\n',
            11,
            "Extra inputs are not permitted",
        ),
    ],
)
def test_each_fault_names_file_line_and_reason(
    tmp_path: Path, vocabulary: Vocabulary, old: str, new: str, line: int, reason: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(TemplateError) as raised:
        load([path], vocabulary)
    assert f"{path}:{line}:" in str(raised.value)
    assert reason in str(raised.value)


def test_all_faults_are_reported_together_with_duplicates_across_files(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD.replace("category: consultation", "category: gossip"), "b.yaml")
    write(tmp_path, GOOD, "c.yaml")
    with pytest.raises(TemplateError) as raised:
        load([tmp_path], vocabulary)
    lines = str(raised.value).splitlines()
    assert any("b.yaml:3:" in line and "gossip" in line for line in lines)
    assert any("c.yaml:2: duplicate id 'office-hours'" in line for line in lines)


def test_broken_yaml_has_a_line(tmp_path: Path, vocabulary: Vocabulary) -> None:
    path = write(tmp_path, GOOD + "  - id: [unclosed\n")
    with pytest.raises(TemplateError, match=rf"{path}:\d+: not valid YAML"):
        load([path], vocabulary)


def test_check_command(tmp_path: Path, templates: list[CaseTemplate]) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "knowledge", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert f"{len(templates)} templates" in ok.stdout
    bad = write(tmp_path, GOOD.replace("department: general", "department: moon"))
    refused = subprocess.run(
        [sys.executable, "-m", "knowledge", "check", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert refused.returncode == 2
    assert f"{bad}:4:" in refused.stderr


def test_a_template_is_named_by_its_first_question_in_the_language_asked() -> None:
    template = CaseTemplate(
        id="card-lost",
        category="service_request",
        department="general",
        questions={"zh": ["社保卡丢了怎么办", "社保卡掉了"], "en": ["I lost my card"]},
        answer={"zh": "挂失", "en": "Report it"},
    )
    assert template.title("zh") == "社保卡丢了怎么办"
    assert template.title("en") == "I lost my card"
    assert template.title("fr") == "社保卡丢了怎么办"  # the first language that has one


def test_a_template_promising_an_emergency_carries_urgent_priority(
    templates: list[CaseTemplate],
) -> None:
    """The gas template's answer says it is passed on as an emergency: its ticket is urgent."""
    urgent = {t.id for t in templates if t.priority == "urgent"}
    assert "gas-leak" in urgent
    assert all(t.needs_person for t in templates if t.priority is not None)


@pytest.mark.parametrize(
    ("priority", "handling", "reason"),
    [
        ("asap", "    handling: {}\n", "priority: unknown priority 'asap' (high, normal, urgent)"),
        ("urgent", "", "priority: only a template with `handling` opens a ticket"),
    ],
)
def test_a_wrong_priority_names_file_line_and_field(
    tmp_path: Path, vocabulary: Vocabulary, priority: str, handling: str, reason: str
) -> None:
    path = write(tmp_path, f"{GOOD}{handling}    priority: {priority}\n")
    with pytest.raises(TemplateError) as raised:
        load([path], vocabulary)
    line = 12 if handling else 11
    assert f"{path}:{line}: office-hours: {reason}" in str(raised.value)

"""Every template compiled at the running bot's start (`Texts.prepare`), none on a
requester's first message; and a template's words joined once (`close_tie.said`), never
another template's."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from bot.intake.close_tie import said
from bot.texts import TEMPLATES, Texts
from knowledge.templates import CaseTemplate


def test_prepare_compiles_every_template_once() -> None:
    texts = Texts(ZoneInfo("Asia/Shanghai"), "zh", ["zh", "en"])
    files = sorted(p.relative_to(TEMPLATES).as_posix() for p in Path(TEMPLATES).rglob("*.j2"))
    assert texts.prepare() == len(files) > 100
    # Compiled: the environment holds each, and hands the same one back on its use.
    environment = texts._environment
    for name in files[:20]:
        assert environment.get_template(name) is environment.get_template(name)
    shown = texts.render("thanks_heard", "en", ticket_id=7, owner=None, first_response_due_at=None)
    assert shown.startswith("You're welcome. Ticket #7 is still being handled.")


def _template(keywords: list[str], question: str) -> CaseTemplate:
    return CaseTemplate(
        id="water-bill",
        category="utilities",
        department="utilities",
        questions={"zh": [question], "en": ["How do I pay my water bill?"]},
        answer={"zh": "答", "en": "Answer"},
        keywords=keywords,
    )


def test_said_is_each_templates_own_words() -> None:
    first = _template(["水费"], "水费怎么交")
    second = first.model_copy(update={"keywords": ["电费"]})
    assert said(first) == "水费 水费怎么交 How do I pay my water bill?"
    assert said(first) is said(first)  # joined once
    assert said(second).startswith("电费 ")  # a copy with other words reads its own
    same_words = _template(["水费"], "水费怎么交")
    assert said(same_words) == said(first)

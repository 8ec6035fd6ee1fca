"""Words right after a "did you mean" that tell another matter: a first inquiry of their own,
as after an answer (`own_kind.anew_after`). "公积金怎么提取" was offered three housing-fund
templates; the requester wrote "公司拖欠我三个月工资" instead, which the knowledge base
answers surely with the wage-arrears template: the wages' ticket held "公积金怎么提取" too,
for officers who do not handle the housing fund, and a leak offered "did you mean" never
reached those who fix leaks once the wages were written after it. A clerk hears a new
matter: the words say a term of the new template's own subject and none of any offered
template's (`subject.subject_shared`). The offered question is set aside with its buttons
(`offers.set_aside`): a suggestion pressed later answers it, "none of these" hands it to a
person (bot/intake/earlier.py). Words that name an offered template ("租房的", "the rent
one"), narrow it, add details ("我在北京工作") or come to nothing sure stay its inquiry."""

from __future__ import annotations

from bot.desk import Desk
from bot.intake.subject import subject_shared
from bot.models import DialogStep, Requester
from knowledge.matcher import Band


def last_offered(requester: Requester, step: DialogStep | None) -> tuple[str | None, str | None]:
    """(the template(s) answered, those offered "did you mean"), ids comma-separated, as the
    bot's turn before the requester's text (the last of their inquiry) did one or the other
    with no step waiting; None for what it did not."""
    before = (requester.inquiry or [])[-2:-1]
    did = before[0].get("did") if before and step is None else None
    answered = requester.last_offered if did == "answer" else None
    return answered, requester.last_offered if did == "suggest" else None


def anew_after_offer(
    desk: Desk, text: str, offered: str | None, closest: str | None, band: Band
) -> bool:
    """Whether `text`, written right after "did you mean" offered template(s) `offered` (ids,
    comma-separated; None when that was not the bot's last turn), starts a new first inquiry:
    the knowledge base answers it surely (`band` ANSWER) with template `closest`, none of
    those offered, whose own subject the words say while they say none of an offered one's."""
    if not offered or closest is None or band is not Band.ANSWER:
        return False
    ids = [t for t in offered.split(",") if t in desk.templates]
    new = desk.templates.get(closest)
    if new is None or closest in ids or not subject_shared(desk.templates, text, new):
        return False
    return not any(subject_shared(desk.templates, text, desk.templates[t]) for t in ids)

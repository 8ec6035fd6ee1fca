"""Words right after an answer that tell a fault, while the answer was about no fault: a matter
of its own (issue 14). "社保卡丢了怎么补办?" answered, then "幸福里3号楼也停电了" or
"我们楼的下水道堵了": a clerk hears a power cut or a blocked drain, not more about the card,
though no template of the knowledge base comes close to the words.
"""

from __future__ import annotations

from bot.classify import infer_category
from bot.desk import Desk
from bot.intake.new_matter import starts_anew


def anew_after(desk: Desk, text: str, *, answered: str | None, closest: str | None) -> bool:
    """`new_matter.starts_anew` for `text` right after the answer of template(s) `answered`,
    `closest` the template the knowledge base finds it nearest: a fault told after an answer
    about none starts anew too (`tells_fault_after`)."""
    fault = tells_fault_after(desk, text, answered)
    return starts_anew(text=text, answered=answered, closest=closest, fault=fault)


def tells_fault_after(desk: Desk, text: str, answered: str | None) -> bool:
    """Whether `text`, written right after the bot answered with template(s) `answered` (ids,
    comma-separated), tells a fault by its words (the fault category's cue words, or a public
    thing broken: `classify.infer_category` without the knowledge base) while none of the
    answered templates is of that category: a new matter (`new_matter.starts_anew`)."""
    if not answered:
        return False
    fault = desk.settings.emergency.category
    if infer_category(desk.settings, text) != fault:
        return False
    templates = [desk.templates.get(t) for t in answered.split(",")]
    return all(t is not None and t.category != fault for t in templates)

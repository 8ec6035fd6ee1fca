"""The bot's answer as a turn of the first inquiry (`answer_turn`): the template it answered
with and the details it asks for, as the staff read them; not those the requester already
gave, in words ("幸福路23号门口" said before "红绿灯坏了") or by what they sent with the
question (a photo captioned "路灯坏了" is the photo the street light's template asks for, a
location shared before "这里的路灯坏了" its place: a new-user trial was asked for both)."""

from __future__ import annotations

from bot import address, details
from bot.desk import Desk
from bot.intake import held, inquiry
from bot.models import Requester
from knowledge.templates import CaseTemplate


def answer_turn(
    desk: Desk, template: CaseTemplate, words: str = "", requester: Requester | None = None
) -> inquiry.Turn:
    """The bot answered `words` with `template`: its title and the details it asks for, but
    those the requester already gave: in `words` or anywhere in their first inquiry so far
    (`details.stated`), and those what they hold for the question gives by what it is
    (`held.carries`), which the turn lists as given (the card's words do not show a photo).
    An estate or a road named alone is part of an address (`address.split`): an item that
    needs a building still asks for it ("详细地址(楼栋)" after "幸福里小区停水了")."""
    language = desk.settings.languages.default
    turns = (requester.inquiry or []) if requester is not None else []
    said = "\n".join(w for w in (inquiry.words(turns), words) if w)
    told = details.stated(said)
    carries = held.carries(requester) if requester is not None else frozenset()
    place = address.named_alone(said, carries)
    asked, _ = address.split(template.ask_for(language), told | carries, place)
    _, attached = details.split(template.ask_for(language), carries - told)
    return inquiry.bot_did(
        "answer",
        desk.now(),
        [template.title(language)],
        asked,
        templates=[template.id],
        given=attached,
    )

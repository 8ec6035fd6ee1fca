"""What a requester holds for their question gives by what it is (bot/intake/held.py
`carries`): a new-user trial's photo captioned "streetlight broken" was asked for again."""

from __future__ import annotations

from bot.details import LOCATION, PHONE, PHOTO
from bot.intake.held import carries, hold, let_go
from bot.intake.media import Attachment
from bot.models import Requester


def _sent(kind: str, n: int) -> Attachment:
    return Attachment(
        kind=kind, file_id=f"F{n}" if kind == "photo" else None, chat_id=1, message_id=n
    )


def test_what_is_held_gives_a_photo_a_place_a_phone_by_its_kind() -> None:
    requester = Requester(telegram_user_id=1, chat_id=1)
    assert carries(requester) == frozenset()
    hold(requester, _sent("photo", 1))
    assert carries(requester) == {PHOTO}
    hold(requester, _sent("location", 2))
    hold(requester, _sent("contact", 3))
    hold(requester, _sent("document", 4))  # a file gives no kind of detail by what it is
    assert carries(requester) == {PHOTO, LOCATION, PHONE}
    let_go(requester)
    assert carries(requester) == frozenset()

"""The language a requester writes in, as a clerk hears it: Chinese words are answered in
Chinese, English words in English, whatever their Telegram client is set to (its
`language_code` only decides when the words tell nothing: digits, emoji, punctuation, or too
few to tell: "ok", "Complaint." typed by a Chinese speaker). A language they chose themselves
(/lang, `Requester.language_chosen`) stands whatever they write.

The requester's language (`Requester.language`) is what the bot answers them in and words
every later notice in; a text in another supported language changes it, so that what they read
next follows what they last wrote (`spoken`).

Words in a language the desk does not write (French, Russian: `bot.written.other_tongue`) are
answered in English (the default where the desk has none), and the requester is told once for
each such language that the desk answers in Chinese or English (`OTHER_TONGUE`); the ticket's
card notes the language for its staff (bot/intake/card.py)."""

from __future__ import annotations

from collections.abc import Container, Sequence

from sqlalchemy import select

from bot.models import OutboxMessage, Requester
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.transaction import Transaction
from bot.written import for_other_tongue, other_tongue, written_in

__all__ = ["follow_words", "follow_words_and_tell", "spoken", "written_in"]

OTHER_TONGUE = "other_tongue"  # the desk answers in Chinese or English: said once


def spoken(text: str, supported: Container[str], before: str) -> str:
    """The language to answer a requester in after their `text`: the one it is written in
    when the desk speaks it (`written_in`), else the one they had (`before`: what they wrote
    last, or their client's setting when they never wrote words)."""
    found = written_in(text)
    return found if found is not None and found in supported else before


def follow_words(requester: Requester, text: str, supported: Container[str]) -> None:
    """Answer `requester` in the language of `text`, their own words (`spoken`), and keep it
    for what follows, unless they chose one themselves (/lang)."""
    speaks = spoken(text, supported, requester.language)
    if not requester.language_chosen and speaks != requester.language:
        requester.language = speaks


async def follow_words_and_tell(
    *, tx: Transaction, rules: Rules, requester: Requester, text: str, supported: Sequence[str]
) -> None:
    """`follow_words`; and words in a language the desk does not write (`other_tongue`) are
    answered in English (the configured default where the desk writes none), unless they
    chose a language themselves, and the requester hears first, once for each such language
    (Japanese, then French: twice), that the desk answers in Chinese or English
    (`OTHER_TONGUE`, value `tongue`: the language seen)."""
    follow_words(requester, text, supported)
    tongue = other_tongue(text, supported)
    if tongue is None or requester.language_chosen:
        return
    requester.language = for_other_tongue(supported, rules.settings.languages.default)
    told = await tx.session.scalars(
        select(OutboxMessage.context).where(
            OutboxMessage.chat_id == requester.chat_id, OutboxMessage.template == OTHER_TONGUE
        )
    )
    if all(values.get("tongue") != tongue for values in told):
        values = {"tongue": tongue}
        note = Notice(OTHER_TONGUE, (Audience.REQUESTER,), None, values, requester=requester)
        await publish(tx, rules, [note])

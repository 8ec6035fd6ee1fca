"""A second matter said beside a ticket in hand, announced as one (issue 14, input 2): ticket
#3, a street light, acknowledged; then "还有一件事,我家楼下的垃圾桶好几天没人清理了,很臭". A
clerk hears "还有一件事" / "另外" / "another thing" / "also, separately" before words of
another matter and says "that is a separate matter", opening it apart: it never rides in the
street light's ticket (to be closed with it when the light is confirmed fixed), whether or not
the knowledge base knows its topic (`close.other_topic` judges those it does). Words after
such an opener that tell the ticket's matter (`own_kind.same_matter`: "另外,那盏路灯还一闪
一闪的") or follow it up ("另外,有进展吗?") stay the ticket's."""

from __future__ import annotations

import re

from bot.desk import Desk
from bot.details import given
from bot.intake.new_matter import Led
from bot.intake.openers import wants_person
from bot.intake.own_kind import same_matter
from bot.intake.small_words import has_words, is_filler
from bot.models import Ticket
from bot.progress_words import asks_progress
from bot.resolution_words import says_not_solved

# Openers that announce another matter by themselves ("also", "one more thing", "补充一下"
# may add to the same one: "One more thing: card ending 1234").
_SEPARATE = re.compile(
    r"还有一?(件|个)事|另(外)?一(件|个)事|另外|此外|还有一个问题|另一个问题|另一个情况|还有个情况"
    r"|\banother\s+(thing|matter|problem|issue|question)\b|\bone more (matter|problem)\b"
    r"|\bseparately\b|\bsomething else\b|\ba (different|separate) (thing|matter|problem)\b",
    re.IGNORECASE,
)


def announced_apart(led: Led | None) -> bool:
    """Whether `led` is an opener alone that announces another matter ("还有一件事,",
    "另外", "Another thing:"), no reply to an answer or resolution in it."""
    return led is not None and led.reply is None and _SEPARATE.search(led.lead) is not None


def separate_matter(desk: Desk, ticket: Ticket, led: Led | None) -> bool:
    """Whether the words after `led`, an opener announcing another matter (`announced_apart`),
    are a matter of their own beside `ticket`: they have words of a matter, say nothing of
    the ticket (not solved, how it stands, details, a person for it, thanks: the opener's "another
    thing" outweighs the looser follow-up words, "几天", "they", `follow_up.follows_up`), and
    do not tell its matter (`same_matter`)."""
    if led is None or not announced_apart(led):
        return False
    rest = led.rest
    if not has_words(rest) or is_filler(rest) or wants_person(rest):
        return False
    if says_not_solved(rest) or asks_progress(rest) or given(rest):
        return False  # details ("另外,卡号尾号1234"): the ticket's, as a clerk files them
    return not same_matter(desk, ticket, rest)

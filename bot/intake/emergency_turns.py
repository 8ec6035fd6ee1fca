"""Which turns of the first inquiry an emergency's ticket holds (a new-user trial: "社保卡丢了
怎么补办" answered, "你好", then "救命!…电梯里困了人…": the emergency's ticket held all three,
was routed by the card question to Social Security, and the supervisors' alert quoted the
card question and the greeting as the emergency). A careful clerk writes down the
emergency's words: of what the requester said before it in the inquiry, only what is of it
stays with it (a place, "我在阳光花园3号楼" before "电梯困人了"; the danger told in parts; the
same thing, "电梯坏了" before "有人困在里面"); a question already answered about another
matter, small talk, another matter are set aside. Pure: turns in, turns out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot import details
from bot.danger_matter import of_matter
from bot.intake.decision import carries_no_matter, is_courtesy, is_filler
from bot.intake.inquiry import Turn
from bot.same_matter import subject

# The names of places (config `surge.places`) and of things (config `surge.objects`).
Groups = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Split:
    """The inquiry's turns an emergency's ticket holds (`kept`, the emergency's text last) and
    those set aside (`aside`: another matter's, small talk), in order."""

    kept: list[Turn]
    aside: list[Turn]


def of_it(words: str, text: str, *, places: Groups = (), objects: Groups = ()) -> bool:
    """Whether earlier `words` of the requester belong with the emergency `text`: they give a
    place (a road, an estate, a building, an address: `details.given`), tell a danger to
    people themselves, or name a thing the emergency names (the lift)."""
    said = subject(words, None, objects=objects, places=places)
    if said.places or said.spots or said.dangers or details.LOCATION in details.given(words):
        return True
    told = subject(text, None, objects=objects, places=places)
    return bool(said.objects & told.objects)


# Someone named before, spoken of as known ("他拿刀了!" after "邻居家一直在吵架"): the emergency
# leans on the words before it. Not "其他" (others), nor "we", "it" ("it's been an hour").
_LEANS_BACK = re.compile(r"(?<![其吉])(?:他|她)|对方|\b(?:he|she|they|him|her|them|his)\b", re.I)


def leans_back(text: str) -> bool:
    """Whether the emergency's `text` speaks of someone named before it (`_LEANS_BACK`)."""
    return _LEANS_BACK.search(text) is not None


def _another(turns: Sequence[Turn], same_danger: Callable[[Sequence[str]], bool]) -> bool:
    """Whether the bot's `turns` after a text of theirs answered or offered templates of
    another matter than the emergency's (`same_danger(ids)` false for each): the knowledge
    base knew those words as something else (公积金, then a lift with someone in it)."""
    return any(
        t.get("did") in ("answer", "suggest")
        and t.get("templates")
        and not same_danger(t["templates"])
        for t in turns
    )


def own_turns(
    turns: Sequence[Turn],
    *,
    same_danger: Callable[[Sequence[str]], bool],
    places: Groups = (),
    objects: Groups = (),
) -> Split:
    """The turns an emergency's ticket holds, the last of `turns` being the emergency's text.
    Everything up to the bot's last answer of templates about another matter
    (`same_danger(ids)` false: a social security card answered, then a lift with someone in
    it) is set aside. Of the rest, each text of theirs with the bot's turns after it: kept
    when it is of the emergency (`of_it`: a place, a danger, its thing) or passed on (a
    forward, a notice: what the danger is told about, a cut beside someone on oxygen); set
    aside when it is small talk (a greeting, an opener, thanks) or the bot answered or
    offered templates of another matter to it, or asked its kind when it names no thing of
    the danger (`danger_matter.of_matter`), unless the emergency speaks of someone named
    before it (`leans_back`: a quarrel next door, then "他拿刀了!"); else kept (a matter the
    bot could not place yet may be the emergency's own: a stove that will not light, then a
    gas smell)."""
    if not turns:
        return Split([], [])
    *before, last = turns
    text = str(last.get("text", ""))
    start = 0
    for i, turn in enumerate(before):
        ids = turn.get("templates")
        if turn.get("did") == "answer" and ids and not same_danger(ids):
            start = i + 1
    kept: list[Turn] = []
    aside: list[Turn] = list(before[:start])
    rest = before[start:]
    heads = [i for i, t in enumerate(rest) if t.get("by") == "requester"]
    if rest and (not heads or heads[0] > 0):  # the bot's turns before any text of theirs
        heads = [0, *heads]
    ends = [*heads[1:], len(rest)] if heads else []
    for at, end in zip(heads, ends, strict=True):
        turn, after = rest[at], rest[at + 1 : end]
        words = str(turn.get("text", "")) if turn.get("by") == "requester" else ""
        passed_on = bool(turn.get("forwarded") or turn.get("notice"))
        if passed_on or (words and of_it(words, text, places=places, objects=objects)):
            mine = True
        else:
            small = not words or carries_no_matter(words) or is_courtesy(words) or is_filler(words)
            # asked its kind, a matter of its own unless of the danger's thing ("电费被扣了两次"
            # waiting for its kind, then someone electrocuted: the bill set aside)
            kind = any(t.get("did") == "category" for t in after) and not of_matter(text, words)
            mine = not small and (leans_back(text) or not (kind or _another(after, same_danger)))
        (kept if mine else aside).extend(rest[at:end])
    return Split([*kept, last], aside)

"""The first inquiry, turn by turn: what a requester said and what the bot did with it, kept
until a ticket takes it whole, as pure functions on plain values.

The seed's first rule (首问负责): the requester never repeats themselves. A question, a
clarification, what the bot answered or offered, the details they add after an answer: all of
it reaches the ticket and its card, in order. A turn is a JSON-ready mapping:

| by        | fields                     | meaning                                      |
| --------- | -------------------------- | -------------------------------------------- |
| requester | text, message_id,          | their words (the message they were in, when  |
|           | forwarded, notice, own     | known; forwarded: true: not theirs, a        |
|           |                            | forward, written with where it comes from;   |
|           |                            | notice: true: a notice typed or forwarded,   |
|           |                            | words that announce, none of their own;      |
|           |                            | own: a notice typed with words of their own  |
|           |                            | after it, these words, the rest the notice's)|
|           | aside, closing             | aside: true: a question of another matter    |
|           |                            | than their ticket's, answered beside it;     |
|           |                            | closing: thanks that closed the matter       |
|           |                            | answered before and opened this one ("谢谢。 |
|           |                            | 另外"), not part of the words                 |
| requester | asked: "person"            | they pressed "talk to a person"              |
| requester | asked: "none_fitted"       | they said "none of these" to the options     |
|           |                            | offered: none fitted (the question goes to a |
|           |                            | person, which they did not ask for)          |
| bot       | did: "answer", offered,    | the answer of the template in `offered` (its |
|           | ask_for                    | title), and the details it asked for, if any |
| bot       | did: "suggest", offered    | "did you mean": the templates' titles        |
| bot       | ... templates, rejected    | (answer, suggest) the templates' ids; marked |
|           |                            | rejected once the requester said "not that"  |
|           |                            | of them (*Not solved*, "none of these")      |
| bot       | did: "answer", withheld    | the template matched but its answer was not  |
|           |                            | sent (withheld: why; "exposed": a vulnerable |
|           |                            | person in a cold home heard the urgent       |
|           |                            | ticket, not self-help advice)                |
| bot       | did: "answer", above       | the rest of the question just answered came: |
|           |                            | it pointed to that answer, not sent again    |
|           |                            | (bot/intake/gathered.py)                     |
| bot       | did: "clarify"             | it asked what the matter is                  |
| bot       | did: "category"            | it asked which kind of matter it is          |
| bot       | did: "remind"              | it reminded them of the category buttons     |
| bot       | did: "matter"              | asked for a person or a service, it asked    |
|           |                            | what the matter is                           |
| bot       | did: "about"               | given a forward alone, it asked what they    |
|           |                            | want done about it                           |
| bot       | did: "about", typed: true  | the same for a notice they typed             |

Every turn has `at` (ISO 8601, UTC). Titles and details are in the staff's language, so the
record reads the same whatever happens to the knowledge base later.

An inquiry ends when a ticket takes it, when the requester says the answer solved it, or when
it lies idle for `IDLE` with the bot waiting for nothing (a clerk takes a requester who comes
back the next day as a new visit).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.awaited import given_since
from bot.excerpt import MAX_MESSAGE, excerpt, units
from bot.peril_needs import in_context

Turn = dict[str, Any]
Render = Callable[[Mapping[str, Any]], str]  # a message's values -> its text

IDLE = timedelta(hours=24)
BOT_DID = ("answer", "suggest", "clarify", "category", "matter", "about", "remind", "recurrence")


def said(
    text: str,
    at: datetime,
    *,
    message_id: int | None = None,
    forwarded: bool = False,
    notice: bool = False,
    own: str | None = None,
) -> Turn:
    """The requester's words (`message_id`: the message in their chat they came in, so an
    edit of it can be applied; `forwarded`: a forward, not their own words; `notice`: an
    announcement's, `bot.intake.announcement`, typed or forwarded; `own`: the text leads
    with a notice they typed and these are their own words after it, `leading_notice`)."""
    turn: Turn = {"by": "requester", "text": text, "at": at.isoformat()}
    if message_id is not None:
        turn["message_id"] = message_id
    if forwarded:
        turn["forwarded"] = True
    if notice:
        turn["notice"] = True
    if own is not None:
        turn["own"] = own
    return turn


def is_aside(turns: Sequence[Turn]) -> bool:
    """The inquiry began as a question aside from the requester's ticket in progress (its
    first turn marked `aside`, `bot.intake.new_matter.aside`): it takes only what answers the
    bot's answer to it, the rest goes to the ticket."""
    return bool(turns) and bool(turns[0].get("aside"))


def edited(
    turns: Sequence[Turn],
    message_id: int,
    text: str,
    *,
    notice: bool = False,
    own: str | None = None,
) -> tuple[list[Turn], str] | None:
    """The turns with the requester's words from message `message_id` reading `text` now
    (marked `edited`; `notice` and `own` as `said` marks them, of the new words), and the
    words they replaced; None when no turn came from it."""
    for index, turn in enumerate(turns):
        if turn.get("by") == "requester" and turn.get("message_id") == message_id:
            now: Turn = {k: v for k, v in turn.items() if k not in ("notice", "own")}
            now.update(text=text, edited=True)
            if notice:
                now["notice"] = True
            if own is not None:
                now["own"] = own
            return [*turns[:index], now, *turns[index + 1 :]], str(turn.get("text", ""))
    return None


def reminded(turns: Sequence[Turn]) -> int:
    """How many times the bot reminded them of the category buttons since it last showed
    them (`did`: "remind" after the last "category")."""
    count = 0
    for turn in reversed(turns):
        if turn.get("did") == "category":
            break
        count += turn.get("did") == "remind"
    return count


def asked_for_person(at: datetime) -> Turn:
    """The requester pressed "talk to a person"."""
    return {"by": "requester", "asked": "person", "at": at.isoformat()}


def not_that(turns: Sequence[Turn], at: datetime) -> list[Turn]:
    """The turns once the requester said "not that" to the bot's last offer and the question
    goes to a person (*Not solved, talk to a person* under an answer, "none of these" under
    options): the offer `rejecting`, then what they said, truthfully: under options, that
    none of them fitted (they did not ask for a person); under an answer, a person asked for."""
    offers = [turn.get("did") for turn in turns if turn.get("did") in ("answer", "suggest")]
    said = asked_for_person(at)
    if offers and offers[-1] == "suggest":
        said = {**said, "asked": "none_fitted"}
    return [*rejecting(turns), said]


def bot_did(
    did: str,
    at: datetime,
    offered: Sequence[str] = (),
    ask_for: Sequence[str] = (),
    templates: Sequence[str] = (),
    given: Sequence[str] = (),
) -> Turn:
    """What the bot did: one of BOT_DID, with the titles of the templates it answered with or
    offered, the details it asked for, the templates' ids (`templates`) and the details it
    did not ask for because something the requester sent with the question gives them
    (`given`: a photo, a location shared), which the staff read as given."""
    if did not in BOT_DID:
        raise ValueError(f"unknown bot turn {did!r}")
    turn: Turn = {"by": "bot", "did": did, "at": at.isoformat()}
    if offered:
        turn["offered"] = list(offered)
    if ask_for:
        turn["ask_for"] = list(ask_for)
    if templates:
        turn["templates"] = list(templates)
    if given:
        turn["given"] = list(given)
    return turn


def withholding(turns: Sequence[Turn], why: str | None, *, asked: bool = True) -> list[Turn]:
    """The turns with the bot's latest answer marked withheld for reason `why` (its template
    matched, its answer not sent: the staff must not read that the requester got it); with
    `why` None, the mark taken off (the answer was sent after all). Not `asked`: the details
    its template lists were not asked for either (a report of an incident already known)."""
    answers = [n for n, turn in enumerate(turns) if turn.get("did") == "answer"]
    last = answers[-1] if answers else None

    def marked(turn: Turn) -> Turn:
        kept = {k: v for k, v in turn.items() if k != "withheld"}
        if not asked:
            kept.pop("ask_for", None)
        return {**kept, "withheld": why} if why else kept

    return [marked(turn) if n == last else turn for n, turn in enumerate(turns)]


def rejecting(turns: Sequence[Turn]) -> list[Turn]:
    """The turns with the last offer the bot made (its latest answer, or the options it
    offered last) marked rejected: the requester said "not that" to it (*Not solved*, "none
    of these", "that did not help"; not "人工" alone, which asks for a person, not against
    the answer), so none of its templates may decide what the matter is, nor who takes it
    (`rejected`, `bot.intake.close.CloseTemplate`). Offers before it keep what they were
    (issue 14: options the requester picked one of read as all rejected once the answer
    they picked did not help); one already rejected stays so."""
    offers = [n for n, turn in enumerate(turns) if turn.get("did") in ("answer", "suggest")]
    last = offers[-1] if offers else None
    return [{**turn, "rejected": True} if n == last else turn for n, turn in enumerate(turns)]


def rejected(turns: Sequence[Turn]) -> frozenset[str]:
    """The ids of the templates the requester rejected in the inquiry (`rejecting`)."""
    return frozenset(
        template
        for turn in turns
        if turn.get("rejected")
        for template in turn.get("templates", ())
    )


def current(turns: Sequence[Turn] | None, *, now: datetime, waiting: bool) -> list[Turn]:
    """The inquiry still in progress at `now`: the turns so far, or none once the last one
    is older than IDLE and the bot waits for nothing (`waiting`: a dialog step is set)."""
    if not turns:
        return []
    if not waiting and now - datetime.fromisoformat(turns[-1]["at"]) > IDLE:
        return []
    return list(turns)


def words(
    turns: Sequence[Turn],
    *,
    asks_for_person: Callable[[str], bool] | None = None,
    own: bool = False,
) -> str:
    """The requester's words in the inquiry, in order, one text a line, leaving out the
    texts that only asked for a person (`asks_for_person(text)` true) and, with `own`, what
    they forwarded, the notices they passed on and the notice leading their words in a text
    (its `own` words kept): "" when they said nothing else."""
    texts = [
        t["own"] if own and "own" in t else t["text"]
        for t in turns
        if t.get("by") == "requester"
        and "text" in t
        and not (own and (t.get("forwarded") or t.get("notice")))
    ]
    return "\n".join(t for t in texts if not (asks_for_person and asks_for_person(t)))


def own_words(turns: Sequence[Turn]) -> str:
    """The requester's words in the inquiry but the notices they passed on (an announcement
    typed or forwarded states a fact, not their matter's urgency; a notice leading their own
    words in one text too): what configured priority keywords are looked for in. "" when the
    notices (or forwards) are all they said. A cut a notice tells is kept beside their words
    of someone on medical equipment (`peril_needs.in_context`): together, a danger of theirs."""
    return in_context(words(turns, own=True), words(turns))


def offered(turns: Sequence[Turn]) -> list[str]:
    """The titles of every template the bot answered with or offered, in order, each once
    (not an answer withheld: the requester never saw it)."""
    titles: list[str] = []
    for turn in turns:
        if turn.get("withheld"):
            continue
        for title in turn.get("offered", ()):
            if title not in titles:
                titles.append(title)
    return titles


def _shortened(text: str, room: int) -> str:
    """`text`'s start in at most `room` characters with "…", ended where a reader would stop
    when there is such a place in its last fifth: after a sentence or clause mark (。！？；，
    and their Latin kin), else at a line end or space; inside a word only when there is none
    (`bot.excerpt` cuts notices the same way, at spaces)."""
    start = text[: max(room - 1, 0)]
    floor = len(start) * 4 // 5
    for marks in ("。！？!?\n", "；;，,、", " "):
        end = max(start.rfind(mark) for mark in marks)
        if end >= floor:
            return start[: end + 1].rstrip() + "…"
    return start + "…"


def shown(turns: Sequence[Turn], budget: int) -> list[Turn]:
    """The turns as a card or a topic shows them: the requester's texts together at most
    `budget` characters, a shortened one ending in "…" where a reader would stop
    (`_shortened`; Telegram takes 4,096 characters a message; the ticket keeps every turn
    whole)."""
    left, result = budget, []
    for turn in turns:
        text = turn.get("text")
        if isinstance(text, str) and len(text) > left:
            turn = {**turn, "text": _shortened(text, left)}
        left = max(left - len(turn.get("text", "")), 0)
        result.append(turn)
    return result


SAID_ABOVE = 30  # characters of a requester's words /ticket N shows again under the question


def referred(turns: Sequence[Turn], question: str) -> list[Turn]:
    """The turns as /ticket N shows them under the whole `question`: a requester's words
    longer than SAID_ABOVE that the question shows whole get `above`, their start
    (`_shortened`), which the record shows with "(in full above)", never the same long
    words twice (issue 14); the turns keep every word."""
    return [
        {**turn, "above": _shortened(text, SAID_ABOVE)}
        if turn.get("by") == "requester"
        and isinstance(text := turn.get("text"), str)
        and len(text) > SAID_ABOVE
        and text in question
        else turn
        for turn in turns
    ]


def worth_showing(turns: Sequence[Turn]) -> bool:
    """More than the one question happened: the card and the topic show the turns, not just
    the requester's words."""
    return len(turns) > 1


def whole_values(
    turns: Sequence[Turn], question: str, later: Sequence[Turn] = ()
) -> dict[str, Any]:
    """The values a card (or a handoff form, a topic's introduction) shows the first inquiry
    with, nothing shortened: `inquiry` (the turns when more than the question happened, else
    [], followed by the `later` ones, what the requester said after the ticket opened:
    bot/intake/later.py; each answer's details asked for that the requester gave after it
    under its `given`, `awaited.given_since`), `question` (the requester's words),
    `question_length` 0 and `inquiry_shortened` False (nothing is), and `question_chars`
    (how long their words are, later ones too). `fitted` shortens them when the message
    they are shown in cannot hold them."""
    shown = list(turns) if worth_showing(turns) else []
    if later:
        first = shown or [{"by": "requester", "text": question}]
        shown = [*first, *later]
    return {
        "inquiry": given_since(shown),
        "inquiry_shortened": False,
        "question": question,
        "question_length": 0,
        "question_chars": len(question) + sum(len(t.get("text", "")) for t in later),
    }


def _largest(text_for: Callable[[int], str | None], top: int) -> str | None:
    """The text `text_for(n)` gives for the largest n in 0..top it gives one for (None: the
    text would not fit), by halving: what is shown grows with n."""
    low, high, best = 0, top, None
    while low <= high:
        middle = (low + high) // 2
        text = text_for(middle)
        if text is None:
            high = middle - 1
        else:
            best, low = text, middle + 1
    return best


def fitted(render: Render, values: Mapping[str, Any], limit: int = MAX_MESSAGE) -> str:
    """The text `render` makes of `values` (`whole_values` among them) in at most `limit`
    UTF-16 units (Telegram's measure; a message holds 4,096): rendered whole when it fits;
    else with the inquiry's texts shortened as little as needed (`shown`, the largest budget
    that fits, `inquiry_shortened` true: the wording says where to read all); else, when
    even the inquiry's other lines do not fit, with the requester's words alone, shortened
    (`question_length`, bot/excerpt.py); and only when nothing else fits, the text's start."""

    def fits(changed: Mapping[str, Any]) -> str | None:
        text = render({**values, **changed})
        return text if units(text) <= limit else None

    whole = fits({})
    if whole is not None:
        return whole
    turns: list[Turn] = list(values.get("inquiry") or [])
    if turns:
        room = sum(len(t.get("text", "")) for t in turns)
        text = _largest(
            lambda budget: fits({"inquiry": shown(turns, budget), "inquiry_shortened": True}),
            room,
        )
        if text is not None:
            return text
    question = str(values.get("question", ""))

    def words_in(room: int) -> str | None:
        start = excerpt(question, room + 1)
        return fits({"inquiry": [], "question": start.text, "question_length": start.length})

    text = _largest(words_in, units(question))
    if text is not None:
        return text
    gone = {"inquiry": [], "question": excerpt(question, 1).text, "question_length": len(question)}
    return excerpt(render({**values, **gone}), limit).text

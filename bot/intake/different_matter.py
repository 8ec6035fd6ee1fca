"""Words beside a ticket in hand that tell a different matter with no opener word before them
(issue 14): "我家楼下的垃圾桶好几天没人清理了" or "The bins downstairs haven't been emptied for
days" beside a broken street light's ticket, "我的社保卡丢了" beside it. Their words read like
a follow-up ("没人", "几天"), and tell no fault nor question of another department, so they
were filed into the street light's ticket. A careful clerk does not file a new matter into an
unrelated case: another thing named than the ticket's (config `surge.objects`: bins are no
street light, as the surge check judges two reports), or a matter the knowledge base answers
as another kind of matter than the ticket's, is a first inquiry of its own (`APART`); and
where the words may still be the ticket's (they point back at it: "还是没修好,垃圾桶也没人清
理"; or the ticket names no thing to tell them apart by), the requester is asked (`ASK`).
Follow-ups ("路灯还是不亮", "还是没修好", "any news?", "灯一闪一闪的") name no other thing and
find no other matter's answer: the ticket's, as before (`differs` is None).

Nor is a matter the knowledge base does not know filed silently when its words share nothing
with the ticket's ("楼上邻居天天晚上吵得睡不着", "Kids keep playing football in the corridor"
beside the street light: no thing, no word, no follow-up, progress or handling remark): the
requester is asked (`shares_nothing`). And the state said right after another thing is named
is that thing's ("垃圾桶又满了,臭得不行", "The bins are full again, it still smells
terrible": the bins stink, the street light is not said unsolved), a matter of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import Enum

from bot.classify import infer_category
from bot.desk import Desk
from bot.faults import cut_supplies, supplies_cut_now
from bot.intake.close import matter_words, ticket_matter
from bot.intake.complaint_opener import about_handling
from bot.intake.follow_up import follows_up, refers_back, shares_characters, shares_words
from bot.intake.new_matter import reads_as_question
from bot.intake.other_asked import tells_other_not_done
from bot.intake.own_kind import same_matter
from bot.intake.small_words import carries_no_matter
from bot.matter_terms import characters, terms
from bot.models import Requester, Ticket, TicketStatus
from bot.progress_words import asks_progress
from bot.reading import read
from bot.resolution_words import Said, read_after_resolution, says_not_solved
from bot.same_matter import things
from knowledge.matcher import Band, Match
from knowledge.templates import CaseTemplate


class Differs(Enum):
    """How words beside a ticket differ from its matter: `APART`, plainly another matter (a
    first inquiry of its own); `ASK`, maybe: the requester is asked whether they are about
    the ticket or a new matter."""

    APART = "apart"
    ASK = "ask"


# Words that point at the ticket itself, whatever they name besides: its number, "工单",
# what was said before.
_BACK = re.compile(
    r"#\s*\d|工单|单号|编号|上次|之前(?:说|报|反映|投诉)|刚才(?:说|报)|这事|此事|这件事|那件事|同一"
    r"|\b(?:ticket|case|my (?:report|complaint|request)|as i said|i mentioned|same)\b",
    re.IGNORECASE,
)
# While a ticket is this new, the requester is still telling its matter: words of no other
# matter the knowledge base knows are more of the telling ("老人上不了楼", "物业电话打不通"
# right after "电梯又坏了"), not asked about (`shares_nothing`); unless it comes near another
# kind of matter in them (`near_another_kind`).
TELLING = timedelta(minutes=10)
_CLAUSE = re.compile(r"[,\uff0c。;\uff1b!\uff01?\uff1f\n]+|\s+(?:and|but)\s+", re.IGNORECASE)
# Words of the ticket's handling that name no matter: hurried, waited for ("麻烦快点", "我在家
# 等着", "Please hurry").
_PRESSED = re.compile(
    r"快点|快些|尽快|赶紧|赶快|抓紧|加急|着急|急死|等着|在家等"
    r"|\b(?:hurry|asap|as soon as possible|quickly|i(?:'m| am) waiting|at home)\b",
    re.IGNORECASE,
)
# Words that tell something wrong (a nuisance, a mess, a harm, a fault): what a requester
# reports, as against a fact of theirs added ("我家三口人", "my number ends in 1234").
_TROUBLE = re.compile(
    r"太|不停|不了|不着|不让|不能|不准|吵|闹|噪|扰|乱|脏|臭|烟|味|坏|破|漏|堵|占|挡|偷|抢|骂|打架|打人"
    r"|摔|伤|危险|违|欺负|拖欠|欠|没人|不管|天天|每天|整夜|半夜"
    r"|\b(?:too|so|very|loud|noisy|noise|keeps?|kept|can'?t|cannot|won'?t|never|always|every"
    r"|dirty|mess|smell\w*|stink\w*|rubbish|broken|damaged|fell|fallen|falling|hurt|injured"
    r"|danger\w*|illegal\w*|block\w*|park(?:s|ed|ing)|dump\w*|bark\w*|shout\w*|scream\w*"
    r"|fight\w*|steal\w*|stole|rude|owe[sd]?|unpaid|nobody|no one)\b",
    re.IGNORECASE,
)

# How a thing is, said without naming it ("黑的", "一闪一闪的", "flickering"): beside a
# ticket, its thing's state.
_STATE_CHARACTERS = frozenset("黑暗亮灭闪烁漏渗堵臭响停断滴冷热凉脏歪倒塌裂严重厉害")
_STATE_WORDS = frozenset(
    (
        *("dark", "darker", "pitch", "flicker", "flickers", "flickering", "blinking"),
        *("flashing", "leak", "leaks", "leaking", "dripping", "blocked", "clogged", "broken"),
        *("smelly", "smells", "stinks", "stinking", "cold", "dirty", "dead", "buzzing"),
        *("beeping", "ringing", "leaning", "tilted", "bent", "worse", "again", "keeps"),
        *("always", "completely", "totally", "really"),
    )
)


@read
def points_back(text: str, objects: tuple[tuple[str, ...], ...] = (), words: str = "") -> bool:
    """Whether `text` points back at the ticket in hand, whatever else it names: its number
    or words for the matter said before ("#1", "工单", "上次", "my report"), or a clause of
    it that names none of `objects` (config `surge.objects`) saying it is not solved yet
    ("还是没修好,垃圾桶也没人清理"), asking how it stands, or of its handling ("你们", "so
    slow"). "垃圾桶又满了" says its own thing is full again, not that the ticket's is not
    solved; and a state said after another thing is named is that thing's ("垃圾桶又满了,
    臭得不行", "The bins are full again, it still smells terrible"), unless it shares a word
    with the ticket's `words` ("垃圾桶又满了,灯也还是不亮" beside "路灯坏了")."""
    if _BACK.search(text):
        return True
    other = False  # another thing named in a clause before
    for clause in _CLAUSE.split(text):
        if not clause.strip():
            continue
        if things(clause, objects):
            other = True
            continue
        not_solved = says_not_solved(clause) and (not other or _shares(clause, words))
        if not_solved or asks_progress(clause) or about_handling(clause):
            return True
    return False


def _shares(text: str, words: str) -> bool:
    """Whether `text` shares a word of a matter with the ticket's `words`, a pair of Chinese
    characters or an English word (`shares_words`) or a character that tells one alone
    (`shares_characters`: "灯")."""
    return shares_words(text, words) or shares_characters(text, words)


def _state_only(text: str) -> bool:
    """Whether the words of `text` that can tell a matter (`matter_terms.characters`, English
    `terms`) say only how a thing is ("整条街都是黑的", "flickering"), or there are none: of
    the ticket's thing, named by none of its own."""
    english = {t for t in terms(text) if t.isascii()}
    return characters(text) <= _STATE_CHARACTERS and english <= _STATE_WORDS


def _names_its_thing(text: str, words: str, objects: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `text` names a thing the ticket's `words` name by the head of one of its names
    (config `surge.objects`): "pole" of "light pole", "lamp" of "street lamp" ("The pole is
    leaning too" beside a broken street light); a Chinese head only when it tells a matter
    alone ("灯" of "路灯", never "道" of "下水道")."""
    heads = tuple(
        (head,)
        for n in things(words, objects)
        for name in objects[n]
        if (head := name.split()[-1] if name.isascii() else name[-1])
        and (name.isascii() or characters(head))
    )
    return bool(things(text, heads))


def shares_nothing(
    desk: Desk, ticket: Ticket, text: str, words: str, nearest: CaseTemplate | None = None
) -> bool:
    """Whether `text`, beside `ticket` (its matter told by `words`) and naming none of the
    things of config `surge.objects` nor pointing back at it (`points_back`), shares nothing
    with its matter while it tells something wrong (`_TROUBLE`: a nuisance, a mess, a harm, a
    fault; not a fact of theirs added, "我家三口人", "we are a family of four"): no follow-up
    ("什么时候来修?", an address, thanks: `follows_up`), no question (one that names no
    matter the knowledge base answers asks of the ticket's handling: "要交费吗?"), nothing
    but a greeting or a place (`carries_no_matter`), not hurried nor waited ("麻烦快点":
    `_PRESSED`); no word in common (`_shares`: "灯一闪一闪的" beside "路灯坏了"), not its
    thing by a shorter name (`_names_its_thing`: "the pole"), not only a state ("整条街都是
    黑的": `_state_only`); no fault beside a supply cut, whose consequences they are ("冰箱
    里的东西都坏了" beside "我家停电了"); nor its matter as the knowledge base or the surge
    check judges (`own_kind.same_matter`), the template nearest them, however far
    (`nearest`), included ("晚上很黑,走路不安全" comes nearest the street light's). "楼上邻居
    天天晚上吵得睡不着" beside a broken street light: a careful clerk asks whether it is about
    the light or a new matter."""
    if not _TROUBLE.search(text):  # a fact of theirs added ("我家三口人"), no report
        return False
    if follows_up(text) or reads_as_question(text) or carries_no_matter(text):
        return False
    if _PRESSED.search(text) or _shares(text, words) or _state_only(text):
        return False
    if _names_its_thing(text, words, desk.settings.surge.objects):
        return False
    fault = desk.settings.emergency.category
    if cut_supplies(words) and infer_category(desk.settings, text) == fault:
        return False
    if nearest is not None and ticket_matter(desk, ticket, text, nearest):
        return False
    return not same_matter(desk, ticket, text)


def same_kind(template: CaseTemplate, ticket: Ticket, *, sure: bool) -> bool:
    """Whether `template`'s matter is of `ticket`'s kind: its category, and, when the
    knowledge base answers the words with it (`sure`: the `answer` band), its department.
    Two complaints surely told are two kinds for two departments: the wages owed
    ("公司拖欠我三个月工资", social security's) beside the property company's complaint (the
    general office's) were filed into its ticket, for the wrong officers (a new-user trial);
    each matter goes to the person who owns it (the seed's first rule). Words only close to
    another department's template ("To add: my number ends in 1234" beside a housing
    application, close to the vehicle registration's) say no other owner."""
    if template.category != ticket.category:
        return False
    return not sure or template.department == ticket.department_key


def cut_told(desk: Desk, ticket: Ticket, text: str) -> Differs | None:
    """How words telling a supply cut now (`faults.supplies_cut_now`) differ from `ticket`'s
    matter when its words tell no cut of that supply: another matter (`APART`: a first
    inquiry of its own, the supply's template), or maybe (`ASK`) when they share its matter
    (`own_kind.same_matter`: "现在家里没水了" beside a leaking pipe's ticket). None: no cut
    told, or one the ticket tells. A new user's "幸福里小区从早上开始就没水了" right after
    their wages ticket was filed into it, its estate read as the employer's address the
    ticket asked for; "No water in Xingfuli since this morning", which the knowledge base
    came nowhere near, as more of the wages' telling."""
    told = supplies_cut_now(text)
    if not told or told <= cut_supplies(matter_words(ticket.question, ticket.inquiry)):
        return None
    if answers_resolution(ticket, text):  # "我家还是没电啊,你们搞错了吧": not solved
        return None
    return Differs.ASK if same_matter(desk, ticket, text) else Differs.APART


def answers_resolution(ticket: Ticket, text: str) -> bool:
    """Whether `text` answers `ticket`'s resolution awaiting the requester's word: solved,
    not solved, a rating (`resolution_words.read_after_resolution`), whatever else it names
    ("对,来电了" beside a housing ticket confirms it; it asks nothing of the power)."""
    return (
        ticket.status is TicketStatus.RESOLVED
        and read_after_resolution(text).said is not Said.OTHER
    )


def near_another_kind(desk: Desk, ticket: Ticket, matches: Sequence[Match]) -> bool:
    """Whether the knowledge base comes near a matter of another kind than `ticket`'s in words
    it does not answer (`matches`, theirs, best first): the nearest template is of another
    category, at a confidence from which the desk offers "did you mean" in some language (the
    lowest `suggest` threshold: the confidence is one scale for all languages, and runs low on
    Chinese). "我的邻居每天晚上都很吵" comes to the noise complaint at 45 (the Chinese
    `suggest` is 48), "my neighbour is very noisy every night" at 90: both name a noise, no
    more of a leak told a minute before than in English. "老人上不了楼" beside a lift's
    complaint comes nowhere near (23): more of its telling."""
    best = desk.templates.get(matches[0].template_id) if matches else None
    if best is None or best.category == ticket.category:
        return False
    matcher = desk.matcher
    near = min(t.suggest for t in (matcher.default, *matcher.thresholds.values()))
    return matches[0].confidence >= near


def differs(
    desk: Desk, requester: Requester, ticket: Ticket, text: str, now: datetime | None = None
) -> Differs | None:
    """How `text`, written beside `ticket` in hand (no inquiry of theirs going on, and not
    taken apart already: `own_kind.apart_from`), differs from its matter; None when it may
    well be the ticket's (the ticket's thing named, words shared, a follow-up).

    Another thing named (config `surge.objects`) than all those the ticket's words name, and
    none of them: another matter (`APART`), or, pointing back at the ticket (`points_back`),
    maybe (`ASK`); a thing named beside a ticket that names none, sharing nothing with it
    (`own_kind.same_matter`): maybe. No thing named, another matter the knowledge base knows
    said not done, not the ticket's (`other_asked.tells_other_not_done`: "my pension payment
    did not arrive this month" beside a street light): maybe, whatever words of a follow-up
    it holds ("还没", "this"). No thing named, nor pointing back at the ticket: a
    template the knowledge base answers the words with (the `answer` band) of another
    category than the ticket's and not its matter is another matter (maybe, when they refer
    back to the ticket: `follow_up.refers_back`); one only close to them
    (the `suggest` band), maybe, unless they read as a follow-up (`follow_up.follows_up`);
    none of another category (the knowledge base knows no other kind of matter in them),
    maybe when they share nothing with the ticket's matter (`shares_nothing`: "楼上邻居天天
    晚上吵得睡不着" beside a street light), else the ticket's; at `now` within `TELLING` of
    the ticket's opening, the ticket's: the requester is still telling its matter (None:
    `now` unknown, judged as later), unless the knowledge base comes near another kind of
    matter in them, if less surely than it answers (`near_another_kind`). A ticket whose
    words tell no matter yet (anger, a person asked for: `small_words.carries_no_matter`) has
    none to differ from: the words are its matter (None).
    Beside a resolution awaiting their word, words that answer it (solved, not solved, a
    rating: `resolution_words.read_after_resolution`) are the ticket's, whatever else they
    name ("对,来电了" beside a housing ticket confirms it; it asks nothing of the power)."""
    if answers_resolution(ticket, text):
        return None
    words = matter_words(ticket.question, ticket.inquiry)
    if all(carries_no_matter(line) for line in words.split("\n")):
        return None  # no matter told yet ("This is ridiculous!!!", then a person): none to differ
    objects = desk.settings.surge.objects
    named, theirs = things(text, objects), things(words, objects)
    if named:
        if named & theirs:
            return None
        if theirs:
            return Differs.ASK if points_back(text, objects, words) else Differs.APART
        return None if same_matter(desk, ticket, text) else Differs.ASK
    # Another matter the knowledge base knows said not done ("my pension payment did not arrive
    # this month"): not the ticket's "not solved yet"; maybe, whatever follow-up word it holds.
    if tells_other_not_done(desk, ticket, text, requester.language) and not same_matter(
        desk, ticket, text
    ):
        return Differs.ASK
    if points_back(text, objects, words):  # the cheap test first: no search for "还是没修好"
        return None
    matches = desk.matcher.search(text, requester.language, limit=1)
    band = desk.matcher.band(matches)
    best = desk.templates.get(matches[0].template_id) if matches else None
    if best is None or band is Band.HANDOVER or same_kind(best, ticket, sure=band is Band.ANSWER):
        # No other kind of matter known: asked about only when it shares nothing with it.
        telling = (
            now is not None
            and now - ticket.opened_at <= TELLING
            and not near_another_kind(desk, ticket, matches)
        )
        return (
            Differs.ASK
            if not telling and shares_nothing(desk, ticket, text, words, best)
            else None
        )
    if same_matter(desk, ticket, text):
        return None
    if band is Band.ANSWER:
        # Words going on from the ticket ("已经好几天了,物业不管" beside a leak): maybe its,
        # asked, never filed apart unasked.
        return Differs.ASK if refers_back(text) else Differs.APART
    return None if follows_up(text) else Differs.ASK

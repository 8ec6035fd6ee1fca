"""Words right after an answer that tell a fault, while the answer was about no fault: a matter
of its own (issue 14). "社保卡丢了怎么补办?" answered, then "幸福里3号楼也停电了" or
"我们楼的下水道堵了": a clerk hears a power cut or a blocked drain, not more about the card,
though no template of the knowledge base comes close to the words.

And the other way round, words that narrow the matter just answered: "公积金" alone was
answered with the balance (the bot's best guess at a bare topic), then "怎么提取": a clerk
hears more about the same housing fund, not a new matter, though another template comes
closest to the new words (`narrows`). The inquiry goes on whole, so that the ticket it may
become holds every piece of it, and the first answer's buttons stay the inquiry's.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.classify import infer_category
from bot.danger_matter import of_matter
from bot.desk import Desk
from bot.faults import cut_supplies, reports_fault, supplies_cut_now
from bot.intake import inquiry
from bot.intake.close import matter_words, other_matter, ticket_matter, topic
from bot.intake.complaint_opener import about_handling, complaint_told
from bot.intake.follow_up import Beside, follows_up, own_matter, shares_words
from bot.intake.inquiry import Turn
from bot.intake.new_matter import reads_as_question, starts_anew
from bot.intake.other_asked import others_named
from bot.intake.search import keywords_named
from bot.intake.small_words import carries_no_matter
from bot.models import Requester, Ticket
from bot.priority import emergency_words
from bot.resolution_words import says_not_solved
from bot.same_matter import alike, subject, things
from knowledge.matcher import Band

# How close the words before an answer must come to the template the next words find, next
# to the answered one, for those next words to narrow the same matter (`narrows`).
NARROWING = 0.75


def anew_after(
    desk: Desk,
    text: str,
    answered: str | None,
    closest: str | None,
    *,
    turns: Sequence[Turn] = (),
    language: str | None = None,
) -> bool:
    """`new_matter.starts_anew` for `text` right after the answer of template(s) `answered`,
    `closest` the template the knowledge base finds it nearest, `turns` the inquiry before
    `text`: a fault told after an answer about none starts anew too (`tells_fault_after`),
    and so do words naming another thing than the answered matter's (`names_another_thing`);
    words that narrow the answered matter (`narrows`) do not, unless an opener says so."""
    # A fault in words of the matter asked about ("the broken kettle" after the refund for
    # it was answered) is more of that matter, not a new one.
    fault = (
        tells_fault_after(desk, text, answered) and not shares_words(text, matter_said(turns))
    ) or tells_other_kind_after(desk, text, answered, turns)
    fault = fault or names_another_thing(desk, text, answered, turns)
    same = bool(answered and closest) and (
        narrows(
            desk,
            matter_said(turns),
            answered=answered or "",
            closest=closest or "",
            language=language,
        )
        or not names_its_own(desk, text, answered=answered or "", closest=closest or "")
    )
    return starts_anew(
        text=text, answered=answered, closest=answered if same else closest, fault=fault
    )


def strays(
    desk: Desk, text: str, answered: str, closest: str | None, turns: Sequence[Turn] = ()
) -> bool:
    """Whether `text`, more of the matter answered by template(s) `answered` (not a new
    matter: `anew_after`), comes closest to another template that does not narrow that matter
    (`narrows`): its few words chose it blind ("补办要多久" after the social security card's
    answer comes nearest the ID card's), and a person takes them, as more of the matter
    answered (its department: `close.Matter`), rather than another matter's answer."""
    if closest is None or closest in answered.split(","):
        return False
    return not narrows(desk, matter_said(turns), answered=answered, closest=closest, language=None)


def names_its_own(desk: Desk, text: str, *, answered: str, closest: str) -> bool:
    """Whether `text`, coming closest to template `closest` right after the answer of
    template(s) `answered`, names a topic of that template's own: one of its keywords that
    no answered template has ("社保卡" after the housing fund's answer). Words naming none
    ("补办要多久" after the social security card's answer, "it says my account is frozen"
    after the housing fund balance's) ask more of the matter answered, as a clerk hears them,
    whichever template their few words come nearest."""
    theirs = {k for t in answered.split(",") for k in keywords_named(desk.templates.get(t), text)}
    return bool(set(keywords_named(desk.templates.get(closest), text)) - theirs)


def matter_said(turns: Sequence[Turn]) -> str:
    """The requester's words of an inquiry that say something of its matter (greetings,
    openers, a request for a person left out: `carries_no_matter`), one text a line; ""
    when none does."""
    return inquiry.words(turns, asks_for_person=carries_no_matter)


def narrows(
    desk: Desk, earlier: str, *, answered: str, closest: str, language: str | None
) -> bool:
    """Whether words coming closest to template `closest`, said right after the answer of
    template(s) `answered` to the requester's `earlier` words, narrow that same matter: the
    earlier words come nearly as close to `closest` as to the answered template (at least
    NARROWING of its score): "公积金", answered with the balance, is as much about
    withdrawing it, so "怎么提取" after it is more of the same. Words about another thing
    ("社保卡丢了怎么补办" after "公积金怎么提取") find a template the earlier words do not."""
    if not earlier or not closest or closest in answered.split(","):
        return False
    found = desk.matcher.search(earlier, language, limit=len(desk.templates))
    scores = {m.template_id: m.score for m in found}
    base = max((scores.get(t, 0.0) for t in answered.split(",")), default=0.0)
    return base > 0 and scores.get(closest, 0.0) >= NARROWING * base


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


def tells_other_kind_after(
    desk: Desk, text: str, answered: str | None, turns: Sequence[Turn] = ()
) -> bool:
    """Whether `text`, written right after the bot answered with template(s) `answered`, tells
    a matter of a kind that needs a person (config `categories[].needs_person`: a complaint,
    a fault) by its cue words (`classify.infer_category`), a kind none of the answered
    templates is, sharing no word of a matter with the inquiry so far (`turns`) nor with the
    answered templates' questions (`follow_up.shares_words`), and, a complaint, not about how
    its matter is handled (`complaint_opener.about_handling`), nor saying it is not solved: a
    new matter (issue 14: "社保卡丢了怎么补办" answered, then "我家楼上每天晚上装修到12点…我要
    投诉" is a noise complaint of its own, never the card's ticket). "我要投诉" alone after an
    answer hands the answered matter over as a complaint (`after_answer`), before this."""
    if not answered or says_not_solved(text):
        return False
    kind = infer_category(desk.settings, text)
    if kind is None or not desk.settings.needs_person(kind):
        return False
    templates = [desk.templates.get(t) for t in answered.split(",")]
    if any(t is None or t.category == kind for t in templates):
        return False
    if kind == complaint_kind(desk) and about_handling(complaint_told(text) or text):
        return False
    asked = "\n".join(
        q for t in templates if t is not None for qs in t.questions.values() for q in qs
    )
    return not shares_words(text, f"{matter_said(turns)}\n{asked}")


def names_another_thing(
    desk: Desk, text: str, answered: str | None, turns: Sequence[Turn] = ()
) -> bool:
    """Whether `text`, written right after the bot answered with template(s) `answered`,
    names a thing (config `surge.objects`: bins, a street light, a drain) that neither the
    inquiry so far (`turns`) nor the answered templates name (their questions, answers,
    keywords and the details they ask for, in every language: "灯杆编号" is the street
    light's), and does not say the answer did not help (`says_not_solved`): another matter, a
    first inquiry of its own (issue 14: "社保卡丢了怎么补办" answered, then "我家楼下的垃圾桶
    好几天没人清理了" is the bins, never more of the card: neither its ticket nor its
    department). "路灯还是不亮" after the street light's answer names the answered thing."""
    if not answered or says_not_solved(text):
        return False
    objects = desk.settings.surge.objects
    named = things(text, objects)
    if not named:
        return False
    templates = [desk.templates.get(t) for t in answered.split(",")]
    known = [matter_said(turns)]
    for t in templates:
        if t is not None:
            known += [q for qs in t.questions.values() for q in qs]
            known += [*t.answer.values(), *t.keywords]
            if t.handling is not None:
                known += [d for ds in t.handling.ask_for.values() for d in ds]
    return not named & things("\n".join(known), objects)


def complaint_kind(desk: Desk) -> str | None:
    """The category a complaint is filed in (its cue word's, as
    `complaint_opener.opener_category` says)."""
    return infer_category(desk.settings, "投诉") or infer_category(desk.settings, "complaint")


def apart_from(desk: Desk, requester: Requester, ticket: Ticket, text: str) -> bool:
    """Whether `text`, written beside `ticket` in hand (no inquiry of theirs going on), is a
    matter of its own: a question of another matter the knowledge base answers
    (`close.other_matter`), or one that needs a person apart (`follow_up.own_matter`): "我家
    停电了" beside a fire-lane complaint or a street light is a first inquiry of its own (its
    own ticket), never filed into the unrelated one; "路灯还是不亮", "any news?", an address or
    thanks stay the ticket's (`follow_up.follows_up`). The cheap readers first: a follow-up
    is the ticket's without a search. A danger to people told now is its own matter unless
    it is the ticket's (`bot.danger_matter.of_matter`: sparks from the pole of the street
    light reported; a gas smell beside a power cut is never filed into it), whatever other
    words it holds ("又闻到煤气味了"); so is an explicit complaint or report of another
    matter than the ticket's (`complaint_apart`: "我要投诉隔壁装修噪音")."""
    if emergency_words(desk.rules, text):
        return danger_apart(desk, ticket, text)
    told = complaint_told(text)
    if told:
        return complaint_apart(desk, ticket, text, told, language=requester.language)
    words = matter_words(ticket.question, ticket.inquiry)
    if other_matter(desk, requester, ticket, text):
        return True
    if follows_up(text):
        return False
    # A fault or a supply cut told now: a matter to act on (a danger: `danger_apart`).
    fault = reports_fault(text) or infer_category(desk.settings, text) == fault_category(desk)
    question = reads_as_question(text)
    if not fault and not question:
        return False
    matches = desk.matcher.search(text, requester.language, limit=1)
    close = matches and desk.matcher.band(matches) is not Band.HANDOVER
    searched = desk.templates.get(matches[0].template_id) if close else None
    # Only a template the search comes close to (offered or answered, never a category asked
    # beside the ticket: the next follow-up would join it) places a question elsewhere.
    elsewhere = searched is not None and (
        searched.category != ticket.category or searched.department != ticket.department_key
    )
    return own_matter(
        Beside(
            follow_up=False,
            same_matter=same_matter(desk, ticket, text),
            fault=fault,
            ticket_fault=ticket.category == fault_category(desk),
            new_supply=bool(supplies_cut_now(text) - cut_supplies(words)),
            question=question,
            elsewhere=elsewhere,
        )
    )


def complaint_apart(
    desk: Desk, ticket: Ticket, text: str, told: str, *, language: str | None = None
) -> bool:
    """Whether `text`, an explicit complaint or report opener followed by `told` (what it is
    about: `complaint_opener.complaint_told`), is a matter of its own beside `ticket`: not
    when it tells the ticket's matter (`same_matter`) or complains of the ticket's handling
    (`about_handling`: "我要投诉,社保卡补办这么慢", "你们拖了这么久"), unless the handling it
    complains of is another matter's, one the knowledge base knows and `told` names
    (`other_asked.others_named`, searched in `language`: "我要投诉,户口迁移办了三个月还没办好,
    窗口工作人员态度很差" beside a street light's ticket is the household registration
    window's); "我要投诉隔壁装修噪音" beside a lost social security card's ticket is a new
    inquiry, never filed into it."""
    if same_matter(desk, ticket, text):
        return False
    return not about_handling(told) or bool(others_named(desk, ticket, told, language))


def danger_apart(desk: Desk, ticket: Ticket, text: str) -> bool:
    """Whether `text`, written beside `ticket` in hand, tells a danger to people now
    (`emergency_words`) that is not the ticket's matter (`bot.danger_matter.of_matter`): its
    own urgent ticket, never filed into that one (a caption under a photo too)."""
    if not emergency_words(desk.rules, text):
        return False
    return not of_matter(text, matter_words(ticket.question, ticket.inquiry))


def same_matter(desk: Desk, ticket: Ticket, text: str) -> bool:
    """Whether `text` tells `ticket`'s matter: a word of a matter shared with its words
    (`shares_words`), a thing it names by another of its names (config `surge.objects`:
    "灯杆底座也有点歪" beside "路灯坏了", the light's pole), a supply it says is cut now that
    they say is cut ("There is no electricity at home" beside "The power is out in my flat",
    whichever template the knowledge base finds nearer), the topic the knowledge base finds
    in it the ticket's (`close.ticket_matter`), or, none found, alike as the surge check
    judges (`same_matter.alike`)."""
    words = matter_words(ticket.question, ticket.inquiry)
    if shares_words(text, words) or supplies_cut_now(text) & cut_supplies(words):
        return True
    objects = desk.settings.surge.objects
    if things(text, objects) & things(words, objects):
        return True
    found = topic(desk.matcher, text, desk.templates)
    template = desk.templates.get(found) if found is not None else None
    return (
        ticket_matter(desk, ticket, text, template)
        if template is not None
        else alike(
            subject(text, None),
            subject(words, topic(desk.matcher, words, desk.templates)),
            desk.settings.surge.similarity,
        )
    )


def fault_category(desk: Desk) -> str:
    """The category of fault reports (config `emergency.category`)."""
    return desk.settings.emergency.category

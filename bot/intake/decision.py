"""The first-inquiry decision: what the desk does with a requester's text, as a pure function.

The seed's first rule (首问负责): whoever receives an inquiry first takes it whole. For a text a
requester writes in their private chat, the desk either files it under their open ticket,
answers it from the knowledge base, offers close templates, asks once what it is about, or hands
it to a person (a ticket with a promise). What it does depends only on plain values: the step
the dialog is at (`DialogStep`), whether a ticket is in progress, whether they asked for a
person, how close the knowledge base came (`Band`) and whether the words are too vague to act
on. Nothing here reads the database, the clock or Telegram.

The table, in words (each row wins over those below it):

| step                   | ticket | asked for a person | band     | vague | action      |
| ---------------------- | ------ | ------------------ | -------- | ----- | ----------- |
| any (nothing visible)  | any    |                    |          |       | NO_WORDS    |
| none                   | yes*   | any, not aside     |          | any   | INTO_TICKET |
| any, an emergency said |        | any                |          | any   | EMERGENCY   |
| CATEGORY, a name said  |        | any                |          | any   | IN_CATEGORY |
| CATEGORY               |        | yes                |          | any   | FALLBACK    |
| CATEGORY, withdrawn    |        | no                 |          | any   | DROPPED     |
| CATEGORY, filler       |        | no                 |          | any   | REMIND      |
| CATEGORY, other words  |        | no                 |          | any   | MORE        |
| CLARIFY, MATTER, ABOUT,|        | any                |          | any   | DROPPED     |
| withdrawn              |        |                    |          |       |             |
| any (no words at all)  |        |                    |          |       | NO_WORDS    |
| none, NEW_Q., ABOUT,   |        | a forward alone    |          |       | ASK_ABOUT   |
| CLARIFY                |        |                    |          |       |             |
| none, NEW_Q., CLARIFY  |        | no matter said     |          |       | ASK_MATTER  |
| MATTER, anger, asked<2 |        | no matter, no pers.|          |       | ASK_MATTER  |
| none, NEW_Q., CLARIFY  |        | an opener          |          |       | CLARIFY     |
| CLARIFY (MATTER)       |        | courtesy           |          | any   | CLARIFY     |
|                        |        |                    |          |       | (ASK_MATT.) |
| none, NEW_QUESTION     |        | courtesy           |          |       | COURTESY    |
| any other              |        | yes                |          | any   | HANDOVER    |
| none, after an answer  |        | "not solved" said  | any      | any   | HANDOVER    |
| any                    |        | no, own case asked | any      | any   | HANDOVER    |
| none, NEW_Q., ABOUT    |        | an announcement    | ANSWER   |       | ANSWER      |
| none, NEW_Q., ABOUT    |        | an announcement    | ANSWER*, |       | ASK_ABOUT   |
|                        |        |                    | other    |       |             |
| MATTER                 |        | no                 | ANSWER*  |       | REGISTER    |
| MATTER                 |        | no                 | other    |       | HANDOVER    |
| none, NEW_Q., CLARIFY, |        | no, a how-to only  | ANSWER*  | any   | ANSWER      |
| ABOUT (each row)       |        |                    |          |       |             |
| none, NEW_Q., CLARIFY, |        | no                 | ANSWER*  | any   | REGISTER    |
| ABOUT (each row)       |        |                    |          |       |             |
| none, NEW_Q., CLARIFY  |        | no                 | ANSWER   | any   | ANSWER      |
| none, NEW_Q., CLARIFY, |        | no, a fault told   | SUGGEST* | any   | REGISTER    |
| ABOUT (each row)       |        | no, a fault told   | SUGGEST  | any   | HANDOVER    |
| none, NEW_Q., CLARIFY  |        | no                 | SUGGEST  | any   | SUGGEST     |
| none, NEW_QUESTION     |        | no, no fault told  | HANDOVER | yes   | CLARIFY     |
| any other              |        |                    | HANDOVER |       | HANDOVER    |

("own case asked": their words ask how their own case under way stands, and tell no fault
("我的居住证续签一直没办好,怎么回事?", "my permit renewal has been pending for a month":
`bot.intake.close_status.asks_own_status`): a how-to template does not answer it and only staff
can look a case up, so a person takes it, every word kept, whatever the knowledge base says;
"a how-to only": their words only ask how, where or whom to report a matter, its number,
hours or procedure ("停电报修电话是多少", "What number do I call for a power cut?":
`bot.hazard.asks_how_only`, the reader that keeps such words from telling a danger, an urgent
keyword or a fault now): a clerk answers, nothing of theirs is happening to register;
"a fault told": their own words tell a public thing broken, missing, blocked or fallen, or a
supply cut off ("井盖丢了", "树倒了", "the drain is blocked": `bot.faults.reports_fault`): a
clerk registers the fault rather than offer "did you mean" ("the drain is blocked" came close
to the parking complaint's "my exit is blocked"), or ask what a three-word fault is about:
SUGGEST*, the closest template is a fault report's that needs a person (the words and the
template agree: "no water at all since this morning" and the water outage's), its answer and
its ticket; else a ticket in the fault report's category (`bot.classify.infer_category`), for
the department config `routing` names.
"an emergency said": their own words (not a forward's, not a notice's) tell a danger to people,
config `keywords` marked `emergency` (`bot.priority.emergency_words`): a careful clerk asks
nothing first, the matter is an urgent fault report at once, and the requester hears the
emergency numbers; into a ticket in progress the same words raise it to urgent. "ticket": a
ticket in progress; blank: not looked at; "no matter said": nothing of theirs waits (no earlier
question) and the text only asks for a person ("人工", `wants_person`) or names a kind of
service ("我要报修", "I want to complain": `names_no_matter`), so a clerk asks what the matter
is, once, and a person takes it with the matter they then say, their first words kept (after an
opener too: nothing waits); "an opener": a greeting or a sentence that only announces a question
("我想咨询一下", "I need help": `bot.intake.openers`): what is it about? Then their next text is
searched alone (another opener first, "你好,我有个问题": asked again, never a question of its
own); "courtesy": thanks, "ok", "好的" alone or in a row, nothing of theirs waiting
(`is_courtesy`): a clerk says "you're welcome" and offers help, asks nothing, opens nothing
(said to "what is it about?" or "what is the matter?", that is asked again: never its words);
"a forward alone": the text is forwarded, not written by them, and nothing of
theirs waits (`forwarded`): a clerk handed a notice asks what they want done about it, once, and
their answer with the forward is the question (at ABOUT, more forwards join it and the question
is not asked anew; the band is their answer's alone, `searched_words`; at CLARIFY a forward
says none of what they want either; issue 14: it was searched as their answer); "an
announcement": a notice typed, stating a fact with nothing of theirs in it ("通知:本周六停水",
`bot.intake.announcement`), nothing of theirs waiting: a clerk answers from a template that fits
and needs no person, else asks what they want done about it, as for a forward (a notice leading
words of their own is their matter, its band that of their words); "a name said": the text is
the name of a category the buttons show, or a sentence that plainly names one ("这是投诉", "it's
a complaint", "我要报修": `bot.intake.choice`), taken as the choice; "filler": no words, a
greeting, thanks, "ok", or a run of them ("ok thanks": `is_filler`): nothing of the matter, so
the buttons stay and the requester is reminded of them (never in the same words twice, one
live set of buttons, and after three reminders the question goes to a person under the
fallback category: `pending.reminder`);
"other words": more of the question (the second part of a long paste, details): added to it, and
its category decided anew from the whole question, the buttons staying while it still does not
tell (an edit of the question replaces its words in it, and the buttons stay whatever it
now says: a correction, not a choice; nothing opens until the requester chooses); yes*: a
ticket in progress (or resolved, awaiting their word) and no first inquiry of theirs beside
it (one begun after /new takes their follow-ups until it ends: a ticket takes it, it is
solved, or it lies idle, `bot.intake.inquiry.current`; one begun aside takes only words that
answer its answer, "没用", "解决了", alone or leading a question, "没用,我是想问…", or name
an option it offered, "the second one", "都不是": `inquiry.is_aside`,
`bot.intake.new_matter.led_question`, `bot.intake.pressing.names_offer`); "not aside": the
text is not a question of another matter the knowledge base answers confidently
(`bot.intake.new_matter.aside`: an ANSWER, no person needed, not the ticket's matter as
`bot.same_matter.alike` judges it, a question, no "not solved"), nor a matter plainly of its
own that needs a person (`bot.intake.own_kind.apart_from`: a fault or supply cut of another kind
than the ticket's, "我家停电了" beside a fire-lane complaint; a question the knowledge base
places at another category's and department's matter; never words that may follow the
ticket up, `bot.intake.follow_up.follows_up`), nor words the knowledge base
places at another matter after a lead ("还有,…", "解决了,谢谢。另外,…": `bot.intake.lead.apart`;
"solved" said of a resolution awaiting their word confirms it). Such a question is searched
and answered as for anyone and NOT filed in the ticket: a clerk answers it without bothering
the ticket's owner, and nothing is lost, since it and its answer begin the requester's own
first inquiry, which reaches a person whole if the answer does not help; the
resolution awaiting their word is not asked again. "after an answer": the bot's last act was an
answer and the text plainly says it did not help ("没用", "that didn't help":
`bot.closure.says_not_solved`) and starts no new matter (`bot.intake.new_matter.starts_anew`;
thanks closing the answered one before it stay out of the new one's question), as pressing *Not
solved* does (before the search, the flow takes words that name no matter of their own right
after an answer as said about it, `bot.intake.reply`: "no", "this does not help me" as *Not
solved*, "yes", "解决了" as *Solved* (SOLVED), "I want to complain" as that matter in that
category); ANSWER*: the answer's template says the matter needs a person, a fault to repair or
an application to process: the bot answers, asks for the details the template lists and opens
the ticket itself.) A dialog step other than none means the bot is waiting for something from
this text (a new question after /new, more words after a vague opener, a category), so the open
ticket does not take it. The bot asks to clarify at most once: after CLARIFY (or ABOUT) a vague
text is handed over. A text with no words at all (only punctuation, emoji, spaces, or keys
struck at random, "asdfghjkl": `says_words`) is no question: the requester is asked what they
need and the step stays as it was (into a ticket in progress it is filed like anything else).

The requester's buttons have their own table: bot/intake/buttons.py.
"""

from __future__ import annotations

from enum import StrEnum

from bot.fillers import FILLERS as FILLERS
from bot.intake.close_handover import Handover as Handover
from bot.intake.close_handover import handover as handover
from bot.intake.close_handover import route as route
from bot.intake.openers import HUMAN_WORDS as HUMAN_WORDS
from bot.intake.openers import names_no_matter as names_no_matter
from bot.intake.openers import wants_person as wants_person
from bot.intake.small_words import GREETINGS as GREETINGS
from bot.intake.small_words import carries_no_matter as carries_no_matter
from bot.intake.small_words import has_words as has_words
from bot.intake.small_words import is_courtesy as is_courtesy
from bot.intake.small_words import is_filler as is_filler
from bot.intake.small_words import is_opening as is_opening
from bot.intake.small_words import is_vague as is_vague
from bot.intake.small_words import says_words as says_words
from bot.models import DialogStep
from knowledge.matcher import Band


class Action(StrEnum):
    """What the desk does with one text of a requester's."""

    INTO_TICKET = "into_ticket"  # filed under the ticket in progress, copied to its staff
    HANDOVER = "handover"  # to a person: a ticket (its category from words, a template, or asked)
    FALLBACK = "fallback"  # they wrote instead of picking a category: a ticket in the fallback
    # category, with their words added (unless the words only asked for a person)
    ANSWER = "answer"  # the knowledge base's answer, with "solved" / "not solved"
    REGISTER = "register"  # the answer, and a ticket at once in the template's category and
    # department, asking for the details it lists (the matter needs a person)
    SUGGEST = "suggest"  # "did you mean": up to three close templates
    CLARIFY = "clarify"  # one question: what is it about?
    ASK_MATTER = "ask_matter"  # a person or a service asked for, no matter said: what is it?
    ASK_ABOUT = "ask_about"  # a forward alone: what do they want done about it?
    IN_CATEGORY = "in_category"  # a category's name typed instead of pressed: the choice
    REMIND = "remind"  # filler while the category buttons wait: they stay, a short reminder
    MORE = "more"  # more words (or an edit) for the question waiting for its category:
    # added to it, its category decided anew (a ticket, or the buttons stay); an edit
    # replaces its words there and the buttons stay
    DROPPED = "dropped"  # words that withdraw the question waiting for its category ("算了,
    # 不用了", bot/withdrawal_words.py): it is dropped with its buttons, nothing filed
    NO_WORDS = "no_words"  # no words at all: what do they need? (nothing changes)
    SOLVED = "solved"  # "yes" / "解决了" right after an answer: as *Solved* pressed
    COURTESY = "courtesy"  # thanks or "ok" with nothing asked: you're welcome, what else?
    RATED = "rated"  # only a rating typed: recorded where awaited, else thanked (rating_typed)
    EMERGENCY = "emergency"  # a danger to people said: an urgent ticket at once (with the
    # answer of a template that needs a person, if one answers), the emergency numbers first


def before_match(
    *,
    step: DialogStep | None,
    ticket_in_progress: bool,
    asks_for_person: bool,
    words: bool = True,
    no_matter: bool = False,
    question_waiting: bool = False,
    forwarded: bool = False,
    names_category: bool = False,
    withdrawn: bool = False,
    filler: bool = False,
    beside: bool = False,
    emergency: bool = False,
    aside: bool = False,
    opener: bool = False,
    courtesy: bool = False,
    empty: bool = False,
    vented: bool = False,
) -> Action | None:
    """The action decided without the knowledge base, or None: search it, then `after_match`.
    `words`: the text carries any (`says_words`; keys struck at random are none);
    `no_matter`: it only asks for a person or a service (`names_no_matter`);
    `question_waiting`: words of theirs wait for an answer or a person (an earlier
    question); `forwarded`: the text was forwarded, none of it theirs;
    `names_category`: it names a category (`choice.category_named`, `choice.category_said`);
    `withdrawn`: it lets go of what waits (`letting_go.lets_go`: "算了", "never mind");
    `filler`: it says nothing of any matter (`is_filler`); `beside`: a first inquiry of theirs
    goes on beside the ticket in progress (begun after /new, not yet ended); `aside`: a
    question of another matter than the ticket's, answered (`new_matter.aside`);
    `emergency`: their own words in it tell a danger to people
    (`bot.priority.emergency_words`); `opener`: a greeting or an opener written by them
    (`is_opening`); `courtesy`: thanks or "ok" written by them (`is_courtesy`); `empty`:
    nothing in it shows (`wordless.is_empty`: zero-width characters alone), never filed as
    their words, in a ticket either: it arrived empty; `vented`: the words before it or
    these only vent anger, and the matter was asked for fewer than twice
    (`openers.anger_asked`): a service named after anger ("I want to complain"), or anger
    after a service named ("我要投诉!!!" then "你们这些人到底干什么吃的!!!"), is still no
    matter, asked once more (an apology first for anger: `Outcome.upset`); never a third
    time, then a person takes what was said."""
    if empty:
        return Action.NO_WORDS
    if step is None and ticket_in_progress and not beside and not aside:
        return Action.INTO_TICKET
    if emergency:
        return Action.EMERGENCY
    if step is DialogStep.CATEGORY:
        if names_category:
            return Action.IN_CATEGORY
        if asks_for_person:
            # "人工" instead of a category: a person takes it now, under the fallback
            # category; asking again would keep them from a person.
            return Action.FALLBACK
        if withdrawn:
            return Action.DROPPED
        if filler or not words:
            return Action.REMIND
        return Action.MORE
    if withdrawn and step in _LET_GO:
        return Action.DROPPED  # "算了", "没事了", "never mind" while more is waited for
    if not words:
        return Action.NO_WORDS
    if forwarded and (
        step in (DialogStep.ABOUT, DialogStep.CLARIFY)
        or (not question_waiting and step in (None, DialogStep.NEW_QUESTION))
    ):
        return Action.ASK_ABOUT
    if no_matter and not question_waiting and step in (None, *_OPENED):
        return Action.ASK_MATTER
    if no_matter and vented and not asks_for_person and step is DialogStep.MATTER:
        return Action.ASK_MATTER  # anger, or a service named after it: still no matter
    if opener and not question_waiting and step in (None, *_OPENED):
        return Action.CLARIFY  # another opener after the first: asked again, no question
    if courtesy and step is DialogStep.CLARIFY:
        return Action.CLARIFY  # "ok" to "what is it about?": asked again, never its words
    if courtesy and step is DialogStep.MATTER:
        return Action.ASK_MATTER  # "ok" to "what is the matter?": the same
    if courtesy and not question_waiting and step in (None, DialogStep.NEW_QUESTION):
        return Action.COURTESY  # thanks, "ok", nothing asked: you're welcome
    if asks_for_person:
        return Action.HANDOVER
    return None


_OPENED = (DialogStep.NEW_QUESTION, DialogStep.CLARIFY)  # a person asked for: what matter?
_LET_GO = (DialogStep.CLARIFY, DialogStep.MATTER, DialogStep.ABOUT)  # more waited for


def after_match(
    *,
    step: DialogStep | None,
    band: Band,
    vague: bool,
    needs_person: bool = False,
    announced: bool = False,
    question_waiting: bool = False,
    unhelped: bool = False,
    fault: bool = False,
    fault_template: bool = False,
    how_to: bool = False,
    status: bool = False,
) -> Action:
    """The action once the knowledge base has said how close it came (`needs_person`: the
    best template says a person must act on the matter; `announced`: the text is an
    announcement, `bot.intake.announcement`; `question_waiting` as for `before_match`;
    `unhelped`: the text plainly says the answer the bot just gave did not help, and starts
    no new matter, `new_matter.starts_anew`; `fault`: their words tell a fault by its kind,
    `bot.faults.reports_fault`; `fault_template`: the best template is a fault report's;
    `how_to`: the text only asks how, where or whom to report a matter, its number, hours or
    procedure, `bot.hazard.asks_how_only`: a template that needs a person answers it, and
    opens nothing, as for any question: nothing of theirs is happening to act on; `status`:
    the text asks how their own case under way stands, `close_status.asks_own_status`)."""
    if step is None and unhelped:
        return Action.HANDOVER  # as *Not solved* pressed: a person takes it
    if status and not fault and not announced:
        return Action.HANDOVER  # their own case's state: only staff can look it up
    if announced and (
        step is DialogStep.ABOUT
        or (not question_waiting and step in (None, DialogStep.NEW_QUESTION))
    ):
        # A notice typed, nothing of theirs in it: a template's answer when one fits and
        # asks no person to act, else what do they want done about it (never a ticket of
        # what it announces).
        return Action.ANSWER if band is Band.ANSWER and not needs_person else Action.ASK_ABOUT
    if step is DialogStep.MATTER:
        # They asked for a person or a service: the matter they now say goes to a person
        # (with a template's details asked for, when one says a person must act on it).
        return Action.REGISTER if band is Band.ANSWER and needs_person else Action.HANDOVER
    if band is Band.ANSWER:
        return Action.REGISTER if needs_person and not how_to else Action.ANSWER
    if band is Band.SUGGEST and fault:
        return Action.REGISTER if fault_template and needs_person else Action.HANDOVER
    if band is Band.SUGGEST:
        return Action.SUGGEST
    if vague and not fault and step not in (DialogStep.CLARIFY, DialogStep.ABOUT):
        return Action.CLARIFY
    return Action.HANDOVER


def decide(
    *,
    step: DialogStep | None,
    ticket_in_progress: bool,
    asks_for_person: bool,
    band: Band,
    vague: bool,
    needs_person: bool = False,
    announced: bool = False,
    unhelped: bool = False,
    fault: bool = False,
    fault_template: bool = False,
    how_to: bool = False,
    status: bool = False,
    **said: bool,
) -> Action:
    """The whole table in one call (the desk itself searches only when `before_match` says
    nothing, since searching costs time); `said`: `before_match`'s other flags."""
    decided = before_match(
        step=step, ticket_in_progress=ticket_in_progress, asks_for_person=asks_for_person, **said
    )
    return decided or after_match(
        step=step,
        band=band,
        vague=vague,
        needs_person=needs_person,
        announced=announced,
        question_waiting=said.get("question_waiting", False),
        unhelped=unhelped,
        fault=fault,
        fault_template=fault_template,
        how_to=how_to,
        status=status,
    )


def question_of(*, step: DialogStep | None, earlier: str | None, text: str) -> str:
    """The question a text makes: after a clarifying question or a category choice the earlier
    words lead, so the requester never repeats themselves. Nothing is cut: the ticket keeps
    every word (what must be shown short says so where it is shown)."""
    if earlier and step in (
        DialogStep.CLARIFY,
        DialogStep.CATEGORY,
        DialogStep.MATTER,
        DialogStep.ABOUT,
    ):
        return f"{earlier}\n{text}"
    return text


def searched_words(
    *, step: DialogStep | None, earlier: str | None, text: str, own: str | None = None
) -> str:
    """The words the knowledge base is searched with for a text: the requester's own (`own`:
    their words after a notice that leads the text, `bot.intake.announcement.leading_notice`;
    else the text), as `question_of` joins them to what they complete. At ABOUT (the bot
    asked what they want done about a notice) their reply alone: a matter of their own is
    found as if no notice preceded it, the notice staying in the question as its context.
    Words too short to say anything alone (`is_vague`: "怎么办?", "ok") are searched with
    what they lean on: the notice leading them, the question before them."""
    mine = own if own and not is_vague(own) else text
    if step is DialogStep.ABOUT and not is_vague(mine):
        return mine
    if step is DialogStep.CLARIFY and earlier and all(map(carries_no_matter, earlier.split("\n"))):
        return mine  # after an opener alone, their matter is searched as if nothing preceded
    return question_of(step=step, earlier=earlier, text=mine)

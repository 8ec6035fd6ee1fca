"""Openers that carry no matter, as a pure function: "我想咨询一下", "I have a question".

Many requesters open with a sentence that only announces a question ("我想咨询一下", "我有个
问题", "我想反映个情况", "I have a question", "I need help", "can you help me?"). A clerk at
the window answers "what is it about?" and then takes what they say as the question, looked
up like any other (`Action.CLARIFY` in `bot.intake.decision`); a request for a person right
after such an opener is asked for the matter first, as "人工" alone is (`Action.ASK_MATTER`).
A greeting ("你好", "hello": `decision.GREETINGS`) is one too. Beside them, the words that
ask for a person or a kind of service and say nothing of the matter either (`wants_person`,
`names_no_matter`): a clerk asks what the matter is, and a person takes it; and those that ask
to see or speak to a person about a matter they tell (`asks_in_person`). Anger that names no
matter (`outburst`) is read by its kinds too (`bot.intake.anger`: tries counted, no answer,
contempt, "!!!").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.intake.anger import folded, heated, only_anger
from bot.reading import read

_ZH_OPENER = re.compile(
    r"(?:你好|您好|请问|麻烦问一下|打扰一下)?"
    r"(?:我|我这边|我这里)?(?:想|要|想要|需要|有|还有)?"
    r"(?:咨询|问|请教|反映|了解|打听)?(?:一?个|一件|一下|点|些)?"
    r"(?:问题|事|事情|情况|东西)?(?:想|要)?(?:咨询|问|请教|反映|了解)?(?:一下)?"
    r"(?:是?(?:关于|有关))?"  # unfinished: "我想咨询一下关于", "我有个问题是关于", "关于"
    # ... before what they own or name: "关于我的", "我想问一下我的" (a trial's opened a ticket)
    r"(?:(?:我|我们|我家|我们家|咱们|这个|那个)的?)?"
    r"(?:可以吗|行吗|能帮我吗|帮帮我|谢谢)?"
    r"|(?:能|可以)?(?:帮|帮帮)我(?:一下)?吗?|我需要帮助|求助|需要帮助"
)
_EN_OPENER = re.compile(
    r"(?:(?:hi|hello|hey|excuse me|good (?:morning|afternoon|evening)),? )?"
    r"(?:(?:i (?:have|got|need to ask|want to ask|would like to ask)|i'd like to ask) "
    r"(?:a |one |some |another )?(?:quick |small |little )?(?:question|query|problem|issue)s?"
    r"|i need (?:some |your )?(?:help|assistance|advice)"
    r"|(?:can|could) (?:you|someone|anyone) help(?: me)?"
    r"|(?:can|could|may) i ask(?: you)?(?: a| one| some)?(?: quick| small)?"
    r"(?: question| something)?"
    r"|help me|need help|question"
    r"|(?:(?:i want|i would like|i'd like) to|i wanna) (?:ask|enquire|inquire|report)"
    r"(?: you)?(?: a question| something| about something)?"
    r"|i have something to (?:ask|report))"
    # Unfinished: "I have a question about", before what they own or name too ("Question
    # about my", "... about the": a trial's opened a ticket of these words alone).
    r"(?: (?:about|regarding|concerning|on|with)(?: (?:my|our|the|a|an|this|that|some))?)?"
    r"(?: please| thanks| thank you)?"
)


# Words that ask for a person at any point of the dialog (the seed: a requester may always
# reach a human).
HUMAN_WORDS = frozenset(
    {"人工", "转人工", "人工服务", "human", "talk to a person", "agent", "person"}
)
# Who a requester asks to talk to: one place for both readers below (`wants_person`, the
# words only ask for a person; `asks_in_person`, the words ask to see or speak to one about
# their matter).
_WHO = r"(?:human|person|real person|agent|officer|someone|somebody|staff|member of staff)"
_TALK = r"(?:talk|speak|chat) (?:to|with) "
# Asking for a person in a few more words: "我要人工", "转人工客服", "I want to talk to a person";
# asked as a question too ("能转人工吗", "有人工吗", "Is there a real person I can talk to?": a
# trial's requester heard only "added to ticket" for them).
_ASKING = r"(能|能不能|能否|可以|可不可以|可否|有没有|有|麻烦)?"
_PERSON = re.compile(
    rf"{_ASKING}(我要|我想|我需要|请|请帮我|帮我|给我)?(转接|转|找|接)?(人工|人工客服|人工服务|真人|客服"
    r"|工作人员)(服务)?(在吗|在不在|吗|么|嘛|吧|呢|好吗|行吗|可以吗|好不好|可不可以)?"
    r"|(i want to |i'd like to |i would like to |i need to |i have to |can i |could i |may i "
    r"|let me |please |is there (a way|any way) (for me )?to |is it possible to )?"
    rf"{_TALK}(a |an |the |some )?{_WHO}( please| now)?"
    r"|(i want |i need |i'd like |(can|could|may) i (get|have) |get me )?"
    r"(a |an )?(human|real person|agent|live agent|human being)( please| now)?"
    rf"|is (there|anyone|anybody|someone|somebody) (a |an )?({_WHO} |anyone |anybody |there )?"
    r"(i can |i could |to )?(talk|speak|chat)( to| with)?"
    rf"|(please )?(put me through|connect me|transfer me) to (a |an |the )?{_WHO}( please)?"
)
# Whether it is a bot they are talking to, asked before asking for a person.
_BOT_ASKED = re.compile(
    r"^(?:你是(?:不是)?|是不是|这是)?(?:机器人|自动回复|ai)(?:吗|么|嘛|吧|啊|呀)?[\W_]+"
    r"|^(?:are you|is this|am i (?:talking|chatting|speaking) (?:to|with)) (?:just )?(?:a |an )?"
    r"(?:bot|robot|machine|ai|computer|chatbot)(?: or a (?:real )?(?:person|human))?[\W_]+"
)
# Asking to see or speak to a person about the matter, anywhere in the words ("公积金的事情我想
# 当面找人谈谈", "talk to someone in person about ..."): "talk to the officer at window 3"
# tells what happened there, it asks for nobody (no "the").
_IN_PERSON = re.compile(
    r"当面|面谈|找人谈|\bin person\b|\bface to face\b"
    rf"|\b(?:talk|speak) (?:to|with) (?:a |an )?{_WHO}\b",
    re.IGNORECASE,
)
# A kind of service asked for, with nothing about the matter: "我要报修", "I want to complain".
_SERVICE_ONLY = re.compile(
    r"(我要|我想|我需要|我想要|想|要|请问怎么|怎么)?"
    r"(报修|投诉|举报|办事|办理业务|办业务|提建议|提意见|提个建议|申请|报案)"
    r"(一下|一件事|个问题)?"
    r"|(i want to |i'd like to |i would like to |i need to |can i |how do i |how can i )?"
    r"(complain|make a complaint|file a complaint|report a (fault|problem|repair|broken thing)"
    r"|request a repair|make a suggestion|make a report|report something|apply for something"
    r"|get something repaired)( please)?"
    r"|(a )?(complaint|repair request|fault report)( please)?"
)


# Being ignored however often they tried: "打了十几次电话都没人管", "I have called ten times and
# nobody cares" (a complaint of the service: `ignored`).
IGNORED_ZH = (
    r"(?:我|都|已经)*(?:打了|打过|找了|找过|来了|跑了|问了|反映了|催了)(?:十几|几十|好几|无数|很多|多少|"
    r"[0-9一二三四五六七八九十两几]+)(?:次|趟|遍|回)(?:电话)?(?:了)?(?:都|也|还是|还|一直)*"
    r"(?:没人|没有人|没)(?:管|理|接|回|处理|答复|回复|解决)"
)
IGNORED_EN = (
    r"(?:i'?ve |i have |i |we'?ve |we have )(?:already )?(?:called|rung|phoned|written|emailed"
    r"|come|complained|asked)(?: you| here| in)? (?:\w+ )?(?:times|time)(?: already)?"
    r"(?:,)? (?:and|but) (?:nobody|no one|no-one|you) (?:cares|care|answers|answer|helps|help"
    r"|does anything|do anything|picks up|pick up|calls back|call back)"
)
_IGNORED = re.compile(rf"{IGNORED_ZH}|(?<![a-z]){IGNORED_EN}")


# Anger at the service that names no matter, clause by clause: "你们这是什么破服务!",
# "What a useless service!", "This is ridiculous, you are useless".
_ZH_ANGER = re.compile(
    r"(?:你们|您们|你|这|这是|这里|这些人|这帮人|那些人|真是|真的|简直|简直是|实在是?|太|都|还|就是"
    r"|到底|什么)*"
    r"(?:破(?:服务|地方|单位|系统|机器人|玩意儿?|东西|部门|窗口|态度|效率)"
    r"|垃圾(?:服务|机器人|系统|单位|部门)|服务(?:太|真|好|也太)?(?:差|烂|差劲|垃圾)"
    r"|太差|太烂|真差|真烂|差劲|气死(?:我|人)?|受不了|受够|无语|离谱|什么(?:鬼|玩意儿?)|不像话|过分"
    r"|管不管|干什么吃的|是干什么的|有没有人管|搞什么|没用|一点用(?:都|也)没有|有什么用"
    r"|(?:谢谢|多谢|感谢)(?:你们|您们|你|您)?(?:了)?(?:什么|啥)(?:事)?(?:都|也)没(?:做|干|管|办)"
    rf"|{IGNORED_ZH})"
    r"(?:了|啊|吧|呀|嘛|的|呢|透了|极了|死了)*"
)
_EN_ANGER = re.compile(
    r"(?:(?:what|this is|that is|it is|it's|this|you are|you're|you people are|you guys are"
    r"|your service is|such|so|really|absolutely|totally|completely|utterly|a|an|the|just"
    r"|is|honestly|seriously|truly)\s+)*"
    r"(?:(?:useless|terrible|awful|rubbish|pathetic|ridiculous|outrageous|unacceptable|a joke"
    r"|a disgrace|disgraceful|hopeless|incompetent|the worst|worst|crap|crappy|garbage|shit"
    r"|shitty|horrible|appalling|lousy|joke of a)(?:\s+(?:service|bot|system|office|desk|place"
    r"|people|department|help|lot))?"
    r"|(?:i'?m |i am )?(?:so )?fed up|(?:i'?m |i am )?sick of (?:this|you|it)"
    r"|are you (?:kidding|joking)(?: me)?|unbelievable|what a (?:joke|mess|waste of time)"
    r"|nobody cares|does anyone care"
    # Thanks in sarcasm: "thanks for nothing" (a trial's was asked its category).
    r"|(?:(?:gee|well|so) )?(?:thanks|thank you|thx)(?: (?:so much|a lot|very much))?"
    r" for (?:nothing|absolutely nothing|nothing at all|wasting my time|no help|being useless)"
    r"|(?:i'?m |i am )?(?:so |really |very )?(?:angry|furious|livid|pissed off)"
    r"|what the (?:hell|heck) (?:are|is) (?:you|this)(?: people)?(?: doing)?"
    r"|are you (?:even )?doing your jobs?|do you (?:even )?do (?:your|any) (?:jobs?|work)"
    r"|what (?:kind|sort) of (?:a )?(?:service|place|office|bot) is this"
    rf"|{IGNORED_EN})"
)


def _clauses(text: str) -> list[str]:
    """The clauses of `text`, folded (`anger.folded`), split at marks and line ends."""
    return [c.strip() for c in re.split(r"[,.!?;:…~\n]+", folded(text)) if c.strip()]


def _vents(clause: str) -> bool:
    """The clause only vents anger at the service (`_ZH_ANGER`, `_EN_ANGER`)."""
    return bool(_ZH_ANGER.fullmatch(clause.replace(" ", "")) or _EN_ANGER.fullmatch(clause))


@read
def outburst(text: str) -> bool:
    """The text only vents anger at the service and says nothing of the matter: each clause
    an outburst (`_ZH_ANGER`, `_EN_ANGER`: "你们这是什么破服务!", "What a useless service!"),
    words of anger of a kind alone (`anger.only_anger`: "打了8次12345都没人理", "I called 6
    times"), or a kind of service asked for alone ("我要投诉"); one at least an outburst, or
    the whole angry by two kinds (`anger.heated`: "This is ridiculous!!! I called 6 times";
    "我打了2次电话" alone is calm). A clerk acknowledges it and asks what the matter is
    (`names_no_matter`)."""
    clauses = _clauses(text)
    vents = [_vents(c) for c in clauses]
    angry = [v or only_anger(c) for v, c in zip(vents, clauses, strict=True)]
    return (any(vents) or (any(angry) and heated(text))) and all(
        a or _SERVICE_ONLY.fullmatch(c) for a, c in zip(angry, clauses, strict=True)
    )


@read
def ignored(text: str) -> bool:
    """The words say the service ignored them however often they tried (`IGNORED_ZH`,
    `IGNORED_EN`): a complaint of the service, whatever the matter."""
    plain = folded(text)
    return _IGNORED.search(plain.replace(" ", "")) is not None or (
        _IGNORED.search(plain) is not None
    )


@read
def anger_only(text: str) -> bool:
    """Every clause of the text vents anger (`outburst` with no kind of service asked for):
    "what happened?" asked after it, a service named next ("我要投诉") is no matter yet."""
    clauses = _clauses(text)
    return outburst(text) and all(_vents(c) or only_anger(c) for c in clauses)


# How often a clerk asks what the matter is in one inquiry before a person takes what was said
# (the request's "what is it about?" and the apology's "what happened?"): never a third time.
MATTER_ASKED_AT_MOST = 2


def anger_asked(earlier: str | None, text: str, turns: Sequence[Mapping[str, object]]) -> bool:
    """Whether, the matter asked for (`DialogStep.MATTER`), a `text` that names no matter is
    asked about once more ("what happened?", `decision.before_match`'s `vented`): the words
    before it (`earlier`, the question so far) or `text` itself only vent anger
    (`anger_only`: "我要投诉!!!" then "你们这些人到底干什么吃的!!!", or anger then "I want to
    complain"), and the bot asked for the matter fewer than `MATTER_ASKED_AT_MOST` times in
    the inquiry (`turns`, their `did` "matter"): then a person takes what was said. Anger
    after a plain request for a person ("人工": no words kept, `earlier` None) is not asked
    about: the person they asked for takes it at once."""
    asked = sum(turn.get("did") == "matter" for turn in turns)
    if asked >= MATTER_ASKED_AT_MOST or earlier is None:
        return False
    return anger_only(earlier) or anger_only(text)


def _bare(text: str) -> str:
    """The text folded, without the punctuation around it."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", text.strip().casefold())


@read
def wants_person(text: str) -> bool:
    """The text asks for a human and says nothing else (HUMAN_WORDS, or "我要人工", "I want
    to talk to a person"; case, spaces and punctuation around it ignored), after asking
    whether it is a bot they talk to ("你是机器人吗?我要真人": a trial's met silence)."""
    folded = text.strip().casefold()
    asked = _bare(_BOT_ASKED.sub("", _bare(text), count=1))
    return folded in HUMAN_WORDS or asked in HUMAN_WORDS or _PERSON.fullmatch(asked) is not None


@read
def asks_in_person(text: str) -> bool:
    """The words ask to see or speak to a person about the matter, whatever else they say
    ("我想当面找人谈谈", "talk to someone in person about my housing fund"): a person takes
    it, never answers offered to choose from (`bot.intake.search.band_of`)."""
    return _IN_PERSON.search(text) is not None


@read
def names_no_matter(text: str) -> bool:
    """The text asks for a person or names a kind of service ("我要报修", "投诉", "I want to
    complain"), or only vents anger at the service (`outburst`), and says nothing of the
    matter itself: what is broken, where, what happened."""
    return wants_person(text) or _SERVICE_ONLY.fullmatch(_bare(text)) is not None or outburst(text)


@read
def is_opener(text: str) -> bool:
    """The text only announces a question, a problem or a situation to report, and says
    nothing of it ("我想咨询一下", "我想反映个情况", "I have a question", "I need help"), an
    unfinished one too, what it is about not yet said ("我想咨询一下关于", "关于", "I have a
    question about", "I want to ask about": a trial's were asked their category); compared
    NFKC, casefolded, without punctuation and with single spaces."""
    plain = re.sub(r"[^\w']+", " ", folded(text)).strip()
    if not plain:
        return False
    if _EN_OPENER.fullmatch(plain):
        return True
    squeezed = plain.replace(" ", "")
    # Something must be announced: a verb of asking or a noun of a matter ("我想" alone is not).
    announces = re.search(r"咨询|问|请教|反映|了解|打听|事|情况|帮|关于|有关", squeezed)
    return announces is not None and _ZH_OPENER.fullmatch(squeezed) is not None

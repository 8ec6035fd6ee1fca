"""Whether words tell a danger to people happening now (SPEC rule 9: safety raises priority),
as a careful clerk hears them, by kind rather than by a list of phrases: a hazard word (smoke,
fire, gas, sparks, an electric shock, someone trapped, someone unconscious, a collapse, water
in an electrical room) said as present, not denied ("there is no gas leak"), not past ("上周
着火了", "last night"), not supposed ("如果闻到煤气味怎么办"), not planned, and not part of a
word for something else (烟花 fireworks, 火车 a train, a smoke detector, a fire safety
certificate, a gas connection). A bare noun (smoke, 烟) needs a cue that it is here (there is,
有, coming out, in the stairwell) and no enquiry about a service in its clause (a subsidy,
怎么办理). Configured keywords (config `keywords`) are heard the same way (`said_now`);
ordinary ones, an outage, besides asked about or planned ("明天停电吗", "是计划停电吗") are
none of the requester's now. Pure: text in (read as bot/reading.py reads), words out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.asking import asks_how
from bot.crisis_words import NO_INTENT, SELF
from bot.day_words import goes_on_since, plan_read
from bot.denial import unasked
from bot.figure_words import cry_over_errand, unfigured
from bot.hazard_cues import cues
from bot.hazard_people import PEOPLE
from bot.hazard_words import KINDS, NOT_ITSELF, Kind, latin, words
from bot.hurt_words import before_person, precise
from bot.peril_words import DEALT, FALLEN_IN, HOLE
from bot.reading import reading

# Every kind heard, the dangers of things first, then to people (someone hurt as said before
# someone unconscious; fallen into a manhole before the open manhole: the rescue first).
ALL: tuple[Kind, ...] = (*before_person(KINDS), FALLEN_IN, HOLE, *PEOPLE)

_HERE = words(
    *("有", "在", "了", "冒", "起", "好多", "很多", "很大", "很浓", "很重", "全是", "满是"),
    *("都是", "到处", "弥漫", "闻到", "看到", "看见", "突然", "快来", "救命", "赶紧", "呛"),
    *("出来", "里", "飘", "there(?:['’]s| is| are| was)", "i (?:can )?(?:see|smell)"),
    *(r"smell\w*", "com(?:ing|es) (?:out|from|in|up|through)", "pouring", "billowing"),
    *("filling", "rising", "everywhere", "spreading", "broke out", "full of", "filled"),
    *("thick", "black", "lots of", "so much", "help", "now", "urgent", "hurry"),
    "(?:in|inside|from|out of|near|under|on) (?:the|our|my|a|this|his|her|their)",
)
# An enquiry about a service beside a bare noun: the noun is what it is about.
_ENQUIRY = words(
    *("怎么办理", "办理", "开户", "申请", "补贴", "证书", "许可", "检查", "检验", "年检"),
    *("验收", "安装", "缴费", "交费", "费用", "多少钱", "在哪", "怎么走", "规定", "政策"),
    *("培训", "保险", "赔偿", "理赔", "可以放", "能不能放", "禁放", "燃放", "什么时候"),
    *("几点", "how (?:do|can|should|to|much)", "can i", "apply", "application"),
    *(r"subsid\w*", r"certificat\w*", r"inspect\w*", r"install\w*", "permit", "licen[cs]e"),
    *("bills?", "fees?", "costs?", "prices?", "pay", "training", "course", "insurance"),
    *("claim", r"compensat\w*", r"regulations?", "rules?", "polic(?:y|ies)"),
    *("where (?:is|are|can|do)", "when (?:is|are|can|will|do)", "connection", "account"),
)
_PAST = words(
    *("昨天", "昨晚", "前天", "上周", "上个月", "上次", "去年", "前几天", "以前", "之前"),
    *("曾经", "当时", "已经(?:灭|扑灭|修好|处理|解决|救出|出来|没事)", "灭了", "扑灭了"),
    *("救出来了", "没事了", "修好了", "yesterday", "ago", "earlier", "previously"),
    *("last (?:night|week|month|year|time|[a-z]+day)", "used to", "in the past", "put out"),
    *("extinguished", "(?:is|was) over", "got out", "rescued", "fixed"),
)
_ONGOING = words(
    *("还在", "仍", "一直", "到现在", "至今", "现在还", "依然", "持续", "又", "still"),
    *("since", "keeps?", "ongoing", r"continu\w*", "right now", "again"),
)
# What goes on, said in a later clause of what an earlier one began ("昨天就闻到煤气味,现在还有").
_STILL = words("还在", "到现在", "至今", "现在还", "依然", "仍然", "still", "ever since")
_SUPPOSED = words(
    *("如果", "万一", "假如", "要是", "一旦", "假设", "if", "in case", "what if"),
    *("suppose", "supposing", "whether"),
    # what one does about it, not that it is here ("How do I deal with a gas leak"); how to
    # report one is asked in a clause of its own (`Clause.how_to`)
    r"how (?:do|should|can|would|to) (?:i |we |you |one )?"
    r"(?:deal with|handle|recogni[sz]e|know|tell|prevent|avoid|spot|detect)",
    r"what (?:should|do|to) (?:i |we )?do (?:if|when|in case|about)",
    *("怎么(?:预防|防止|识别|判断|处理)", "如何", "怎样(?:处理|预防)"),
)
# Words of money or amounts in a clause: its hazard words are a figure of speech ("my gas bill
# is on fire"), not a danger.
_FIGURATIVE = words(
    *("bills?", "prices?", "costs?", "stocks?", "sales", "amount", r"\d+ times", "账单"),
    *(
        "(?:电|水|燃气|煤气|物业|话)费",
        "价格",
        "房价",
        "股票",
        "股市",
        "[0-9一二两三四五六七八九十]+倍",
    ),
)
# What a later clause says is left of a matter over (the blackened wall not yet cleaned): no
# sign that the danger itself goes on.
_AFTERMATH = words(
    *("清理", "打扫", "收拾", "善后", "赔", "修(?!好)", "处理", "烧黑", "熏黑", "痕迹"),
    *(r"clean\w*", r"repair\w*", r"compensat\w*", "damage", "marks?", "stains?"),
)
_FUTURE = words(
    *("明天", "后天", "下周", "下个月", "将要", "将会", "会不会", "可能会", "计划", "预计"),
    *("演练", "演习", "tomorrow", "next (?:week|month)", "planned", "scheduled", "drills?"),
    *("will there", "going to be"),
)

# An ordinary keyword (an outage) planned, or asked about before it is named.
_PLANNED = words(
    *("计划", "预计", "检修", "安排", "明天", "后天", "今晚", "下周", "本周", "这周"),
    *("周[一二三四五六日天末]", "星期", "礼拜", r"\d+\s*月\s*\d+", r"\d+[:\uff1a]\d+\s*[-–~至到]"),
    *(r"\d+\s*[号日](?![楼院栋幢座单室门])", "planned"),
    *("scheduled", "maintenance", "tomorrow", "next", "this weekend"),
    "(?:this|on|next) (?:mon|tues|wednes|thurs|fri|satur|sun)day",
)
_WHEN = words(
    *("什么时候", "几点", "多久", "多长时间", "会不会", "是否", "when", "what time"),
    *("how long", "will"),
)
_WHY = words("为什么", "怎么又", "怎么老", "怎么总", "why", "how come")
_ZH_NOT = re.compile(r"(?:没有|没|无|不是|并非|未|不(?!停|断|住|少|得了|行|知道))\w{0,2}$")
_EN_NOT = re.compile(
    r"(?:(?<![a-z])(?:no|not|never|nobody|nothing|none|without)|n['’]t)(?:\s+[\w'’-]+){0,3}\s*$"
)
_SPLIT = re.compile(r"\s+(?:but|however)\s+|但是|不过|可是")


def denied(before: str) -> bool:
    """Whether the casefolded words of a clause right before a word deny it ("没有", "不是",
    "not", "don't want to"; not "是不是", "有没有": `unasked`): the one negation reader."""
    return bool(_ZH_NOT.search(unasked(before)) or _EN_NOT.search(before))


@dataclass(frozen=True)
class Clause:
    """One clause of a text's reading form, casefolded: `text` with words for something else
    blanked out (`NOT_ITSELF`), where hazard words are looked for, and `raw` whole, where what
    surrounds them is (a drill, a date, an enquiry); `asked`: a yes/no question ("停电了吗",
    "是不是停电了", "is there an outage?"), not a why ("为什么又停电了"); `ongoing`: it says the
    matter goes on ("一直", "keeps", `goes_on_since`), or one after it that it still does ("还有"),
    so a past word in it does not end it; `shouted`: an exclamation mark ends it; `how_to`: it asks
    how, where or whom to report a matter, a number, hours or a procedure, not saying it is theirs
    now ("停电报修电话是多少"): nothing in it is said as happening; `at`: its start."""

    text: str
    raw: str
    asked: bool
    ongoing: bool
    shouted: bool = False
    how_to: bool = False
    at: int = 0

    def now(
        self, start: int, *, negation: bool = True, lasting: bool = False, planned: bool = False
    ) -> bool:
        """Whether the word at `start` is said as happening: not denied right before it (with
        `negation`; without, for words that carry their own, "没电"), not supposed before it
        ("if"), its clause neither past (unless it goes on, or it is `lasting` and not dealt
        with) nor future (unless the kind is told `planned` too: an intent), nor a how-to
        question (`how_to`)."""
        before = self.text[:start]
        return not (
            self.how_to
            or (negation and denied(before))
            or _SUPPOSED.search(before)
            or (lasting and DEALT.search(self.raw))
            or (_PAST.search(self.raw) and not self.ongoing and not lasting)
            or (_FUTURE.search(self.raw) and not (planned and self.intended()))
            or _FIGURATIVE.search(self.raw)
        )

    def intended(self) -> bool:
        """Whether the clause says what its writer means to do ("I will kill myself
        tomorrow", "我明天就去死"), not an event to come (a drill, a talk, a week)."""
        return bool(SELF.search(self.raw)) and not NO_INTENT.search(self.raw)

    def planned(self, start: int) -> bool:
        """Whether an ordinary keyword at `start` is asked about or planned, not happening to
        the requester: a yes/no question, a plan or a date (`day_words.plan_read`), "when"."""
        planned = self.asked or _PLANNED.search(plan_read(self.raw))
        return bool(planned or _WHEN.search(self.raw[:start]))


def _pieces(folded: str) -> list[tuple[int, int, bool]]:
    """Where `folded`'s clauses are (start, end) and whether each is a yes/no question."""
    found = []
    for part in re.finditer(r"[^,.;!?\uff0c\u3002\uff1b\uff01\uff1f\n]+", folded):
        after = folded[part.end() : part.end() + 1]
        start = part.start()
        cuts = [(m.start(), m.end()) for m in _SPLIT.finditer(folded, start, part.end())]
        for cut_start, cut_end in [*cuts, (part.end(), part.end())]:
            piece = folded[start:cut_start]
            question = (cut_start == part.end() and after in ("?", "\uff1f")) or bool(
                re.search(r"[吗么嘛呢]\s*$|(.)[不没]\1|是否", piece)
            )
            found.append((start, cut_start, question and not _WHY.search(piece)))
            start = cut_end
    return found


@lru_cache(maxsize=512)
def clauses(text: str) -> tuple[Clause, ...]:
    """`text` cut into its clauses (at punctuation, "but", "但是")."""
    raw = reading(text).casefold()
    masked = NOT_ITSELF.sub(lambda m: " " * len(m.group()), unfigured(raw))
    found = _pieces(raw)
    return tuple(
        Clause(
            masked[start:end],
            raw[start:end],
            asked,
            bool(_ONGOING.search(raw[start:end]) or goes_on_since(raw[start:end]))
            or any(
                _STILL.search(raw[s:e]) and not _AFTERMATH.search(raw[s:e])
                for s, e, _ in found[index + 1 :]
            ),
            raw[end : end + 1] in ("!", "\uff01"),
            asks_how(raw[start:end]),
            start,
        )
        for index, (start, end, asked) in enumerate(found)
    )


_Found = re.Match[str] | None


@dataclass(frozen=True)
class Danger:
    """A danger heard: its kind (`Kind.key`) and the words that told it."""

    kind: str
    words: str


def _first_now(
    clause: Clause, pattern: re.Pattern[str], lasting: bool = False, planned: bool = False
) -> _Found:
    found = (
        m
        for m in pattern.finditer(clause.text)
        if clause.now(m.start(), lasting=lasting, planned=planned)
    )
    return next(found, None)


def _across(kind: Kind, parts: tuple[Clause, ...]) -> str | None:
    """The words of a group of `kind.across` each said now in a clause of `parts`, or None."""
    for group in kind.across:
        found = []
        for pattern in group:
            hit = next(
                (
                    (clause.at + m.start(), m.group().strip())
                    for clause in parts
                    if not (kind.not_when and kind.not_when.search(clause.raw))
                    and (m := _first_now(clause, pattern, kind.lasting, kind.intended))
                ),
                None,
            )
            if hit is None:
                break
            found.append(hit)
        else:
            return "…".join(words for _, words in sorted(found))
    return None


def _heard(kind: Kind, clause: Clause, text: str) -> str | None:
    """The words of `clause` that tell `kind` now, or None."""
    if kind.not_when is not None and kind.not_when.search(clause.raw):
        return None
    planned = kind.intended
    if (
        kind.shouted is not None
        and clause.shouted
        and (found := _first_now(clause, kind.shouted, planned=planned))
    ):
        return found.group().strip()
    if kind.events is not None and (
        found := _first_now(clause, kind.events, kind.lasting, planned)
    ):
        return found.group().strip()
    spared = kind.unless is not None and kind.unless.search(text)
    if (
        kind.lone is not None
        and not spared
        and (found := _first_now(clause, kind.lone, planned=planned))
    ):
        return found.group().strip()
    if kind.nouns is not None and not spared:
        found = _first_now(clause, kind.nouns)
        if found and _HERE.search(clause.text) and not _ENQUIRY.search(clause.raw):
            return found.group().strip()
    for first, second in kind.pairs_in(clause.raw):
        one, two = _first_now(clause, first), _first_now(clause, second)
        if one and two:
            head, tail = sorted((one, two), key=lambda m: m.start())
            if tail.end() - head.start() <= 24:
                return clause.text[head.start() : tail.end()].strip()
            return f"{head.group().strip()}…{tail.group().strip()}"
    return None


_CUES = cues(ALL)


def dangers(text: str) -> list[Danger]:
    """The dangers to people `text` tells as happening now, one per kind, in `ALL` order
    (none: it tells none)."""
    return list(_dangers(reading(text)))


@lru_cache(maxsize=1024)
def _dangers(text: str) -> tuple[Danger, ...]:
    """`dangers`, read once per text: the path of a requester's message asks it of the same
    words several times (the priority, whether it is a matter apart, the reminder)."""
    folded = text.casefold()
    found: list[Danger] = []
    parts = clauses(text)
    joined = "\n".join(clause.text for clause in parts)
    for cue in _CUES:
        kind = cue.kind
        if not cue.in_(joined) or (kind.lasting and DEALT.search(folded)):
            continue
        if kind.key == "plea" and cry_over_errand(
            folded, [w for clause in parts if (w := _heard(kind, clause, folded))]
        ):
            continue  # "Help! How do I renew my passport?": no plea for rescue
        for clause in parts:
            words = _heard(kind, clause, folded)
            if words:
                found.append(Danger(kind.key, words))
                break
        else:
            if kind.across and (words := _across(kind, parts)):
                found.append(Danger(kind.key, words))
    return precise(found)  # a bite's bleeding is the bite's


def kinds(text: str) -> set[str]:
    """The kinds of danger `text` tells now (`dangers`)."""
    return {d.kind for d in dangers(text)}


def supposed(text: str) -> bool:
    """Whether `text` supposes a matter or asks how to deal with one ("如果闻到煤气味怎么办",
    "How do I report a gas leak if I ever smell one?", a clause `Clause.how_to`): no sign it
    is here."""
    folded = reading(text).casefold()
    return bool(_SUPPOSED.search(folded)) or any(c.how_to for c in clauses(text))


def asked_how(text: str, at: int) -> bool:
    """Whether the word at `at` of casefolded `text` is in a clause that asks how, where or
    whom to report (`Clause.how_to`): told as no matter of the requester's now."""
    return any(c.how_to and c.at <= at < c.at + len(c.raw) for c in clauses(text))


def asks_how_only(text: str, says_nothing: Callable[[str], bool]) -> bool:
    """Whether `text` only asks how, where or whom to report a matter (`Clause.how_to`):
    some clause asks so, and every other one says nothing of a matter (`says_nothing`: a
    greeting, "请问")."""
    found = clauses(text)
    return any(c.how_to for c in found) and all(c.how_to or says_nothing(c.raw) for c in found)


@lru_cache(maxsize=1024)
def _pattern(word: str) -> re.Pattern[str]:
    """A configured keyword as found in a casefolded text: Latin words whole, or in the
    plural ("outages" is an outage; "sparkling" is no "spark", "fireworks" no "fire"),
    Chinese anywhere."""
    folded = re.escape(word.casefold())
    if not latin(word):
        return re.compile(folded)
    return re.compile(rf"(?<![a-z0-9]){folded}(?:e?s)?(?![a-z0-9])")


def said_now(text: str, word: str, *, emergency: bool = True) -> bool:
    """Whether `text` uses the configured keyword `word` as happening now (`Clause.now`):
    not denied ("没有燃气泄漏", "打不着火"), past, supposed or planned, nor inside a word for
    something else; an ordinary keyword (not `emergency`: an outage) also not asked about
    or planned (`Clause.planned`: "明天停电吗", "是计划停电吗")."""
    if word.casefold() not in text.casefold():
        return False  # the pattern finds the word as written, casefolded (`_pattern`)
    pattern = _pattern(word)
    return any(
        clause.now(m.start()) and (emergency or not clause.planned(m.start()))
        for clause in clauses(text)
        for m in pattern.finditer(clause.text)
    )


def said_at(text: str, at: int) -> bool:
    """Whether the ordinary matter (an outage) told at `at` of casefolded `text` is said as
    happening now, as `said_now` hears a configured one: its clause's `Clause.now` and not
    `Clause.planned` there (a how-to clause says nothing now). Its denial is the caller's to
    read: "没水也没电了" is no water and no power, not power denied."""
    return any(
        clause.at <= at < clause.at + len(clause.raw)
        and clause.now(at - clause.at, negation=False)
        and not clause.planned(at - clause.at)
        for clause in clauses(text)
    )

"""The knowledge base searched for a requester's words in the first inquiry (a supply cut
now answered by its template, however it is said)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache

from bot import details, faults, hazard
from bot.classify import infer_category
from bot.desk import Desk
from bot.intake.close_tie import RIVAL_SHARE as RIVAL_SHARE
from bot.intake.close_tie import near_tied, told_apart, undecided
from bot.intake.misfit import Misfit, misfit
from bot.intake.openers import asks_in_person
from bot.intake.place_only import without_spot
from bot.intake.small_words import is_vague
from bot.intake.subject import agrees, first_named, names_unknown, of_subject, offered_beside
from bot.intake.thanks_lead import after_thanks
from bot.reading import reading
from knowledge.matcher import Band, Match
from knowledge.templates import CaseTemplate

# A template after the best one is offered with it ("did you mean") from this score (0-100)
# on: on the sample base, a pothole's report came near the street light's template (22.6)
# and no nearer a gas leak's (11.8) or closing a business's (10.3); the hukou templates
# offered for "户口" score 19.4 and more.
OFFER_SCORE = 15.0
# Templates' keyword lists whose cuts `cut_templates` remembers (a knowledge base's worth).
KEYWORD_SETS_KEPT = 4096


def nearest(
    desk: Desk, words: str, language: str | None, rejected: frozenset[str] | set[str] = frozenset()
) -> list[Match]:
    """The knowledge base's three closest templates for `words`, those `rejected` passed over;
    when the words give details (an address, a pole number: `details.matter_of`), for the
    matter without them too, the closer of the two kept ("幸福路23号门口路灯坏了" is a street
    light out, wherever it is), and without the thanks that lead them (`after_thanks`)."""

    def search(text: str) -> list[Match]:
        found = desk.matcher.search(text, language, limit=3 + len(rejected))
        return [m for m in found if m.template_id not in rejected][:3]

    matches = search(words)
    matter = details.matter_of(without_spot(after_thanks(words)))  # "谢谢,不过...": courtesy
    if matter == words:
        return matches
    bare = search(matter)
    if bare and (not matches or bare[0].confidence > matches[0].confidence):
        return bare
    return matches


def _cut_templates(desk: Desk, supplies: frozenset[str]) -> list[str]:
    """The ids of the desk's templates for a cut of one of `supplies` (`cut_templates`)."""
    return cut_templates(desk.templates.values(), supplies)


def cut_templates(templates: Iterable[CaseTemplate], supplies: AbstractSet[str]) -> list[str]:
    """The ids of the `templates` that need a person for a cut of one of `supplies`: those
    whose own keywords name that cut (`faults.cut_supplies`: the power outage's "停电")."""
    if not supplies:
        return []
    return [
        template.id
        for template in templates
        if template.needs_person and _keywords_cut(tuple(template.keywords)) & supplies
    ]


@lru_cache(maxsize=KEYWORD_SETS_KEPT)
def _keywords_cut(keywords: tuple[str, ...]) -> frozenset[str]:
    """The supplies a template's keywords name cut (`faults.cut_supplies` of each), read once
    per process: `cut_templates` runs for most questions not answered at once, and reading
    every keyword of the knowledge base each time cost half a millisecond."""
    return frozenset().union(*(faults.cut_supplies(word) for word in keywords))


def closest(
    desk: Desk, words: str, language: str | None, rejected: frozenset[str] | set[str] = frozenset()
) -> tuple[list[Match], Band]:
    """The nearest templates for `words` (`nearest`) and how close they came; a supply cut
    now in any words (`faults.cuts_now`: "整栋楼都没电了", "building 3 is dark") that no
    template answers is answered by that supply's template (`_cut_templates`), which the
    requester did not reject: as "停电了" is, however it is said; a supply's cut asked about,
    by the supply's template among the nearest (`_cut_named`). A template of the cut's
    department that is not the cut's (`_beside_cut`: the yellow water's, for "水龙头不出水")
    answers no cut told now: the cut's does."""
    matches = nearest(desk, words, language, rejected)
    matches, band = _of_subject(desk, matches, desk.matcher.band(matches), words)
    supplies = faults.supplies_cut_now(words)
    cut = [t for t in _cut_templates(desk, supplies) if t not in rejected]
    if band is Band.ANSWER and not _beside_cut(desk, matches[0].template_id, cut):
        return matches, band
    if not supplies:
        return _cut_named(desk, words, matches, rejected)
    if not cut:
        return matches, band
    found = next((m for m in matches if m.template_id in cut), None)
    chosen = found or Match(cut[0], 0.0, language or desk.settings.languages.default, "")
    return [chosen, *(m for m in matches if m is not found)][:3], Band.ANSWER


def _of_subject(
    desk: Desk, matches: list[Match], band: Band, words: str
) -> tuple[list[Match], Band]:
    """The `matches` and their `band`, an answer or an offer made only of a template of the
    words' subject (`subject.agrees`): when the best is of another subject ("How do I get a
    marriage certificate?" and the no-criminal-record certificate's), the first of the others
    that is of it and whose keyword the words name answers ("marriage"); else those of it are
    offered; else none is, and a person takes the question ("孩子上小学报名需要什么材料" is
    no change of name's)."""
    offer = band is Band.ANSWER or band is Band.SUGGEST
    best = desk.templates.get(matches[0].template_id) if offer and matches else None
    if best is None or agrees(desk.templates, best, words):
        return matches, band
    agreeing = of_subject(desk.templates, matches[1:], words)
    named = first_named(desk.templates, agreeing, words)
    if named is not None:
        return [named, *(m for m in agreeing if m is not named)], Band.ANSWER
    return agreeing, (Band.SUGGEST if agreeing else Band.HANDOVER)


def _beside_cut(desk: Desk, best: str, cut: list[str]) -> bool:
    """Whether the template `best` is of the department of a cut's templates (`cut`) and not
    one of them: the same supply's other matter (its quality, its bill), not the cut told."""
    if not cut or best in cut:
        return False
    template = desk.templates.get(best)
    departments = {t.department for t in map(desk.templates.get, cut) if t is not None}
    return template is not None and template.department in departments


def _cut_named(
    desk: Desk, words: str, matches: list[Match], rejected: frozenset[str] | set[str]
) -> tuple[list[Match], Band]:
    """The nearest `matches` answered by a supply's template among them when the words are
    about that supply's cut, asked or told (`faults.supplies_named`: "停电是怎么回事",
    "What is going on with the power cut?", "什么时候来电", "When will the power come back?"):
    the supply's name decides it, as "停电" does in Chinese, however the question is put."""
    cut = set(_cut_templates(desk, faults.supplies_named(words))) - set(rejected)
    found = next((m for m in matches if m.template_id in cut), None)
    if found is None:
        return matches, desk.matcher.band(matches)
    return [found, *(m for m in matches if m is not found)][:3], Band.ANSWER


def _bare_topic(words: str) -> bool:
    """Words short enough to name a topic and no more ("医保卡", "住房公积金", "housing
    fund"): six Chinese characters at most and four words."""
    chinese = sum(1 for ch in words if "\u4e00" <= ch <= "\u9fff")
    return chinese <= 6 and len(re.findall(r"[a-z0-9]+", words.casefold())) <= 4


def keywords_named(template: CaseTemplate | None, words: str) -> list[str]:
    """The keywords of `template` (two characters at least) that `words` contain, folded:
    "医保" in "医保卡", "housing fund" in "my housing fund account"."""
    folded = reading(words).casefold()
    keywords = template.keywords if template is not None else []
    return [k.casefold() for k in keywords if len(k) >= 2 and k.casefold() in folded]


def fault_template(desk: Desk, best: CaseTemplate | None, band: Band, words: str) -> bool:
    """Whether a fault told in `words` is registered with the `best` template (its answer,
    its details asked, its department): a fault report's template, and, when it raises the
    priority (its answer is an emergency's: "Act now: turn off the gas main") and `band` is
    below the answer, only if the words tell its danger (`tells_danger`). Emergency advice is
    never given on a guess: "the plaster in our stairwell is falling down in big pieces" came
    near "There is a strong smell of gas in the stairwell" by the stairwell alone."""
    if best is None or best.category != desk.settings.emergency.category:
        return False
    return band is Band.ANSWER or not best.priority or tells_danger(best, words)


def _named_by(desk: Desk, matches: list[Match], words: str) -> list[Match]:
    """The `matches` whose template has a keyword the words contain ("医保" in "医保卡")."""
    return [m for m in matches if keywords_named(desk.templates.get(m.template_id), words)]


def topic_department(desk: Desk, words: str) -> str | None:
    """The department of the topic the words name by a keyword of the knowledge base that
    names a topic: one that two templates or more have (in a keyword of theirs: "公积金",
    "社保" of "社保卡", "housing fund" of "housing fund loan"), all of that one department
    (social security's); None when the words name no such topic, or several departments'.
    A keyword of one template only ("租房" of the rent withdrawal, within "公租房") names none."""
    folded = reading(words).casefold()
    templates = list(desk.templates.values())
    departments = set()
    for template in templates:
        for keyword in keywords_named(template, folded):
            having = {
                t.department for t in templates if any(keyword in k.casefold() for k in t.keywords)
            }
            holders = sum(1 for t in templates if any(keyword in k.casefold() for k in t.keywords))
            if holders >= 2 and len(having) == 1:
                departments |= having
    return departments.pop() if len(departments) == 1 else None


def band_of(
    desk: Desk, matches: list[Match], band: Band, searched: str, text: str
) -> tuple[list[Match], Band]:
    """How the first inquiry treats the knowledge base's `matches` for the `searched` words
    of `text`: as their `band` (`closest`), except that an answer becomes "did you
    mean" when it would be chosen blind: an emergency's answer ("Act now") to a supposed or
    how-to question (`hazard.supposed`) or to words that tell no such danger (`tells_danger`), or
    one template of several alike for words too short to tell them apart (`is_vague` and a
    runner-up at `RIVAL_SHARE` of the best's score:
    "公积金", "housing fund" come as close to the balance as to each withdrawal), or words
    that name nothing of the best's matter that a near-tied runner-up lacks
    (`close_tie.undecided`: "怎么提取公积金", the rent, leaving and purchase withdrawals as
    close). A clerk asks which, as the seed's first receiver would, rather than answer a
    question not asked. A fault told is registered, never offered.
    A service asked for by a name no template knows ("renew visa") goes to a person.
    A bare topic too far from every template to answer ("医保卡", "住房公积金", alone or after
    an opener) is offered the templates whose keywords it names, not handed over blind.
    Otherwise "did you mean" offers only the templates close enough to be suggested
    (`_close_enough`): a pothole's report came near the street light's template, not the
    gas leak's or closing a business's, which were offered beside it; and of those only the
    templates of the words' subject (`subject.offered_beside`: "garbage not collected on our
    street" was offered the street light's), none left handing the words to a person.
    A template the matcher is sure of that still misses the words (`misfit`) answers nothing:
    one of another kind of matter ("electricity bill charged twice" and how to pay the
    bills) is neither given nor offered, the words go to a person; one whose circumstance
    they do not tell ("I'm a foreigner, how do I get a social security card?" and the lost
    card's replacement; "no hot water" and the water cut's) is offered."""
    if asks_in_person(text):  # "我想当面找人谈谈", "talk to someone in person": a person
        return matches, Band.HANDOVER
    if names_unknown(desk.templates, searched):  # "renew visa": no template's matter
        return [], Band.HANDOVER
    if band is Band.HANDOVER and _bare_topic(searched) and not faults.reports_fault(searched):
        named = _named_by(desk, matches, searched)
        return (named, Band.SUGGEST) if named else (matches, band)
    if band is Band.SUGGEST:
        of_kind = [m for m in matches if not _other_kind(desk, m, searched)]
        offered = _close_enough(offered_beside(desk.templates, of_kind, searched))
        return (offered, band) if offered else ([], Band.HANDOVER)
    if band is not Band.ANSWER:
        return matches, band
    best = desk.templates.get(matches[0].template_id)
    if (
        best is not None
        and best.priority
        and (hazard.supposed(text) or not tells_danger(best, searched))
    ):
        return matches, Band.SUGGEST
    missed = misses(desk, best, searched) if best else None
    if missed is Misfit.OTHER_KIND:  # a bill paid twice is no question of how to pay
        return [], Band.HANDOVER
    if missed is Misfit.UNTOLD:  # maybe what they mean, not what they said: offered
        offered = _close_enough(offered_beside(desk.templates, matches, searched))
        return (offered, Band.SUGGEST) if offered else ([], Band.HANDOVER)
    if faults.reports_fault(searched):
        return matches, band  # a fault: registered
    blind = is_vague(searched) and (near_tied(matches) or _untold(desk, matches, searched))
    blind = blind or undecided(desk.templates, matches, searched)
    return matches, (Band.SUGGEST if blind else band)


# A keyword of an emergency's template that tells its danger by itself: a leak, a smell, a
# hiss, a fire, smoke, a burst ("燃气泄漏", "漏气", "gas leak"), not the thing's name alone
# ("煤气", "gas").
_DANGER_WORD = re.compile(
    r"漏|泄|味|嘶|火|烟|爆|\b(leak|smell|odou?r|hiss|fire|smoke|burn|burst|explo)",
    re.IGNORECASE,
)


def misses(desk: Desk, template: CaseTemplate, words: str) -> Misfit | None:
    """How `template`, close to `words`, still misses them (`misfit.misfit`, the complaint
    category the one its cue word names, as `own_kind.complaint_kind` says); None: it fits."""
    complaint = infer_category(desk.settings, "投诉") or infer_category(desk.settings, "complaint")
    return misfit(template, words, complaint=complaint)


def _other_kind(desk: Desk, match: Match, words: str) -> bool:
    """Whether `match`'s template is of another kind of matter than the words
    (`misfit.Misfit.OTHER_KIND`: how to pay, for a bill paid twice)."""
    template = desk.templates.get(match.template_id)
    return template is not None and misses(desk, template, words) is Misfit.OTHER_KIND


def _untold(desk: Desk, matches: list[Match], words: str) -> bool:
    """Whether a runner-up worth offering (`OFFER_SCORE`) says all the `words` say of the
    best's matter (`close_tie.told_apart`): "The pension" is the contribution record's as
    much as the retirement claim's, however far apart the matcher scores them."""
    if len(matches) < 2 or matches[1].score < OFFER_SCORE:
        return False
    best, rival = (desk.templates.get(m.template_id) for m in matches[:2])
    return best is not None and rival is not None and not told_apart(best, rival, words)


def vague(desk: Desk, words: str) -> bool:
    """Words too short or general to act on (`small_words.is_vague`), unless they ask for a
    service by a name the knowledge base does not know ("办签证", "renew visa":
    `subject.names_unknown`): asking them to say more tells the desk nothing it can answer,
    so a person takes it."""
    return is_vague(words) and not names_unknown(desk.templates, words)


def tells_danger(template: CaseTemplate, words: str) -> bool:
    """Whether `words` tell the danger of an emergency's `template` (its answer is "Act now:
    turn off the gas main"): a danger heard in them (`hazard.dangers`) or a keyword of its
    named that tells the danger by itself (`_DANGER_WORD`: "漏气", "gas leak"; never "煤气"
    alone). "我家的燃气表不走字了" came near the gas leak's phrasings by "燃气" alone, "煤气表
    坏了怎么办" by its keyword "煤气", and a bare "煤气" scored as an answer: a meter broken is
    no leak, a name no danger, and no one is sent out of their home on a guess, whatever the
    score."""
    if hazard.dangers(words):
        return True
    return any(_DANGER_WORD.search(k) for k in keywords_named(template, words))


def _close_enough(matches: list[Match]) -> list[Match]:
    """The best of `matches` and those after it scoring `OFFER_SCORE` or more."""
    return matches[:1] + [m for m in matches[1:] if m.score >= OFFER_SCORE]

"""The words of a public-safety hazard on the way people walk or ride (`HOLE`): a manhole or
drain cover stolen, missing or broken, an open pit, a pothole someone fell in or was hurt
by; and someone fallen into a well, a manhole or a pit (`FALLEN_IN`: the rescue and the
ambulance). It stays a danger until it is dealt with (`Kind.lasting`: "yesterday" does not end
it), so it is heard as an emergency (the 24-hour clock, the numbers, the supervisors
alerted), as `bot.hazard` hears the other kinds.

And the words of a vulnerable person at home without heating (`NO_HEAT`, `VULNERABLE`): no
danger heard now (no emergency numbers), but urgent (`bot.hazard.exposure`), as someone on
medical equipment in an outage is."""

from __future__ import annotations

from bot.hazard_words import PEOPLE_NOUNS, Kind, words

# What ends a lasting danger (`Kind.lasting`): it was dealt with.
DEALT = words(
    *("已经(?:修好|处理|解决|盖上|补上|换上|填上|围起来)", "修好了", "盖上了", "补上了", "填上了"),
    *(
        "fixed",
        "repaired",
        "replaced",
        "covered (?:it |up|again)",
        "filled in",
        "(?:was|been) sorted",
    ),
)

_COVER = words(
    *("井盖", "窨井盖", "下水道盖", "雨水篦子", "雨水箅子", "篦子", "箅子", "检查井"),
    *(r"manholes?(?: covers?)?", r"(?:drain|sewer|storm ?drain|gully) (?:covers?|grates?)"),
    "sewer (?:holes?|openings?)",
)
_GONE = words(
    *("偷", "丢", "没了", "不见", "缺失", "缺了", "没有盖", "没盖", "掉(?:了|下去|进)", "碎了"),
    *("破了", "坏了", "塌了", "翻了", "移位", "敞开", "敞着", "开着", "露天", r"被人?\w{0,2}走"),
    *("stolen", "stole", "missing", "gone", "removed", "broken", "uncovered", "caved in"),
    *("collapsed", "cracked", "smashed", "taken", "no cover", "without (?:a )?cover"),
    *("(?:left|lying|wide) open", "(?:came|come|has come) off"),
)
_ROAD_HOLE = words(
    *(
        "(?<!被)坑(?![人钱])",
        "坑洞",
        "路面塌陷",
        "大洞",
        "potholes?",
        "sinkholes?",
        r"holes? in the (?:road|street)",
    ),
    *("(?:big|deep|huge|large) holes?",),
)
_HURT = words(
    *("摔倒", "摔伤", "摔了", "受伤", "掉进", "掉下去", "崴", "翻车", "撞", "骨折", "流血"),
    *("fell", "fallen", "falling", "hurt", "injured", "injuries", "crashed"),
    *("came off", "thrown off", "broke (?:his|her|their|my) ", "bleeding", "tripped"),
)

HOLE = Kind(
    "hole",
    events=words(
        *("井盖(?:被)?(?:偷|丢|没了|不见|缺失|破|碎|翻|移位|塌)", "(?:没有|没|缺)了?井盖"),
        *("下水道(?:口)?(?:敞开|敞着|没盖)", "路面(?:塌陷|塌了)"),
        r"(?:open|uncovered|missing|stolen|broken) (?:manhole|drain|sewer)(?: covers?)?",
        r"(?:manhole|drain|sewer) covers? (?:is |are |was |were |has been |have been )?"
        r"(?:missing|stolen|gone|broken|off|removed)",
        r"(?:manhole|drain|sewer)(?: covers?| holes?)? (?:is|are|was|were) (?:left |wide )?open",
    ),
    across=((_COVER, _GONE), (_ROAD_HOLE, _HURT)),
    lasting=True,
)

# Someone fallen into a well, a manhole, a sewer or a pit (a person named falling in, not a
# phone dropped down a drain): got out by the fire brigade's rescue, likely hurt, the
# ambulance too; no one climbs in after them.
_WHO_ZH = (
    "(?:孩子|小孩|儿子|女儿|宝宝|小朋友|学生|老人|爸|妈|爷爷|奶奶|外公|外婆|老公|老婆|工人"
    "|人|他|她|我)们?"
)
_INTO_ZH = "(?:不小心|失足|一不小心|刚才|刚刚|刚|突然)?(?:掉|跌|摔|坠|落)(?:进|到|入|下)了?"
_PIT_ZH = "(?:井|下水道|化粪池|污水池|深坑|大坑|土坑|基坑|地洞|地窖|枯井)"
_INTO_EN = (
    r"(?: (?:has|have|had|just|accidentally|may have|might have|must have))* "
    r"(?:fell|fallen|falling|slipped|tumbled) (?:in|into|down|through|to the bottom of) "
    r"(?:a |an |the |our |that |this |some )?(?:open |uncovered |deep |old |dry )?"
    r"(?:manhole|well|drain|sewer|pit|hole|shaft|septic tank|cesspit|sinkhole|mine ?shaft)"
    r"(?!\s+of\b)"
)
FALLEN_IN = Kind(
    "fallen_in",
    events=words(
        f"{_WHO_ZH}{_INTO_ZH}[^,。!?,.!?]{{0,6}}?{_PIT_ZH}",
        rf"(?:{PEOPLE_NOUNS}|(?<![a-z0-9'’])(?:i|we|he|she|they))(?![a-z0-9'’]){_INTO_EN}",
    ),
)

# No heat where someone lives.
NO_HEAT = words(
    *("暖气不热", "暖气不够热", "暖气(?:坏了|停了|没了|不行|冰凉|凉的|是凉的)", "没有?暖气"),
    *("供暖不足", "没有?供暖", "不供暖", "停暖", "暖气片?(?:冰凉|不热)", "家里很冷", "冻得"),
    *(r"no (?:heating|heat)", r"heating (?:is |has )?(?:not working|broken|off|out|gone|failed)"),
    *(r"radiators? (?:is |are )?(?:cold|not working|off)", "heating doesn['’]?t work"),
    *("without heating", "freezing (?:in|at) (?:the |my |our )?(?:house|home|flat)"),
)
# Who cannot bear the cold.
VULNERABLE = words(
    *("老人", "老年人", "老母亲", "老父亲", "婴儿", "宝宝", "新生儿", "小婴儿", "孕妇", "病人"),
    *("卧床", "瘫痪", "月子", "产妇", "elderly", "old (?:man|woman|lady|people|parents?)"),
    *("babies", "baby", "infants?", "newborns?", "pregnant", "bedridden", "disabled"),
    *("(?:sick|ill|frail) (?:person|man|woman|child|mother|father)", "grand(?:ma|pa|mother)"),
    *(r"grand(?:father|parents?)", "toddlers?"),
)

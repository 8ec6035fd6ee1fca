"""The words of each kind of danger to people (`bot.hazard` hears how they are said), and
the words for something else that hold one (烟花 fireworks, a smoke detector, a gas bill).
Add a word to its kind here; a phrase for a danger of no kind goes in config `keywords`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Chinese characters and their punctuation (CJK, full-width forms): a word holding any is
# found as written.
_CHINESE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def latin(word: str) -> bool:
    """Whether `word` (a regex) is written in Latin letters, whatever its punctuation (a
    curly apostrophe: "can’t", a dash): no Chinese character in it (`_CHINESE`)."""
    return not _CHINESE.search(word)


def _alt(*words: str) -> str:
    """Alternatives as one regex: Latin ones (`latin`) whole words, not inside another
    ("he" is not in "headphones", "not" not in "knot"), others as written (Chinese has no
    spaces between words)."""
    return "|".join(rf"(?<![a-z0-9]){w}(?![a-z0-9])" if latin(w) else w for w in words)


def words(*alternatives: str) -> re.Pattern[str]:
    """The regex finding any of `alternatives` in a casefolded text (`_alt`)."""
    return re.compile(_alt(*alternatives))


@dataclass(frozen=True)
class Kind:
    """A kind of danger: `events` tell it alone ("着火", "not breathing"); `nouns` name it
    and tell it only with a cue that it is here, no enquiry beside them and none of `unless`
    in the text (smoke of someone smoking); `pairs` tell it when both halves are in one
    clause (gas and a smell, a lift and someone stuck, water and an electrical room);
    `not_when`: words that make a clause tell none of it ("should I call the police");
    `shouted`: words that tell it only with an exclamation mark after them ("help!");
    `across`: groups of words that tell it when each is said now in some clause of one text
    (a lift broken in one, someone inside it in the next: "电梯坏了,困人了!");
    `lasting`: a thing that stays dangerous once so (a manhole cover stolen "yesterday" is
    still missing): a past word does not end it, only words that it was dealt with;
    `pairs_not_when`: words that make a clause's `pairs` tell none of it, its events still
    telling it (what comes away is a wall's coat: "墙皮脱落" is no wall falling); `lone`:
    words that tell it alone as `events` do, but only in a text with none of `unless` ("I
    want to end it." beside a contract is no suicide); `intended`: told when planned too ("I
    will kill myself tomorrow": a plan is the danger, future words spare none of it)."""

    key: str
    events: re.Pattern[str] | None = None
    nouns: re.Pattern[str] | None = None
    pairs: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    unless: re.Pattern[str] | None = None
    not_when: re.Pattern[str] | None = None
    shouted: re.Pattern[str] | None = None
    across: tuple[tuple[re.Pattern[str], ...], ...] = ()
    lasting: bool = False
    pairs_not_when: re.Pattern[str] | None = None
    lone: re.Pattern[str] | None = None
    intended: bool = False

    def pairs_in(self, clause: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
        """The `pairs` that may tell the kind in `clause` (none: `pairs_not_when` is in it)."""
        spared = self.pairs_not_when is not None and self.pairs_not_when.search(clause)
        return () if spared else self.pairs


_LIFT = words("电梯", "轿厢", "lifts?", "elevators?")
# An alarm sounding: carbon monoxide's is the danger itself (kind "co").
_SOUNDING = "(?:going off|goes off|went off|beeping|sounding|ringing)"
_ELECTRICAL = words(
    *("配电房", "配电室", "配电箱", "配电柜", "变电箱", "变电站", "变电所", "变压器", "电表箱"),
    *("电表间", "强电井", "电缆井", "电箱", "电闸", "总闸", "插座", "electrical room"),
    *("electric room", "switch ?room", "substation", "transformer", "fuse ?box", "wiring"),
    *("breaker (?:box|panel)", "distribution (?:box|board)", "meter (?:box|room|cupboard)"),
    *("electrical (?:box|panel|cabinet|cupboard)", "power room", "sockets?", "outlets?"),
)

# Someone shut in (a lift named in another clause: "电梯坏了,困人了").
_PERSON_TRAPPED = words(
    *("困人", "关人", "困住", "关住", "被困", "被关", "关在", "出不来", "trapped", "locked in"),
    *("can['’]?t get out", "cannot get out", "stuck inside", "stuck in (?:it|there)"),
)
# A lift that has stopped or broken down.
_LIFT_STOPPED = words(
    *("坏了", "坏掉", "故障", "停了", "停在", "停住", "卡住", "卡在", "卡了", "不动", "半空"),
    *("下坠", "急坠", "冲顶", "蹲底", "打不开", "开不了", "不开门", r"broke(?:n)?(?: down)?"),
    *("stopped", "stuck", "not moving", "won['’]?t (?:open|move)", "jammed", "between floors"),
    *("out of order", "dropped", "fell", "halted", "doors? (?:won['’]?t|will not|don['’]?t) open"),
)
# Someone in it: 我妈在电梯里, 电梯里有人, "with my kid inside", "someone is in there".
_PERSON_INSIDE = words(
    "(?:人|我|他|她|孩子|小孩|宝宝|儿子|女儿|老人|爸|妈|爷爷|奶奶|外公|外婆|老公|老婆|们)"
    "(?:还|正|都|也)?(?:在|困在|关在|卡在)(?:电梯|轿厢|里面|里头)(?:里|内|中)?",
    # hedged as one who cannot see in: "里面好像有人", "someone might be inside"
    "(?:电梯|轿厢)?(?:里|内)(?:面|头)?(?:好像|似乎|可能|应该|估计|貌似|听着|听见|听到)?(?:还|正)?"
    "(?:有|关着|困着)(?:人|个|一个|两个|几个|老人|孩子)",
    "人在里面",
    r"with (?:my|our|a|the|his|her|their|some|two|three|an?) [\w ]{0,20}?inside",
    r"(?:someone|somebody|people|person|i|we|i['’]m|we['’]re|he|she|they|kids?|child"
    r"|children|son|daughter|baby|mum|mom|dad|mother|father|grand\w+|wife|husband)"
    r"(?:['’]s|['’]re| is| are| am| was| were| might be| may be| could be| must be)?"
    r"(?: still)? (?:inside|in (?:it|there|the (?:lift|elevator)))",
    r"there(?:['’]s| is| are| may be| might be| could be| seems to be) (?:someone|somebody"
    r"|people|a person|an? \w+)(?: still)? (?:inside|in (?:it|there|the (?:lift|elevator)))",
)

# What may come away and fall on people below or inside (collapse, with a word of falling);
# `_OUTSIDE`, what is overhead or on a building's outside, with a word of coming away.
_OUTSIDE = (
    *("天花板", "吊顶", "外墙", "外墙砖", "阳台", "招牌", "广告牌", "空调外机"),
    *("玻璃幕墙", "幕墙", "窗框", "窗户", "窗玻璃", "雨棚", "屋檐", "女儿墙", "护栏", "栏杆"),
    *("ceilings?", "walls?", "balcony", "roof", "signs?", "facade", "cladding", "gutters?"),
    *("window (?:frames?|panes?|glass)", "air ?con(?:ditioner)? units?", "railings?"),
)
_OVERHEAD = words(
    *_OUTSIDE, "瓷砖", "墙砖", "砖", "水泥块", "石块", "tiles?", "bricks?", "masonry"
)
# A clause of a wall's or ceiling's coat, or tiles, coming away (墙皮, plaster, paint,
# wallpaper, 瓷砖 in a bathroom): a repair, no collapse, unless of a building's outside,
# over people ("外墙瓷砖脱落", "tiles falling off the wall of building 5").
_COAT = _alt(
    *("墙皮", "墙灰", "灰皮", "腻子", "涂料", "漆", "墙纸", "壁纸", "石灰", "抹灰", "粉刷"),
    *("瓷砖", "墙砖", "地砖", "plaster", "paint(?:work)?", "wallpaper", "tiles?", "grout"),
)
_OUTER_WORDS = (
    *("外墙", "外立面", "楼外", "幕墙", "行人", "路人", "楼下", "facade", "cladding"),
    *("exterior", "outside", "outer", "pedestrians?", "passers-?by", "people below"),
    r"of (?:the |our |this |that )?(?:building|block|tower)",
)


def coat_only(*also: str) -> re.Pattern[str]:
    """A clause whose thing coming away is a coat or indoor tiles (`_COAT`), not on a
    building's outside (`_OUTER`) nor with any of `also` (what it hit)."""
    return re.compile(f"^(?!.*(?:{_alt(*_OUTER_WORDS, *also)})).*?(?:{_COAT})")


# Whose collapse: a structure's named before a word of its falling ("the ceiling in my kitchen
# collapsed", "the bridge gave way": kind "collapse", the fire brigade) or someone's (bot/
# hazard_people.py `SOMEONE_DOWN`: "my grandmother collapsed", the ambulance); the nearest
# named before it tells whose, so no word of the other's may come between.
STRUCTURES = _alt(
    *("walls?", "ceilings?", "roofs?", "buildings?", "(?:foot)?bridges?", "balcon(?:y|ies)"),
    *("roads?", "trees?", "houses?", "floors?", "floorboards?", "stairs", "stair ?cases?"),
    *("stairways?", "steps", "scaffold(?:s|ing)?", "sheds?", "garages?", "chimneys?"),
    *("tunnels?", "pavements?", "sidewalks?", "ground", "streets?", "blocks?", "towers?"),
    *("porch(?:es)?", "canop(?:y|ies)", "awnings?", "fences?", "trench(?:es)?", "decks?"),
    *("terraces?", "beams?", "structures?", "shelters?", "carports?", "pillars?", "columns?"),
    *("slopes?", "embankments?", "dams?", "cranes?", "hoardings?", "lamp ?posts?", "poles?"),
)
PEOPLE_NOUNS = _alt(
    *("someone", "somebody", "anyone", "everyone", "people", "person", "m[ae]n", "wom[ae]n"),
    *("lad(?:y|ies)", "gentleman", "guy", "boy", "girl", "child(?:ren)?", "kids?", "baby"),
    *("son", "daughter", "father", "dad(?:dy)?", "mother", "mum(?:my)?", "mom", r"grand\w+"),
    *("husband", "wife", "partner", "brother", "sister", "uncle", "aunt(?:ie)?", "cousin"),
    *("friend", "neighbou?r", "colleague", "patient", "resident", "tenant", "student"),
    *("pupil", "teacher", "worker", "driver", "cyclist", "runner", "passenger", "customer"),
    *("pedestrian", "elderly", "old"),
)


# Where something is, not what it is: "in the building", "on the stairs" (a structure named so
# is a place, "a man in the building collapsed" is a person down). "of" is no place: "part of
# the road has collapsed" is the road's.
_AT = ("in", "on", "at", "inside", "outside", "near", "by", "under", "beside", "behind")
_OWNED = ("", "the ", "a ", "an ", "our ", "my ", "this ", "that ", "his ", "her ", "their ")
# Not right after a place's preposition: one lookbehind per width (re's must be fixed-width),
# its alternatives all of that width.
_PLACES_BY_WIDTH: dict[int, list[str]] = {}
for _at in _AT:
    for _owned in _OWNED:
        _PLACES_BY_WIDTH.setdefault(len(f"{_at} {_owned}"), []).append(f"{_at} {_owned}")
_NOT_A_PLACE = "".join(
    rf"(?<!\b(?:{'|'.join(same)}))" for _, same in sorted(_PLACES_BY_WIDTH.items())
)
_A_PLACE = rf"(?:{'|'.join(_AT)})\s+(?:(?:{'|'.join(o.strip() for o in _OWNED if o)})\s+)?"


def named_before(head: str, blocked: str, verbs: str, *, place: bool = False) -> str:
    """A regex (for `words`): `head` named, then up to 4 words none of `blocked` ("'s" right
    after it: "she's collapsed"), then one of `verbs`. `place`: `head` is not one named as a
    place ("on the stairs"), and `blocked` named as a place may come between ("a man in the
    building collapsed")."""
    word = rf"(?!(?:{blocked})(?!\w))[\w'’-]+"
    if place:
        word = rf"(?:{_A_PLACE}(?:{blocked})(?!\w)|{word})"
        # (the head looked for first: the lookbehinds only where it is)
        head = f"(?=(?:{head})){_NOT_A_PLACE}(?:{head})"
    gap = rf"(?:['’]s)?(?:\s+{word}){{0,4}}?\s+"
    return f"(?:{head}){gap}(?:{verbs})"


# A structure named, within 4 words before its falling; no one named between.
_STRUCTURE_FELL = named_before(
    STRUCTURES,
    PEOPLE_NOUNS,
    "collaps(?:ed|ing)|cav(?:ed|ing) in|(?:gave|giving|given) way|(?:fell|fallen|falling) down",
    place=True,
)


KINDS: tuple[Kind, ...] = (
    Kind(
        "fire",
        events=words(
            *("着火", "起火", "失火", "火灾", "火情", "火势", "大火", "火苗", "明火", "火光"),
            *("烧起来", "烧着了", "着起来", "走火", "冒火(?![花星])", "烧焦", "焦糊味", "焦味"),
            *("on fire", "caught fire", "catch(?:es|ing)? fire", "in flames", "ablaze"),
            *("fire broke out", "burning smell", r"smell(?:s|ing)? (?:of )?burning"),
            *("smells? burnt", "(?:is|are) burning"),
        ),
        nouns=words("fires?", "flames?", "blaze"),
        unless=words("bonfire", "barbecue", "bbq", "烧烤", "fireplace"),
    ),
    Kind(
        "smoke",
        events=words(
            *("冒烟", "浓烟", "黑烟", "烟雾弥漫", "full of smoke", "filled with smoke"),
            *("thick smoke", "black smoke", "smoky", r"smell(?:s|ing)? (?:of )?smoke"),
            "smoke (?:is |was )?(?:coming|pouring|billowing|filling|rising|everywhere|spreading)",
        ),
        nouns=words("烟雾", "烟味", "烟", "smoke"),
        unless=words(
            *("抽烟", "吸烟", "香烟", "烟头", "二手烟", "油烟", "饭店", "餐馆", "烧烤"),
            *("smoking", "smokers?", "cigarettes?", "vap(?:e|ing)", "restaurant", "barbecue"),
        ),
    ),
    # fumes breathed (煤气中毒 is carbon monoxide's): people poisoned, the ambulance first
    Kind(
        "co",
        events=words(
            *("一氧化碳", "(?:煤气|燃气|天然气|液化气|co)中毒", "中了煤气", "煤气熏[晕倒着了]"),
            *("co poisoning", "(?:gas|fumes) poisoning", "poisoned by (?:the )?(?:gas|fumes)"),
            # its alarm sounding ("the CO alarm is beeping"; a detector bought or fitted is none)
            "co(?: alarm| detector)s? (?:is |are |keeps |has been |just )?" + _SOUNDING,
            *("carbon monoxide", "(?:一氧化碳|co)报警器?(?:在|一直|突然|又|还)*(?:响|叫|鸣|报警)"),
        ),
    ),
    Kind(
        "gas",
        events=words("leak(?:s|ing)? gas", "gas (?:smell|leak|leaking|odou?r)s?"),
        pairs=(
            (
                words("煤气", "燃气", "天然气", "液化气", "瓦斯", "gas"),
                words(
                    *("味", "漏", "泄", "闻", "呛", "臭", "嘶", r"smell\w*", r"stink\w*"),
                    *(r"reek\w*", r"leak\w*", "odou?rs?", r"hiss\w*", "whiff"),
                ),
            ),
        ),
    ),
    Kind(
        "sparks",
        events=words("火花", "冒火星", "火星子", "拉弧", "sparks", "sparking", "arcing"),
        nouns=words("spark"),
    ),
    Kind(
        "electric",
        events=words(
            *("触电", "电到人", "被电[到了击]", "电击", "电线(?:掉|断|垂|落|裸露)"),
            *(
                "电线(?:被)?(?:刮|砸|压)断",
                "(?:掉|落|垂)(?:下来|在地上)的电线",
                "电缆(?:掉|断|垂|落)",
            ),
            "(?:墙|门|铁门|水管|栏杆|扶手|灯杆|路灯杆|电线杆|电梯|热水器|洗衣机|水龙头|水)"
            "(?:上|面)?(?:在|有|会|也)?(?:漏电|带电)",
            "(?:漏电|带电)(?:了)?.{0,4}(?:电到|麻手|发麻|打人|电人)",
            "(?:railing|door|pipe|pole|tap|water|handrail|fence)s? (?:is|are) "
            "(?:live|electrified)",
            *("(?:is|are) electrified", "tingl(?:e|ing) (?:from|when)"),
            *("高压线(?:掉|断|垂|落)", "electric(?:al)? shock", "electrocuted"),
            *("got (?:a |an )?(?:electric )?shock", "live wires?", "exposed wires?"),
            "downed (?:power )?lines?",
            "(?:power|electric(?:al)?) (?:lines?|cables?|wires?) (?:is |are )?(?:down|hanging)",
        ),
    ),
    Kind(
        "trapped",
        events=words(
            *("被困", "困在", "电梯困人", "在里面出不来", "trapped"),
            "locked in (?:the |a |an )?(?:lift|elevator)",
        ),
        pairs=(
            (
                _LIFT,
                # someone in it ("卡在电梯里", "stuck in the lift"), not the lift stuck alone
                # ("电梯卡在5楼", "the lift is stuck on the 5th floor": a clerk asks whether
                # anyone is inside, the lift fault's template)
                words(
                    *("困", "关在", "出不来", "卡在(?:电梯|轿厢)", "can['’]?t get out"),
                    "cannot get out",
                    "stuck (?:in|inside) (?:the |a |an |our |this )?(?:lift|elevator)",
                ),
            ),
        ),
        # a lift that will not go on, and someone in it, said in clauses of their own
        across=((_LIFT, _PERSON_TRAPPED), (_LIFT, _LIFT_STOPPED, _PERSON_INSIDE)),
    ),
    Kind(
        "person",
        events=words(
            *("晕倒", "昏倒", "昏迷", "晕过去", "昏过去", "不省人事", "没有呼吸", "没呼吸"),
            *("不呼吸", "呼吸停", "没气了", "没有心跳", "没心跳", "心脏骤停", "倒地不起"),
            *("失去意识", "叫不醒", "抽搐", "unconscious", "fainted"),
            # (heavy bleeding is its own kind: bot/hurt_words.py "bleeding")
            # "collapsed", "passed out": someone's (bot/hazard_people.py `SOMEONE_DOWN`)
            "(?:not|[a-z]+n['’]t|stopped|no longer) breathing",
            *("can(?:not|['’]t) breathe", "no pulse", "unresponsive", "heart attack"),
            *("seizure", "won['’]?t wake up"),
        ),
    ),
    Kind(
        "collapse",
        events=words(
            *("坍塌", "塌了", "塌方", "倒塌", "塌陷", "要塌", "垮塌", "cave-in", "sinkhole"),
            *("塌下来", "塌下去", "(?:墙|围墙|楼板|房顶|屋顶|顶棚|雨棚|棚子|脚手架|树)倒了"),
            # a structure's, not someone's nor a company's ("the ceiling in my kitchen
            # collapsed"; "my grandmother collapsed" is a person down)
            _STRUCTURE_FELL,
            # a building leaning ("楼房开裂倾斜了", "the building is leaning")
            "(?:楼房|房子|房屋|楼体|大楼|整栋楼|这栋楼|围墙|挡土墙|墙体)[^,。!?,.!?]{0,4}(?:倾斜|歪斜)",
            "(?:building|house|block|wall)s? (?:is |are )?(?:now )?(?:leaning|tilting)",
        ),
        pairs=(
            (
                _OVERHEAD,
                words(
                    *("掉下", "掉落", "坠落", "落下", "砸", "掉了", "往下掉", "fell", "falling"),
                    *("came down", "coming down", "(?:came|come|coming) (?:off|loose)"),
                    "dropp(?:ed|ing)",
                ),
            ),
            # come away, overhead or outside: it falls next ("外墙瓷砖脱落", "tiles came off")
            (words(*_OUTSIDE), words("脱落", "剥落", "松脱", "松动")),
        ),
        pairs_not_when=coat_only(),
    ),
    Kind(
        "flood_electric",
        pairs=(
            (
                words(
                    *("进水", "水漫", "漫进", "漫到", "淹", "灌进", "渗水", "漏水", "泡水"),
                    *("积水", r"flood\w*", "water", r"leak\w*", "submerged"),
                ),
                _ELECTRICAL,
            ),
        ),
    ),
)

# Words for something else that hold a hazard word (烟花 fireworks, a smoke detector, a fire
# safety certificate, a gas bill): blanked out before anything is looked for.
NOT_ITSELF = words(
    *("烟花", "烟火", "焰火", "烟草", "香烟", "抽烟", "吸烟", "烟头", "烟酒", "抽?油烟机?"),
    *("烟感", "烟雾(?:报警|探测|感应)器?", "烟囱", "禁烟", "控烟", "戒烟", "二手烟"),
    *("电子烟", "卷烟", "烟民", "烟盒", "烟证", "烟叶", "烟瘾", "烟灰", "烟机", "烟道", "排烟"),
    *("烟台", "火车", "火锅", "火柴", "火腿", "火箭", "火候", "火爆", "火热", "发火", "上火"),
    *("火气", "火葬", "火化", "火警电话", "防火", "灭火器", "火险", "火花塞", "点火"),
    *("打火机", "火山", "火龙果", "火鸡", "禁止明火", "(?:气得|心里|心头)冒火"),
    # a hotel's non-smoking room, a pipe, a street and a temple (CrossWOZ travel questions)
    *("无烟(?:房|客房|楼层|区|酒店|餐厅|环境)", "烟斗", "烟袋", "火神庙"),
    "火灾(?:隐患|险|保险|预防|防范|演练|演习|报警器?|知识|培训|安全)",
    "(?:燃气|煤气|天然气)(?:费|开户|公司|表|卡|缴费|过户|改造|安装|报装|接入|开通|补贴|价格|安检)",
    "(?:燃气|煤气|天然气)?安全检查",
    "消防(?:演练|演习|检查|验收|安全|设施|通道|证|培训|栓)",
    "漏电保护(?:器|开关)?",
    # a notice or plan of an outage is no outage of the requester's
    "停[水电气](?:通知|公告|计划|信息|安排|时间表?)",
    "计划(?:性)?停[水电气]",
    "(?:planned|scheduled) (?:water |power |gas )?(?:outages?|cuts?)",
    "(?:outage|power cut) (?:notices?|schedules?|maps?|plans?)",
    "(?:一氧化碳|co)(?:报警|探测|检测)[器仪](?![^,。!?,.!?]{0,4}(?:响|叫|鸣|报警))",
    "spark plugs?",
    "cease-?fire",
    "smoke-free",
    "no smoking",
    (
        "(?:smoke|fire|gas|carbon monoxide(?! (?:alarm|detector)s? (?:is |are |keeps |has been "
        f"|just )?{_SOUNDING}))(?: leak)? (?:detectors?|alarms?|sensors?|safety"
        "|inspections?|certificates?|extinguishers?|blankets?|drills?|exits?|escapes?|doors?"
        "|stations?|brigades?|departments?|services?|hydrants?|insurance|prevention|codes?"
        "|regulations?|permits?|licen[cs]es?|bills?|meters?|accounts?|connections?|supply"
        "|suppliers?|company|companies|prices?|tariffs?|subsid[a-z]*|cards?|top-?ups?"
        "|training|engineers?|ratings?|retardant|proof|hazards?|risks?|trucks?|engines?"
        "|lanes?|routes?|hoses?|fighters?|plans?|evacuation|assembly)"
    ),
)

# A cue that a bare hazard noun is here, now.

"""The words of harm going on that a tester's first messages told and the desk did not hear
(bot/hazard_people.py kinds): pills or something poisonous swallowed (`SWALLOWED`, kind
"swallowed", bot/hurt_words.py: the ambulance first: "I took too many pills", "我吞了半
瓶安眠药", "my baby swallowed a battery"; one's own overdose, `OVERDOSE_TAKEN`, is self-harm
too), a threat to kill or a door kicked in
(`THREATENED`, kind "violence": "还说要打死我", "他在踹门"), someone followed (`FOLLOWED`,
kind "police": "someone is following me"), a child said missing at a place (`MISSING_AT`)
or not home late and not answering (`NOT_HOME`, `UNREACHABLE`, kind "missing"). "I
swallowed my pride", "累死了", "打死我也不去", "following up on my ticket" and "my package
is missing" stay ordinary."""

from __future__ import annotations

from bot.hazard_words import words

_PILLS_EN = r"(?:sleeping |my |his |her |the )?(?:pills|tablets|painkillers|meds|medication)"
# too many at once, not "all my meds" taken as prescribed
_HEAP_EN = r"(?:too many|(?:half )?a (?:whole |full )?(?:bottle|handful|box|packet|pack) of)"
_HEAP_ZH = r"(?:半瓶|一瓶|一整瓶|整瓶|一把|一大把|一盒|整盒|一堆)"
_HARMFUL_EN = r"(?:a |an |some |the )?(?:button )?(?:batter(?:y|ies)|magnets?|bleach|detergent"
_HARMFUL_EN += r"|(?:laundry|detergent) pods?|rat poison|weed ?killer|pesticide)"
_WHO_EN = r"(?:he|she|they|my (?:husband|ex|boyfriend|partner|father|dad)|him|her)"

# An overdose one took oneself ("我吞了半瓶安眠药", "I just swallowed half a bottle of sleeping
# pills", "I took all my pills"): self-harm too, not only swallowed (kind "suicide" beside it,
# bot/hazard_people.py: the crisis line after the ambulance). Not a child's battery, nor
# someone else's pills, nor all one's meds taken this morning as prescribed.
_ME_ZH = "我(?:刚刚?|刚才|才|已经|都|又|偷偷地?|一口气|一下子|一次性?|就|全)*"
_ME_EN = r"i(?:['’]ve| have)?(?: just| already)?"
_ALL_PILLS_EN = (
    r"(?:all|every one) (?:of )?(?:my|the|these|those) (?:sleeping )?(?:pills|tablets"
    r"|painkillers|meds|medication)(?= *$| at once| in one go| together| (?:just )?now)"
)
# all of them taken already ("我把一整瓶安眠药都吃了"), not a plan ("我要把…", bot/
# crisis_words.py `OVERDOSE_PLAN`) nor the rest of one's medicine ("我已经把药全吃了")
_AT_ONCE_ZH = "(?:全|都|全都|全部|一次性?|一口气|一下子)"
_ALL_ZH = "(?:一整?瓶|整瓶|半瓶|一整?盒|整盒|一大?把|所有|全部)的?"
_ALL_TAKEN_ZH = (
    rf"{_ME_ZH}把(?:{_ALL_ZH}(?:安眠药|药片|药丸|止痛药|药)|(?:{_ALL_ZH})?(?:安眠药|药片|药丸"
    rf"|止痛药)(?={_AT_ONCE_ZH})){_AT_ONCE_ZH}?(?:吞|吃|服)(?:了|掉了|光了|完了|下去了)"
)
OVERDOSE_TAKEN = words(
    _ALL_TAKEN_ZH,
    rf"{_ME_ZH}(?:吞|吃|服)(?:了|下了?|掉了)?(?:{_HEAP_ZH}的?(?:安眠药|药片|药丸|止痛药|药)"
    "|(?:好多|很多|大量的?)(?:安眠药|药片|药丸|止痛药))",
    rf"{_ME_EN} (?:took|taken|swallowed|had|ate|downed) {_HEAP_EN} ?{_PILLS_EN}",
    rf"{_ME_EN} (?:took|taken|swallowed|downed) {_ALL_PILLS_EN}",
    rf"{_ME_EN} (?:took|taken|had) an overdose",
)

SWALLOWED = words(
    rf"(?:took|taken|swallowed|had|ate|eaten) {_HEAP_EN} ?{_PILLS_EN}",
    rf"(?:took|taken|swallowed|downed) {_ALL_PILLS_EN}",
    r"overdos(?:ed|ing)",
    r"(?:took|taken|had) an overdose",
    rf"(?:swallowed|has swallowed|ate|drank|drunk) {_HARMFUL_EN}",
    # a bottle of medicine, or many sleeping pills, not "吃了很多药都没用" (ill, no better)
    rf"(?:吞|吃|服)了?{_HEAP_ZH}(?:安眠药|药片|药丸|药)",
    "(?:吞|吃|服)了?(?:好多|很多|大量的?)安眠药",
    _ALL_TAKEN_ZH,
    # anyone's: a bottle's worth taken ("孩子把一瓶药都吃了"), not one's medicine ("把药都吃了")
    rf"把{_ALL_ZH}(?:安眠药|药片|药丸|止痛药|药){_AT_ONCE_ZH}?(?:吞|吃|服)(?:了|掉了|光了|完了|下去了)",
    "(?:吞|吃|服)(?:了|下了?)(?:安眠药|农药|老鼠药|鼠药|百草枯|敌敌畏)",
    "喝了?(?:农药|百草枯|敌敌畏)",
    "(?:吞|误吞|误食|误服)了?(?:一[颗个节块枚])?(?:纽扣)?(?:电池|磁铁|磁珠|洗衣凝珠|老鼠药|鼠药)",
)
THREATENED = words(
    # a threat to kill said now, not "打死我也不去" (you could beat me and I'd not go)
    "(?:说|扬言|威胁|喊着?|嚷着?)(?:说)?(?:要|会)?(?:打死|杀了|弄死|砍死|掐死)(?:我|我们|孩子)",
    r"(?:said|says|saying|threaten\w*|screaming|shouting)(?: that)?(?: (?:he|she|they)(?:['’]ll"
    r"| will| would| is going to| are going to| was going to))?(?: to)? kill (?:me|us|my kids"
    r"|the kids)",
    # the door kicked in, "他在踹门"
    "(?:他|她|他们|有人|老公|前夫|男朋友|那个人)(?:正|又|一直|还)?在(?:踹|砸|撞)(?:我家的?|我的)?门",
    rf"{_WHO_EN}(?:['’]s|['’]re| is| are)? (?:kicking|smashing|breaking down|trying to break "
    r"down|trying to kick in) (?:my|our|the) door",
)
FOLLOWED = words(
    r"(?:someone|somebody|some(?: \w+)? (?:man|guy|men)|a (?:\w+ )?(?:man|guy|stranger|car)"
    r"|strangers?|they|he)(?: is| has been|['’]s been|['’]s| are| keeps?)? "
    # not followed online ("following me on twitter") nor back
    r"(?:following|stalking) me(?! on| back| online)",
    "有(?:个|一个)?(?:陌生)?(?:人|男的|男人)(?:一直|老是|好像)?(?:在)?(?:跟着|跟踪|尾随)我",
)
_CHILD_EN = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[ -]?(?:year|yr)s?[ -]?old"
MISSING_AT = words(
    rf"(?:my|our) {_CHILD_EN} (?:son|daughter|boy|girl|kid|child )?(?:is|has gone|went) "
    r"missing",
)
_CHILD_ZH = "(?:儿子|女儿|孩子|小孩|宝宝)"
# A child not home yet ...
NOT_HOME = words(
    rf"{_CHILD_ZH}[^,。!?,.!?]{{0,10}}(?:还|都|仍然)(?:没有?|不)(?:回家|回来|到家)",
)
# ... and not answering nor found.
UNREACHABLE = words(
    "电话(?:也|一直|都)?(?:打不通|没人接|关机|不接)",
    "联系不上",
    "找不到(?:人|他|她)",
    "找遍了",
)

# Money just sent on a swindle (kind "fraud": the police, and the bank to stop it): a
# swindle or a fake official said ...
SWINDLED = words(
    "被骗了?",
    "骗子",
    "诈骗",
    "自称(?:是)?(?:公安|警察|民警|检察|法院|客服|银行)",
    r"(?:been |got |was |i['’]ve been |i was )?scammed",
    r"(?:a |the )?scam(?:mer)?s?",
    r"(?:claiming|pretending|said) to be (?:from )?(?:the )?(?:police|bank|court|customs)",
)
# ... and a large sum sent just now, not ten yuan of a phone bill told to complain of it.
JUST_SENT = words(
    "(?:刚|刚刚|刚才|才)(?:转|汇|打)了?(?:账)?[^,。!?,.!?]{0,10}?(?:[0-9]+|[一二三四五六七八九十两几]+)"
    "(?:万|千)",
    r"(?:just|just now|a few minutes ago) (?:transferred|sent|wired|paid)[^,.!?]{0,20}?"
    # a sum of thousands: "5000", "5k", or "50,000" (its clause ends at the comma: "50")
    r"(?:\d{4,}|\d+ ?(?:k|thousand|grand)|\d{1,3} *$)",
)

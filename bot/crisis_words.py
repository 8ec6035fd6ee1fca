"""The words of someone about to take their own life beyond a jump or a method named (bot/
hazard_people.py kind "suicide"): the wish said (`WISH`: "I want to die", "我想结束这一切"),
the pills in their hand (`PILLS_HELD`: "I have the pills in my hand", "药已经在我手里了"), a
knife or a rope at hand beside being unable to go on (`MEANS`, `WEARY`, said in one text:
"I have a rope, I can't do this anymore", "我手里拿着刀,我撑不下去了"), and, only in a text
naming nothing one ends or cancels (`ENDED`: a contract, a subscription), wanting to end
"it" or not going on (`DONE`: "I want to end it.", "I can't go on anymore"). And the words
of a threat coming back (`THREAT`: "he is coming back now", "他又回来了") that make a plea
typed without an exclamation mark (`HELP_ALONE`: "please help", "帮帮我") a plea for rescue
(kind "plea"). From a tester's first messages, each given an ordinary answer; "please help
me with my passport", "我想死你了" and "累得想死" stay ordinary."""

from __future__ import annotations

from bot.hazard_words import words

_PILLS_EN = r"(?:sleeping )?(?:pills|tablets|painkillers)"
_PILLS_ZH = r"(?:安眠药|药片|药丸|药(?![方单费店房品监价膏水]))"
_HAND_ZH = r"(?:我的?)?手(?:里|上|中|心)"
_HOLDING_ZH = r"(?:正)?(?:拿着|握着|攥着|捏着|抓着|捧着)"
_HEAP_ZH = r"(?:一(?:瓶|把|盒|堆|大把|整瓶)|整瓶的?|好多|很多|所有的?)"
_IN_HAND_ZH = rf"(?:在|握在|攥在|拿在|捏在){_HAND_ZH}"

WISH = words(
    r"i (?:just |really |only |so )?(?:want|wanna) (?:to )?die(?! of| from| laughing)",
    r"i wish i (?:was|were) dead",
    r"(?:do not|don['’]t|no longer) want to (?:live|be alive)"
    r"(?! (?:in|with|at|near|next|on|here|there|like|alone|together|abroad))",
    r"end it all(?! with)",
    r"can(?:not|['’]?t) go on living",
    r"(?:do not|don['’]t|can(?:not|['’]?t)) see (?:the|any) point (?:of|in) (?:going on|living"
    r"|being alive|carrying on)(?! with)",
    # 我想死, not "我想死你了" (I miss you) nor "累得想死" (tired to death)
    "我(?:真的?|好|很|只|就|是|真)?想(?:去)?死(?![你他她您们])",
    "我(?:真的?|实在|已经|快|都|是)?活不下去",
    # 我明天就去死, not "你去死吧" (an insult)
    "我(?:今晚|今天|明天|马上|这就|现在)?(?:就|要|会)?去死(?!胡同)",
    "不想再活",
    "(?:想|要|准备|打算|干脆)一了百了",
    "结束(?:自己的?|我的)生命",
    "(?:想|要|准备|打算|决定)结束(?:这一切|生命)",
)
PILLS_HELD = words(
    rf"{_PILLS_EN}(?: (?:is|are))? (?:all )?in my hands?",
    rf"(?:holding|clutching) (?:the |my |all (?:the |my )?|a (?:bottle|handful|box|packet) of "
    rf"|some )?{_PILLS_EN}",
    # sleeping pills held, or a bottle of them, not medicine one asks about ("我手里拿着药,
    # 可以上飞机吗"), unless it is said to be in hand already ("药已经在我手里了")
    rf"{_HAND_ZH}{_HOLDING_ZH}(?:{_HEAP_ZH}{_PILLS_ZH}|{_HEAP_ZH}?(?:安眠药|药片|药丸))",
    rf"(?:安眠药|药片|药丸)(?:已经|都|就|现在)?{_IN_HAND_ZH}",
    rf"{_PILLS_ZH}(?:已经|都|就|现在){_IN_HAND_ZH}",
)
# A plan to take all one's sleeping pills or a bottle of them at once, said by one who means
# to ("tomorrow I will take all my sleeping pills", "明天我要把安眠药全吃了"; a plan, future
# words spare none of it: `Kind.intended`), not a pill asked about ("明天要吃安眠药吗") nor
# pills taken as prescribed ("I will take my pills as prescribed", "all my pills with me").
_ALL_EN = r"(?:all|every one) (?:of )?(?:my |the |these |those |them )?"
_BOTTLE_EN = r"(?:a|the|my) (?:whole |full |entire )?(?:bottle|box|packet|pack) of (?:my )?"
_ALL_ZH = r"(?:所有的?|全部的?|剩下的?|一整?瓶|整瓶的?|一整?盒|整盒的?|一大把|这些|那些)"
_AT_ONCE_ZH = r"(?:全|都|全都|全部|一次性?|一口气|一下子)"
_TAKE_ZH = r"(?:吃|吞|服)(?:了|掉|下去?|光|完)"
_INTENT_ZH = r"(?:我|要|想|准备|打算|决定|会|就|干脆|直接)"
OVERDOSE_PLAN = words(
    r"i(?:['’]ll| will| am going to|['’]m going to| am gonna|['’]m gonna| want to| wanna"
    r"| plan to| am planning to|['’]m planning to| intend to| have decided to| decided to"
    r"| am about to|['’]m about to)(?: just)? (?:take|swallow|down|overdose on) "
    rf"(?:{_ALL_EN}(?:sleeping )?(?:pills|tablets|painkillers|meds)|{_ALL_EN}sleeping pills"
    rf"|{_BOTTLE_EN}{_PILLS_EN})"
    r"(?! (?:with|on|to|through|in|into|out|back|along|abroad|as|when|for)(?![a-z]))",
    r"i(?:['’]ll| will| am going to|['’]m going to| am gonna|['’]m gonna| want to| wanna"
    r"| plan to| am about to|['’]m about to) overdose",
    # one's own plan ("我要把…", "今晚就把…"), not a child's pills taken ("孩子把一瓶药都吃了":
    # swallowed, the ambulance first, bot/harm_words.py)
    rf"{_INTENT_ZH}把{_ALL_ZH}?(?:安眠药|药片|药丸){_AT_ONCE_ZH}{_TAKE_ZH}",
    rf"{_INTENT_ZH}把{_ALL_ZH}(?:安眠药|药片|药丸|药){_AT_ONCE_ZH}?{_TAKE_ZH}",
    rf"(?:要|想|准备|打算|决定|会)(?:一次|一口气)?(?:吃|吞|服)(?:光|掉|下)?{_ALL_ZH}(?:安眠药|药片|药丸)",
)
# A knife, a blade, a rope at hand ...
MEANS = words(
    r"(?:knife|blade|razor|rope|noose|gun)s? (?:(?:is|are) )?in my hands?",
    r"(?:i have|i['’]ve got|i got|holding|clutching) (?:a|the|my) "
    r"(?:knife|blade|razor(?: blade)?|rope|noose|gun)",
    r"(?:rope|noose) (?:is )?(?:ready|tied|up)",
    rf"{_HAND_ZH}{_HOLDING_ZH}(?:一把|一根|一条)?(?:刀片|刀|绳子|绳)",
    "(?:绳子|绳套|刀片)(?:已经)?(?:准备好|系好|挂好|绑好)",
    rf"(?:刀片|刀|绳子)(?:已经|就)?(?:在|握在|攥在|拿在){_HAND_ZH}",
)
# ... beside being unable to go on.
WEARY = words(
    r"can(?:not|['’]?t) (?:take|do|bear|stand) (?:it|this) any ?more",
    r"can(?:not|['’]?t) go on",
    *(r"end it", "goodbye", "no reason to live", r"(?:nobody|no one) (?:will|would) miss me"),
    *("(?:撑|熬|坚持|扛)不(?:下去|住)了", "受不了了", "不想(?:再)?(?:撑|坚持)", "再见了", "永别"),
)
# Wanting to end "it", not going on, said as the whole clause ...
DONE = words(
    r"^ *i(?:['’]m| am)? (?:just |really )?(?:want|wanna|going|gonna|about|ready|decided"
    r"|have decided) (?:to )?end it(?: now| tonight| today| here)? *$",
    r"can(?:not|['’]?t) go on (?:like this )?(?:any ?more|any longer)(?! with| waiting)",
)
# ... in a text naming nothing it could be about.
ENDED = words(
    *(r"contracts?", r"subscriptions?", r"memberships?", r"accounts?", "lease", "tenancy"),
    *(r"plans?", r"polic(?:y|ies)", r"bookings?", r"reservations?", r"services?", "agreement"),
    *("relationship", "call", "chat", "conversation", "meeting", "lift", "elevator", "noise"),
    *(r"waiting", "queue", "ticket", "complaint", "card", "loan", "mortgage", "job"),
)

# Someone who threatened coming back, at the door, following ...
THREAT = words(
    r"(?:he|she|they|that (?:man|guy|woman)|the (?:man|guy)|my (?:ex|husband|boyfriend"
    r"|partner|ex-\w+))(?:['’]s|['’]re| is| are)? (?:coming back|back again|back now"
    r"|here again|coming (?:for|after) (?:me|us)|outside (?:my|our|the) (?:door|window|house"
    r"|flat|room)|at (?:my|our|the) (?:door|window)|banging on (?:my|our|the) door"
    r"|trying to (?:get|break) in|following (?:me|us))",
    "(?:他|她|他们|那个?人|那个男的|前夫|老公|男朋友)(?:又|已经|现在)?"
    "(?:回来了|又来了|找上门|找来了|跟着我|跟踪我|在(?:门外|门口|外面)|在(?:砸|踹|撞)门)",
)
# ... and help asked in a clause of its own, without an exclamation mark.
HELP_ALONE = words(
    r"^ *(?:please,? )?help(?: me| us)?(?:,? please)? *$",
    "^ *(?:请|快|求求你)?(?:帮帮|救救)(?:我|我们|忙)(?:吧|啊|呀)? *$",
)

# What stays no danger however it is meant: a drill, a talk, a campaign, a story.
NO_INTENT = words(
    *("演练", "演习", "讲座", "宣传", "培训", "课", "活动", "电影", "新闻", "小说", "预防"),
    *(r"drills?", "planned", "scheduled", "will there", "going to be", r"talks?", "lecture"),
    *(r"prevention", "awareness", "campaign", "training", r"films?", r"movies?", "news", "story"),
    *("week", "day", "month"),
)
# Said of oneself: an intent ("I will ...", "我明天就..."), not an event announced
# (bot/hazard.py `Clause.intended`).
SELF = words(r"i", r"i['’](?:m|ll)", "myself", "我")

"""The words of each kind of danger to people themselves (`bot.hazard` hears how they are
said, as it does the dangers of things in `bot.hazard_words`): someone in the water (fallen
or jumped in: 跳河 is a suicide too), someone threatening to jump or to take their own
life (the wish, the pills in hand: bot/crisis_words.py), a weapon, a fight, someone
beating their own (家暴: 我老公打我), a break-in, a robbery or a snatch (`robbery`: the police
alone), an accident with someone hurt (`accident`: the ambulance, then the police), someone
collapsed or fallen who does not answer (`SOMEONE_DOWN`: not a
structure's collapse, bot/hazard_words.py), a vulnerable person missing, something about
to fall on people below, someone out in the freezing cold (bot/frail_words.py `EXPOSED`),
money just sent on a swindle (`fraud`: the police, and the bank), and a plea for help
("救命", "call the police", "please help" as a threat comes back),
which is an emergency by itself. Words for
something else that hold them (刀削面, a jump start, 救命稻草, "help me with my form") tell none.

And the words of a vulnerable person depending on a supply an outage cuts (`DEPENDS`,
`SUPPLY_CUT`): someone on dialysis, an oxygen machine or a home ventilator, insulin kept
cold. No danger heard now (no emergency numbers), but urgent (`bot.peril_needs.dependence`)."""

from __future__ import annotations

from bot.crisis_words import (
    DONE,
    ENDED,
    HELP_ALONE,
    MEANS,
    OVERDOSE_PLAN,
    PILLS_HELD,
    THREAT,
    WEARY,
    WISH,
)
from bot.frail_words import EXPOSED, WELFARE
from bot.harm_words import (
    FOLLOWED,
    JUST_SENT,
    MISSING_AT,
    NOT_HOME,
    OVERDOSE_TAKEN,
    SWINDLED,
    THREATENED,
    UNREACHABLE,
)
from bot.hazard_words import PEOPLE_NOUNS, STRUCTURES, Kind, coat_only, named_before, words
from bot.hurt_words import BLEEDING

# (a well, a sewer is someone fallen in: bot/peril_words.py `FALLEN_IN`)
_WATER = "(?:河|湖|江|海|(?<!下)水(?!道|管|表|杯|壶|桶|盆|槽)|池|塘|沟|渠)"
_SOMEONE_ZH = (
    "(?:孩子|小孩|儿子|女儿|老人|老太太|老大爷|爸|妈|爷爷|奶奶|外公|外婆|姥姥|姥爷|老公|老婆)"
)
_SOMEONE_EN = (
    r"(?:son|daughter|child|kid|baby|boy|girl|father|dad|mother|mum|mom|grand\w+|husband"
    r"|wife|brother|sister|he|she|him|her|neighbou?r|old (?:man|woman|lady)|elderly \w+)"
)
# Someone down: someone named, within 4 words before "collapsed", "passed out", "fainted", no
# structure named between but as a place ("my grandmother collapsed", "a man in the building
# collapsed"; "the ceiling collapsed" is a
# structure's: bot/hazard_words.py `_STRUCTURE_FELL`; "the company collapsed" nobody's).
SOMEONE_DOWN = named_before(
    rf"{PEOPLE_NOUNS}|(?<![a-z0-9])(?:i|we|he|she|they|you|him|her|them)(?![a-z0-9])",
    STRUCTURES,
    "collapsed|passed out|fainted",
    place=True,
)

# Jumped into a river, a lake, the sea: in the water and, in Chinese said so, a suicide.
# A swim there is none ("跳河里游泳的地方在哪").
_SWIM = "(?![^,。!?,.!?]{0,4}(?:游泳|戏水|玩水|冬泳|洗澡))"
_JUMPED_IN = "跳(?:河|江|湖|海|水库)" + _SWIM
# Someone beating their own (家暴): 我老公打我, 我爸又在打我妈; not a call ("他打我电话").
_BEATS_ZH = (
    "(?:老公|老婆|丈夫|男朋友|男友|前夫|爸|妈|继父|后爸|后妈|邻居|男的|他|她|那人|儿子)"
    "(?:又|在|正在|还在|一直|经常|总是?|老是|天天|狠狠地?|使劲)*(?:打|殴打|揍)了?"
    "(?:我(?:妈妈?|爸爸?|哥|姐|弟|妹|儿子|女儿|孩子|们)?|她|他|孩子|小孩|老婆|妻子|媳妇|老公|人)"
    r"(?=$|[了啦呢啊吧,。!?,.!?\s和跟还又打]|一顿|得|的?(?:脸|头|肚子|身上)|耳光|巴掌)"
)
_BEATEN_ZH = (
    "被(?:老公|丈夫|男朋友|男友|前夫|爸|妈|继父|后爸|后妈|他|她)打(?![扰折印开断湿通卡针电])"
)
_BEATS_EN = (
    r"(?:he|she|husband|wife|boyfriend|girlfriend|partner|dad|father|mum|mom|mother|son"
    r"|brother|neighbou?r|they)(?: \w+){0,2}? (?:hits?(?! \w+ up)|beats|punches|kicks"
    r"|(?:is|are|keeps|has been|have been|was|were|started) (?:hitting|beating|punching"
    r"|kicking|choking|strangling)|chokes|slaps|beat|punched|kicked|slapped|choked|strangled)"
    r" (?:me|us|her|him|them|the (?:kids?|child|baby)|(?:my|his|her|our|their) (?:wife"
    r"|husband|girlfriend|boyfriend|partner|mum|mom|mother|dad|father|son|daughter|kids?"
    r"|child(?:ren)?|baby|sister|brother|grand\w+))"
    r"(?! at| to| every| when| in (?:every|chess|tennis|games?|races?|(?:a|the) "
    r"(?:game|race|match|final)))"
)
# A crash, and someone hurt in it, said in one clause or two ("出车祸了,有人受伤了").
_CRASH = words(
    *("车祸", "交通事故", "撞车", "追尾", "翻车", "侧翻", "相撞", "连环撞", "撞了人", "撞人了"),
    r"(?:car|traffic|road|bus|motorbike|motorcycle|bike|truck|lorry) "
    r"(?:crash|accident|collision)(?:es|s)?",
    r"(?:cars?|bus|trucks?|lorry|van|taxi|bikes?|motorbikes?|motorcycles?|scooters?"
    r"|vehicles?) (?:crash(?:ed)?|collided)",
    r"crash(?:ed)? (?:into|(?:my|his|her|their|the|a|our) (?:car|bike|motorbike|scooter|van))",
    *("(?<!by )(?<!by an )accidents?", "(?:a|the|bad|serious|big) crash(?! test)"),
    *("collision", "pile-?up", "hit-and-run"),
)
_HURT = words(
    *("受伤", "伤了", "伤者", "伤员", "流血", "出血", "流了?很多血", "满身是血", "昏迷"),
    *("不动了", "(?:卡|困|压)在车(?:里|下)", "被压", "死了", "快不行了", "撞飞"),
    *("hurt", "injured", r"injur(?:y|ies)", "wounded", "bleeding", "unconscious", "dying"),
    *("dead", "killed", "not moving", "lying (?:on|in) the (?:road|street|ground)"),
)
# An accident asked about, a claim, the news: none now.
_CRASH_ENQUIRY = words(
    *("理赔", "保险", "赔偿", "索赔", "定损", "律师", "新闻", "电影", "证明", "认定书"),
    *("insurance", r"claims?", r"compensat\w*", "lawyer", "news", "film", "movie", "report"),
)

# What falls from a building onto a car below (then "smashed", "hit" it within a few words).
_FALLEN = (
    r"tiles?|bricks?|glass|branch(?:es)?|debris|something|things?|objects?|pieces?|rocks?"
    r"|stones?|(?:flower ?)?pots?|concrete|plaster|masonry|icicles?|ice|signs?|panels?"
    r"|window|scaffolding|railings?|air ?con(?:ditioner)?(?: units?)?|chunks?"
)
_GAP = r"(?:\s+[\w'’-]+){0,6}?\s+"

# A question about a service, a how-to or a number asked: no plea.
_ASKED = words(
    *("should (?:i|we)", "can (?:i|we|you)", "do (?:i|we)", "how (?:do|to|can|should)"),
    *("whether", "when (?:to|should|can)", "numbers?", "hours", "where", "what is"),
    *("怎么", "如何", "是多少", "号码", "电话是", "要不要", "该不该", "可以吗", "在哪"),
)

PEOPLE: tuple[Kind, ...] = (
    Kind(
        "water",
        events=words(
            *("落水", "溺水", "掉(?:进|到|入|下)[^,。!?,.!?]{0,6}?" + _WATER, "被水冲走"),
            *("跌(?:进|入)[^,。!?,.!?]{0,6}?" + _WATER, "在水里(?:挣扎|扑腾)", "drowning"),
            # jumped in: 跳河, 跳进河里 (跳水 a dive, 跳进泳池 a swim: none)
            _JUMPED_IN,
            "跳(?:进|入|下|到)了?[^,。!?,.!?]{0,4}?(?:河|江|湖|海|水库|池塘|井)" + _SWIM,
            r"(?:f(?:e|a)ll(?:en|ing)?|jump(?:ed|ing|s)?) (?:in|into|off) (?:the |a |our |an )?"
            r"(?:river|lake|pond|water|pool|canal|sea|well|reservoir)",
            *("swept away", "struggling in the water"),
        ),
    ),
    Kind(
        "suicide",
        events=words(
            *(
                "跳楼(?![价机])",
                "要跳下去",
                "想跳下去",
                "自杀",
                "轻生",
                "寻死",
                "不想活了?",
                "割腕",
                "上吊",
            ),
            _JUMPED_IN,
            r"jump(?:ed|ing|s)? off (?:the |a |that |this )?(?:bridge|roof|building|tower|ledge)",
            r"(?:going to|gonna|will|threaten\w* to|wants? to|about to|trying to) jump(?! start)",
            *(
                r"suicid\w*",
                r"kill (?:him|her|my|them|your)sel(?:f|ves)",
                "take (?:his|her|my) own life",
            ),
            *("end (?:his|her|my|their) life", "standing on the (?:roof|ledge|edge)", "roof edge"),
            # the wish, the pills in hand, a plan to take them all (bot/crisis_words.py),
            # or all taken already (bot/harm_words.py: swallowed too, the ambulance first)
            WISH.pattern,
            PILLS_HELD.pattern,
            OVERDOSE_PLAN.pattern,
            OVERDOSE_TAKEN.pattern,
        ),
        lone=DONE,
        unless=ENDED,
        across=((MEANS, WEARY),),
        intended=True,  # "I will kill myself tomorrow": a plan, heard as the danger it is
    ),
    Kind(
        "accident",
        events=words(
            *("被(?:汽车|小?车|电动车|摩托车?|货车|卡车|公交车?)撞(?:了|倒|伤|飞)", "撞死人"),
            "撞(?:倒|伤|飞)了?(?:人|行人|路人|老人|小孩|孩子)",
            r"(?:hit|knocked (?:down|over)|run over) by (?:a |an |the )?"
            r"(?:car|bus|truck|lorry|van|motorbike|motorcycle|scooter|taxi)",
        ),
        pairs=((_CRASH, _HURT),),
        across=((_CRASH, _HURT),),
        not_when=_CRASH_ENQUIRY,
    ),
    Kind(
        "violence",
        events=words(
            *(
                "打架",
                "斗殴",
                "打人(?!工)",
                "砍人",
                "捅人",
                "杀人",
                "行凶",
                "持刀",
                "拿着?刀",
                "动刀",
            ),
            *(
                "挥刀",
                "家暴",
                "被打(?![扰折印开断湿通卡针])",
                "抢劫",
                "打起来了",
                _BEATS_ZH,
                _BEATEN_ZH,
            ),
            _BEATS_EN,
            r"beat(?:ing|s)? (?:his|her|their|my) (?:wife|husband|girlfriend|boyfriend|partner"
            r"|kids?|child(?:ren)?|son|daughter|mum|mom|mother|dad|father)",
            r"(?:has|had|holding|waving|carrying|pulled|pulling|with|brandishing) (?:a |an )?"
            r"(?:knife|gun|weapon|machete|axe)",
            *(
                r"stabb\w*",
                "gunshots?",
                "shooting",
                r"(?:being|getting) (?:attacked|beaten|assaulted)",
            ),
            THREATENED.pattern,  # a threat to kill, the door kicked (bot/harm_words.py)
            *(r"beat(?:ing)? (?:him|her|them|someone|somebody) up", r"threaten\w* \w+ with"),
            # a break-in: the police, lock yourself in (a robbery done is `robbery`)
            *("入室盗窃", "撬[^,。!?,.!?]{0,4}(?:门|锁|窗)"),
            r"(?:being|getting|been|just got|just been) (?:burgled|burglarized)",
            *("(?:a |the )?burglar(?:s|y)?", r"(?:is|are) breaking in"),
            r"(?:break|breaking|broke|broken) into (?:my|our|the|a|his|her|their) "
            r"(?:house|home|flat|apartment|car|shop|room|place|office)",
        ),
        nouns=words("fight(?:ing)?", "brawl"),
        unless=words("pillow fights?", "food fights?", "fight(?:ing)? (?:for|against)"),
    ),
    Kind(
        "robbery",
        events=words(
            # a robbery, a snatch: the police (a scam or a shop's refund is none)
            *("被抢", "抢了我的", "抢走了?我的", "抢包", "飞车抢", "抢劫"),
            # happening or just happened ("I've been robbed"); "I was mugged" tells of before
            r"(?:being|getting|been|just got|just been) (?:robbed|mugged)",
            *("robbery", "mugging"),
            r"(?:snatch(?:ed|ing)|grabbed|stole|took) (?:my|her|his|our|their) [\w ]{1,20}?"
            r"and (?:ran|fled|ran off|ran away|drove off|rode off)",
        ),
    ),
    # a large sum just sent on a swindle: the police and the bank now (bot/harm_words.py)
    Kind("fraud", across=((SWINDLED, JUST_SENT),), not_when=_ASKED),
    BLEEDING,  # heavy bleeding (bot/hurt_words.py)
    Kind(
        "person",
        events=words(
            "(?:叫|喊)[^,。!?,.!?]{0,3}(?:不|没)(?:怎么|太|大|什么)?(?:答应|回应|反应)",
            *("没有?反应了", "叫不应", "不省人事", SOMEONE_DOWN),
            # (pills swallowed, someone fallen who cannot get up, bleeding heavily:
            # bot/hurt_words.py)
        ),
        pairs=(
            (
                words(
                    *(_SOMEONE_ZH, "他", "她", "人", _SOMEONE_EN, "someone", "somebody"),
                    *("man", "woman", "person", "guy"),
                ),
                words(
                    *("没有?反应", "不动了", "快不行了", "快死了", "奄奄一息"),
                    r"(?:is|['’]s|are|am) dying"
                    r"(?! to| for| of (?:laughter|boredom|curiosity)| in (?:the )?hospital)",
                    r"(?:not|[a-z]+n['’]t|stopped) (?:really )?(?:responding|responsive|moving)"
                    r"(?! to| on| well)",
                    *("no response", "unresponsive"),
                ),
            ),
        ),
    ),
    Kind(
        "missing",
        events=words(
            *("走丢", "走失", "失踪", "人不见了", _SOMEONE_ZH + ".{0,2}(?:不见了|找不到了)"),
            rf"(?:can(?:not|['’]t) find|lost) (?:my|our|the) {_SOMEONE_EN}",
            "wandered off",
            MISSING_AT.pattern,  # "my 4 year old is missing" (bot/harm_words.py)
        ),
        pairs=(
            (
                words(_SOMEONE_EN),
                words(
                    "(?:gone|went|been) missing",
                    "(?:is|are) missing(?= *$| (?:since|for|again|now|today|this|from home))",
                ),
            ),
        ),
        across=((NOT_HOME, UNREACHABLE),),
        unless=words("狗", "猫", "宠物", "dogs?", "cats?", "pets?", "parcel", "package"),
        not_when=words("证明", "办理", "手续", "补办", "登记表", r"certificat\w*", "form"),
    ),
    Kind(
        "falling",
        events=words(
            *("摇摇欲坠", "随时(?:会|要|都会)?(?:掉|砸|塌|倒)", "(?:快|要)(?:掉|砸|塌|倒)下来"),
            *("砸到(?:人|楼下|行人|路人)", "砸伤", "砸到[^,。!?,.!?]{0,4}的人"),
            *(
                "高空坠物",
                "高空抛物",
                "砸(?:坏|中|到|扁|穿)了?(?:楼下|路边|下面)?的?(?:车|汽车|电动车)",
            ),
            # a car hit by what fell, not by someone ("he hit my car": a scrape, nothing fell)
            rf"(?:{_FALLEN}){_GAP}(?:smashed|hit|dented|damaged) "
            r"(?:a|the|my|our|his|her|their|someone['’]s) car",
            r"one (?:of (?:them|those|these) )?(?:smashed|hit|dented|damaged) "
            r"(?:a|the|my|our|his|her|their|someone['’]s) car",
            r"(?:about to|could|going to) (?:fall|come down|collapse) on",
            *("fall on (?:people|someone|somebody|pedestrians|passers-?by|the people)",),
            "(?:could|might) (?:hit|kill|hurt) (?:someone|somebody|people|a pedestrian)",
        ),
        # a coat about to come off indoors, hitting nothing ("墙皮快要掉下来了"): a repair
        not_when=coat_only(
            *("砸", "伤", "人", "车", r"hit\w*", r"hurt\w*", r"injur\w*", r"smash\w*", "cars?")
        ),
    ),
    # A plea for help is an emergency by itself; one for the police or an ambulance is told
    # as such (the number that fits first).
    Kind(
        "police",
        events=words(
            *(
                "快报警",
                "帮(?:我|忙)?报警",
                "赶紧报警",
                "报警啊",
                "(?:快|赶紧|帮我)?(?:叫|打)(?:110|警察)",
            ),
            "call (?:the )?(?:police|cops|110|911)",
            FOLLOWED.pattern,  # someone following me (bot/harm_words.py)
        ),
        not_when=_ASKED,
    ),
    Kind(
        "ambulance",
        events=words(
            "(?:快|赶紧|帮我)?(?:叫|打)(?:救护车|120)",
            "call (?:an |the )?(?:ambulance|120)",
            "(?:get|send|need) (?:an )?ambulance",
        ),
        not_when=_ASKED,
    ),
    Kind(
        "plea",
        events=words(
            *("救命(?!稻草|钱|药|恩|之恩|的)", "救救(?:我|他|她|孩子|我们)", "快来人", "来人啊"),
            *("(?:快|赶紧|帮我)?(?:叫|打)119", "call (?:the )?(?:fire brigade|119)"),
            "(?:somebody|someone) help",
            "help,? (?:somebody|someone)",
        ),
        # "help!" shouted, not "help" typed alone (what the bot does), unless a threat is
        # told coming back ("he is coming back now, please help": bot/crisis_words.py)
        shouted=words("^ *(?:please )?help(?: me| us)?(?: please)? *$"),
        across=((THREAT, HELP_ALONE),),
        not_when=_ASKED,
    ),
    # a frail person not answering the door, not seen for days (bot/frail_words.py)
    WELFARE,
    # someone exposed to the freezing cold out of doors (bot/frail_words.py)
    EXPOSED,
)


# A supply cut, happening, planned or asked about ("这个停水会影响到3号楼吗").
SUPPLY_CUT = words(
    *("停水", "停电", "断水", "断电", "没水", "没电", "没有水", "没有电", "限电", "停止供水"),
    *("outages?", r"power (?:cut|failure)s?", "blackouts?", "no (?:water|power|electricity)"),
    *(r"water (?:cut|shut ?off)s?", r"(?:water|power|electricity) (?:is |will be )?(?:cut|off)"),
)
# What a vulnerable person at home depends on that the supply keeps going.
DEPENDS = words(
    *("透析", "制氧机", "吸氧机", "氧气机", "呼吸机", "胰岛素"),
    *("dialysis", r"oxygen (?:machine|concentrator)s?", "ventilators?", "insulin"),
    *(r"breathing machines?", "home oxygen"),
)

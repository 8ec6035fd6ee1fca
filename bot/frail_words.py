"""The words of a frail person by who they are rather than the word "elderly": kin of an
older generation (奶奶, 王大爷, grandma), an age (八十多岁, "85-year-old"), living alone,
bedridden, a newborn, a pregnant woman (`FRAIL`); the cold they are in said in more words
("暖气一直不热", "屋里才几度", "the heating has been off", "freezing": `COLD`); and a
welfare check (`WELFARE`, a danger to people): such a person not answering the door or not
seen for days ("独居的王大爷家暖气不热,敲门也没人应", "he isn't answering the door"), an
emergency by itself (the police and the ambulance numbers, the supervisors alerted).

And someone exposed to the cold out of doors (`EXPOSED`, a danger to people): a homeless
person in sub-zero cold, in the snow or shivering ("公园长椅上有个流浪汉冻得直发抖"), or a
frail person or a child somewhere outside, helpless there (lying, alone, thinly dressed) in
the freezing cold ("人民路天桥底下有个老人躺着,穿得很单薄,今晚零下五度"). A cold home is
the urgent need above (`COLD`), no emergency; the weather alone, or a child's winter
uniform, is neither."""

from __future__ import annotations

from bot.hazard_words import Kind, words

FRAIL = words(
    *("奶奶", "爷爷", "姥姥", "姥爷", "外公", "外婆", "大爷", "大妈", "大娘", "老太太"),
    *("老大爷", "老奶奶", "老爷爷", "老两口", "老人家?", "老年人", "独居", "孤寡", "空巢"),
    *(
        "瘫痪",
        "卧床",
        "婴儿",
        "新生儿",
        "孕妇",
        "产妇",
        "[六七八九]十(?:多|几|来)?岁",
        "[6-9][0-9]岁",
    ),
    *(
        r"(?:[7-9][0-9]|1[01][0-9])[- ]years?[- ]old",
        r"in (?:his|her|their) (?:seventies|eighties|nineties)",
    ),
    *("grand(?:ma|pa|mother|father|parents?)", "granny", "elderly", "old (?:man|woman|lady)"),
    r"li(?:ves|ving) (?:alone|on (?:his|her|their) own|by (?:him|her|them)sel(?:f|ves))",
    *("bedridden", "newborns?", "pregnant", "infants?", "babies", "baby", "disabled"),
)
# No heat, or the cold of a home, in more words than bot/peril_words.py `NO_HEAT` knows.
COLD = words(
    "暖气[^,。!?,.!?]{0,4}?(?:不热|不够热|冰凉|凉的|停了|坏了|没了|不行)",
    *(
        "(?:屋|家|房间|室内|屋子)里?[^,。!?,.!?]{0,3}(?:才|只有|只|不到)(?:几|[一二三四五六七八九十0-9]+)度",
    ),
    *("冷得(?:受不了|不行|睡不着)", "冻得"),
    r"heating (?:is |has |had |was )?(?:been )?(?:not working|broken|off|out|gone|failed|dead)",
    *("freezing", r"(?:so|very|really|bitterly|terribly) cold (?:in|at|inside)"),
)
# Nobody answers the door or the phone, nobody has seen them for days.
_UNANSWERED = words(
    *("敲门[^,。!?,.!?]{0,4}?(?:没人|没有人|无人|不)(?:应|开|回应|答应|理)", "(?:没人|不)开门"),
    *("联系不上", "(?:电话|手机)(?:一直|也|都)?(?:没人接|不接|关机)", "(?:不接|没接)电话"),
    *(
        "(?:好|几|两|三|四|五|多)\\w{0,2}天(?:都|也)?没(?:有)?(?:见|看到|看见|出门|露面|动静|开门)",
    ),
    r"(?:isn['’]?t|is not|wasn['’]?t|was not|not|aren['’]?t|are not) answering"
    r" (?:the |his |her |their )?(?:door|phone|calls?)",
    r"(?:hasn['’]?t|has not|haven['’]?t|have not|hadn['’]?t|had not|didn['’]?t|did not"
    r"|doesn['’]?t|does not|won['’]?t|will not) (?:been )?answer(?:ed|ing)?"
    r" (?:the |his |her |their )?(?:door|phone|calls?)",
    r"(?:nobody|no one|no-one) (?:is )?answer(?:s|ed|ing)? (?:the )?door",
    r"(?:no answer|no reply) (?:at|from) (?:the|his|her|their) (?:door|flat|home|phone)",
    r"(?:haven['’]?t|have not|hasn['’]?t|has not|not) (?:been )?seen (?:him|her|them|anyone)?"
    r" ?(?:for|in) (?:days|weeks|a (?:few|couple of) days|a week|\w+ days)",
    r"can(?:not|['’]t) (?:reach|contact|get hold of) (?:him|her|them)",
)

WELFARE = Kind("welfare", across=((FRAIL, _UNANSWERED),))

# Someone sleeping rough (not a stray cat or dog).
_ROUGH = words(
    *("流浪(?![猫狗犬动宠])", "乞丐", "乞讨", "无家可归", "露宿", "睡大街", "拾荒"),
    *("homeless", r"rough sleepers?", "sleeping rough", "beggars?", "vagrants?"),
)
_CHILD = words(
    *("孩子", "小孩", "儿童", "小朋友", "男孩", "女孩", "小女孩", "小男孩"),
    *("child", "children", "kids?", "boys?", "girls?", "toddlers?"),
)
# Out of doors, in the open (not "outside" alone: "it's -5 outside" is the weather of a home).
_OUTDOORS = words(
    *("天桥", "桥洞", "桥下", "桥底", "路边", "马路", "街上", "街边", "街头", "公园", "长椅"),
    *("公交站", "车站", "站台", "地下通道", "地铁口", "广场", "花坛", "草地", "雪地", "雪里"),
    *("bus stop", "bus shelter", "park", "bench", "doorway", "underpass", "bridge", "street"),
    *("pavement", "sidewalk", "in the snow", "station", "car park", "parking lot", "subway"),
)
# Helpless there: lying, alone, thinly dressed, shivering, for hours.
_HELPLESS = words(
    *("躺(?:着|在)", "倒在", "睡在", "蜷缩", "冻得", "冻僵", "发抖", "哆嗦", "单薄", "光着脚"),
    *("穿得?(?:很|太|这么|那么)?少", "没穿(?:外套|棉衣|棉袄|衣服|鞋)", "独自", "孤零零"),
    *("没有?大人", "没人管", "(?:待|呆|站|坐|躺)了(?:一|两|几|半|好几)个?多?小时"),
    *("lying", "(?<!lives )(?<!living )alone", "no coat", "without (?:a )?(?:coat|jacket)"),
    *("not wearing (?:a )?(?:coat|jacket)", "shivering", "curled up", "unattended"),
    *("thin (?:clothes|clothing|jacket|blanket)", r"(?:for|been there) (?:an|a few|\w+) hours?"),
    *("not moving", "no (?:adult|parent)s?"),
)
# The freezing cold in the open: below zero, snow, frozen stiff, shivering.
_OUT_COLD = words(
    *(
        "零下",
        r"(?<![0-9a-z])[-−]\d+ ?(?:度|°|℃)",
        "冻得",
        "冻僵",
        "冻坏",
        "冻伤",
        "冻死",
        "冻晕",
        "发抖",
    ),
    *("哆嗦", "雪地", "雪里", "大雪", "冰天雪地", "寒风", "freezing", "frozen", "sub-?zero"),
    *(
        r"(?<![0-9a-z])[-−]\d+(?:°c?|℃| ?degrees?| ?c)?(?![0-9a-z])",
        r"minus \d+",
        "below (?:zero|freezing)",
    ),
    *("in the snow", "snowing", "blizzard", "shivering", r"hypotherm\w*", "frostbite"),
)
# A question of how or where to help, not someone there now; or play in the snow.
_ASKED_HOW = words(
    *("怎么", "如何", "在哪", "哪里", "救助站电话", "how (?:do|can|should|to)", "where"),
    *("玩", "拍照", "打雪仗", "堆雪人", r"play\w*", r"photos?", "snow angels?", "snowball"),
)

EXPOSED = Kind(
    "cold",
    # anyone lying in the snow
    events=words(
        "(?:躺|倒|趴|睡|昏)(?:在|倒在)了?雪(?:地|里|中|堆)",
        r"(?:lying|collapsed|passed out|asleep|sleeping|face down) (?:in|on) the (?:snow|ice)",
    ),
    across=(
        (_ROUGH, _OUT_COLD),
        (FRAIL, _OUTDOORS, _HELPLESS, _OUT_COLD),
        (_CHILD, _OUTDOORS, _HELPLESS, _OUT_COLD),
    ),
    not_when=_ASKED_HOW,
)

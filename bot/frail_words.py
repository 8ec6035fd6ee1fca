"""The words of a frail person by who they are rather than the word "elderly": kin of an
older generation (奶奶, 王大爷, grandma), an age (八十多岁, "85-year-old"), living alone,
bedridden, a newborn, a pregnant woman (`FRAIL`); the cold they are in said in more words
("暖气一直不热", "屋里才几度", "the heating has been off", "freezing": `COLD`); and a
welfare check (`WELFARE`, a danger to people): such a person not answering the door or not
seen for days ("独居的王大爷家暖气不热,敲门也没人应", "he isn't answering the door"), an
emergency by itself (the police and the ambulance numbers, the supervisors alerted)."""

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
    r"(?:nobody|no one|no-one) (?:is )?answer(?:s|ed|ing)? (?:the )?door",
    r"(?:no answer|no reply) (?:at|from) (?:the|his|her|their) (?:door|flat|home|phone)",
    r"(?:haven['’]?t|have not|hasn['’]?t|has not|not) (?:been )?seen (?:him|her|them|anyone)?"
    r" ?(?:for|in) (?:days|weeks|a (?:few|couple of) days|a week|\w+ days)",
    r"can(?:not|['’]t) (?:reach|contact|get hold of) (?:him|her|them)",
)

WELFARE = Kind("welfare", across=((FRAIL, _UNANSWERED),))

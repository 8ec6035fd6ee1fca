"""Whether a report tells a home's own matter (a household's), not a shared thing's, for a surge
(SPEC rule 9, 群体性投诉): a pure function on plain text.

A building is owned in two kinds of part (民法典 第二百七十一条, 建筑物区分所有权): each home, its
owner's own (专有部分), and what its owners share (共有部分: the lift, the stairwell, the
estate's grounds and supplies), as a street is the public's. A mass incident is an event of a
shared thing: an estate's water cut, a building's lift, a street. A new-user trial's five
requesters each wrote "我家楼上漏水" (water leaking from the flat upstairs into my home), no
place named: five households' own leaks, which the surge check linked as one 群体性事件 and
raised to 特急 (bot/same_matter.py `one_event` keeps them apart).

A report is a household matter when it names a home as the requester's (`_HOME`: 我家, 家里,
我们家, 俺家, "my home", "my flat", "in my kitchen", "into mine") and no shared thing
(`_SHARED`: 小区, 楼里, 整栋楼, 电梯, "the building", "the estate", "our street", a manhole
cover, the rubbish, a restaurant's fumes): a shared thing told from a home is that thing's
("小区的电梯又坏了,家里老人下不了楼" is the estate's lift, however unnamed the estate). A supply
cut is not decided here: "家里停水了" is an area's matter, as its words and topic say
(`bot.same_matter.subject`).
"""

from __future__ import annotations

import re
import unicodedata

from bot.reading import reading

# A home named as the requester's, in its words or a room of it ("my kitchen").
_HOME = re.compile(
    r"我家|俺家|咱家|我们家|咱们家|俺们家|自家|自己家|家里|家中|屋里|我屋|我的?房子|我的?房间"
    r"|(?<![a-z])(?:(?:my|our)\s+(?:own\s+)?(?:home|house|flat|apartment|place|room|bedroom"
    r"|kitchen|bathroom|toilet|living\s+room|ceiling|walls?)|at\s+home|(?:in|into)\s+mine)"
    r"(?![a-z])"
)
# A shared thing: the estate, the building as a whole and its common parts, the homes together
# ("大家", "好几家", "everyone"), the street and the public things on it, a supply's pressure,
# a business's nuisance to its neighbours.
_SHARED = re.compile(
    r"小区|社区|大院|楼里|楼内|楼道|楼梯|整栋|整幢|整座|整个楼|全楼|这栋楼|这幢楼|我们楼|咱们楼"
    r"|大楼|楼栋|单元门|整个单元|电梯|公共|大家|家家户户|各家|每家|好几家|几户|这一片|这片|片区"
    r"|整条|街上|路上|马路|路边|路灯|井盖|红绿灯|信号灯|垃圾|消防栓|水压|油烟|餐馆|饭店|烧烤|工地"
    r"|(?<![a-z])(?:buildings?|blocks?|estates?|compounds?|community|neighbou?rhoods?|lifts?"
    r"|elevators?|stairs|stairwells?|staircases?|hallways?|corridors?|lobby|streets?|roads?"
    r"|lanes?|pavements?|sidewalks?|everyone|everybody|(?:our|the|this|whole)\s+area"
    r"|all\s+the\s+(?:flats|homes|apartments|houses)|manholes?|traffic\s+lights?|rubbish"
    r"|garbage|trash|bins?|hydrants?|water\s+pressure|restaurants?|construction\s+sites?)"
    r"(?![a-z])"
)


def household_matter(text: str) -> bool:
    """Whether `text` tells a home's own matter: it names the requester's home and no shared
    thing ("我家楼上漏水", "Water is leaking from the flat above into my home"; not
    "小区电梯又坏了,家里老人下不了楼")."""
    folded = unicodedata.normalize("NFKC", reading(text)).casefold()
    return bool(_HOME.search(folded)) and not _SHARED.search(folded)

"""Whether a requester's words in their ticket ask how it stands ("有进展吗?", "什么时候来修?",
"进度怎么样了", "怎么还没人理我", "any news?", "when will someone come?", "how long will it take?",
"nobody has replied"): a clerk
asked so says where the matter is, not only that the words were noted (bot/conversation.py).
Pure. A false reading costs little: the requester hears their ticket's state beside the
acknowledgement they would hear anyway."""

from __future__ import annotations

import re

from bot.reading import reading

_PROGRESS = re.compile(
    r"(?:有|有没有|有啥|有什么)?新?(?:进展|进度|消息|结果)(?:吗|了吗|没有|没|呢|如何|怎样)"
    r"|(?:进展|进度)(?:怎么样|如何|到哪)|怎么样了|到哪(?:一步|了)|(?:处理|办|修)得?怎么样"
    r"|(?:什么|啥)时候(?:能|会|可以|才|来|派|修|处理|办|解决|有|给|回复|答复|到)"
    r"|何时|(?:还要|要|得)(?:等)?多(?:久|长时间)|还要等|等到什么时候"
    # Nobody said to have answered yet ("怎么还没人理我", "有人管吗"): where does it stand?
    r"|(?:还|都|也|一直)没(?:有)?人(?:理|搭理|管|回|回复|答复|联系|处理|跟进)"
    r"|没(?:有)?人(?:理|搭理)我|有(?:没有)?人(?:管|理|处理|跟进)(?:吗|没有|一下)"
    r"|(?<![a-z])(?:any (?:news|updates?|progress)|is there (?:any )?(?:news|update|progress)"
    r"|(?:what(?:'s| is) the )?(?:status|progress) (?:of|on) (?:my|the|this)"
    r"|how long (?:will|does|do|until|till|is)"
    r"|when (?:will|is|are|can|do|does) (?:someone|somebody|anyone|anybody|you|they|it|the)"
    r"|what(?:'s| is) happening with|news\?"
    r"|(?:no ?one|nobody|no-one) (?:has |have )?(?:yet )?(?:replied|responded|answered|contacted"
    r"|called|got back|gotten back|gets back|helped|dealt)"
    r"|(?:is|has|are) (?:anyone|anybody|someone|somebody) (?:there|handling|looking|working"
    r"|dealing|going to (?:reply|answer|help|come))"
    r"|why (?:has|have|is|are|does|do)\s?n[o']?t (?:anyone|anybody|someone|somebody|you))"
    r"(?![a-z])",
    re.IGNORECASE,
)


def asks_progress(text: str) -> bool:
    """Whether `text` asks how the requester's ticket stands (see the module's description)."""
    text = reading(text)
    return _PROGRESS.search(text.replace("\u2019", "'").casefold()) is not None

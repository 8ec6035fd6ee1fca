"""Thanks leading a matter, as a pure function: "谢谢你们,不过我家的水管还在漏水".

A requester with nothing open may thank first and then tell their matter; a clerk hears the
matter. The thanks (and the "but" after them) are courtesy, not words of the matter: searched
with them, a leaking pipe came too far from its template to be answered, and a bare ticket
opened with no advice and no address asked (a new-user trial). The words are kept whole for
the ticket; only the knowledge base is searched without the lead (`bot.intake.search`).
"""

from __future__ import annotations

import re

from bot.fillers import thanks
from bot.reading import read

# A clause: words up to a mark that ends one (the mark kept with it).
_CLAUSE = re.compile(r"[^,，.。!！;；:：~～\n]*[,，.。!！;；:：~～\n]+")
# What turns from the thanks to the matter: "不过", "但是", "but", "however".
_BUT = re.compile(
    r"\s*(?:不过|但是|可是|只是|但|然而|(?:but|however|though|yet)\b)[\s,，:：]*", re.IGNORECASE
)


@read
def after_thanks(text: str) -> str:
    """`text` without the thanks that lead it, clause by clause (`fillers.thanks`: "谢谢你们",
    "Thanks a lot"), and the "but" that follows them: "谢谢你们,不过我家的水管还在漏水" →
    "我家的水管还在漏水"; the text as it is when no thanks lead it, or nothing would be left."""
    end = 0
    for clause in _CLAUSE.finditer(text):
        if clause.start() != end or not thanks(clause.group()):
            break
        end = clause.end()
    if end == 0:
        return text
    turn = _BUT.match(text, end)
    rest = text[turn.end() if turn else end :].strip()
    return rest if any(ch.isalnum() for ch in rest) else text

"""Whether a requester's words take back a withdrawal they just made, as a pure function
(beside bot/withdrawal_words.py, which reads a withdrawal itself).

A clerk who has just closed a request as withdrawn and hears "我没要撤销停电那个!", "撤销
错了", "点错了", "I didn't mean to cancel that", "undo that, I still need it" reopens it: the
words say the withdrawal was not meant (denied: 我没要撤销, 我没说撤销, I didn't want to
withdraw it; a mistake: 撤错了, 按错了, by mistake, pressed the wrong button; undone:
恢复工单, 撤回撤销, undo, reopen it; or still wanted: 还要办, 还需要处理, I still need it). Only
read while such a withdrawal is recent (bot/intake/taken_back.py), so a press or word that
withdrew nothing never reads so. Asked about ("可以恢复吗?" is still asked of the desk: a
request) is taken as it is; a clause supposed ("如果…就恢复") is not. Pure.
"""

from __future__ import annotations

import re

from bot.reading import reading

_A = r"['’]"
_EN_VERB = r"(?:cancel|withdraw|close|drop|call off|take back|do that|press(?:ed)? (?:that|it))"
_EN = re.compile(
    # I didn't mean to cancel (that), I did not want it withdrawn, I never asked to close it
    rf"(?<![a-z])(?:i )?(?:didn{_A}?t|did not|never|don{_A}?t|do not)"
    r" (?:mean|want|ask|intend|say)(?:ed)?(?: (?:you )?to)? (?:it )?"
    rf"(?:{_EN_VERB}|(?:it|that|this|my \w+) (?:cancel(?:l?ed)?|withdrawn|closed))"
    # by mistake, wrong button, pressed it by accident
    r"|(?<![a-z])(?:by (?:mistake|accident)|mistakenly|accidentally|wrong button"
    r"|(?:pressed|clicked|tapped|hit) (?:the )?wrong|was a mistake|my mistake)(?![a-z])"
    # undo it, reopen it, restore my request, bring it back
    r"|(?<![a-z])(?:undo|un-?cancel|reopen|re-open|restore|reinstate|bring (?:it|that) back"
    r"|put (?:it|that) back)(?![a-z])"
    # I still need it / still want it fixed, ending the clause
    r"|(?<![a-z])(?:i|we) still (?:need|want)(?: (?:it|this|that|help|someone))?"
    r"(?: (?:fixed|done|handled|repaired|sorted))?(?=\s*[,.!?;]|\s*$)"
)
_ZH = re.compile(
    # 我没要撤销, 没说要取消, 不是要撤销, 我没想撤
    r"(?:没|没有|不是|并没有?|从没)(?:要|想|想要|说|说要|让|叫|打算)?(?:你们?)?(?:撤销|撤回|取消|撤|关闭|关掉)"
    # 撤销错了, 点错了, 按错了, 误撤, 不小心撤销
    r"|(?:撤|撤销|取消|点|按|选|摁)错了?|误(?:撤|点|按|操作)|不小心(?:撤|点|按|取消)"
    # 恢复工单, 撤回撤销, 重新打开 (not 恢复供电: the supply back is another matter)
    r"|恢复(?:工单|办理|处理|我的|一下|吧|它|那个|这个|原来)|^恢复(?:吧|啊)?$|撤回(?:撤销|取消)|(?:重新|再)(?:打开|开启|办理)"
    # 还要办, 还需要处理, 还是要修的, ending the clause (还要办理居住证 is a matter of its own)
    r"|还(?:是)?(?:要|需要|得)(?:办|处理|修|管|派人|人来|帮忙)(?:的|吧|啊|呀|呢)*(?=[\s,\uff0c。.!\uff01?\uff1f]|$)"
)
_IF = re.compile(r"(?<![a-z])(?:if|unless|in case)(?![a-z])|如果|要是|万一|假如|的话")


def takes_back(text: str) -> bool:
    """Whether `text` takes back a withdrawal just made (see the module's description):
    words that say it was not meant, was a mistake, is to be undone, or that the request is
    still wanted; not supposed ("如果…")."""
    text = reading(text)
    folded = text.strip().casefold()
    if not folded or _IF.search(folded):
        return False
    return bool(_EN.search(folded) or _ZH.search(folded))

"""An explicit complaint or report opener, as pure functions (issue 14): "我要投诉隔壁装修噪音",
"我想反映…", "举报…", "I want to complain about…", "I'd like to report…". Beside an open
ticket a careful clerk hears such words as a new inquiry when what follows the opener is
another matter than the ticket's; a complaint about the ticket's own handling ("我要投诉,
社保卡补办这么慢", "I want to complain, you are far too slow") is that ticket's matter
(`about_handling`)."""

from __future__ import annotations

import re
import unicodedata

from bot.classify import infer_category
from bot.config import Settings
from bot.reading import read

# The opener, at the start of the text, after a greeting perhaps.
_ZH = re.compile(
    r"^(?:你好|您好|请问)?[,\uff0c。!\uff01 ]*"
    r"(?:我|我们)?(?:要|想|想要|需要|得)?(?:实名)?(?:投诉|举报|反映|检举)"
    r"(?:一下)?(?:一件事|一个|个|一些)?(?:事|事情|情况|问题)?(?:一下)?[,\uff0c:\uff1a。!\uff01 ]*"
)
_EN = re.compile(
    r"^(?:(?:hi|hello|hey)[,!. ]+)?"
    r"(?:i|we)(?: want| would like|'d like| wish| need) to "
    r"(?:complain|make a complaint|file a complaint|lodge a complaint|report)"
    r"(?: about| that| on| regarding)?[,:.! ]*",
    re.IGNORECASE,
)
# Words of the ticket's own handling: the service, its people, its pace. "拖" drags the
# handling ("拖了这么久"), not in "拖欠" (wages or fees owed: "公司拖欠我三个月工资" is a
# matter of its own, as "my employer owes me" is).
_HANDLING = re.compile(
    r"你们|您们|工作人员|窗口|工单|这个单|这件事|此事|办理|受理|经办|办事|态度|效率|进度|拖(?!欠)|太慢|这么慢"
    r"|那么慢|这么久|那么久|没人理|没人管|没回复|不回复|没答复|推诿"
    r"|\b(?:you|your|yours|staff|officer|clerk|ticket|case|handling|handled|processing|slow"
    r"|too long|so long|no reply|no answer|nobody (?:has )?(?:answered|replied|called))\b",
    re.IGNORECASE,
)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace("’", "'")


@read
def complaint_told(text: str) -> str | None:
    """What an explicit complaint or report opener at the start of `text` is about: the words
    after it ("隔壁装修噪音,…"; "" when the opener comes alone); None when `text` does not
    open so."""
    folded = _folded(text)
    found = _ZH.match(folded)
    if found is None or not re.search(r"投诉|举报|反映|检举", found.group()):
        found = _EN.match(folded)
    if found is None or not found.group().strip():
        return None
    return folded[found.end() :].strip()


@read
def about_handling(told: str) -> bool:
    """Whether the words after a complaint opener (`complaint_told`) speak of how a matter is
    handled: the service, its people, its pace ("你们", "这么慢", "you", "too long")."""
    return _HANDLING.search(told) is not None


def opener_category(settings: Settings, text: str) -> str | None:
    """The category of a matter told after an explicit complaint or report opener
    (`complaint_told`: "我想反映一下,小区门口的垃圾好几天没人清运了", "I'd like to report
    that…"): the one a complaint's cue word names (config `categories[].cues`), as a clerk
    files what is brought as a complaint; None when `text` opens otherwise or tells nothing
    after the opener (the requester is asked)."""
    if not complaint_told(text):
        return None
    return infer_category(settings, "投诉") or infer_category(settings, "complaint")

"""Danger words meant as no danger (`bot.hazard` blanks them before it hears a kind): a
figure of speech ("trapped in paperwork", "collapsed in tears", "drowning in bills", "the
deal collapsed"), a title ("the Goblet of Fire"), a thing shut in, not a person ("my card got
trapped in the ATM"), not getting up in time for an errand ("I can't get up early for my
appointment", "早上起不来,想改约"), and one cry of help over an errand ("Help! How do I renew
my passport?", "救命,我的护照过期了"): an exclamation, not a plea for rescue; a cry said
twice ("Help! Help!") stays a plea. Found in customer-service questions read as
emergencies (BANKING77, HWU64, CrossWOZ: /work/shared/data). Pure: casefolded text in."""

from __future__ import annotations

import re

from bot.hazard_words import words

# What one is trapped, drowning or stuck in that is no place: work, money, procedure.
_BURDEN = (
    "(?:paperwork|red tape|bureaucracy|debts?|bills|work|emails?|homework|admin|forms"
    "|requests|tickets|calls|meetings|deadlines|(?:a |an |this |my |the )?(?:loop|cycle"
    "|contract|job|subscription|plan|queue|system|process|marriage|relationship))"
)
# Words of speech, shows and business that hold a danger word.
FIGURES = words(
    rf"(?:trapped|drowning|stuck|buried|snowed under) (?:in|under|with) {_BURDEN}",
    r"collaps\w* (?:in|into|with) (?:tears|laughter|giggles|a fit)",
    r"(?:deal|talks|negotiations?|market|business|company|bank|plan|project|sale|prices?"
    r"|stocks?|currency|economy|government|marriage|relationship|app|website|system)s?"
    r" (?:has |had |have |just )?collaps\w*",
    *("goblet of fire", "ring of fire", "chariots of fire", "baptism of fire"),
    *("line of fire", "balls of fire", "girl on fire", "smoke on the water"),
    *("set fire to the rain", "fire and (?:blood|ice|fury)", "catching fire"),
    # a thing shut in a machine, not a person ("my card got trapped in the ATM")
    r"(?:cards?|money|cash|coins?|tickets?|phone|keys?) (?:(?:got|is|was|has been|are) )?"
    r"(?:trapped|stuck|locked)",
    r"(?:trapped|stuck|locked) (?:cards?|money|cash|coins?)",
    r"(?:trapped|stuck) (?:in|inside) (?:the |an? |my )?(?:atm|cash machine|machine)s?",
)

# Not getting up in time ("起不来", "can't get up early") ...
_GET_UP = words(
    "起不来",
    "起不了床",
    r"(?:can(?:not|['’]t)|couldn['’]t|could not) get up"
    r"(?= (?:early|in time|in the morning|before|at \d|by \d|for))",
)
# ... unless they fell ("摔倒了起不来", "fell and can't get up"); falling asleep is no fall.
_FELL = words("摔", "跌倒", "倒地", "倒在", r"(?:fell|fallen|falls?)(?!\s+asleep)")
# ... for an errand: an appointment to move, work, a class.
_PURPOSE = words(
    *("改约", "预约", "改期", "改时间", "改到", "换个时间", "推迟", "延后", "约的"),
    *("上班", "上课", "迟到", "赶不上"),
    *(r"appointments?", r"reschedul\w*", "move it", "change the time", "booking"),
    *("work", "class", "school", "meeting", "flight", "alarm"),
)

# A cry of help said once (a plea said twice is one whatever else is said) ...
_CRY = re.compile(r"(?<![a-z])help(?![a-z])|救命")
# ... beside an errand: money, cards, accounts, documents, an order, a booking.
_ERRAND = words(
    *("护照", "签证", "身份证", "驾照", "密码", "账户", "账号", "银行卡", "信用卡", "快递"),
    *("订单", "退款", "转账", "付款", "支付", "缴费", "续签", "办理", "补办", "发票"),
    *("余额", "验证码", "登录", "预约", "改约", "作业", "考试", "报名"),
    *("passports?", "visas?", "licen[cs]e", r"renew\w*", "cards?", "pin", r"passw\w*"),
    *(r"passcodes?", "codes?", r"accounts?", "app", r"transfer\w*", r"payments?", "refunds?"),
    *(r"transactions?", r"withdraw\w*", "cash", "money", "fees?", r"charg\w*", "balance"),
    *(r"orders?", "delivery", "parcel", "package", r"bookings?", r"appointments?", "forms?"),
    *("bills?", "tax", "login", r"log ?in", "exchange rate", "atm", "rent", "currency"),
    *(r"purchas\w*", "debit", "cheque", "check", "deposit\\w*", "funds", "top(?:ped)? up"),
    *("unblock", "homework", "exam", "ticket", r"(?:lost|stole) (?:my|the|our)"),
    r"(?:card|phone|wallet|purse|bag)s? (?:(?:was|were|is|are|has been|got|may be|might be) )?"
    r"(?:stolen|lost)",
)


def unfigured(folded: str) -> str:
    """`folded` with its figures of speech (`FIGURES`), and not getting up in time for an
    errand (`_GET_UP` with a `_PURPOSE` in the text, and no fall: `_FELL`), blanked: as
    long as `folded`."""
    blank = FIGURES.sub(lambda m: " " * len(m.group()), folded)
    if _PURPOSE.search(blank) and not _FELL.search(blank):
        blank = _GET_UP.sub(lambda m: " " * len(m.group()), blank)
    return blank


def cry_over_errand(folded: str, pleas: list[str]) -> bool:
    """Whether casefolded `folded`, whose words of a plea are `pleas` (as `bot.hazard` heard
    them, a clause each), pleads only by one cry for help ("Help!", "please help me",
    "救命") beside an errand (`_ERRAND`: a card, a password, a passport, an order): an
    exclamation about the errand, not a plea for rescue. "Help! Help!" and "快来人" are one."""
    return (
        len(_CRY.findall(folded)) == 1
        and all(_CRY.search(words) for words in pleas)
        and bool(_ERRAND.search(folded))
    )

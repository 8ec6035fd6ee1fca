"""Whether a resolution summary reports what was done for one requester rather than saying
what anyone needs to know: "已告知外地户口可凭居住证在本地补办,所需材料已说明" tells the record
that the officer told them; as a template's answer it tells the next citizen nothing (a fresh
tester's finding, issue 14). Such a summary is no default answer for a proposed template
(bot/proposals.py)."""

from __future__ import annotations

import re

# Chinese: "已" (done) before a verb of telling, explaining, passing on or doing for them;
# "为其" / "帮其" / "为他" (for him/her); "告知(了)?(其|他|她|市民|群众|来电人|申请人)".
_ZH = re.compile(
    r"已(经)?(向其|为其|帮其|给其|与其)?(告知|告诉|说明|解释|答复|回复|回电|通知|转交|转办|转给|"
    r"联系|协调|指导|引导|帮助|协助|办理|处理|安排|解答)"
    r"|(为|帮|给|向)(其|他|她|市民|群众|来电人|申请人|居民|业主)(办理|处理|解答|说明|告知|解释)"
    r"|告知(了)?(其|他|她|市民|群众|来电人|申请人|居民|业主)"
)
# English: a verb of telling or doing in the past with the person as its object, or "we/I"
# before such a verb; "the requester", "the caller", "the citizen".
_EN = re.compile(
    r"\b(told|informed|advised|explained to|answered|called back|referred|forwarded|"
    r"helped|assisted|contacted|reminded|guided)\s+(him|her|them|the (requester|caller|"
    r"citizen|resident|applicant|customer))\b"
    r"|\b(we|i)\s+(have\s+|had\s+)?(told|informed|advised|explained|forwarded|referred|"
    r"contacted|arranged|fixed|repaired|sent|processed|handled)\b"
    r"|\b(requester|caller|citizen|resident|applicant|customer)\s+(was|has been|were)\s+"
    r"(told|informed|advised)\b",
    re.IGNORECASE,
)


def tells_what_was_done(summary: str) -> bool:
    """True when `summary` (a resolution summary, any language) reports what was done for
    its one requester: a record, not an answer for everyone."""
    return bool(_ZH.search(summary) or _EN.search(summary))

"""The desk's own premises named as where something is happening (a new-user trial: "A man
just collapsed in the lobby of your service centre and he is not breathing" was asked for an
"estate or street name"): the staff know where their own service centre is, as a clerk at
the counter would; nobody is asked the address of it. Only the desk's own, addressed as
theirs ("你们服务大厅", "贵中心", "your service centre", "your office"), or the public service
hall ("政务服务中心", "办事大厅"): a property company's service centre (物业服务中心) is in
some estate, and "the office" anyone's. Pure."""

from __future__ import annotations

import re

from bot.reading import reading

_ZH = (
    r"(?:你们|贵)(?:的|这边|那边)?(?:政务|便民|市民)?(?:服务)?(?:中心|大厅|窗口|办事处|办公楼|单位)",
    r"(?:政务|便民|市民)服务(?:中心|大厅)",
    r"办事大厅",
)
_EN = (
    r"\byour (?:own )?(?:(?:service|customer service|citizen service|public service) )?"
    r"(?:centre|center|hall|office|offices|building|lobby|counter|desk)\b",
)
_PREMISES = re.compile("|".join((*_ZH, *_EN)), re.IGNORECASE)


def named(words: str) -> bool:
    """Whether `words` say it is at the desk's own premises (`_PREMISES`)."""
    return _PREMISES.search(reading(words)) is not None

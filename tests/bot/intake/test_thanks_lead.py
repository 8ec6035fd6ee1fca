"""Thanks leading a matter (`bot.intake.thanks_lead`): the matter is searched without them."""

from __future__ import annotations

import pytest

from bot.intake.thanks_lead import after_thanks


@pytest.mark.parametrize(
    ("text", "matter"),
    [
        ("谢谢你们,不过我家的水管还在漏水", "我家的水管还在漏水"),
        ("谢谢!但是路灯还是不亮", "路灯还是不亮"),
        (
            "Thanks, but a water pipe is still leaking in my home",
            "a water pipe is still leaking in my home",
        ),
        ("Thank you all. However: the street light is out", "the street light is out"),
        ("我家的水管还在漏水", "我家的水管还在漏水"),  # no thanks: as it is
        ("谢谢你们!", "谢谢你们!"),  # nothing but thanks: as it is
        ("谢谢你们,不过", "谢谢你们,不过"),
        ("不过水管还在漏水", "不过水管还在漏水"),  # a "but" with no thanks before it is theirs
    ],
)
def test_the_matter_after_thanks(text: str, matter: str) -> None:
    assert after_thanks(text) == matter

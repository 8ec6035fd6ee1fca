"""Words into an emergency ticket that ask whether help is coming (bot/danger_asked.py): answered
whatever the burst, in either language; words that ask nothing of the kind are not read so."""

from __future__ import annotations

import pytest

from bot.danger_asked import asks_help_coming


@pytest.mark.parametrize(
    "text",
    [
        "is the ambulance coming? she is still not breathing",
        "Is the ambulance coming?",
        "where is the ambulance",
        "when will the police get here?",
        "did you send the fire brigade?",
        "is anyone coming",
        "is help on the way?",
        "救护车来了吗",
        "救护车怎么还没来",
        "警察什么时候到",
        "消防车到了没",
        "有人来吗",
    ],
)
def test_asking_whether_help_comes_is_heard(text: str) -> None:
    assert asks_help_coming(text)


@pytest.mark.parametrize(
    "text",
    [
        "Building 3, 4 Xingfu Road",
        "幸福路4号3号楼",
        "thank you",
        "谢谢",
        "the ambulance took her to hospital, thanks",
        "救护车已经把人接走了",
        "when will the water come back?",
        "什么时候来水",
    ],
)
def test_other_words_are_not_read_as_asking(text: str) -> None:
    assert not asks_help_coming(text)

"""A resolution summary that reports what was done for one requester is no answer for the
next (bot/case_words.py): the pure reading, both languages."""

from __future__ import annotations

import pytest

from bot.case_words import tells_what_was_done


@pytest.mark.parametrize(
    "summary",
    [
        "已告知外地户口可凭居住证在本地补办,所需材料已说明",
        "已向其解释公积金提取条件",
        "已联系物业,明天上门维修",
        "已为其办理社保卡补办手续",
        "告知市民可到二楼窗口办理",
        "Told her she can renew it at window 2 with her ID.",
        "We have forwarded it to the water company.",
        "The caller was informed of the documents needed.",
        "Explained to him how to withdraw his fund.",
    ],
)
def test_a_report_of_what_was_done(summary: str) -> None:
    assert tells_what_was_done(summary)


@pytest.mark.parametrize(
    "summary",
    [
        "公租房申请请携带户口簿和收入证明到二楼住房保障窗口办理。",
        "外地户口可凭居住证在本地补办,需带身份证和居住证。",
        "请到二楼窗口办理",
        "Bring your ID card and residence permit to window 2; it takes five working days.",
        "You can apply online at the city portal.",
    ],
)
def test_an_answer_for_everyone(summary: str) -> None:
    assert not tells_what_was_done(summary)

"""Which of a requester's tickets in hand their words are for (`replies.choose`), and how a staff
message to a requester with several is numbered (`reply_parts.numbered`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.excerpt import MARK_ROOM, MAX_CAPTION, MAX_MESSAGE, units
from bot.models import IN_HAND, TicketStatus
from bot.replies import InHand, choose
from bot.reply_parts import numbered

T0 = datetime(2026, 3, 2, 9, 0)


def at(minute: int) -> datetime:
    """When staff last spoke: `minute` minutes after T0."""
    return T0 + timedelta(minutes=minute)


TWO_UNWRITTEN = [InHand(1, None), InHand(2, None)]


def test_a_reply_to_a_ticket_in_hand_wins() -> None:
    in_hand = [InHand(1, at(10)), InHand(2, at(30))]
    assert choose(replied_to=1, in_hand=in_hand) == 1
    assert choose(replied_to=2, in_hand=TWO_UNWRITTEN) == 2


def test_a_reply_to_something_else_is_no_clue() -> None:
    in_hand = [InHand(1, at(10), at(11)), InHand(2, at(30), at(31))]
    assert choose(replied_to=9, in_hand=in_hand) == 2  # a closed ticket's message, say
    assert choose(replied_to=9, in_hand=TWO_UNWRITTEN) is None


def test_one_ticket_in_hand_takes_everything() -> None:
    assert choose(replied_to=None, in_hand=[InHand(4, None)]) == 4
    assert choose(replied_to=9, in_hand=[InHand(4, at(3))]) == 4


def test_else_the_ticket_whose_staff_wrote_last() -> None:
    """Every question answered (the requester wrote on each after its staff), none under way."""
    assert (
        choose(replied_to=None, in_hand=[InHand(1, at(30), at(31)), InHand(2, at(10), at(12))])
        == 1
    )
    assert (
        choose(replied_to=None, in_hand=[InHand(1, at(10), at(11)), InHand(2, at(30), at(31))])
        == 2
    )
    in_hand = [InHand(1, None, at(0)), InHand(2, at(5), at(6)), InHand(3, None, at(1))]
    assert choose(replied_to=None, in_hand=in_hand) == 2


def test_a_question_still_waiting_beats_the_ticket_just_answered_by_reply() -> None:
    """王芳 asked on #13 at 10, 孙伟 on #1 at 20; the requester replied on #13 at 21: their
    plain words at 22 answer 孙伟, whose question still waits, though #13 was spoken of last
    and its staff spoke before that (a tester's pole number went to #13), when no run goes on
    in #13 (its acknowledgement promised nothing: a staff word or a quiet spell since)."""
    in_hand = [InHand(1, at(20), at(0), opened=at(0)), InHand(13, at(10), at(21), opened=at(1))]
    assert choose(replied_to=None, in_hand=in_hand, now=at(22), words="Yes") == 1


def test_words_in_a_row_go_where_the_run_was_promised_to() -> None:
    """孙伟 asked on #12 at 10, 李强 on #11 at 20; the requester replied on #11 at 21 and
    heard "what you send next in a row goes to ticket #11 too": their plain words at 22 go
    on that run (`run`), though #12's question still waits, the words give the detail it
    waits for or share its officer's words, or the intake settled on it; a reply reaches
    #12, and so do words naming its own matter (the street light), their word, not a guess."""
    in_hand = [
        InHand(11, at(20), at(21), opened=at(0), said="Which counter was it and at what time?"),
        InHand(
            12,
            at(10),
            at(1),
            opened=at(1),
            said="What is the number on the pole?",
            question="street light out",
            awaits=frozenset({"number"}),
        ),
    ]
    for words in ("Counter 3, around 10am", "the pole is number 4471"):
        assert choose(replied_to=None, in_hand=in_hand, now=at(22), words=words) == 12
    words = "Counter 3, around 10am"
    assert choose(replied_to=None, in_hand=in_hand, now=at(22), words=words, run=11) == 11
    # A strong answer to #12's question waiting (the number its officer asked for, the pole)
    # is #12's, off the run (its acknowledgement tells where it went); a weak one is not.
    words = "the pole is number 4471"
    assert choose(replied_to=None, in_hand=in_hand, now=at(22), words=words, run=11) == 12
    words = "it was the pole"
    assert choose(replied_to=None, in_hand=in_hand, now=at(22), words=words, run=11) == 11
    assert choose(replied_to=None, in_hand=in_hand, words="4471", run=11, settled=12) == 11
    assert choose(replied_to=12, in_hand=in_hand, words="4471", run=11) == 12
    # Naming the other's own matter is their word, as a reply is: there, or asked if both.
    assert choose(replied_to=None, in_hand=in_hand, words="the street light too", run=11) == 12
    in_hand = [replace(in_hand[0], question="rude clerk at the counter"), in_hand[1]]
    words = "what about the rude clerk and the street light?"
    assert choose(replied_to=None, in_hand=in_hand, words=words, run=11) is None
    assert choose(replied_to=None, in_hand=in_hand, words="the rude clerk", run=11) == 11
    # A run in a ticket no longer in hand promises nothing here.
    assert choose(replied_to=None, in_hand=in_hand, now=at(22), words="4471", run=9) == 12


def test_a_strong_answer_to_another_question_leaves_the_run() -> None:
    """A run on #1 (the street light: "请问路灯是从哪天开始不亮的?" answered by reply); #2's
    officer asked "请问具体是几号楼?" before: "5号楼" answers #2's, strongly (the place asked
    for given, a term shared), and goes there; "前天晚上" stays on the run; words that fit both
    questions as well are asked about (None)."""
    light = InHand(1, at(20), at(21), said="请问路灯是从哪天开始不亮的?", question="路灯坏了")
    building = InHand(2, at(10), at(1), said="请问具体是几号楼?", question="楼道没人打扫")
    in_hand = [light, building]
    for words, to in (("5号楼", 2), ("Building 5 of the estate", 2), ("前天晚上", 1)):
        if words.isascii():
            said = "Which building number exactly?"
            in_hand = [light, replace(building, said=said)]
        assert choose(replied_to=None, in_hand=in_hand, words=words, run=1) == to, words
    # As strong for the run's own (both officers asked which building): they are asked; a
    # better fit to the run's own stays on the run.
    in_hand = [replace(light, said="请问是几号楼旁边的路灯?"), building]
    assert choose(replied_to=None, in_hand=in_hand, words="5号楼", run=1) is None
    assert choose(replied_to=None, in_hand=in_hand, words="5号楼旁边的路灯", run=1) == 1


def test_a_ticket_opened_after_a_question_is_the_one_spoken_of() -> None:
    """#1's officer asked at 10; the requester opened #2 at 15: their words right after are
    more of #2 (under way), not an answer to #1's question."""
    in_hand = [InHand(1, at(10), at(0), opened=at(0)), InHand(2, None, at(15), opened=at(15))]
    assert choose(replied_to=None, in_hand=in_hand, now=at(16)) == 2


def test_several_waiting_the_words_decide_else_the_requester_is_asked() -> None:
    pole = InHand(
        1, at(20), at(0), opened=at(0), said="请问灯杆上的编号是多少?", question="路灯不亮"
    )
    rude = InHand(2, at(30), at(1), opened=at(1), said="请问您是哪天来的?", question="投诉窗口")
    assert (
        choose(replied_to=None, in_hand=[pole, rude], now=at(31), words="灯杆编号是LD-0457") == 1
    )
    assert choose(replied_to=None, in_hand=[pole, rude], now=at(31), words="好的") is None
    facing = InHand(
        1, at(20), at(0), opened=at(0), said="Is the light the one facing the bus stop?"
    )
    looked = InHand(2, at(30), at(1), opened=at(1), said="What did the officer look like?")
    words = "Yes, the one facing the bus stop"
    assert choose(replied_to=None, in_hand=[facing, looked], now=at(31), words=words) == 1
    assert choose(replied_to=None, in_hand=[facing, looked], now=at(31), words="Yes") is None


def test_words_giving_the_detail_asked_for_fit_its_question() -> None:
    pole = InHand(1, at(20), at(0), opened=at(0), said="What is the number on the pole?")
    when = InHand(2, at(30), at(1), opened=at(1), said="Which day did you call?")
    assert choose(replied_to=None, in_hand=[pole, when], now=at(31), words="LD-0457") == 1
    assert choose(replied_to=None, in_hand=[pole, when], now=at(31), words="Okay") is None


def test_words_saying_not_solved_fit_a_resolution_awaiting_them() -> None:
    asked = InHand(1, at(20), at(0), opened=at(0), said="请问您的户籍在本市吗?")
    resolved = InHand(2, at(30), at(1), opened=at(1), said="居住证已可领取", resolved=True)
    words = "还是没办好,窗口说材料不全"
    assert choose(replied_to=None, in_hand=[asked, resolved], now=at(31), words=words) == 2


def test_else_the_requester_is_asked() -> None:
    assert choose(replied_to=None, in_hand=TWO_UNWRITTEN) is None


def test_in_hand_is_every_status_but_closed() -> None:
    # The requester's query says "in hand" as "not closed" (bot/requesters.py).
    assert set(IN_HAND) == set(TicketStatus) - {TicketStatus.CLOSED}


COPIED: dict[str, object] = {"from_chat_id": -100, "message_id": 40}


def test_numbered_values_keep_every_word_and_number_every_part() -> None:
    short = numbered(COPIED, "请提供卡号", "text")
    assert short == [{**COPIED, "numbered": True, "content_type": "text", "text": "请提供卡号"}]
    long_text = "请带身份证。" * 700
    parts = numbered(COPIED, long_text, "text")
    assert len(parts) == 2 and "".join(str(p["text"]) for p in parts) == long_text
    assert all(units(str(p["text"])) <= MAX_MESSAGE - MARK_ROOM for p in parts)
    fits = numbered(COPIED, "合同照片", "photo")
    assert [(p["content_type"], p["text"]) for p in fits] == [("photo", "合同照片")]
    caption = "字" * (MAX_CAPTION - MARK_ROOM + 1)
    split = numbered(COPIED, caption, "photo")
    assert [(p["content_type"], p["text"]) for p in split] == [("photo", ""), ("text", caption)]
    assert all(p["numbered"] for p in split)


POWER, ID_CARD = "我家停电了", "身份证丢了怎么补办"


def test_words_naming_one_tickets_matter_go_to_it_ahead_of_the_latest() -> None:
    """#2, the lost ID card, was opened and spoken of a minute ago; "停电那个还没来电" is the
    power cut's (#1). Words naming both are asked about, though #2 is under way."""
    in_hand = [
        InHand(1, None, at(0), opened=at(0), question=POWER),
        InHand(2, None, at(10), opened=at(10), question=ID_CARD),
    ]
    assert choose(replied_to=None, in_hand=in_hand, now=at(11), words="停电那个还没来电") == 1
    assert choose(replied_to=None, in_hand=in_hand, now=at(11), words="身份证补办要多久") == 2
    both = "停电和身份证的事都怎么样了"
    assert choose(replied_to=None, in_hand=in_hand, now=at(11), words=both) is None
    # Naming neither: the ticket under way, as before.
    assert choose(replied_to=None, in_hand=in_hand, now=at(11), words="好的,麻烦了") == 2
    # A reply still wins over any naming.
    assert choose(replied_to=2, in_hand=in_hand, now=at(11), words="停电那个还没来电") == 2


def test_details_one_ticket_waits_for_go_to_it_whatever_was_opened_since() -> None:
    """The bot asked #1 for its address; #2 was opened since: the address is #1's, while
    words giving no detail #1 waits for stay with #2, under way."""
    in_hand = [
        InHand(1, None, at(0), opened=at(0), question=POWER, awaits=frozenset({"location"})),
        InHand(2, None, at(10), opened=at(10), question=ID_CARD),
    ]
    assert choose(replied_to=None, in_hand=in_hand, now=at(11), words="和平路12号3单元") == 1
    assert choose(replied_to=None, in_hand=in_hand, now=at(11), words="电话13800138000") == 2
    # A photo or a place shared gives what it is (`carries`).
    photo = [InHand(1, None, at(0), opened=at(0), awaits=frozenset({"photo"})), in_hand[1]]
    assert choose(replied_to=None, in_hand=photo, now=at(11), carries=frozenset({"photo"})) == 1
    assert choose(replied_to=None, in_hand=photo, now=at(11), words="好的") == 2
    # Both wait for an address: no clue from the details, the usual rules decide.
    both = [in_hand[0], InHand(2, None, at(10), opened=at(10), awaits=frozenset({"location"}))]
    assert choose(replied_to=None, in_hand=both, now=at(11), words="和平路12号3单元") == 2


def test_words_of_the_matter_an_officer_asks_about_answer_that_officer() -> None:
    """#1's officer asks about the residence permit, #2's matter: the answer naming it is
    #1's, whose question waits (it names both matters, the permit and #1's question)."""
    in_hand = [
        InHand(
            1, at(20), at(0), opened=at(0), said="您办理居住证了吗?", question="我想申请公租房"
        ),
        InHand(2, None, at(10), opened=at(10), question="居住证怎么办理"),
    ]
    assert choose(replied_to=None, in_hand=in_hand, now=at(21), words="居住证已经办了") == 1

"""How well a requester's plain words fit each of their tickets whose staff wait for their
answer, as pure functions: when two officers both asked something and the requester answers
without replying to either, a clerk hears which question the words answer ("灯杆编号是
LD-0457" answers "请问灯杆上的编号是多少?", not "您是哪天来的?").

A ticket's `fit` is how many of the words' terms it shares with what its staff last said and
with the ticket's own question (Chinese by pair of characters together, as Chinese words are
mostly two characters; other scripts by word of four letters or more, so that "the", "you"
and "is" decide nothing); two more when its staff asked for a kind of detail the words give
(bot/answer_kinds.py: "请问灯杆上的编号是多少?" asks a number, "LD-0457" gives one; "the last 4
digits of your bank card and your ID number?" a card's digits and an ID, "Card ends 4821, ID
110101195001011234" gives them); and two more
when the ticket is resolved and the words clearly say the problem is not solved, or solved
(bot/resolution_words.py: "修好了,谢谢" on another ticket's run): the answer to a resolution,
which awaits it. `best` is
the one ticket that fits strictly better than every other, or None: the words fit none
better, and the requester is asked which."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot import answer_kinds
from bot.reading import reading
from bot.resolution_words import Said, read_after_resolution, says_not_solved

_HAN = "\u3400-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"([{_HAN}]+)|[^\W\d_{_HAN}]{{4,}}")
NOT_SOLVED_WEIGHT = 2  # the words answer a resolution: as much as two shared terms
DETAIL_WEIGHT = 2  # the words give the kind of detail asked for: as much too
# A fit that answers a question beyond chance: the detail asked for given, or two terms shared.
STRONG = DETAIL_WEIGHT


def terms(text: str) -> frozenset[str]:
    """The terms of `text` that can tell a matter: each pair of Chinese characters side by
    side, and each word of another script of four letters or more, casefolded."""
    text = reading(text)
    found: set[str] = set()
    for match in _RUN.finditer(text.casefold()):
        run = match.group(1)
        if run is None:
            found.add(match.group(0))
        else:
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(found)


def fit(words: str, *, said: str, question: str, resolved: bool) -> int:
    """How well `words` fit a ticket whose staff last `said` this, asked about `question`,
    `resolved` when it waits for the requester's word on its resolution."""
    words, said, question = reading(words), reading(said), reading(question)
    shared = len(terms(words) & (terms(said) | terms(question)))
    detail = DETAIL_WEIGHT if answer_kinds.matched(words, said) else 0
    answers = resolved and (says_not_solved(words) or _said_solved(words))
    return shared + detail + (NOT_SOLVED_WEIGHT if answers else 0)


def _said_solved(words: str) -> bool:
    """The words say solved ("修好了,谢谢", "The pothole is fixed, thanks"), a rating aside
    (a rating finds its resolution itself: bot/rated_choice.py)."""
    said = read_after_resolution(words)
    return said.said is Said.SOLVED and said.score is None


def best(fits: Sequence[tuple[int, int]]) -> int | None:
    """Of (fit, ticket id) pairs, the ticket that fits strictly best; None on a tie or when
    none fits at all."""
    ranked = sorted(fits, reverse=True)
    if not ranked or ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def off_the_run(run: int, fits: dict[int, int]) -> int | None:
    """Where plain words on a run in ticket `run` go (bot/replies.py `choose`), `fits` their
    fit to it and to each other ticket whose staff's question waits (ticket id: fit): the run's,
    unless another fits at least STRONG (the detail its staff asked for given, or two of its
    terms shared: "5号楼" to "请问具体是几号楼?", "Building 5" to "Which building number
    exactly?") and better than the run's own: that one (a tester's building number went on
    the run, never seen by the officer who asked for it; the change of ticket is acknowledged,
    so the requester hears where it went); None, they are asked which, when such a fit is no
    better than the run's, or several tie. A weak fit (a term in common by chance) does not
    break the run's promise."""
    strong = [(fit, ticket) for ticket, fit in fits.items() if ticket != run and fit >= STRONG]
    if not strong:
        return run
    return best([(fits.get(run, 0), run), *strong])

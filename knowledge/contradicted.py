"""A template the question contradicts steps back: it negates a condition the template states
(`knowledge.negation`), and another template, silent on the condition, matches nearly as well.
Read by the matcher (`knowledge.matcher`) over the templates it found."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from knowledge.negation import Said

# A template the question contradicts (it negates a condition the template states,
# `knowledge.negation`) steps back behind the templates it does not contradict when it scores
# at least CONTENDER (0-1) and one of those, silent on the condition, scores at least
# SIBLING_SHARE of its score (`contradicted`). Measured (`benchmarks/matcher.py`): top-1 moved
# by at most 6 of some 13,000 questions in any run.
CONTENDER, SIBLING_SHARE = 0.4, 0.6


def contradicted(
    said: Sequence[Said],
    negated: Sequence[Sequence[str]],
    found: Mapping[str, tuple[float, float, float, int, int]],
) -> set[str]:
    """The templates (of `found`: id -> score, share, ratio, group, phrasing) that step back
    for a question that negates a condition of theirs (`negated`: the phrases it negates as a
    condition, each as its terms; `knowledge.negation`).

    A template requires a negated phrase when its group's phrasings state one of the phrase's
    terms and none negates any ("没买房可以取公积金吗" and the purchase template's "买房可以取
    公积金吗"; not "I have no company, can I issue an invoice?" for a question without one).
    Such a template is no answer while another, one the question does not contradict and that
    says nothing of the term, matches nearly as well (SIBLING_SHARE: the rent template, the rest
    of the question being theirs too): it comes after every template it does not contradict,
    and as the first one's rival keeps that one's lead small, so the question gets a
    did-you-mean, not the answer. Its score stands (without the negated words its phrasing
    would match the rest of the question as well or better: the cosine is normalised). Under
    CONTENDER it was no answer anyway.
    """
    if not negated:
        return set()
    required: dict[str, set[str]] = {}  # template -> the negated terms it requires
    silent: dict[str, set[str]] = {}  # template -> the negated terms it never mentions
    for template_id, (score, _, _, group, _) in found.items():
        said_of = said[group]
        for phrase in negated:
            stated = any(said_of.states(term) for term in phrase)
            denied = any(said_of.denies(term) for term in phrase)
            if stated and not denied and score >= CONTENDER:
                required.setdefault(template_id, set()).update(phrase)
            elif not stated and not denied:
                silent.setdefault(template_id, set()).update(phrase)
    # ... stepping back behind one that matches nearly as well and says nothing of the term.
    return {
        t
        for t, terms in required.items()
        if any(
            other not in required
            and entry[0] >= SIBLING_SHARE * found[t][0]
            and terms & silent.get(other, set())
            for other, entry in found.items()
        )
    }

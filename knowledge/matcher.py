"""The matcher: which case templates answer a question, how sure it is, and whether to answer.

A template is scored 0-100 by its phrasings in one language (a group): 0.9 of the cosine of
the group's centroid (character n-gram TF-IDF, centroids refined at build time;
`knowledge.index`) and 0.1 of the best phrasing's, so a template with many phrasings has no
more chances than one with a single phrasing; then rapidfuzz's token-set ratio against that
best phrasing, which rewards near-verbatim questions with typos. Confidence, 0-100, is a
calibrated probability that a match is the right template: a logistic function of its score,
its lead over the other matches and that lead over its score, the share of the question's
term weight its best phrasing holds by BM25's saturated, length-normalised count, the
rapidfuzz ratio, how many phrasings a template has on average in this base, and how much of
the question the base knows at all. It was fitted once over English and Chinese sets with
many and with one or two phrasings a template (`python -m benchmarks.matcher --calibrate`),
so that one number serves both languages and both regimes (the benchmark shows how far that
holds, also fitted on three sets and judged on the fourth). Thresholds on it, per language
from config, choose the band: answer, suggest up to three, or hand over.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from knowledge.contradicted import contradicted
from knowledge.index import Index
from knowledge.mixed import best_of, searched_in
from knowledge.negation import Said, by_group, negation
from knowledge.text import fuzzy_form, normalise, without_lead

CENTROID_WEIGHT = 0.9
FUZZ_WEIGHT = 0.1
# How many groups get the (slower) rapidfuzz rescoring, per result asked for.
RESCORED_PER_RESULT = 4
# Searches remembered per state of the phrasings (`_State.searched`): enough for the words of
# every ticket in hand (each message to a ticket searches its question's topic again) and the
# questions of a busy hour, not only those of the last few messages (256 were emptied every
# hundred or so first inquiries, each searching several forms of its words). A few MB.
SEARCHES_KEPT = 4096
# The logistic calibration: intercept, then the coefficients of score (0-1), lead over the
# best other match (0-1, negative when behind), that lead over the score (the ratio test, the
# score floored at RATIO_FLOOR: a near miss tends to win by a small margin of a modest score;
# measured, the AUROC of answerable against unanswerable questions on CrossWOZ went from 0.916
# to 0.940, 0.941 with the calibration held out. The floor, 0.3 rather than 0.05: a weak match
# that merely beats a weaker one is no surer for it; of floors 0.05-0.7 it has the lowest log
# loss fitted on three sets and judged on the fourth, mean of the 12 runs, 0.4935 against
# 0.4961; flat from 0.25 to 0.3), BM25 share (0-1), token-set ratio (0-1), the
# base's density (ln of phrasings per template, / 5; the same for every template, so it moves
# the scale between a young base and a rich one without favouring big templates), and how
# much of the question the base knows (0-1, `Query.known`). Fitted by `python -m
# benchmarks.matcher --calibrate` over 12 runs (4 sets, 3 regimes), each run weighing the same
# and, where a run has unanswerable questions, those weighing as much as the rest; the
# benchmark also shows it fitted on three sets and judged on the fourth. Blending the BM25
# share into the score instead cost 1-6 points of top-1 (measured); as a signal it helps.
CALIBRATION = (-3.746, 3.346, 1.605, 3.289, 0.543, 0.83, 0.955, 0.733)
RATIO_FLOOR = 0.3


@dataclass(frozen=True)
class Phrasing:
    """One way of asking the question a template answers."""

    template_id: str
    language: str
    text: str


@dataclass(frozen=True)
class Match:
    """A template for a question: `score` 0-100 (similarity), `confidence` 0-100 (the
    calibrated chance, in percent, that it is the right template), and the signals
    (score, lead, lead over score, BM25 share, token-set ratio, density, known; see
    CALIBRATION) behind it."""

    template_id: str
    score: float  # 0-100
    language: str  # of the phrasing that matched best
    phrasing: str
    confidence: float = 0.0  # 0-100
    signals: tuple[float, ...] = ()


class Band(StrEnum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    HANDOVER = "handover"


@dataclass(frozen=True)
class Thresholds:
    """Confidence (0-100) from which to answer, and from which to suggest instead of handing
    over; suggest is never above answer."""

    answer: float
    suggest: float

    def __post_init__(self) -> None:
        if not 0 <= self.suggest <= self.answer <= 100:
            raise ValueError("thresholds must satisfy 0 <= suggest <= answer <= 100")


def calibrated(signals: Sequence[float], coefficients: Sequence[float] = CALIBRATION) -> float:
    """The confidence 0-100 of a match from its signals (see `Match`)."""
    z = coefficients[0] + sum(c * x for c, x in zip(coefficients[1:], signals, strict=True))
    return 100.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True)
class _State:
    """Everything one search reads; replaced whole, never changed, so searches need no lock."""

    index: Index
    phrasings: tuple[Phrasing, ...]
    fuzzy: tuple[str, ...]
    group_keys: tuple[tuple[str, str], ...]  # group -> (template id, language)
    language_masks: dict[str, npt.NDArray[np.bool_]]
    # What each group's phrasings state and negate (`knowledge.negation.Said`), by group: read
    # with the index, so a question negating a condition reads no phrasing.
    said: tuple[Said, ...]
    # Searches already made on this state, (normal form, language, limit, negated conditions)
    # -> matches: the first inquiry asks about the same words several times (the question, its
    # topic, its category). Dropped with the state, so never stale; emptied when full.
    searched: dict[tuple[Any, ...], tuple[Match, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, phrasings: Sequence[Phrasing]) -> _State:
        keys: dict[tuple[str, str], int] = {}
        numbers = [keys.setdefault((p.template_id, p.language), len(keys)) for p in phrasings]
        # The index takes phrasings grouped; sorting keeps each group's own order.
        order = sorted(range(len(phrasings)), key=numbers.__getitem__)
        phrasings = [phrasings[i] for i in order]
        groups = [numbers[i] for i in order]
        normals = [normalise(p.text) for p in phrasings]
        languages = np.asarray([p.language for p in phrasings])
        return cls(
            index=Index(normals, groups),
            phrasings=tuple(phrasings),
            fuzzy=tuple(fuzzy_form(n) for n in normals),
            group_keys=tuple(keys),
            language_masks={lang: languages == lang for lang in set(languages.tolist())},
            said=by_group([p.text for p in phrasings], normals, groups),
        )


class Matcher:
    """Search case templates by a question; add and retire templates while running."""

    def __init__(
        self,
        phrasings: Iterable[Phrasing] = (),
        *,
        answer_threshold: float = 85.0,
        suggest_threshold: float = 60.0,
        thresholds: Mapping[str, Thresholds] | None = None,
    ) -> None:
        """`thresholds` per language; a language without its own uses the two defaults.

        Raises ValueError when a suggest threshold is above its answer threshold.
        """
        self.default = Thresholds(answer_threshold, suggest_threshold)
        self.thresholds = dict(thresholds or {})
        self._write = threading.Lock()
        self._state = _State.build(list(phrasings))
        self._version = 0

    @property
    def answer_threshold(self) -> float:
        return self.default.answer

    @property
    def suggest_threshold(self) -> float:
        return self.default.suggest

    def thresholds_for(self, language: str | None) -> Thresholds:
        return self.thresholds.get(language or "", self.default)

    @property
    def version(self) -> int:
        """A number that changes whenever the phrasings do (replace, add, retire): a cache
        of this matcher's results keyed on it is never stale."""
        return self._version

    @property
    def phrasing_count(self) -> int:
        return len(self._state.phrasings)

    @property
    def template_ids(self) -> set[str]:
        return {key[0] for key in self._state.group_keys}

    def replace(self, phrasings: Iterable[Phrasing]) -> None:
        """Swap in a whole new set of phrasings (index built before the swap)."""
        state = _State.build(list(phrasings))
        with self._write:
            self._state = state
            self._version += 1

    def add(self, phrasings: Iterable[Phrasing]) -> None:
        """Add phrasings (a template approved at run time); replaces a template's old ones."""
        self.change(phrasings)

    def retire(self, template_id: str) -> None:
        """Stop answering with a template."""
        self.change(retired=[template_id])

    def change(self, added: Iterable[Phrasing] = (), retired: Iterable[str] = ()) -> None:
        """`add` these phrasings and `retire` these templates with one build of the index
        (seconds for thousands of phrasings: callers on an event loop run it in a thread).
        Searches meanwhile read the index as it was; the new one is swapped in whole."""
        out = set(retired)
        new = [p for p in added if p.template_id not in out]  # as if added, then retired
        with self._write:
            gone = {p.template_id for p in new} | out
            kept = [p for p in self._state.phrasings if p.template_id not in gone]
            self._state = _State.build(kept + new)
            self._version += 1

    def search(self, text: str, language: str | None = None, limit: int = 3) -> list[Match]:
        """The best `limit` templates for a question, best first, each with its score and
        calibrated confidence (both 0-100).

        With `language`, phrasings in that language are searched first; if none of them
        shares anything with the question, every language is. A question with words of both
        scripts is searched in each language too, the better kept (`knowledge.mixed`). Words
        before the question that only greet or say one follows are left out (`without_lead`;
        of phrasings, never).
        """
        state = self._state
        text = without_lead(text)
        normal = normalise(text)
        if not normal or limit <= 0:
            return []
        # Up to three results are ranked alike (each knows its rival), so one search serves
        # every limit up to three.
        negated = negation(text).conditions  # read in the text: clauses matter
        key = (normal, language, max(limit, 3), negated)
        known = state.searched.get(key)
        if known is None:
            languages = searched_in(normal, language, state.language_masks)
            found = [self._search(state, normal, negated, each, key[2]) for each in languages]
            known = tuple(best_of(found, self.band))
            if len(state.searched) >= SEARCHES_KEPT:
                state.searched.clear()
            state.searched[key] = known
        return list(known[:limit])

    def _search(
        self,
        state: _State,
        normal: str,
        negated: Sequence[Sequence[str]],
        language: str | None,
        limit: int,
    ) -> list[Match]:
        mask = state.language_masks.get(language) if language else None
        hit, cosines, groups, centroid, query = state.index.search(normal, mask)
        if len(hit) == 0 and mask is not None:
            hit, cosines, groups, centroid, query = state.index.search(normal)
        if len(hit) == 0:
            return []
        best_cosine = np.zeros(state.index.group_count)
        best_phrasing = np.full(state.index.group_count, -1, dtype=np.int64)
        order = np.argsort(cosines, kind="stable")  # ascending: the best write last
        hit_groups = state.index.groups[hit]
        best_cosine[hit_groups[order]] = cosines[order]
        best_phrasing[hit_groups[order]] = hit[order]
        blended = (1 - CENTROID_WEIGHT) * best_cosine[groups] + CENTROID_WEIGHT * centroid
        # At least three, so that the confidence of even a single result knows its rivals.
        top = np.argsort(-blended, kind="stable")[: max(limit, 3) * RESCORED_PER_RESULT]
        ranked = groups[top]
        shares = state.index.bm25_share(best_phrasing[ranked], query)
        query_fuzzy = fuzzy_form(normal)
        found: dict[str, tuple[float, float, float, int, int]] = {}
        for group, base, share in zip(
            ranked.tolist(), blended[top].tolist(), shares.tolist(), strict=True
        ):
            phrasing_id = int(best_phrasing[group])
            similarity = fuzz.token_set_ratio(query_fuzzy, state.fuzzy[phrasing_id]) / 100
            # Scaled by how much of the question the base knows: the same for every template,
            # so the order stands, but a question mostly of unseen n-grams scores low.
            score = min(1.0, ((1 - FUZZ_WEIGHT) * base + FUZZ_WEIGHT * similarity) * query.known)
            template_id = state.group_keys[group][0]
            known = found.get(template_id)
            if known is None or score > known[0]:
                found[template_id] = (score, share, similarity, group, phrasing_id)
        denied = contradicted(state.said, negated, found)
        ordered = sorted(found.items(), key=lambda item: (item[0] in denied, -item[1][0]))
        density = math.log(state.index.size / max(state.index.group_count, 1)) / 5
        scores = [entry[0] for _, entry in ordered]
        matches = []
        for rank, (template_id, (score, share, similarity, group, phrasing_id)) in enumerate(
            ordered[:limit]
        ):
            rival = max(scores[:rank] + scores[rank + 1 :], default=0.0)
            lead = score - rival
            signals = (
                score,
                lead,
                lead / max(score, RATIO_FLOOR),
                share,
                similarity,
                density,
                query.known,
            )
            matches.append(
                Match(
                    template_id,
                    round(100 * score, 2),
                    state.group_keys[group][1],
                    state.phrasings[phrasing_id].text,
                    round(calibrated(signals), 2),
                    signals,
                )
            )
        return matches

    @staticmethod
    def confidence(matches: Sequence[Match]) -> float:
        """How sure the best match is right, 0-100 (its calibrated confidence; 0: none)."""
        return matches[0].confidence if matches else 0.0

    def band(self, matches: Sequence[Match], language: str | None = None) -> Band:
        """Answer when confident enough, suggest when less so, else hand over; by the
        thresholds of `language` (default: the language of the best match's phrasing)."""
        if not matches:
            return Band.HANDOVER
        thresholds = self.thresholds_for(language or matches[0].language)
        confidence = matches[0].confidence
        if confidence >= thresholds.answer:
            return Band.ANSWER
        if confidence >= thresholds.suggest:
            return Band.SUGGEST
        return Band.HANDOVER

    def similar_templates(
        self, questions: Iterable[str], language: str | None = None, threshold: float = 45.0
    ) -> list[Match]:
        """Existing templates that already cover any of these questions (near-duplicates):
        those whose score (0-100) reaches `threshold` for any of them, best first."""
        found: dict[str, Match] = {}
        for question in questions:
            for match in self.search(question, language, limit=5):
                if match.score >= threshold and (
                    match.template_id not in found or match.score > found[match.template_id].score
                ):
                    found[match.template_id] = match
        return sorted(found.values(), key=lambda m: -m.score)

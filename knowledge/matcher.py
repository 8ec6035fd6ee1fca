"""The matcher: which case templates answer a question, scored 0-100, and whether to answer.

A template is scored by its phrasings in one language (a group): the best phrasing's cosine
blended with the cosine of the group's centroid (character n-gram TF-IDF, `knowledge.index`),
then rapidfuzz's token-set ratio between the question and that best phrasing, which rewards
near-verbatim questions with typos. Scores decide one of three bands with thresholds from
config: answer, suggest up to three, or hand over to a person.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from knowledge.index import Index
from knowledge.text import fuzzy_form, normalise

CENTROID_WEIGHT = 0.6
FUZZ_WEIGHT = 0.1
# Confidence in the best match grows with its lead over the runner-up (measured on BANKING77
# and HWU64: ranking by this instead of the bare score lifts precision at 70% coverage by 2-3
# points).
MARGIN_WEIGHT = 2.0
# How many groups get the (slower) rapidfuzz rescoring, per result asked for.
RESCORED_PER_RESULT = 4


@dataclass(frozen=True)
class Phrasing:
    """One way of asking the question a template answers."""

    template_id: str
    language: str
    text: str


@dataclass(frozen=True)
class Match:
    template_id: str
    score: float  # 0-100
    language: str  # of the phrasing that matched best
    phrasing: str


class Band(StrEnum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    HANDOVER = "handover"


@dataclass(frozen=True)
class _State:
    """Everything one search reads; replaced whole, never changed, so searches need no lock."""

    index: Index
    phrasings: tuple[Phrasing, ...]
    fuzzy: tuple[str, ...]
    group_keys: tuple[tuple[str, str], ...]  # group -> (template id, language)
    language_masks: dict[str, npt.NDArray[np.bool_]]

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
        )


class Matcher:
    """Search case templates by a question; add and retire templates while running."""

    def __init__(
        self,
        phrasings: Iterable[Phrasing] = (),
        *,
        answer_threshold: float = 85.0,
        suggest_threshold: float = 60.0,
    ) -> None:
        if suggest_threshold > answer_threshold:
            raise ValueError("suggest_threshold must not be above answer_threshold")
        self.answer_threshold = answer_threshold
        self.suggest_threshold = suggest_threshold
        self._write = threading.Lock()
        self._state = _State.build(list(phrasings))

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

    def add(self, phrasings: Iterable[Phrasing]) -> None:
        """Add phrasings (a template approved at run time); replaces a template's old ones."""
        new = list(phrasings)
        with self._write:
            replaced = {p.template_id for p in new}
            kept = [p for p in self._state.phrasings if p.template_id not in replaced]
            self._state = _State.build(kept + new)

    def retire(self, template_id: str) -> None:
        """Stop answering with a template."""
        with self._write:
            kept = [p for p in self._state.phrasings if p.template_id != template_id]
            self._state = _State.build(kept)

    def search(self, text: str, language: str | None = None, limit: int = 3) -> list[Match]:
        """The best `limit` templates for a question, best first, scores 0-100.

        With `language`, phrasings in that language are searched first; if none of them
        shares anything with the question, every language is.
        """
        state = self._state
        normal = normalise(text)
        if not normal or limit <= 0:
            return []
        mask = state.language_masks.get(language) if language else None
        hit, cosines, groups, centroid = state.index.search(normal, mask)
        if len(hit) == 0 and mask is not None:
            hit, cosines, groups, centroid = state.index.search(normal)
        if len(hit) == 0:
            return []
        best_cosine = np.zeros(state.index.group_count)
        best_phrasing = np.full(state.index.group_count, -1, dtype=np.int64)
        order = np.argsort(cosines, kind="stable")  # ascending: the best write last
        hit_groups = state.index.groups[hit]
        best_cosine[hit_groups[order]] = cosines[order]
        best_phrasing[hit_groups[order]] = hit[order]
        blended = (1 - CENTROID_WEIGHT) * best_cosine[groups] + CENTROID_WEIGHT * centroid
        ranked = groups[np.argsort(-blended, kind="stable")][: limit * RESCORED_PER_RESULT]
        query_fuzzy = fuzzy_form(normal)
        by_template: dict[str, Match] = {}
        for group in ranked.tolist():
            phrasing_id = int(best_phrasing[group])
            similarity = fuzz.token_set_ratio(query_fuzzy, state.fuzzy[phrasing_id]) / 100
            base = (1 - CENTROID_WEIGHT) * best_cosine[group] + CENTROID_WEIGHT * float(
                centroid[np.searchsorted(groups, group)]
            )
            score = round(float(100 * ((1 - FUZZ_WEIGHT) * base + FUZZ_WEIGHT * similarity)), 2)
            template_id, group_language = state.group_keys[group]
            known = by_template.get(template_id)
            if known is None or score > known.score:
                by_template[template_id] = Match(
                    template_id,
                    min(score, 100.0),
                    group_language,
                    state.phrasings[phrasing_id].text,
                )
        return sorted(by_template.values(), key=lambda m: -m.score)[:limit]

    @staticmethod
    def confidence(matches: Sequence[Match]) -> float:
        """How sure the best match is right, 0-100: its score plus its lead over the next.

        Pass the list `search` returned with a limit of at least 2.
        """
        if not matches:
            return 0.0
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        lead = matches[0].score - runner_up
        return max(0.0, min(100.0, matches[0].score + MARGIN_WEIGHT * lead))

    def band(self, matches: Sequence[Match]) -> Band:
        """Answer when confident enough, suggest when the best is close enough, else hand over."""
        if not matches or matches[0].score < self.suggest_threshold:
            return Band.HANDOVER
        if self.confidence(matches) >= self.answer_threshold:
            return Band.ANSWER
        return Band.SUGGEST

    def similar_templates(
        self, questions: Iterable[str], language: str | None = None, threshold: float = 45.0
    ) -> list[Match]:
        """Existing templates that already cover any of these questions (near-duplicates)."""
        found: dict[str, Match] = {}
        for question in questions:
            for match in self.search(question, language, limit=5):
                if match.score >= threshold and (
                    match.template_id not in found or match.score > found[match.template_id].score
                ):
                    found[match.template_id] = match
        return sorted(found.values(), key=lambda m: -m.score)

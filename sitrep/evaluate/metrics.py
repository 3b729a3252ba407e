"""Metric values and the precision/recall arithmetic every scorer shares."""

from __future__ import annotations

from collections.abc import Collection, Hashable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Metric:
    """One measured number in [0, 1], with the counts behind it and an optional detail line."""

    name: str
    value: float
    support: int = 0
    detail: str = ""


def prf(predicted: Collection[Hashable], gold: Collection[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 of two sets. Two empty sets score 1.0 on all three."""
    p_set, g_set = set(predicted), set(gold)
    hit = len(p_set & g_set)
    precision = hit / len(p_set) if p_set else (1.0 if not g_set else 0.0)
    recall = hit / len(g_set) if g_set else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def prf_metrics(name: str, predicted: Collection[Hashable], gold: Collection[Hashable]) -> list[Metric]:
    """``name.precision``, ``name.recall`` and ``name.f1``, with what was missed or extra as detail."""
    p, r, f = prf(predicted, gold)
    missed = sorted(map(str, set(gold) - set(predicted)))
    extra = sorted(map(str, set(predicted) - set(gold)))
    detail = "; ".join(part for part in (f"missed {missed}" if missed else "",
                                         f"extra {extra}" if extra else "") if part)
    support = len(set(gold))
    return [Metric(f"{name}.precision", p, support, detail), Metric(f"{name}.recall", r, support, detail),
            Metric(f"{name}.f1", f, support, detail)]


def accuracy(name: str, right: int, total: int, detail: str = "") -> Metric:
    return Metric(name, right / total if total else 1.0, total, detail)

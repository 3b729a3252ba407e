"""Extraction speed: words/s of sitrep's whole extraction (``build_pipeline()``, batched) next to
the bare spaCy pipeline (``nlp.pipe``) on the same texts in one run, their ratio, batch extraction
with ``n_process=2`` against 1, and peak memory (max RSS).

Texts: the WikiEvents dev documents (``../shared/eval/wikievents/dev.gold.jsonl``) by default, or
``--file`` (a text file, one document per blank-line-separated block; or a .jsonl with "text").

Each rate is the best of ``--repeat`` runs. Run:
.venv/bin/python bench/extract.py [--file F] [--copies N] [--repeat N] [--readings] [--no-multi]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WIKIEVENTS = ROOT.parent / "shared" / "eval" / "wikievents" / "dev.gold.jsonl"


def load_texts(path: Path) -> list[str]:
    if not path.is_file():
        sys.exit(f"{path}: not found (pass --file, or put ../shared beside the checkout)")
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line)["text"] for line in raw.splitlines() if line.strip()]
    return [block.strip() for block in raw.split("\n\n") if block.strip()]


def as_readings(texts: list[str]) -> list[object]:
    from sitrep.ingest.reading import read_document
    from sitrep.model.document import Document

    return [read_document(Document(text=t, source=f"bench-{i}", media_type="text/plain"))
            for i, t in enumerate(texts)]


def timed(label: str, words: int, run: Callable[[], Iterable[object]], repeat: int) -> float:
    """Words/s of the fastest of ``repeat`` runs (other work on the machine only slows a run down)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in run():
            pass
        best = min(best, time.perf_counter() - start)
    print(f"{label:<44} {best:8.2f} s {words / best:10,.0f} words/s   max RSS {max_rss_mb():7.0f} MB")
    return words / best


def stage_seconds(pipeline: Any, sources: list[object], batch_size: int) -> dict[str, float]:
    """Seconds per stage over the same batches ``Pipeline.pipe_docs`` makes."""
    from sitrep.extract.doc import from_reading, from_text
    from sitrep.model.reading import Reading

    seconds = dict.fromkeys(pipeline.names, 0.0)
    docs = [from_reading(s) if isinstance(s, Reading) else from_text(str(s)) for s in sources]
    for i in range(0, len(docs), batch_size):
        batch = docs[i : i + batch_size]
        for stage in pipeline.stages:
            start = time.perf_counter()
            batched = getattr(stage, "pipe", None)
            batch = list(batched(batch)) if batched else [stage(d) for d in batch]
            seconds[stage.name] += time.perf_counter() - start
    return seconds


def max_rss_mb() -> float:
    """Peak resident memory so far, this process and its finished children (Linux: kB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=WIKIEVENTS,
                        help="texts to extract (default: WikiEvents dev)")
    parser.add_argument("--copies", type=int, default=2,
                        help="run over the texts this many times (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per batch (default 16)")
    parser.add_argument("--readings", action="store_true", help="extract from Readings (read first, untimed)")
    parser.add_argument("--no-multi", action="store_true", help="skip the n_process=2 run")
    args = parser.parse_args()

    import spacy

    from sitrep.extract.default import build_pipeline
    from sitrep.extract.nlp import MODEL

    texts = load_texts(args.file) * args.copies
    words = sum(len(t.split()) for t in texts)
    sources: list[object] = as_readings(texts) if args.readings else list(texts)
    print(f"{len(texts)} documents, {words:,} words ({args.file.name} x{args.copies}), "
          f"{'readings' if args.readings else 'texts'}, batch {args.batch_size}")

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:2]))  # warm up
    bare = timed("bare spaCy: nlp.pipe", words, lambda: nlp.pipe(texts, batch_size=args.batch_size),
                 args.repeat)
    pipeline = build_pipeline()
    list(pipeline.pipe(sources[:2]))  # warm up: packs, lazy loads
    print(f"stages: {' → '.join(pipeline.names)}")
    whole = timed("sitrep: build_pipeline().pipe", words,
                  lambda: pipeline.pipe(sources, batch_size=args.batch_size), args.repeat)  # type: ignore[arg-type]
    print(f"ratio sitrep / bare spaCy: {whole / bare:.3f}  (target >= 0.7)")
    seconds = stage_seconds(pipeline, sources, args.batch_size)
    total = sum(seconds.values())
    print("per stage: " + ", ".join(f"{name} {s:.2f} s ({s / total:.0%})" for name, s in seconds.items()))
    if not args.no_multi:
        multi = build_pipeline(n_process=2)
        multi_rate = timed("sitrep: build_pipeline(n_process=2).pipe", words,
                           lambda: multi.pipe(sources, batch_size=args.batch_size),  # type: ignore[arg-type]
                           args.repeat)
        print(f"n_process=2 / n_process=1: {multi_rate / whole:.3f}")
    print(f"peak memory (max RSS, this process or a child): {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

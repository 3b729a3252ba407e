"""Ingest speed: words/s of sitrep's reading (boilerplate, notes, citations, sentences) and of the
citation audit, next to a bare baseline (decoding the bytes and splitting lines), in one run.

Run: .venv/bin/python bench/ingest.py [--copies N]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from sitrep.analysis.audit import audit
from sitrep.ingest.reading import read_document
from sitrep.model.document import Document

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "brief.txt"


def _rate(label: str, words: int, fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"{label:<36} {seconds:8.3f} s {words / seconds:12,.0f} words/s")
    return words / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=200, help="documents to process (default 200)")
    args = parser.parse_args()
    raw = [FIXTURE.read_bytes() + f"\nCopy {i}.\n".encode() for i in range(args.copies)]
    words = sum(len(r.split()) for r in raw)
    print(f"{args.copies} documents, {words:,} words")
    docs = [Document(text=r.decode("utf-8"), source=f"copy-{i}", media_type="text/plain")
            for i, r in enumerate(raw)]
    bare = _rate("bare: decode + split lines", words, lambda: [r.decode("utf-8").splitlines() for r in raw])
    tracemalloc.start()
    reading = _rate("read_document: notes, citations", words, lambda: [read_document(d) for d in docs])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    readings = [read_document(d) for d in docs]
    audit(readings[0])  # load the NER model once, outside the timing
    audited = _rate("audit: spaCy NER + name variants", words, lambda: [audit(r) for r in readings])
    print(f"ratio read_document / bare: {reading / bare:.4f}; audit / read_document: {audited / reading:.3f}")
    print(f"peak memory while reading: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

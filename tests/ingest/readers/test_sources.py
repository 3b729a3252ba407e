from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.readers import iter_sources, read_source


def touch(path: Path, text: str = "Some text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_directories_are_walked_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    touch(tmp_path / "b.txt")
    touch(tmp_path / "a.md")
    touch(tmp_path / "sub" / "c.pdf")
    touch(tmp_path / "sub" / "deeper" / "d.html")
    touch(tmp_path / ".hidden.txt")
    touch(tmp_path / ".git" / "config")
    touch(tmp_path / "sub" / ".cache" / "e.txt")
    found = list(iter_sources([str(tmp_path)]))
    assert found == [str(tmp_path / name) for name in ("a.md", "b.txt", "sub/c.pdf", "sub/deeper/d.html")]


def test_urls_standard_input_and_files_pass_through_in_order(tmp_path: Path) -> None:
    file = touch(tmp_path / "one.txt")
    specs = ["https://news.example.com/a", "-", str(file), "ftp://x.example/y"]
    assert list(iter_sources(specs)) == specs


def test_list_files_skip_comments_and_blanks_and_resolve_relative_paths(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    touch(tmp_path / "docs" / "one.txt")
    touch(tmp_path / "docs" / "folder" / "two.txt")
    absolute = touch(tmp_path / "elsewhere" / "three.txt")
    listing = touch(
        lists / "sources.txt",
        "# reports for the week\n\n"
        "../docs/one.txt\n"
        "   ../docs/folder   \n"
        f"{absolute}\n"
        "https://news.example.com/story\n"
        "  # indented comment\n",
    )
    found = list(iter_sources(["-"], list_files=[str(listing)]))
    assert found == [
        "-",
        str(lists / "../docs/one.txt"),
        str(lists / "../docs/folder/two.txt"),
        str(absolute),
        "https://news.example.com/story",
    ]


def test_missing_path_is_yielded_so_reading_it_names_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone")
    existing = touch(tmp_path / "here.txt")
    assert list(iter_sources([missing, str(existing)])) == [missing, str(existing)]
    with pytest.raises(InputError, match=f"^{re.escape(missing)}: no such file or directory"):
        read_source(missing)


def test_missing_list_file_is_yielded_so_reading_it_names_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-list.txt")
    assert list(iter_sources([], list_files=[missing])) == [missing]


def test_missing_entry_in_a_list_file_is_yielded(tmp_path: Path) -> None:
    listing = touch(tmp_path / "list.txt", "ghost.pdf\n")
    assert list(iter_sources([], list_files=[str(listing)])) == [str(tmp_path / "ghost.pdf")]


def test_empty_list_file_names_nothing(tmp_path: Path) -> None:
    listing = tmp_path / "empty.txt"
    listing.write_bytes(b"")
    assert list(iter_sources([], list_files=[str(listing)])) == []


def test_a_symlink_loop_does_not_walk_forever(tmp_path: Path) -> None:
    touch(tmp_path / "top" / "a.txt")
    (tmp_path / "top" / "loop").symlink_to(tmp_path / "top")
    assert list(iter_sources([str(tmp_path / "top")])) == [str(tmp_path / "top" / "a.txt")]

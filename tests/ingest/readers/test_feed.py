from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import EmptyInput, MalformedInput, UnsupportedInput
from sitrep.ingest.readers import read_source
from sitrep.ingest.readers.feed import html_to_text, read_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Dispatch</title>
  <link>https://dispatch.example.org/</link>
  <item>
    <title>Checkpoint reopened</title>
    <link>https://dispatch.example.org/checkpoint</link>
    <guid isPermaLink="false">vd-101</guid>
    <pubDate>Wed, 13 Jul 2011 22:30:00 -0300</pubDate>
    <dc:creator>Rui Antunes</dc:creator>
    <description>&lt;p&gt;The &lt;b&gt;northern&lt;/b&gt; checkpoint reopened.&lt;/p&gt;
      &lt;p&gt;Traders returned.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Headline only</title>
  </item>
  <item>
    <description></description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Log</title>
  <id>urn:uuid:harbour-log</id>
  <updated>2012-05-07T00:00:00Z</updated>
  <entry>
    <title>Tanker detained</title>
    <id>urn:uuid:entry-7</id>
    <link href="https://log.example.com/tanker"/>
    <updated>2012-05-06T09:00:00Z</updated>
    <author><name>Ines Varga</name></author>
    <author><name>Olu Benn</name></author>
    <summary>Short teaser.</summary>
    <content type="html">&lt;p&gt;Coast guards detained a tanker.&lt;/p&gt;
      &lt;script&gt;track()&lt;/script&gt;</content>
  </entry>
</feed>
"""


def test_each_rss_item_becomes_a_document() -> None:
    first, second = read_feed(RSS, source="valley.xml")
    assert first.text == "The northern checkpoint reopened.\n\nTraders returned."
    assert first.title == "Checkpoint reopened"
    assert first.source == "valley.xml#vd-101"
    assert first.url == "https://dispatch.example.org/checkpoint"
    assert first.published == date(2011, 7, 14)  # 22:30 at -03:00 is the 14th in UTC
    assert first.authors == ("Rui Antunes",)
    assert first.publisher == "Valley Dispatch"
    assert first.media_type == "application/rss+xml"
    # An item with no id is named by its position; one with only a headline keeps the headline.
    assert second.source == "valley.xml#2"
    assert second.text == "Headline only"


def test_atom_entry_prefers_full_content_and_lists_all_authors() -> None:
    [entry] = read_feed(ATOM, source="https://log.example.com/feed.atom")
    assert entry.text == "Coast guards detained a tanker."
    assert entry.authors == ("Ines Varga", "Olu Benn")
    assert entry.published == date(2012, 5, 6)
    assert entry.source == "https://log.example.com/feed.atom#urn:uuid:entry-7"
    assert entry.publisher == "Harbour Log"
    assert entry.media_type == "application/atom+xml"


def test_broken_feed_with_no_entries_is_malformed_input() -> None:
    with pytest.raises(MalformedInput, match=r"^cut\.rss: is not a well-formed RSS/Atom feed"):
        read_feed(b"<rss><channel><title>Cut sho", source="cut.rss")


def test_well_formed_feed_with_no_entries_is_empty_input() -> None:
    empty = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>"
    with pytest.raises(EmptyInput, match=r"^quiet\.rss: feed has no entries"):
        read_feed(empty, source="quiet.rss")


@pytest.mark.parametrize("name", ["feed.xml", "feed.rss", "feed.atom", "feed", "feed.txt"])
def test_feed_files_are_read_by_extension_or_by_content(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(ATOM)
    [entry] = read_source(str(path))
    assert entry.source == f"{path}#urn:uuid:entry-7"


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><inventory><item>rifles</item></inventory>", encoding="utf-8")
    with pytest.raises(UnsupportedInput, match="root <inventory>, not an RSS/Atom feed"):
        read_source(str(path))


def test_html_fragments_become_paragraphs_without_scripts() -> None:
    markup = (
        "<div>First &amp; foremost<br>next line</div><script>x()</script>"
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert html_to_text(markup) == "First & foremost\nnext line\n\none\n\ntwo"


def test_plain_summaries_are_unescaped_and_tidied() -> None:
    assert html_to_text("  Fish &amp; chips   stall  ") == "Fish & chips stall"

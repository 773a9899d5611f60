"""Parses a feed with feedparser (a real feed reader) and prints what a reader would see, as JSON."""
import json
import sys
from html.parser import HTMLParser

import feedparser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.tags = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def shown(detail):
    """What a reader shows for a text construct: HTML is rendered (its text), plain text as is."""
    if not detail:
        return None, []
    if detail.get("type") in ("text/html", "application/xhtml+xml"):
        parser = _Text()
        parser.feed(detail.get("value", ""))
        return "".join(parser.parts), parser.tags
    return detail.get("value"), []


content_type = sys.argv[1] if len(sys.argv) > 1 else "application/xml"
parsed = feedparser.parse(sys.stdin.buffer.read(), response_headers={"content-type": content_type})
print(json.dumps({
    "bozo": bool(parsed.bozo),
    "bozo_exception": str(parsed.get("bozo_exception", "")),
    "version": parsed.version,
    "title": parsed.feed.get("title"),
    "language": parsed.feed.get("language"),
    "entries": [
        {
            "title": entry.get("title"),
            "title_shown": shown(entry.get("title_detail"))[0],
            "title_tags": shown(entry.get("title_detail"))[1],
            "summary_shown": shown(entry.get("summary_detail"))[0],
            "summary_tags": shown(entry.get("summary_detail"))[1],
            "links": [l.get("href") for l in entry.get("links", [])],
            "link": entry.get("link"),
            "id": entry.get("id"),
            "published": entry.get("published"),
            "published_parsed": list(entry.published_parsed[:6]) if entry.get("published_parsed") else None,
            "updated_parsed": list(entry.updated_parsed[:6]) if entry.get("updated_parsed") else None,
            "summary": entry.get("summary"),
            "content": [c.get("value") for c in entry.get("content", [])],
            "author": entry.get("author"),
            "tags": [t.get("term") for t in entry.get("tags", [])],
        }
        for entry in parsed.entries
    ],
}, ensure_ascii=False))

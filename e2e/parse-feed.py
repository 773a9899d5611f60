"""Parses a feed with feedparser (a real feed reader) and prints what a reader would see, as JSON."""
import json
import sys

import feedparser

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

"""Every relative link of the README and docs/ points at a file and heading that exist."""

from __future__ import annotations

import re

HEADING = re.compile(r"^#+ (.*)$", re.MULTILINE)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_relative_links_resolve(root):
    pages = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    anchors = {
        page.resolve(): {anchor(h) for h in HEADING.findall(page.read_text("utf-8"))}
        for page in pages
    }
    broken = []
    for page in pages:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, fragment = target.partition("#")
            linked = (page.parent / path).resolve() if path else page.resolve()
            if not linked.exists() or (
                fragment and fragment not in anchors.get(linked, set())
            ):
                broken.append(f"{page.name}: {target}")
    assert broken == []

"""Finding the ``scriptConfig`` of a script (the Sharptree/Naviam deploy format).

Those tools find it with a regex and parse it with a strict JSON parser, so a
trailing comma breaks a deploy; here the same text is parsed just as strictly.
"""

from __future__ import annotations

import json
import re

from maxkit.errors import BundleError

CONFIG_PATTERN = re.compile(
    r'^(?!#)[^\n]*scriptConfig[^\n]*?"""(.*?)"""', re.MULTILINE | re.DOTALL
)


def find_configs(source: str) -> list[tuple[str, int]]:
    """Each scriptConfig text with the line its JSON starts on."""
    found = []
    for match in CONFIG_PATTERN.finditer(source):
        line = source.count("\n", 0, match.start(1)) + 1
        found.append((match.group(1), line))
    return found


def parse_config(source: str, path: str) -> tuple[dict, int]:
    """The one scriptConfig of ``source`` as a dict, and its first line."""
    found = find_configs(source)
    if not found:
        raise BundleError(f"{path}:1", 'no scriptConfig = """{...}""" found')
    if len(found) > 1:
        raise BundleError(f"{path}:{found[1][1]}", "scriptConfig is defined twice")
    text, line = found[0]
    try:
        config = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(
            f"{path}:{line + exc.lineno - 1}",
            f"scriptConfig is not strict JSON: {exc.msg}",
        ) from None
    if not isinstance(config, dict):
        raise BundleError(f"{path}:{line}", "scriptConfig must be a JSON object")
    return config, line

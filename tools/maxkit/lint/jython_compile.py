"""Compile each file named on the command line with Jython; print one JSON list.

This runs *inside* Jython 2.7 (one JVM for every script), so it keeps to the
Python 2.7 / 3 common subset. Each result is ``{"path", "line", "message"}``,
``message`` null when the file compiled.
"""

import io
import json
import sys


def compile_file(path):
    try:
        with io.open(path, encoding="utf-8") as handle:
            source = handle.read()
        compile(source, path, "exec")
    except SyntaxError as error:
        return {"path": path, "line": error.lineno or 1, "message": error.msg}
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return {"path": path, "line": 1, "message": repr(error)}
    return {"path": path, "line": 0, "message": None}


def main(paths):
    results = [compile_file(path) for path in paths]
    sys.stdout.write("\n" + json.dumps(results) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])

# -*- coding: ascii -*-
"""Run the JSON4J conformance cases (json4j_cases.json) against whichever
``com.ibm.json.java`` is importable: the compiled Java look-alikes in real
Jython 2.7, or the Python port of the fake runtime in CPython.

Both runtimes run this same file, so the two implementations are held to one
set of expectations. It only records what each case did (plain JSON values);
tests/jython/test_json4j_conformance.py compares them with the expectations.
As a script (Jython) it prints one line, ``JSON4J_CONFORMANCE <json>``.

Python 2.7 (Jython) compatible and ASCII-only; string literals are unicode.
"""

from __future__ import unicode_literals

import io
import json
import sys

from com.ibm.json.java import JSON, JSONArray, JSONObject, OrderedJSONObject
from java.io import StringReader
from java.lang import Throwable
from java.util import ArrayList, HashMap

MARKER = "JSON4J_CONFORMANCE "

try:
    _TEXT = (str, unicode)  # noqa: F821
    _INTEGER = (int, long)  # noqa: F821
except NameError:
    _TEXT = (str,)
    _INTEGER = (int,)


class _Plain(object):
    """An object JSON4J cannot hold."""


def java_class(error):
    """The Java class name of an exception, in either runtime."""
    get_class = getattr(error, "getClass", None)
    if get_class is not None:
        return get_class().getName()
    return "%s.%s" % (type(error).__module__, type(error).__name__)


def failure(error):
    message = error.getMessage() if hasattr(error, "getMessage") else None
    return {"error": java_class(error), "message": message}


def describe(value):
    """A JSON-able, type-tagged picture of a value as a script sees it."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, _TEXT):
        return value
    if isinstance(value, _INTEGER):
        return {"long": "%d" % value}
    if isinstance(value, float):
        return {"double": repr(value)}
    if isinstance(value, OrderedJSONObject):
        return {"ordered": [[k, describe(value.get(k))] for k in value]}
    if isinstance(value, JSONObject):
        return {"object": [[k, describe(value.get(k))] for k in sorted(value)]}
    if isinstance(value, JSONArray):
        return {"array": [describe(item) for item in value]}
    raise ValueError("no picture of a %s" % type(value).__name__)


_FOREIGN = {
    "dict": lambda: {"a": 1},
    "list": lambda: [1, 2],
    "tuple": lambda: (1, 2),
    "set": lambda: set([1]),
    "object": _Plain,
    "HashMap": HashMap,
    "ArrayList": ArrayList,
}


def make(spec):
    """A value from its spec: JSON literals as they are; tagged ones built."""
    if isinstance(spec, list):
        return [make(item) for item in spec]
    if not isinstance(spec, dict):
        return spec
    ((tag, body),) = spec.items()
    if tag == "long":
        return int(body)
    if tag == "double":
        return float(body)
    if tag == "foreign":
        return _FOREIGN[body]()
    if tag == "array":
        array = JSONArray()
        for item in body:
            array.add(make(item))
        return array
    if tag in ("object", "ordered"):
        target = OrderedJSONObject() if tag == "ordered" else JSONObject()
        for key, item in body:
            target.put(key, make(item))
        return target
    if tag == "dict":
        return dict((key, make(item)) for key, item in body)
    raise ValueError("unknown value spec %r" % tag)


_PARSERS = {
    "JSON": lambda source: JSON.parse(source),
    "JSON.ordered": lambda source: JSON.parse(source, True),
    "JSONObject": lambda source: JSONObject.parse(source),
    "OrderedJSONObject": lambda source: OrderedJSONObject.parse(source),
    "JSONArray": lambda source: JSONArray.parse(source),
}
_NEW = {
    "JSONObject": JSONObject,
    "OrderedJSONObject": OrderedJSONObject,
    "JSONArray": JSONArray,
}


def start(spec):
    if "new" in spec:
        return _NEW[spec["new"]]()
    source = spec["parse"]
    if spec.get("source") == "reader":
        source = StringReader(source)
    return _PARSERS[spec.get("via", "JSON")](source)


def _keys(subject):
    return [describe(item) for item in subject]


_STEPS = {
    "self": lambda s: describe(s),
    "put": lambda s, k, v: describe(s.put(k, make(v))),
    "setitem": lambda s, k, v: describe(s.__setitem__(k, make(v))),
    "get": lambda s, k: describe(s.get(k)),
    "getitem": lambda s, k: describe(s[k]),
    "containsKey": lambda s, k: s.containsKey(k),
    "in": lambda s, k: make(k) in s,
    "remove": lambda s, k: describe(s.remove(k)),
    "putAll": lambda s, v: describe(s.putAll(make(v))),
    "size": lambda s: s.size(),
    "len": lambda s: len(s),
    "isEmpty": lambda s: s.isEmpty(),
    "keys": lambda s: _keys(s),
    "keySet": lambda s: list(s.keySet()),
    "add": lambda s, v: s.add(make(v)),
    "insert": lambda s, i, v: describe(s.add(i, make(v))),
    "set": lambda s, i, v: describe(s.set(i, make(v))),
    "addAll": lambda s, v: s.addAll(make(v)),
    "at": lambda s, i: describe(s.get(i)),
    "serialize": lambda s: s.serialize(),
    "serialize_verbose": lambda s: s.serialize(True),
    "toString": lambda s: s.toString(),
    "isinstance": lambda s: sorted(n for n, cls in _NEW.items() if isinstance(s, cls)),
}


def attempt(fn, *args):
    try:
        return {"ok": fn(*args)}
    except (Exception, Throwable) as error:  # Java exceptions, in Jython too
        return failure(error)


def run_case(case):
    """What the case did: the outcome of its start, then of each step."""
    started = attempt(start, case["start"])
    outcomes = [{"ok": None} if "ok" in started else started]
    if "ok" not in started:
        return outcomes
    subject = started["ok"]
    for step in case.get("steps", []):
        outcomes.append(attempt(_STEPS[step[0]], subject, *step[1:]))
    return outcomes


def load_cases(path):
    with io.open(path, encoding="utf-8") as handle:
        return json.load(handle)["cases"]


def run_all(cases):
    return dict((case["name"], run_case(case)) for case in cases)


if __name__ == "__main__":
    results = run_all(load_cases(sys.argv[1]))
    sys.stdout.write(MARKER + json.dumps(results, sort_keys=True) + "\n")
    sys.stdout.flush()

# -*- coding: ascii -*-
"""Jython 2.7 checks of the JSON4J look-alike classes (com.ibm.json.java).

Run by tests/jython/test_json4j.py in ONE Jython JVM, with the compiled classes
on the classpath. Every check stores plain values (no assertions here); the
pytest side asserts on them. The last stdout line is

    JSON4J_RESULTS <one JSON object, ASCII only>

This file must stay Python 2.7 (Jython) compatible and ASCII-only. All string
literals are unicode (unicode_literals), so it survives black, which drops u"".
"""

from __future__ import unicode_literals

import json
import sys
import traceback

from java.io import ByteArrayInputStream
from java.io import ByteArrayOutputStream
from java.io import IOException
from java.io import StringReader
from java.lang import IllegalArgumentException
from java.lang import Throwable as Throwable_
from java.util import ArrayList
from java.util import HashMap

from com.ibm.json.java import JSON
from com.ibm.json.java import JSONArray
from com.ibm.json.java import JSONArtifact
from com.ibm.json.java import JSONObject
from com.ibm.json.java import OrderedJSONObject

MARKER = "JSON4J_RESULTS "

# e acute, n tilde, CJK "king", U+1F600 (outside the BMP: a surrogate pair in Java)
NON_ASCII = "caf\u00e9 ma\u00f1ana \u738b \U0001f600"
ESCAPES = 'q" b\\ s/ n\n t\t r\r bs\b ff\f x01\x01 del\x7f'

results = {}


def check(name):
    """Decorator: run the check now, store its return value (or the error)."""

    def run(fn):
        try:
            results[name] = fn()
        except Exception:
            results[name] = {"unexpected_error": traceback.format_exc()}
        except Throwable_:  # Java exceptions are not Python Exceptions in Jython
            results[name] = {"unexpected_error": traceback.format_exc()}
        return fn

    return run


def outcome(fn):
    """'ok' or the Java class name of what fn raised."""
    try:
        fn()
        return "ok"
    except IllegalArgumentException as e:
        return e.getClass().getName()
    except IOException as e:
        return e.getClass().getName()
    except Throwable_ as e:
        return e.getClass().getName()


def codepoints(s):
    return ["%x" % ord(c) for c in s]


class Plain(object):
    pass


@check("put_rejected")
def _():
    bad = [
        ("dict", lambda: {"a": 1}),
        ("list", lambda: [1, 2]),
        ("tuple", lambda: (1, 2)),
        ("set", lambda: set([1])),
        ("object", lambda: Plain()),
        ("java_hashmap", lambda: HashMap()),
        ("java_arraylist", lambda: ArrayList()),
    ]
    out = {}
    for label, make in bad:
        o = JSONObject()
        a = JSONArray()
        a.add("x")
        out[label] = {
            "JSONObject.put": outcome(lambda: o.put("k", make())),
            "JSONObject[k]=": outcome(lambda: o.__setitem__("k", make())),
            "JSONArray.add": outcome(lambda: a.add(make())),
            "JSONArray.add(i)": outcome(lambda: a.add(0, make())),
            "JSONArray.set": outcome(lambda: a.set(0, make())),
            "left_empty": o.size() == 0 and a.size() == 1,
        }
    o = JSONObject()
    out["non_string_key"] = outcome(lambda: o.put(1, "v"))
    out["putAll_with_bad_value"] = outcome(lambda: o.putAll({"a": 1, "b": {}}))
    out["putAll_left_empty"] = o.size() == 0
    a = JSONArray()
    out["addAll_with_bad_value"] = outcome(lambda: a.addAll([1, {}]))
    out["addAll_left_empty"] = a.size() == 0
    return out


@check("put_accepted")
def _():
    good = [
        ("str", str("abc")),  # a Python 2 byte string
        ("unicode", "\u00e9"),
        ("int", 5),
        ("long", 2**40),
        ("big_long", 10**30),
        ("float", 1.5),
        ("bool_true", True),
        ("bool_false", False),
        ("none", None),
        ("JSONObject", JSONObject()),
        ("JSONArray", JSONArray()),
        ("OrderedJSONObject", OrderedJSONObject()),
    ]
    out = {}
    for label, value in good:
        o = JSONObject()
        a = JSONArray()
        res = {
            "put": outcome(lambda: o.put("k", value)),
            "add": outcome(lambda: a.add(value)),
        }
        res["object_text"] = o.serialize()
        res["array_text"] = a.serialize()
        res["get_type"] = type(o.get("k")).__name__
        res["input_type"] = type(value).__name__
        out[label] = res
    return out


@check("non_ascii")
def _():
    o = JSONObject()
    o.put("cl\u00e9", NON_ASCII)
    text = o.serialize()
    data = text.encode("utf-8")
    via_string = JSONObject.parse(text).get("cl\u00e9")
    via_reader = JSONObject.parse(StringReader(text)).get("cl\u00e9")
    via_stream = JSONObject.parse(ByteArrayInputStream(data)).get("cl\u00e9")
    via_json = JSON.parse(text).get("cl\u00e9")
    buf = ByteArrayOutputStream()
    o.serialize(buf)
    stream_bytes = buf.toByteArray().tostring()
    # Raw (unescaped) UTF-8 input, as sent by other systems.
    raw = ('{"k": "%s"}' % NON_ASCII).encode("utf-8")
    raw_parsed = JSONObject.parse(ByteArrayInputStream(raw)).get("k")
    return {
        "text": text,
        "text_is_ascii": all(ord(c) < 128 for c in text),
        "expected": codepoints(NON_ASCII),
        "python_len": len(NON_ASCII),
        "via_string": codepoints(via_string),
        "via_reader": codepoints(via_reader),
        "via_stream": codepoints(via_stream),
        "via_json_parse": codepoints(via_json),
        "via_raw_utf8_stream": codepoints(raw_parsed),
        "equal": via_string == NON_ASCII
        and via_reader == NON_ASCII
        and via_stream == NON_ASCII
        and via_json == NON_ASCII
        and raw_parsed == NON_ASCII,
        "keys": [codepoints(k) for k in JSONObject.parse(text).keySet()],
        "output_stream_utf8": stream_bytes.decode("utf-8"),
        "reserialized": JSONObject.parse(text).serialize(),
    }


@check("escapes")
def _():
    a = JSONArray()
    a.add(ESCAPES)
    text = a.serialize()
    back = JSONArray.parse(text).get(0)
    nul = JSONArray()
    nul.add("a\x00b")
    return {
        "input": codepoints(ESCAPES),
        "text": text,
        "round_trip": codepoints(back),
        "equal": back == ESCAPES,
        "nul_text": nul.serialize(),
        "nul_round_trip": JSONArray.parse(nul.serialize()).get(0) == "a\x00b",
        "single_quote_escape": JSONArray.parse('["it\\\'s"]').get(0),
        "raw_tab_in_string": JSONArray.parse('["a\tb"]').get(0),
    }


@check("ordered")
def _():
    keys = ["zeta", "alpha", "mid", "beta", "10", "2", "Alpha", "omega"]
    o = OrderedJSONObject()
    for i, k in enumerate(keys):
        o.put(k, i)
    o.put("mid", 99)  # re-put keeps its place
    o.remove("alpha")
    o.put("alpha", 1)  # re-added: goes last
    o["last"] = True
    text = o.serialize()
    reparsed = OrderedJSONObject.parse(text)
    via_json = JSON.parse(text, True)
    nested = JSON.parse('{"b": {"y": 1, "x": 2}, "a": [ {"q": 1, "p": 2} ]}', True)
    copy = o.clone()
    copy.put("extra", 1)
    it = o.keySet().iterator()
    it.next()
    it.remove()  # removes "zeta" through the key view
    getorder = []
    g = o.getOrder()
    while g.hasNext():
        getorder.append(g.next())
    return {
        "serialized": text,
        "iteration": list(reparsed),
        "keySet": list(reparsed.keySet()),
        "entry_keys": [e.getKey() for e in reparsed.entrySet()],
        "values": list(reparsed.values()),
        "reparsed_text": reparsed.serialize(),
        "json_parse_class": via_json.getClass().getName(),
        "json_parse_text": via_json.serialize(),
        "nested_text": nested.serialize(),
        "nested_classes": [
            nested.get("b").getClass().getName(),
            nested.get("a").get(0).getClass().getName(),
        ],
        "clone_independent": list(copy)[-1] == "extra" and "extra" not in list(o),
        "after_iterator_remove": getorder,
        "size_after_remove": o.size(),
        "is_JSONObject": isinstance(o, JSONObject),
        "verbose": JSON.parse('{"a":1,"b":[1,2],"c":{}}', True).serialize(True),
    }


@check("plain_object_verbose_sorted")
def _():
    o = JSONObject()
    for k in ["b", "c", "a"]:
        o.put(k, 1)
    return o.serialize(True)


@check("parse_kinds")
def _():
    out = {}
    for label, text in [
        ("object", '{"a": 1}'),
        ("array", "[1, 2]"),
        ("object_ws", ' \n\t {"a": [ {} ] } \r\n'),
        ("array_ws", "  [ ]  "),
    ]:
        art = JSON.parse(text)
        out[label] = {
            "class": art.getClass().getName(),
            "is_artifact": isinstance(art, JSONArtifact),
            "text": art.serialize(),
        }
    out["JSONObject.parse(array)"] = outcome(lambda: JSONObject.parse("[1]"))
    out["JSONArray.parse(object)"] = outcome(lambda: JSONArray.parse("{}"))
    out["nested_classes"] = [
        JSON.parse('{"a": [ {} ] }').get("a").getClass().getName(),
        JSON.parse('{"a": [ {} ] }').get("a").get(0).getClass().getName(),
    ]
    return out


@check("values")
def _():
    a = JSON.parse(
        "[0, 1, -2, 12345678901, 9223372036854775807, 1.5, 1e3, -0.25E-2, "
        'true, false, null, "s", {}, []]'
    )
    out = {
        "types": [type(v).__name__ for v in a],
        "reprs": [repr(v) for v in a[:8]],
        "size": a.size(),
    }
    nan = JSONArray()
    nan.add(float("nan"))
    nan.add(float("inf"))
    nan.add(-0.5)
    out["nan_inf"] = nan.serialize()
    return out


@check("malformed")
def _():
    bad = [
        "",
        "   ",
        "{",
        "[",
        '{"a":}',
        "[1,]",
        '{"a":1,}',
        '{"a" 1}',
        "{'a': 1}",
        "{a: 1}",
        "[1 2]",
        '{"a":1} x',
        "[nul]",
        "[tru]",
        "[truex]",
        '"just a string"',
        "123",
        "[01]",
        "[1.]",
        "[.5]",
        "[-]",
        "[1e]",
        '["\\x41"]',
        '["\\u12"]',
        '["unterminated]',
        "[99999999999999999999]",
        "[1] // comment",
    ]
    out = {}
    for text in bad:
        res = {}
        res["JSON.parse"] = outcome(lambda: JSON.parse(text))
        res["JSONObject.parse"] = outcome(lambda: JSONObject.parse(text))
        res["JSONArray.parse"] = outcome(lambda: JSONArray.parse(text))
        res["stream"] = outcome(
            lambda: JSON.parse(ByteArrayInputStream(text.encode("utf-8")))
        )
        out[text] = res
    try:
        JSON.parse('{\n  "a": [1,\n   2,, 3]}')
        message = None
    except IOException as e:
        message = e.getMessage()
    out["__message__"] = message
    return out


@check("python_view")
def _():
    o = JSONObject()
    o.put("k", 1)
    a = JSONArray()
    a.add(1)
    return {
        "JSONObject_isinstance_dict": isinstance(JSONObject(), dict),
        "OrderedJSONObject_isinstance_dict": isinstance(OrderedJSONObject(), dict),
        "JSONArray_isinstance_list": isinstance(JSONArray(), list),
        # Jython renders java.util.Map like a dict in str()/repr(), Lists via toString().
        "str_object": str(o),
        "str_array": str(a),
        "toString_object": o.toString(),
        "serialize_object": o.serialize(),
        "toString_array": a.toString(),
        "contains": "k" in o,
        "len": len(o),
        "getitem": o["k"],
        "array_len": len(a),
    }


sys.stdout.write(MARKER + json.dumps(results, sort_keys=True) + "\n")
sys.stdout.flush()

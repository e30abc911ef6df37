"""Tests of the JSON4J look-alike (com.ibm.json.java) in real Jython 2.7.

All Jython-side checks run in ONE JVM (tests/jython/json4j_checks.py); the tests
below assert on the JSON line it prints. The javabuild/launcher tests at the end
run in CPython only.

Jython tests are skipped (with the reason) only when java, javac or jython.jar
is missing; set MAXKIT_REQUIRE_JYTHON=1 to make that a failure instead.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from maxkit.jython import javabuild, launcher

HERE = Path(__file__).resolve().parent
CHECKS_SCRIPT = HERE / "json4j_checks.py"
MARKER = "JSON4J_RESULTS "

# Must match json4j_checks.py.
NON_ASCII = "caf\u00e9 ma\u00f1ana \u738b \U0001f600"
ESCAPES = 'q" b\\ s/ n\n t\t r\r bs\b ff\f x01\x01 del\x7f'


def _javac_missing() -> str | None:
    try:
        javabuild.find_javac()
    except javabuild.JavacNotFoundError as exc:
        return str(exc)
    return None


#: For tests that run in Jython; tests/conftest.py skips them without java,
#: javac or jython.jar (unless MAXKIT_REQUIRE_JYTHON=1).
needs_jython = pytest.mark.jython

_JAVAC_MISSING = _javac_missing()
_skip_without_javac = pytest.mark.skipif(
    _JAVAC_MISSING is not None and os.environ.get("MAXKIT_REQUIRE_JYTHON") != "1",
    reason=f"needs javac: {_JAVAC_MISSING}",
)


def needs_javac(test):
    """Runs javac (a JVM): skipped without it, left out by ``invoke test --quick``."""
    return pytest.mark.jvm(_skip_without_javac(test))


# ----------------------------------------------------------------------
# The single Jython run
# ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def jython_run():
    """Compile the classes, run all checks in one JVM; return (results, seconds)."""
    classes = javabuild.compile_java()
    started = time.perf_counter()
    proc = launcher.run_jython(CHECKS_SCRIPT, extra_classpath=[classes], timeout=300)
    seconds = time.perf_counter() - started
    lines = [line for line in proc.stdout.splitlines() if line.startswith(MARKER)]
    assert proc.returncode == 0 and lines, (
        f"Jython check script failed (exit {proc.returncode})\n"
        f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    )
    return json.loads(lines[-1][len(MARKER) :]), seconds


@pytest.fixture(scope="module")
def results(jython_run):
    return jython_run[0]


@needs_jython
def test_all_checks_ran_in_one_jvm(jython_run, record_property):
    results, seconds = jython_run
    record_property("jython_wall_seconds", round(seconds, 3))
    print(f"\nJython start + JSON4J checks: {seconds:.2f}s wall")
    expected = {
        "put_rejected",
        "put_accepted",
        "non_ascii",
        "escapes",
        "ordered",
        "plain_object_verbose_sorted",
        "parse_kinds",
        "values",
        "malformed",
        "python_view",
    }
    assert set(results) == expected
    errors = {
        name: value["unexpected_error"]
        for name, value in results.items()
        if isinstance(value, dict) and "unexpected_error" in value
    }
    assert not errors, "\n\n".join(f"{k}:\n{v}" for k, v in errors.items())


# ----------------------------------------------------------------------
# put / add type checks
# ----------------------------------------------------------------------


@needs_jython
@pytest.mark.parametrize(
    "label",
    ["dict", "list", "tuple", "set", "object", "java_hashmap", "java_arraylist"],
)
def test_non_json_values_are_rejected(results, label):
    res = results["put_rejected"][label]
    iae = "java.lang.IllegalArgumentException"
    assert res == {
        "JSONObject.put": iae,
        "JSONObject[k]=": iae,
        "JSONArray.add": iae,
        "JSONArray.add(i)": iae,
        "JSONArray.set": iae,
        "left_empty": True,
    }


@needs_jython
def test_bad_keys_and_bulk_adds_are_rejected_atomically(results):
    res = results["put_rejected"]
    assert res["non_string_key"] == "java.lang.IllegalArgumentException"
    assert res["putAll_with_bad_value"] == "java.lang.IllegalArgumentException"
    assert res["putAll_left_empty"] is True
    assert res["addAll_with_bad_value"] == "java.lang.IllegalArgumentException"
    assert res["addAll_left_empty"] is True


@needs_jython
@pytest.mark.parametrize(
    "label, input_type, json_text, jython_type",
    [
        ("str", "str", '"abc"', "unicode"),
        ("unicode", "unicode", '"\\u00e9"', "unicode"),
        ("int", "int", "5", "int"),  # Python int -> java.lang.Integer
        ("long", "long", "1099511627776", "long"),
        ("big_long", "long", "1" + "0" * 30, "long"),  # -> java.math.BigInteger
        ("float", "float", "1.5", "float"),
        ("bool_true", "bool", "true", "bool"),  # -> java.lang.Boolean, not 1
        ("bool_false", "bool", "false", "bool"),
        ("none", "NoneType", "null", "NoneType"),
        ("JSONObject", "JSONObject", "{}", "JSONObject"),
        ("JSONArray", "JSONArray", "[]", "JSONArray"),
        ("OrderedJSONObject", "OrderedJSONObject", "{}", "OrderedJSONObject"),
    ],
)
def test_json_values_are_accepted(results, label, input_type, json_text, jython_type):
    res = results["put_accepted"][label]
    assert res["input_type"] == input_type
    assert res["put"] == "ok"
    assert res["add"] == "ok"
    assert res["object_text"] == '{"k":' + json_text + "}"
    assert res["array_text"] == "[" + json_text + "]"
    assert res["get_type"] == jython_type


# ----------------------------------------------------------------------
# Strings: non-ASCII and escapes
# ----------------------------------------------------------------------


def _codepoints(s: str) -> list[str]:
    return ["%x" % ord(c) for c in s]


@needs_jython
def test_non_ascii_round_trip(results):
    res = results["non_ascii"]
    expected = _codepoints(NON_ASCII)
    assert res["expected"] == expected  # the Jython literal is what we think
    assert res["python_len"] == len(NON_ASCII)
    for path in (
        "via_string",
        "via_reader",
        "via_stream",
        "via_json_parse",
        "via_raw_utf8_stream",
    ):
        assert res[path] == expected, path
    assert res["equal"] is True
    assert res["keys"] == [_codepoints("cl\u00e9")]


@needs_jython
def test_non_ascii_is_written_as_lowercase_u_escapes(results):
    res = results["non_ascii"]
    text = res["text"]
    assert text == ('{"cl\\u00e9":"caf\\u00e9 ma\\u00f1ana \\u738b \\ud83d\\ude00"}')
    assert res["text_is_ascii"] is True
    assert res["output_stream_utf8"] == text
    assert res["reserialized"] == text
    # Any standard JSON reader gets the original text back.
    assert json.loads(text) == {"cl\u00e9": NON_ASCII}


@needs_jython
def test_escapes(results):
    res = results["escapes"]
    assert res["input"] == _codepoints(ESCAPES)
    assert res["text"] == (
        '["q\\" b\\\\ s\\/ n\\n t\\t r\\r bs\\b ff\\f x01\\u0001 del\\u007f"]'
    )
    assert json.loads(res["text"]) == [ESCAPES]
    assert res["round_trip"] == _codepoints(ESCAPES)
    assert res["equal"] is True
    assert res["nul_text"] == '["a\\u0000b"]'
    assert res["nul_round_trip"] is True
    assert res["single_quote_escape"] == "it's"
    assert res["raw_tab_in_string"] == "a\tb"


# ----------------------------------------------------------------------
# Order, parse kinds, numbers, errors
# ----------------------------------------------------------------------

ORDER = ["zeta", "mid", "beta", "10", "2", "Alpha", "omega", "alpha", "last"]


@needs_jython
def test_ordered_json_object_keeps_insertion_order(results):
    res = results["ordered"]
    assert res["serialized"] == (
        '{"zeta":0,"mid":99,"beta":3,"10":4,"2":5,"Alpha":6,'
        '"omega":7,"alpha":1,"last":true}'
    )
    assert res["iteration"] == ORDER
    assert res["keySet"] == ORDER
    assert res["entry_keys"] == ORDER
    assert res["values"] == [0, 99, 3, 4, 5, 6, 7, 1, True]
    assert res["reparsed_text"] == res["serialized"]
    assert res["json_parse_class"] == "com.ibm.json.java.OrderedJSONObject"
    assert res["json_parse_text"] == res["serialized"]
    assert res["nested_text"] == '{"b":{"y":1,"x":2},"a":[{"q":1,"p":2}]}'
    assert res["nested_classes"] == ["com.ibm.json.java.OrderedJSONObject"] * 2
    assert res["is_JSONObject"] is True


@needs_jython
def test_ordered_json_object_views_clone_and_removal(results):
    res = results["ordered"]
    assert res["clone_independent"] is True
    assert res["after_iterator_remove"] == ORDER[1:]
    assert res["size_after_remove"] == len(ORDER) - 1


@needs_jython
def test_verbose_serialization(results):
    assert results["ordered"]["verbose"] == (
        '{\n\t"a": 1,\n\t"b": [\n\t\t1,\n\t\t2\n\t],\n\t"c": {}\n}'
    )
    # Plain JSONObject has no order; verbose output sorts its keys.
    assert results["plain_object_verbose_sorted"] == (
        '{\n\t"a": 1,\n\t"b": 1,\n\t"c": 1\n}'
    )


@needs_jython
def test_json_parse_returns_object_or_array(results):
    res = results["parse_kinds"]
    assert res["object"] == {
        "class": "com.ibm.json.java.JSONObject",
        "is_artifact": True,
        "text": '{"a":1}',
    }
    assert res["array"] == {
        "class": "com.ibm.json.java.JSONArray",
        "is_artifact": True,
        "text": "[1,2]",
    }
    assert res["object_ws"]["class"] == "com.ibm.json.java.JSONObject"
    assert res["object_ws"]["text"] == '{"a":[{}]}'
    assert res["array_ws"]["class"] == "com.ibm.json.java.JSONArray"
    assert res["nested_classes"] == [
        "com.ibm.json.java.JSONArray",
        "com.ibm.json.java.JSONObject",
    ]
    assert res["JSONObject.parse(array)"] == "java.io.IOException"
    assert res["JSONArray.parse(object)"] == "java.io.IOException"


@needs_jython
def test_parsed_value_types(results):
    res = results["values"]
    assert res["size"] == 14
    # Long -> Jython long, Double -> float, Boolean -> bool.
    assert res["types"] == ["long"] * 5 + ["float"] * 3 + [
        "bool",
        "bool",
        "NoneType",
        "unicode",
        "JSONObject",
        "JSONArray",
    ]
    assert res["reprs"] == [
        "0L",
        "1L",
        "-2L",
        "12345678901L",
        "9223372036854775807L",
        "1.5",
        "1000.0",
        "-0.0025",
    ]
    assert res["nan_inf"] == "[null,null,-0.5]"


@needs_jython
def test_malformed_input_raises_ioexception(results):
    res = dict(results["malformed"])
    message = res.pop("__message__")
    assert len(res) == 27
    wrong = {
        text: outcome
        for text, outcome in res.items()
        if set(outcome.values()) != {"java.io.IOException"}
    }
    assert not wrong, wrong
    assert (
        message
        == "JSON parse error at line 3, column 6: expected a value but found ','"
    )


@needs_jython
def test_python_view_of_java_collections(results):
    res = results["python_view"]
    assert res["JSONObject_isinstance_dict"] is False
    assert res["OrderedJSONObject_isinstance_dict"] is False
    assert res["JSONArray_isinstance_list"] is False
    assert res["contains"] is True
    assert res["len"] == 1
    assert res["getitem"] == 1
    assert res["array_len"] == 1
    # toString() is serialize() ...
    assert res["toString_object"] == res["serialize_object"] == '{"k":1}'
    assert res["toString_array"] == "[1]"
    # ... but Jython's str() renders any java.util.Map like a dict (Lists use toString).
    assert res["str_object"] == "{u'k': 1}"
    assert res["str_array"] == "[1]"


# ----------------------------------------------------------------------
# CPython side: javabuild and launcher
# ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory):
    """One compile of the real sources into an empty cache, javac calls counted:
    (cache root, classes folder, calls). Shared, since each javac run costs a JVM."""
    cache = tmp_path_factory.mktemp("java-cache")
    calls = []
    real_run_javac = javabuild._run_javac

    def counting_run_javac(*args, **kwargs):
        calls.append(args)
        return real_run_javac(*args, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(javabuild, "_run_javac", counting_run_javac)
    try:
        classes = javabuild.compile_java(cache)
        yield cache, classes, calls
    finally:
        patch.undo()


@needs_javac
def test_compile_java_reuses_cache(fresh_build):
    cache, first, calls = fresh_build
    assert len(calls) == 1
    assert first.parent == cache and first.name.startswith("java-")
    assert (first / "com/ibm/json/java/JSONObject.class").is_file()
    assert (first / "com/ibm/json/java/OrderedJSONObject.class").is_file()
    stamp = (first / ".complete").stat().st_mtime_ns

    second = javabuild.compile_java(cache)
    assert second == first
    assert len(calls) == 1, "second call must not run javac"
    assert (first / ".complete").stat().st_mtime_ns == stamp
    # Only the finished folder is left, no temporary build folders.
    assert [p.name for p in cache.iterdir()] == [first.name]


@needs_javac
def test_compile_java_targets_java_8(fresh_build):
    classes = fresh_build[1]
    header = (classes / "com/ibm/json/java/JSON.class").read_bytes()[:8]
    assert header[:4] == b"\xca\xfe\xba\xbe"
    assert int.from_bytes(header[6:8], "big") == 52  # class file version of Java 8


@needs_javac
def test_compile_java_rebuilds_when_sources_change(tmp_path):
    # A one-class tree: what is tested is the cache key, not the real sources.
    src = tmp_path / "src"
    (src / "p").mkdir(parents=True)
    source = src / "p" / "One.java"
    source.write_text("package p; public class One { }\n")
    first = javabuild.compile_java(tmp_path / "cache", source_dir=src)
    source.write_text(source.read_text() + "\n// changed\n")
    second = javabuild.compile_java(tmp_path / "cache", source_dir=src)
    assert second != first
    assert (second / ".complete").is_file() and (first / ".complete").is_file()
    assert (second / "p/One.class").is_file()


@needs_javac
def test_compile_java_reports_javac_errors(tmp_path):
    src = tmp_path / "src"
    (src / "p").mkdir(parents=True)
    (src / "p" / "Broken.java").write_text("package p; class Broken { int x = ; }\n")
    with pytest.raises(javabuild.JavaBuildError, match="javac failed"):
        javabuild.compile_java(tmp_path / "cache", source_dir=src)
    assert not any((tmp_path / "cache").iterdir())


def test_compile_java_without_javac_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(javabuild.shutil, "which", lambda name: None)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(javabuild.JavacNotFoundError, match="javac"):
        javabuild.compile_java(tmp_path / "cache")


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("MAXKIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert javabuild.default_cache_dir() == tmp_path / "maxkit"
    monkeypatch.setenv("MAXKIT_CACHE_DIR", str(tmp_path / "x"))
    assert javabuild.default_cache_dir() == tmp_path / "x"


def test_find_jython_env_and_missing(monkeypatch, tmp_path):
    jar = tmp_path / "jython-standalone.jar"
    jar.write_bytes(b"")
    monkeypatch.setenv("MAXKIT_JYTHON_JAR", str(jar))
    assert launcher.find_jython() == jar

    monkeypatch.setenv("MAXKIT_JYTHON_JAR", str(tmp_path / "nope.jar"))
    with pytest.raises(launcher.JythonNotFoundError, match="MAXKIT_JYTHON_JAR"):
        launcher.find_jython()

    monkeypatch.delenv("MAXKIT_JYTHON_JAR")
    monkeypatch.setattr(launcher, "DEFAULT_JYTHON_JAR", tmp_path / "absent.jar")
    with pytest.raises(launcher.JythonNotFoundError, match="apt-get install jython"):
        launcher.find_jython()


def test_jython_command_shape(tmp_path):
    cmd = launcher.jython_command(
        "checks.py",
        ["a", "b"],
        [tmp_path / "classes", "/x/y.jar"],
        jython_jar="/j/jython.jar",
        java="/usr/bin/java",
    )
    assert cmd[0] == "/usr/bin/java"
    assert "-XX:TieredStopAtLevel=1" in cmd and "-Xshare:auto" in cmd
    assert "-Dpython.cachedir.skip=true" in cmd
    assert "-jar" not in cmd
    cp = cmd[cmd.index("-cp") + 1]
    assert cp == os.pathsep.join(
        ["/j/jython.jar", str(tmp_path / "classes"), "/x/y.jar"]
    )
    main = cmd.index("org.python.util.jython")
    assert main > cmd.index("-cp")
    assert cmd[main + 1 :] == ["-B", "checks.py", "a", "b"]


def test_jython_command_maps_a_class_archive_when_given():
    cmd = launcher.jython_command(
        "s.py", jython_jar="/j/jython.jar", java="/usr/bin/java", archive="/c/j.jsa"
    )
    assert "-XX:SharedArchiveFile=/c/j.jsa" in cmd
    assert cmd.index("-XX:SharedArchiveFile=/c/j.jsa") < cmd.index("-cp")
    plain = launcher.jython_command("s.py", jython_jar="/j/jython.jar", java="java")
    assert not [arg for arg in plain if arg.startswith("-XX:SharedArchiveFile")]


@needs_jython
def test_the_class_archive_is_made_once_and_jython_runs_with_it(tmp_path, monkeypatch):
    monkeypatch.setenv("MAXKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(launcher.CDS_ENV, raising=False)
    jar, java = launcher.find_jython(), launcher.find_java()
    archive = launcher.class_archive(jar, java)
    assert archive is not None and archive.is_file()
    assert launcher.class_archive(jar, java) == archive
    script = tmp_path / "hello.py"
    script.write_text("print('hello from jython')\n")
    done = launcher.run_jython(script, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "hello from jython\n",
        "",
    )
    monkeypatch.setenv(launcher.CDS_ENV, "0")
    assert launcher.class_archive(jar, java) is None

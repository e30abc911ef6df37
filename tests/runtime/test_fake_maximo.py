"""The fake Maximo is strict: what Maximo would refuse, it refuses loudly."""

import contextlib

import pytest

from maxkit.runtime import FakeMaximoError, Mbo, MboConstants, Runner, World
from maxkit.worldspec import world_spec


@pytest.fixture
def world(bundle):
    from maxfake import world as current

    w = World(world_spec(bundle, http=None))
    previous = current.activate(w)
    yield w
    current.restore(previous)


@pytest.fixture
def person(world):
    return Mbo(world, "PERSON", {"PERSONID": "JDOE", "FIRSTNAME": "John"})


def test_unknown_attribute_fails_like_maximo(person):
    from psdi.util import MXSystemException

    with pytest.raises(MXSystemException) as caught:
        person.getString("FIRSTNAM")
    assert caught.value.getErrorKey() == "unknownattribute"
    assert "FIRSTNAM" in caught.value.getMessage()


def test_unknown_attribute_in_person_data_fails(world):
    from psdi.util import MXSystemException

    with pytest.raises(MXSystemException):
        Mbo(world, "PERSON", {"PERSONID": "X", "NICKNAME": "Jo"})


def test_null_reads_as_empty_string(person):
    assert person.getString("LASTNAME") == ""
    assert person.isNull("LASTNAME")
    assert not person.isNull("FIRSTNAME")


def test_unimplemented_methods_fail_loudly(world, person):
    from maxfake.service import ScriptService

    with pytest.raises(FakeMaximoError, match="getMboValueData"):
        person.getMboValueData("PERSONID")
    with pytest.raises(FakeMaximoError, match="service.launchDialog"):
        ScriptService(world, None, "X").launchDialog("MASUSER")


def test_set_value_checks_length_domain_and_upper(person):
    from psdi.util import MXApplicationException

    with pytest.raises(MXApplicationException) as caught:
        person.setValue("ACCESSTYPE", "Named")
    assert caught.value.getErrorKey() == "notindomain"
    person.setValue("ACCESSTYPE", "Named", MboConstants.NOVALIDATION)
    with pytest.raises(MXApplicationException):
        person.setValue("ENTITLEMENT", "X" * 13)
    person.setValue("PERSONID", "jdoe")
    assert person.getString("PERSONID") == "JDOE"


def test_translate_follows_synonyms_and_refuses_others(world, person):
    from psdi.util import MXApplicationException

    translator = person.getTranslator()
    assert translator.toInternalString("PERSONSTATUS", "ACTIVE", person) == "ACTIVE"
    with pytest.raises(MXApplicationException):
        translator.toInternalString("PERSONSTATUS", "active", person)


def test_domain_values_come_from_the_bundle(person):
    values = person.getMboSet("$X", "ALNDOMAIN", "domainid = 'ACCESSTYPE'")
    found = []
    mbo = values.moveFirst()
    while mbo is not None:
        found.append(mbo.getString("VALUE"))
        mbo = values.moveNext()
    assert found == ["Concurrent", "Authorized"]


def test_where_clauses_it_cannot_evaluate_are_refused(person):
    with pytest.raises(FakeMaximoError, match="where clause"):
        person.getMboSet("$X", "ALNDOMAIN", "domainid like 'ACC%'")


def test_http_nobody_set_up_fails_loudly(world):
    from java.util import HashMap
    from psdi.iface.router import HTTPHandler

    meta = HashMap()
    meta.put("URL", "https://mas.example/v2/bulk/users/upsert")
    with pytest.raises(FakeMaximoError, match="no HTTP behaviour"):
        HTTPHandler().invoke(meta, b"[]")


def test_http_handler_refuses_unknown_keys(world):
    from java.util import HashMap
    from psdi.iface.router import HTTPHandler

    world.http = {"mode": "answer", "answers": [{"status": 200}]}
    meta = HashMap()
    meta.put("URL", "https://mas.example/x")
    meta.put("CONNECTIMEOUT", "10")
    with pytest.raises(FakeMaximoError, match="CONNECTIMEOUT"):
        HTTPHandler().invoke(meta, b"[]")


def test_http_handler_raises_on_error_status_unless_told_not_to(world):
    from java.util import HashMap
    from psdi.iface.router import HTTPHandler
    from psdi.util import MXException

    world.http = {"mode": "answer", "answers": [{"status": 500, "reason": "Boom"}]}
    meta = HashMap()
    meta.put("URL", "https://mas.example/x")
    with pytest.raises(MXException):
        HTTPHandler().invoke(meta, b"{}")
    assert meta.get("RESPONSE_STATUS") == 500
    meta.put("ERRORONSTATUS", False)
    assert HTTPHandler().invoke(meta, b"{}") == b""
    assert meta.get("RESPONSE_HEADERS").get("RESPONSE_STATUS_TEXT") == "Boom"


def test_undeclared_message_fails_loudly(world):
    from maxfake.service import ScriptService

    with pytest.raises(FakeMaximoError, match="masuser/noSuchKey"):
        ScriptService(world, None, "X").error("masuser", "noSuchKey")


def test_service_error_throws_and_records(world):
    from maxfake.service import ScriptService
    from psdi.util import MXApplicationException

    with pytest.raises(MXApplicationException) as caught:
        ScriptService(world, None, "X").error("masuser", "emailMissing", ["JDOE"])
    assert "JDOE has no primary email" in caught.value.getMessage()
    assert world.recorder.messages[-1]["key"] == "emailMissing"


def test_java_collections_are_not_python_ones():
    from java.util import ArrayList, HashMap

    assert not isinstance(HashMap(), dict)
    assert not isinstance(ArrayList(), list)
    with pytest.raises(FakeMaximoError):
        HashMap().entrySet()


def test_json4j_put_accepts_only_json_types():
    from com.ibm.json.java import JSONArray, JSONObject
    from java.lang import IllegalArgumentException

    obj = JSONObject()
    for value in ("text", 1, 2.5, True, None, JSONObject(), JSONArray()):
        obj.put("k", value)
    with pytest.raises(IllegalArgumentException):
        obj.put("k", {"a": 1})
    with pytest.raises(IllegalArgumentException):
        obj.put("k", [1])
    with pytest.raises(IllegalArgumentException):
        JSONArray().add(object())


def test_json4j_serializes_pure_ascii_and_parses_back():
    from com.ibm.json.java import JSON, JSONObject

    obj = JSONObject()
    obj.put("name", "Zoë 王 😀 a/b")
    text = obj.serialize()
    assert text == '{"name":"Zo\\u00eb \\u738b \\ud83d\\ude00 a\\/b"}'
    assert JSON.parse(text).get("name") == "Zoë 王 😀 a/b"


def test_json4j_parse_errors_are_ioexceptions():
    from com.ibm.json.java import JSONArray, JSONObject
    from java.io import IOException

    with pytest.raises(IOException):
        JSONObject.parse("{bad")
    with pytest.raises(IOException):
        JSONArray.parse("{}")


def test_a_script_typo_stops_the_run_with_maximos_message(bundle):
    from maxkit.runtime import run_action_job
    from maxkit.simulate import action_job

    spec = world_spec(bundle, http={"mode": "answer", "answers": [{"status": 200}]})
    spec["scripts"]["MASUSERUPSERT"] = {
        "source": 'x = mbo.getString("FIRSTNAM")\n',
        "path": "typo.py",
    }
    record = run_action_job(action_job(spec, {"PERSONID": "J"}, "Concurrent", "BASE"))
    assert record["messages"][-1]["key"] == "unknownattribute"
    assert "FIRSTNAM does not exist" in record["messages"][-1]["text"]


def test_invoke_script_of_a_missing_function_fails(bundle, world):
    runner = Runner(world)
    with pytest.raises(FakeMaximoError, match="no function nothing"):
        runner.call_function("MASUSERTEXT", "nothing", [])


# ----------------------------------------------------------------------
# Set-up values: given by the world spec, loud when not
# ----------------------------------------------------------------------


@contextlib.contextmanager
def _active(spec):
    """The world of ``spec``, current while the block runs."""
    from maxfake import world as current

    w = World(spec)
    previous = current.activate(w)
    try:
        yield w
    finally:
        current.restore(previous)


def test_system_user_comes_from_the_world(bundle):
    from psdi.server import MXServer

    with _active(world_spec(bundle, system_user="MXINTADM")):
        assert MXServer.getMXServer().getSystemUserInfo().getUserName() == "MXINTADM"


def test_an_unset_system_user_is_loud(world):
    from psdi.server import MXServer

    with pytest.raises(FakeMaximoError, match='"system_user"'):
        MXServer.getMXServer().getSystemUserInfo()


def test_person_id_comes_from_the_world(bundle):
    with _active(world_spec(bundle, user="JDOE", people={"JDOE": "P100"})) as w:
        info = Mbo(w, "PERSON", {"PERSONID": "X"}).getUserInfo()
        assert (info.getUserName(), info.getPersonId()) == ("JDOE", "P100")


def test_an_unset_person_id_is_loud(person):
    with pytest.raises(FakeMaximoError, match='"people".*MAXADMIN'):
        person.getUserInfo().getPersonId()


def test_java_property_comes_from_the_world(bundle):
    from java.lang import System

    with _active(world_spec(bundle, java_properties={"java.version": "1.8.0_412"})):
        assert System.getProperty("java.version") == "1.8.0_412"


def test_an_unset_java_property_is_loud_even_with_a_default(world):
    from java.lang import System

    with pytest.raises(FakeMaximoError, match='"java_properties".*os.name'):
        System.getProperty("os.name", "Linux")


def test_a_world_without_a_user_is_loud(bundle):
    spec = world_spec(bundle)
    del spec["user"]
    with pytest.raises(FakeMaximoError, match='"user"'):
        World(spec).user


def test_mx_exception_is_a_java_exception(world):
    from java.lang import Exception as JavaException
    from psdi.util import MXApplicationException

    error = MXApplicationException("system", "notsynonym", ["X", "D"])
    assert isinstance(error, JavaException)
    assert error.getParameters() == ["X", "D"] and not error.hasDetail()


def test_mbo_constants_have_maximos_values():
    """From Maximo's psdi.mbo.MboConstants (its public class constants)."""
    assert (MboConstants.DISCARDABLE, MboConstants.READONLY) == (32, 7)
    assert (MboConstants.NOSETVALUE, MboConstants.REQUIRED) == (64, 128)
    assert MboConstants.DELAYVALIDATION == 36

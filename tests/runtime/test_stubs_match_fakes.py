"""The editor stubs (tools/maxkit/stubs) and the fake runtime declare one API.

Every class, member, function and constant a stub declares exists in the fake
with the same shape (module, kind, parameter count, constant value), and the
fake has nothing the stubs do not declare, except what :data:`ABSENT` lists
with its reason. An entry naming a class covers its members. A fake that
lacks a member fails loudly when a script calls it (``not_implemented``), as
Java does for a method a class does not have.
"""

from __future__ import annotations

import inspect

import pytest
from stubshape import fake_shape, stub_modules, stub_shape

#: Fake classes that live elsewhere than their Maximo package.
LOCATED = {
    "com.ibm.tivoli.maximo.script.ScriptService": "maxfake.service.ScriptService",
}

_UNUSED = (
    "declared for editors; no script calls it, so the fake does not model it"
    " and fails loudly if one does"
)
_INTERFACE = (
    "a Java interface or base the scripts only meet through its classes; the"
    " fake models the classes (Mbo, MboSet, HashMap, ArrayList) alone"
)
_JYTHON_ONLY = "exists in Jython's real Java classes; the fake is CPython only"
_FAKE_INTERNAL = "the fake's own helper, imported by its modules, not Maximo API"

#: What is deliberately absent on one side or shaped differently, and why.
ABSENT = {
    # Interfaces and bases.
    "java.lang.Object": _INTERFACE,
    "java.util.Collection": _INTERFACE,
    "java.util.List": _INTERFACE,
    "java.util.Set": _INTERFACE,
    "java.util.Map": _INTERFACE,
    "java.io.Reader.read": "the fake parser reads a Reader's text at once",
    "java.io.StringReader.read": "the fake parser reads a Reader's text at once",
    "java.io.InputStream": _INTERFACE,
    "java.io.Writer": "serialize(Writer) is not modelled: the scripts serialize to text",
    "java.io.StringWriter": "serialize(Writer) is not modelled: the scripts serialize to text",
    "psdi.mbo.MboRemote": _INTERFACE,
    "psdi.mbo.StatefulMboRemote": "an interface: the fake's records of a stateful"
    " object get changeStatus from maxfake.business.METHODS, compared with the"
    " stub by test_change_status_matches_the_stub",
    "psdi.mbo.MboSetRemote": _INTERFACE,
    "psdi.app.signature": "the fake's records of every object are psdi.mbo"
    " records; an object class's own methods are maxfake.business.METHODS,"
    " which test_business_methods_are_declared_in_the_stubs compares",
    "java.util.concurrent.Future": "the fake's future is the private _Future the executor returns",
    "java.util.concurrent.ExecutorService": "the fake's executor is the private _Executor",
    # Java classes no script uses.
    "java.lang.Boolean": _UNUSED,
    "java.lang.Integer": _UNUSED,
    "java.lang.Long": _UNUSED,
    "java.lang.Math": _UNUSED,
    "java.util.Calendar": _UNUSED,
    "java.util.Date": "dates are maxfake.dates values, which model java.util.Date",
    "java.util.HashSet": _UNUSED,
    "java.util.Hashtable": _UNUSED,
    "java.util.LinkedList": _UNUSED,
    "java.util.Properties": _UNUSED,
    "java.util.TreeMap": _UNUSED,
    "java.util.UUID": _UNUSED,
    "psdi.mbo.MaximoDD": "the fake's is psdi.server._MaximoDD (getTranslator only)",
    "psdi.mbo.MboSetInfo": _UNUSED,
    "psdi.mbo.MboValue": _UNUSED,
    "psdi.mbo.MboValueInfo": _UNUSED,
    "psdi.mbo.SqlFormat": _UNUSED,
    "psdi.util.MXApplicationYesNoCancelException": _UNUSED,
    # Members no script uses.
    **{
        name: _UNUSED
        for name in (
            "java.lang.String.__init__",
            "java.lang.String.endsWith",
            "java.lang.String.equals",
            "java.lang.String.equalsIgnoreCase",
            "java.lang.String.format",
            "java.lang.String.indexOf",
            "java.lang.String.isEmpty",
            "java.lang.String.startsWith",
            "java.lang.String.substring",
            "java.lang.String.toLowerCase",
            "java.lang.String.toUpperCase",
            "java.lang.String.trim",
            "java.lang.String.valueOf",
            "java.lang.Thread.currentThread",
            "java.lang.Thread.getName",
            "java.util.HashMap.containsValue",
            "java.util.HashMap.entrySet",
            "java.util.LinkedHashMap.containsValue",
            "java.util.LinkedHashMap.entrySet",
            "java.util.ArrayList.clear",
            "java.util.ArrayList.indexOf",
            "java.util.ArrayList.iterator",
            "java.util.ArrayList.remove",
            "java.util.ArrayList.toArray",
            "com.ibm.json.java.JSONArray.clear",
            "com.ibm.json.java.JSONArray.indexOf",
            "com.ibm.json.java.JSONArray.iterator",
            "com.ibm.json.java.JSONArray.remove",
            "com.ibm.json.java.JSONArray.toArray",
            "com.ibm.json.java.JSONObject.containsValue",
            "com.ibm.json.java.JSONObject.entrySet",
            "com.ibm.json.java.JSONObject.isValidObject",
            "com.ibm.json.java.JSONObject.isValidType",
            "com.ibm.json.java.OrderedJSONObject.containsValue",
            "com.ibm.json.java.OrderedJSONObject.entrySet",
            "com.ibm.json.java.OrderedJSONObject.isValidObject",
            "com.ibm.json.java.OrderedJSONObject.isValidType",
            "com.ibm.tivoli.maximo.script.ScriptService.YNC_CANCEL",
            "com.ibm.tivoli.maximo.script.ScriptService.YNC_NO",
            "com.ibm.tivoli.maximo.script.ScriptService.YNC_NULL",
            "com.ibm.tivoli.maximo.script.ScriptService.YNC_OK",
            "com.ibm.tivoli.maximo.script.ScriptService.YNC_YES",
            "com.ibm.tivoli.maximo.script.ScriptService.getLaunchPointName",
            "com.ibm.tivoli.maximo.script.ScriptService.getLogger",
            "com.ibm.tivoli.maximo.script.ScriptService.getMbo",
            "com.ibm.tivoli.maximo.script.ScriptService.getMboName",
            "com.ibm.tivoli.maximo.script.ScriptService.getMboSet",
            "com.ibm.tivoli.maximo.script.ScriptService.invokeChannel",
            "com.ibm.tivoli.maximo.script.ScriptService.invokeEndpoint",
            "com.ibm.tivoli.maximo.script.ScriptService.invokeWorkflow",
            "com.ibm.tivoli.maximo.script.ScriptService.launchDialog",
            "com.ibm.tivoli.maximo.script.ScriptService.logError",
            "com.ibm.tivoli.maximo.script.ScriptService.raiseSkipTransaction",
            "com.ibm.tivoli.maximo.script.ScriptService.yncerror",
            "com.ibm.tivoli.maximo.script.ScriptService.yncuserinput",
            "psdi.iface.router.HTTPHandler.getConnectTimeout",
            "psdi.iface.router.HTTPHandler.getReadTimeout",
            "psdi.mbo.Mbo.delete",
            "psdi.mbo.Mbo.getFloat",
            "psdi.mbo.Mbo.getInsertOrganization",
            "psdi.mbo.Mbo.getInsertSite",
            "psdi.mbo.Mbo.getMboValue",
            "psdi.mbo.Mbo.getMboValueInfo",
            "psdi.mbo.Mbo.getOwner",
            "psdi.mbo.Mbo.getUniqueIDValue",
            "psdi.mbo.Mbo.getUserName",
            "psdi.mbo.Mbo.isModified",
            "psdi.mbo.Mbo.setFieldFlag",
            "psdi.mbo.Mbo.sigopGranted",
            "psdi.mbo.Mbo.toBeAdded",
            "psdi.mbo.Mbo.toBeDeleted",
            "psdi.mbo.MboSet.addAtEnd",
            "psdi.mbo.MboSet.deleteAll",
            "psdi.mbo.MboSet.getApp",
            "psdi.mbo.MboSet.getCompleteWhere",
            "psdi.mbo.MboSet.getOwner",
            "psdi.mbo.MboSet.getSize",
            "psdi.mbo.MboSet.getUserInfo",
            "psdi.mbo.MboSet.getWhere",
            "psdi.mbo.MboSet.moveLast",
            "psdi.mbo.MboSet.movePrev",
            "psdi.mbo.MboSet.moveTo",
            "psdi.mbo.MboSet.setQbe",
            "psdi.mbo.MboSet.setQbeExactMatch",
            "psdi.mbo.Translate.toExternalList",
            "psdi.security.UserInfo.getDisplayName",
            "psdi.security.UserInfo.getInsertOrg",
            "psdi.security.UserInfo.getInsertSite",
            "psdi.security.UserInfo.getLangCode",
            "psdi.security.UserInfo.getLoginID",
            "psdi.server.MXServer.getName",
            "psdi.server.MXServer.reloadMaximoCache",
        )
    },
    # HTTPHandler's key constants: the scripts name the keys as text.
    **{
        "psdi.iface.router.HTTPHandler." + key: "the scripts name the metaData"
        ' keys as text ("URL"), which is what Maximo reads; the fake checks the'
        " text keys"
        for key in (
            "ALLRESPONSEHEADERS CLIENTCERTALG CLIENTCERTPASS CLIENTCERTSTORE"
            " CLIENTCERTTYPE CONNECTTIMEOUT COOKIES ERRORONSTATUS FIREANDFORGET"
            " FORMDATA HEADERS HTTPEXIT HTTPMETHOD HTTPMETHOD_DELETE HTTPMETHOD_GET"
            " HTTPMETHOD_HEAD HTTPMETHOD_PATCH HTTPMETHOD_POST HTTPMETHOD_PUT"
            " OAUTHCLIENT READTIMEOUT RESPONSE_HEADERS RESPONSE_STATUS"
            " RESPONSE_STATUS_TEXT URL"
        ).split()
    },
    # Shapes that differ on purpose.
    "com.ibm.json.java.JSONArtifact.serialize": "serialize(Writer[, verbose]) is not"
    " modelled: the scripts serialize to text",
    "com.ibm.json.java.JSONObject.serialize": "as JSONArtifact.serialize",
    "com.ibm.json.java.OrderedJSONObject.serialize": "as JSONArtifact.serialize",
    "com.ibm.json.java.JSONArray.serialize": "as JSONArtifact.serialize",
    "com.ibm.json.java.JSONObject.__init__": "HashMap's copy constructor, inherited"
    " by the fake; JSON4J's is JSONObject() alone",
    "com.ibm.json.java.OrderedJSONObject.__init__": "as JSONObject.__init__",
    "com.ibm.json.java.JSONArray.add": "add(item) and add(index, item) are one"
    " Python method (*args); the stub declares add(item), the overload scripts use",
    "java.util.ArrayList.add": "as JSONArray.add",
    "com.ibm.tivoli.maximo.script.ScriptService.invokeScript": "the three overloads"
    " are one Python method (*args)",
    "com.ibm.tivoli.maximo.script.ScriptService.__init__": "the fake builds the"
    " service for each run; scripts never construct it",
    "java.util.concurrent.ExecutionException.__init__": "built by the fake's"
    " executor from the task's failure (the cause), as Java's FutureTask does",
    "java.util.concurrent.TimeUnit.__init__": "TimeUnit is an enum: the fake builds"
    " its members, scripts never construct one",
    "java.util.concurrent.RejectedExecutionException": "what the fake's executor"
    " raises after shutdownNow(), as Java's does; no script catches it",
    "psdi.iface.router.HTTPHandler.__init__": "HTTPHandler(endPointInfo) is not"
    " modelled: the scripts build HTTPHandler() with no end point",
    "psdi.iface.router.HTTPHandler.invoke": "the fake lets data default to None"
    " (Maximo requires the argument, the scripts always pass it)",
    "psdi.mbo.Translate.toExternalDefaultValue": "the fake lets mbo default to None",
    "psdi.server.MXServer.getMboSet": "the fake lets userInfo default to None",
    "psdi.mbo.Mbo.__init__": "the fake builds records from the world; scripts"
    " never construct one",
    "psdi.mbo.MboSet.__init__": "as Mbo.__init__",
    "psdi.mbo.MboSet.from_table": "the fake's constructor of a set over a table",
    "psdi.mbo.Translate.__init__": "built from the world by getTranslator()",
    "psdi.security.UserInfo.__init__": "built from the world (user, people);"
    " scripts get one from Maximo, never construct it",
    "psdi.server.MXServer.__init__": "built by getMXServer() from the world",
    # Helpers of the fake that its modules import.
    "psdi.iface.router.CERT_KEYS": _FAKE_INTERNAL,
    "psdi.iface.router.SECRET_KEYS": _FAKE_INTERNAL,
    "psdi.iface.router.integer_types": _FAKE_INTERNAL,
    "psdi.iface.router.string_types": _FAKE_INTERNAL,
    "psdi.mbo.integer_types": _FAKE_INTERNAL,
    "psdi.mbo.string_types": _FAKE_INTERNAL,
    "com.ibm.json.java.unichr_": _FAKE_INTERNAL,
}


def _covered(name: str) -> str | None:
    """The ABSENT entry that covers ``name`` (itself or its class), if any."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in ABSENT:
            return key
    return None


def _differences() -> dict[str, str]:
    modules = stub_modules()
    stubs = stub_shape(modules)
    fakes = fake_shape(modules, LOCATED)
    found = {}
    for name in sorted(set(stubs) | set(fakes)):
        stub, fake = stubs.get(name), fakes.get(name)
        if stub is None:
            found[name] = "in the fake only (%s)" % fake[0]
        elif fake is None:
            found[name] = "in the stubs only (%s)" % stub[0]
        elif stub[0] != fake[0]:
            found[name] = "a %s in the stubs, a %s in the fake" % (stub[0], fake[0])
        elif stub[0] in ("method", "function") and stub[1] != fake[1]:
            found[name] = "takes %s parameters in the stubs, %s in the fake" % (
                stub[1],
                fake[1],
            )
        elif stub[0] == "constant" and stub[1] is not None and stub[1] != fake[1]:
            found[name] = "is %r in the stubs, %r in the fake" % (stub[1], fake[1])
    return found


DIFFERENCES = _differences()


def test_stubs_and_fakes_declare_the_same_api():
    unexplained = {
        name: why for name, why in DIFFERENCES.items() if _covered(name) is None
    }
    assert not unexplained, "\n".join(
        "%s: %s" % item for item in sorted(unexplained.items())
    )


@pytest.mark.parametrize("entry", sorted(ABSENT))
def test_every_absent_entry_is_still_needed(entry):
    """An entry that no difference needs any more goes from the table."""
    assert any(_covered(name) == entry for name in DIFFERENCES), (
        "%s is listed in ABSENT but stubs and fake agree on it" % entry
    )


def test_the_comparison_sees_both_sides():
    """The shapes are read, not empty: a known member and value on each side."""
    modules = stub_modules()
    stubs = stub_shape(modules)
    fakes = fake_shape(modules, LOCATED)
    assert stubs["psdi.mbo.MboConstants.DISCARDABLE"] == ("constant", 32)
    assert fakes["psdi.mbo.MboConstants.DISCARDABLE"] == ("constant", 32)
    assert stubs["psdi.util.MXException.getParameters"] == ("method", (0, 0))
    assert fakes["psdi.security.UserInfo.getPersonId"] == ("method", (0, 0))


def test_change_status_matches_the_stub():
    """StatefulMboRemote.changeStatus: the stub's overloads (3 or 4
    arguments) are what the fake's stateful records accept, and every object
    the fake models as stateful has it."""
    stubs = stub_shape(stub_modules())
    assert stubs["psdi.mbo.StatefulMboRemote.changeStatus"] == ("method", (3, 4))
    from maxfake import business
    from maxfake.errors import FakeMaximoError

    for name in business.STATEFUL:
        method = business.method(name, "changeStatus")
        assert method is not None, name
        for count in (2, 5):
            with pytest.raises(FakeMaximoError, match="changeStatus takes"):
                method(None, None, *(["x"] * count))


#: Maximo object -> the stub classes of its MBO, its own first, then the
#: bases that declare what it inherits (MaxUser is a stateful MBO).
OBJECT_CLASSES = {
    "MAXUSER": (
        "psdi.app.signature.MaxUserRemote",
        "psdi.mbo.StatefulMboRemote",
    ),
}


def test_business_methods_are_declared_in_the_stubs():
    """Every method maxfake.business gives an object's records is declared on
    the stub class of that object, with the same parameters (the fake's
    function takes the world and the record first)."""
    from maxfake import business

    stubs = stub_shape(stub_modules())
    assert business.METHODS
    for (name, method), function in sorted(business.METHODS.items()):
        if name not in OBJECT_CLASSES:
            continue
        declared = next(
            (
                stubs[found + "." + method]
                for found in OBJECT_CLASSES[name]
                if found + "." + method in stubs
            ),
            None,
        )
        assert declared is not None, "%s.%s is not in the stubs" % (name, method)
        spec = inspect.getfullargspec(function)
        if spec.varargs and not spec.args[2:]:
            # Overloads (changeStatus): the function counts its arguments
            # itself; test_change_status_matches_the_stub checks them.
            continue
        required = len(spec.args) - 2 - len(spec.defaults or ())
        most = None if spec.varargs else len(spec.args) - 2
        assert declared == ("method", (required, most)), (name, method)

"""The stand-in itself behaves like the slice of Manage it stands in for."""

from __future__ import annotations

import http.client
import json
import ssl

import pytest

from testkit.manage_standin import Fault, StoreError

from deploy_helpers import APIKEY


def call(manage, tls, method, path, body=None, headers=None, key=APIKEY):
    context = ssl.create_default_context(cafile=str(tls / "ca.pem"))
    connection = http.client.HTTPSConnection("127.0.0.1", manage.port, context=context)
    all_headers = {"apikey": key, **(headers or {})}
    data = json.dumps(body).encode() if body is not None else None
    connection.request(method, path, body=data, headers=all_headers)
    answer = connection.getresponse()
    raw = answer.read()
    connection.close()
    return answer.status, dict(answer.getheaders()), json.loads(raw) if raw else None


def test_create_find_and_merge_update(manage, tls):
    status, headers, _ = call(
        manage,
        tls,
        "POST",
        "/maximo/api/os/mxapidomain?lean=1",
        {"domainid": "D", "length": 3, "alndomain": [{"value": "A"}]},
    )
    assert status == 201 and "/maximo/api/os/mxapidomain/_" in headers["Location"]
    status, _, found = call(
        manage, tls, "GET", '/maximo/api/os/mxapidomain?lean=1&oslc.where=domainid="D"'
    )
    assert status == 200 and found["member"][0]["href"] == headers["Location"]
    path = headers["Location"].split("127.0.0.1:%d" % manage.port)[1]
    status, _, _ = call(
        manage,
        tls,
        "POST",
        path + "?lean=1",
        {"alndomain": [{"value": "B"}]},
        {"x-method-override": "PATCH", "patchtype": "MERGE"},
    )
    assert status == 204
    _, _, record = call(manage, tls, "GET", path + "?lean=1")
    assert [v["value"] for v in record["alndomain"]] == ["A", "B"]
    call(
        manage,
        tls,
        "POST",
        path,
        {"alndomain": [{"value": "C"}]},
        {"x-method-override": "PATCH"},
    )
    _, _, record = call(manage, tls, "GET", path)
    assert [v["value"] for v in record["alndomain"]] == ["C"]


def test_wrong_key_duplicate_and_unknown_structure(manage, tls):
    assert (
        call(manage, tls, "GET", "/maximo/api/os/mxscript", key="x")[2]["Error"][
            "reasonCode"
        ]
        == "BMXAA9549E"
    )
    body = {"msggroup": "g", "msgkey": "k", "value": "v"}
    assert call(manage, tls, "POST", "/maximo/api/os/mxapimessage", body)[0] == 201
    status, _, error = call(manage, tls, "POST", "/maximo/api/os/mxapimessage", body)
    assert status == 400 and error["Error"]["reasonCode"] == "BMXAA4129E"
    status, _, error = call(manage, tls, "GET", "/maximo/api/os/mxnothing")
    assert status == 404 and error["Error"]["reasonCode"] == "BMXAA9301E"


def test_a_refused_request_changes_nothing(manage):
    with pytest.raises(StoreError):
        manage.store.create(
            "mxapidomain",
            {"domainid": "D", "length": 1, "alndomain": [{"value": "TOO"}]},
        )
    assert manage.store.find("mxapidomain", {}) == []


def test_faults_fire_once_on_the_nth_matching_call(manage, tls):
    manage.faults.add(Fault(method="GET", nth=2, status=503, reason="BMXAA1111E"))
    assert call(manage, tls, "GET", "/maximo/api/os/mxscript")[0] == 200
    assert call(manage, tls, "GET", "/maximo/api/os/mxscript")[0] == 503
    assert call(manage, tls, "GET", "/maximo/api/os/mxscript")[0] == 200
    assert [c.status for c in manage.calls] == [200, 503, 200]
    with pytest.raises(ValueError):
        Fault(mode="explode")

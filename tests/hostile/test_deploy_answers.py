"""Answers no Manage should give still end in a DeployError, never a traceback."""

from __future__ import annotations

import http.client
import json

import pytest
from hostile_helpers import APIKEY

from maxkit.deploy.client import ManageClient
from maxkit.deploy.errors import DeployError, MaximoError


class _Answer:
    def __init__(self, status, body):
        self.status = status
        self._raw = json.dumps(body).encode()

    def read(self):
        return self._raw

    def getheaders(self):
        return []


@pytest.fixture
def answer(monkeypatch):
    """answer(status, body): what every request of the client gets."""
    given = {}

    class Connection:
        def __init__(self, *args, **kwargs):
            pass

        def request(self, *args, **kwargs):
            pass

        def getresponse(self):
            return _Answer(given["status"], given["body"])

        def close(self):
            pass

    monkeypatch.setattr(http.client, "HTTPSConnection", Connection)
    return lambda status, body: given.update(status=status, body=body)


@pytest.fixture
def client():
    return ManageClient("https://manage.example/maximo", APIKEY, "MAXIMO_APIKEY")


@pytest.mark.parametrize(
    "body", [{"Error": "no " + APIKEY}, {"Error": [APIKEY]}, [APIKEY], "text"]
)
def test_an_error_answer_of_any_shape_is_a_maximo_error(answer, client, body):
    answer(400, body)
    with pytest.raises(MaximoError) as error:
        client.find("mxdomain", {"domainid": "X"})
    assert error.value.status == 400 and APIKEY not in str(error.value)


def test_an_echoed_reason_code_is_redacted(answer, client):
    answer(401, {"Error": {"reasonCode": APIKEY, "message": "key " + APIKEY}})
    with pytest.raises(MaximoError) as error:
        client.find("mxdomain", {"domainid": "X"})
    assert APIKEY not in str(error.value) and APIKEY not in error.value.reason


@pytest.mark.parametrize(
    "body", [[], {"member": "x"}, {"member": [1]}, "text", {"member": {"a": 1}}]
)
def test_a_collection_that_is_not_one_is_a_deploy_error(answer, client, body):
    answer(200, body)
    with pytest.raises(DeployError, match="not a Maximo collection"):
        client.find("mxdomain", {"domainid": "X"})


@pytest.mark.parametrize(
    "href",
    ["https://manage.example:99999/maximo/api/os/x", "https://[::1/x", 42, None],
)
def test_a_record_link_that_is_not_a_url_is_a_deploy_error(client, href):
    with pytest.raises(DeployError):
        client.href_path(href)

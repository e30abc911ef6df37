"""The fake HTTPHandler takes values of the types Manage's scripts pass, and
opens the client certificate store before anything is sent."""

import pytest

from maxkit.emulator.tlsfiles import make_tls_files
from maxkit.runtime import FakeMaximoError, World
from maxkit.worldspec import world_spec

PASSWORD = "p12-Secret-4711"
URL = "https://mas.example.test/v2/bulk/users/upsert"


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_tls_files(tmp_path_factory.mktemp("tls"), PASSWORD)


@pytest.fixture
def world(bundle):
    from maxfake import world as current

    spec = world_spec(bundle, http={"mode": "answer", "answers": [{"status": 200}]})
    w = World(spec)
    previous = current.activate(w)
    yield w
    current.restore(previous)


def meta_for(**values):
    """The map the script builds (booleans, Name:value), changed by ``values``."""
    from java.util import HashMap

    meta = HashMap()
    given = {
        "URL": URL,
        "HTTPMETHOD": "POST",
        "HEADERS": "Content-Type:application/json",
        "CONNECTTIMEOUT": "5000",
        "READTIMEOUT": "30000",
        "ERRORONSTATUS": False,
        "ALLRESPONSEHEADERS": True,
        "RESPONSE_HEADERS": HashMap(),
    }
    given.update(values)
    for key, value in given.items():
        if value is not None:
            meta.put(key, value)
    return meta


def cert_keys(tls, **changes):
    keys = {
        "CLIENTCERTSTORE": str(tls.client_p12),
        "CLIENTCERTTYPE": "PKCS12",
        "CLIENTCERTPASS": PASSWORD,
        "CLIENTCERTALG": "SunX509",
    }
    keys.update(changes)
    return keys


def invoke(meta):
    from psdi.iface.router import HTTPHandler

    return HTTPHandler().invoke(meta, b"[]")


def test_the_script_form_is_accepted_and_recorded_with_its_kinds(world):
    invoke(meta_for())
    (request,) = world.recorder.requests
    assert request["headers"] == {"Content-Type": "application/json"}
    meta = request["meta"]
    assert meta["ERRORONSTATUS"] == {"type": "boolean", "value": False}
    assert meta["ALLRESPONSEHEADERS"] == {"type": "boolean", "value": True}
    assert meta["RESPONSE_HEADERS"] == {"type": "map"}
    assert "CLIENTCERTSTORE" not in meta


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("ERRORONSTATUS", "false", "boolean"),
        ("ALLRESPONSEHEADERS", "true", "boolean"),
        ("ERRORONSTATUS", 0, "boolean"),
        ("CONNECTTIMEOUT", "5 s", "milliseconds"),
        ("READTIMEOUT", True, "milliseconds"),
        ("HEADERS", 5, "text"),
        ("URL", 5, "text"),
        ("RESPONSE_HEADERS", "headers", "java.util.Map"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_before_any_request(
    world, key, value, says
):
    with pytest.raises(FakeMaximoError, match=f"{key} must be .*{says}"):
        invoke(meta_for(**{key: value}))
    assert world.recorder.requests == []


@pytest.mark.parametrize(
    "headers",
    [
        "Content-Type: application/json",
        "Content-Type :application/json",
        "Content-Type",
        ":application/json",
        "Content-Type:application/json, Accept: application/json",
    ],
)
def test_a_header_not_written_name_colon_value_is_refused(world, headers):
    with pytest.raises(FakeMaximoError, match="not Name:value"):
        invoke(meta_for(HEADERS=headers))
    assert world.recorder.requests == []


def test_several_headers_separated_by_commas(world):
    invoke(meta_for(HEADERS="Content-Type:application/json, Accept:text/plain"))
    assert world.recorder.requests[0]["headers"] == {
        "Content-Type": "application/json",
        "Accept": "text/plain",
    }


def test_client_cert_keys_reach_the_handler_password_value_never_recorded(world, tls):
    invoke(meta_for(**cert_keys(tls)))
    meta = world.recorder.requests[0]["meta"]
    assert meta["CLIENTCERTSTORE"] == {"type": "string", "value": str(tls.client_p12)}
    assert meta["CLIENTCERTTYPE"] == {"type": "string", "value": "PKCS12"}
    assert meta["CLIENTCERTALG"] == {"type": "string", "value": "SunX509"}
    assert meta["CLIENTCERTPASS"] == {"type": "string"}
    assert PASSWORD not in repr(world.recorder.as_dict())


def test_client_cert_keys_come_all_four_or_none(world, tls):
    keys = cert_keys(tls, CLIENTCERTALG=None, CLIENTCERTTYPE=None)
    with pytest.raises(FakeMaximoError, match="without CLIENTCERTTYPE, CLIENTCERTALG"):
        invoke(meta_for(**keys))
    assert world.recorder.requests == []


def test_a_password_of_the_wrong_type_is_refused_without_showing_it(world, tls):
    with pytest.raises(FakeMaximoError, match=r"CLIENTCERTPASS.*\(hidden\)") as err:
        invoke(meta_for(**cert_keys(tls, CLIENTCERTPASS=4711)))
    assert "4711" not in str(err.value)


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"CLIENTCERTSTORE": "/nonexistent/client.p12"}, "there is no such file"),
        ({"CLIENTCERTPASS": "wrong"}, "the password is wrong"),
        ({"CLIENTCERTPASS": ""}, "the password is wrong"),
        ({"CLIENTCERTTYPE": "PKCS13"}, "PKCS13 is not a key store type"),
        ({"CLIENTCERTALG": "IbmX509"}, "IbmX509 is not a key manager algorithm"),
    ],
)
def test_a_store_that_cannot_be_opened_is_a_maximo_error_and_no_request(
    world, tls, changes, reason
):
    from psdi.util import MXSystemException

    with pytest.raises(MXSystemException) as caught:
        invoke(meta_for(**cert_keys(tls, **changes)))
    error = caught.value
    assert (error.getErrorGroup(), error.getErrorKey()) == ("iface", "clientcertstore")
    assert reason in error.getMessage()
    assert PASSWORD not in error.getMessage()
    assert world.recorder.requests == []


def test_a_certificate_file_is_not_a_store(world, tls):
    from psdi.util import MXSystemException

    keys = cert_keys(tls, CLIENTCERTSTORE=str(tls.client_cert_pem))
    with pytest.raises(MXSystemException, match="the password is wrong"):
        invoke(meta_for(**keys))


def test_a_store_type_the_fake_does_not_read_fails_loudly(world, tls):
    with pytest.raises(FakeMaximoError, match="reads only PKCS12"):
        invoke(meta_for(**cert_keys(tls, CLIENTCERTTYPE="JKS")))


def test_the_world_has_no_client_certificate_of_its_own(world):
    world.http = {"mode": "real", "cert_file": "client.pem"}
    with pytest.raises(FakeMaximoError, match="does not know cert_file"):
        invoke(meta_for())

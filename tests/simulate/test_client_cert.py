"""Mutual TLS through the script's settings, against the MAS emulator.

The client certificate reaches HTTPHandler only through the
masuser.api.clientcert.* system properties; without them the emulator refuses
the call; a store that cannot be opened is a named message and no request; the
password appears in no output, log, record or file.
"""

import json

import pytest

from maxkit.demo import demo
from maxkit.errors import UsageError
from simulate_helpers import JDOE, run_jdoe
from maxkit.simulate import (
    client_cert_properties,
    main,
    run_cpython,
    simulation_spec,
)

QUICK = ["masuser.api.attempts=2", "masuser.api.backoff=0"]


@pytest.fixture
def trusted(monkeypatch, tls_emulator):
    monkeypatch.setenv("MAXKIT_CA_BUNDLE", str(tls_emulator.ca_pem))
    tls_emulator.requests.clear()
    return tls_emulator


def settings(emulator, **changes):
    values = {
        "store": emulator.client_p12,
        "password": emulator.p12_password,
        "kind": "PKCS12",
        "algorithm": "SunX509",
    }
    values.update(changes)
    return client_cert_properties(**values)


def run(root, emulator, properties):
    return run_jdoe(root, emulator.base_url, properties)


def test_the_settings_give_mutual_tls_and_mas_sees_the_client(root, trusted):
    code, result = run(root, trusted, settings(trusted))
    assert (code, result["message"]["key"]) in ((0, "userCreated"), (0, "userUpdated"))
    assert trusted.requests.last().client_subject.startswith(
        "CN=maxkit-emulator-client"
    )


def test_the_recorded_meta_map_holds_the_four_keys_as_text(root, trusted):
    from testkit.scenarios import sample_person

    spec = simulation_spec(root, settings(trusted), trusted.base_url)
    record = run_cpython(spec, sample_person("jdoe"), "Concurrent", "BASE")
    meta = record["requests"][0]["meta"]
    assert meta["CLIENTCERTSTORE"] == {
        "type": "string",
        "value": str(trusted.client_p12),
    }
    assert meta["CLIENTCERTTYPE"]["value"] == "PKCS12"
    assert meta["CLIENTCERTALG"]["value"] == "SunX509"
    assert meta["CLIENTCERTPASS"] == {"type": "string"}
    assert meta["ERRORONSTATUS"]["type"] == meta["ALLRESPONSEHEADERS"]["type"]
    assert meta["ERRORONSTATUS"]["type"] == "boolean"
    assert record["requests"][0]["headers"] == {"Content-Type": "application/json"}


def test_without_the_settings_no_key_is_passed_and_the_emulator_refuses(root, trusted):
    from testkit.scenarios import sample_person

    spec = simulation_spec(root, QUICK, trusted.base_url)
    record = run_cpython(spec, sample_person("jdoe"), "Concurrent", "BASE")
    assert not [k for k in record["requests"][0]["meta"] if k.startswith("CLIENT")]
    code, result = run(root, trusted, QUICK)
    assert (code, result["outcome"]) == (1, "failed")
    assert result["message"]["key"] == "masUnreachable"
    assert [r["status"] for r in result["requests"]] == [None] * len(result["requests"])
    assert trusted.requests.find() == []  # no request got past the handshake
    assert trusted.requests.counters().tls_handshake_failures >= 1


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"password": "not-the-password"}, "the password is wrong"),
        ({"store": "/nonexistent/client.p12"}, "there is no such file"),
        ({"kind": "PKCS13"}, "PKCS13 is not a key store type"),
        ({"algorithm": "IbmX509"}, "IbmX509 is not a key manager algorithm"),
    ],
)
def test_a_store_that_cannot_be_opened_is_named_and_nothing_is_sent(
    root, trusted, changes, reason
):
    code, result = run(root, trusted, settings(trusted, **changes))
    assert (code, result["outcome"]) == (1, "rejected")
    message = result["message"]
    assert (message["group"], message["key"]) == ("masuser", "clientCertUnreadable")
    assert message["params"][2].startswith(reason)
    assert result["requests"] == []
    assert trusted.requests.find() == []
    for secret in (trusted.p12_password, "not-the-password"):
        assert secret not in json.dumps(result)


@pytest.mark.parametrize("missing", ["store", "password"])
def test_a_store_without_its_password_or_the_reverse_is_incomplete(
    root, trusted, missing
):
    properties = settings(trusted, **{missing: ""})
    code, result = run(root, trusted, properties)
    assert (code, result["message"]["key"]) == (1, "clientCertIncomplete")
    assert result["requests"] == []
    assert trusted.p12_password not in json.dumps(result)


def test_a_password_with_spaces_is_passed_as_given(root, monkeypatch, tmp_path):
    from maxkit.emulator import Emulator

    with Emulator(tls=True, tls_dir=tmp_path, p12_password=" padded pass ") as emu:
        monkeypatch.setenv("MAXKIT_CA_BUNDLE", str(emu.ca_pem))
        code, result = run(root, emu, settings(emu))
    assert (code, result["message"]["key"]) == (0, "userCreated")


def test_the_old_environment_variables_are_refused(root, trusted, monkeypatch):
    monkeypatch.setenv("MAXKIT_CLIENT_CERT", str(trusted.client_cert_pem))
    with pytest.raises(UsageError, match="masuser.api.clientcert.store"):
        run(root, trusted, [])


def test_the_cli_prints_no_password(root, trusted, capsys):
    arguments = ["--person", str(root / JDOE), "--access-type", "Concurrent"]
    arguments += ["--entitlement", "BASE", "--endpoint", trusted.base_url]
    for item in settings(trusted):
        arguments += ["--property", item]
    assert main(arguments, root=root) == 0
    for item in settings(trusted, password="wrong-one"):
        arguments += ["--property", item]
    assert main(arguments, root=root) == 1
    out = capsys.readouterr()
    assert "clientCertUnreadable" in out.out
    for secret in (trusted.p12_password, "wrong-one"):
        assert secret not in out.out and secret not in out.err


def test_the_bulk_path_names_the_store_failure_and_stops(root, trusted, tmp_path):
    from maxkit.simulate import execute, run_spec
    from testkit.scenarios import sample_person

    people = tmp_path / "persons.json"
    people.write_text(json.dumps([sample_person("jdoe")]), encoding="utf-8")
    properties = settings(trusted, password="wrong-one")
    code, result = execute(
        run_spec(
            root,
            persons=str(people),
            access_type="Concurrent",
            entitlement="BASE",
            endpoint=trusted.base_url,
            properties=properties,
        )
    )
    assert code == 1 and result["requests"] == []
    (person,) = result["persons"]
    assert person["state"] == "FAILED"
    assert "could not be opened: the password is wrong" in person["error"]
    assert "wrong-one" not in json.dumps(result)


def test_demo_shows_no_password_in_its_output_or_files(root, monkeypatch, tmp_path):
    from maxkit import emulator as emulator_module

    said = []
    seen = {}
    real = emulator_module.Emulator

    class Watched(real):
        def __enter__(self):
            emu = super().__enter__()
            seen["password"] = emu.p12_password
            seen["dir"] = emu.tls_files.directory
            seen["files"] = {
                p: p.read_bytes() for p in emu.tls_files.directory.iterdir()
            }
            return emu

    monkeypatch.setattr("maxkit.demo.Emulator", Watched)
    code = demo(root, runtime="cpython", say=said.append)
    assert code == 0
    text = "\n".join(said)
    assert "userCreated" in text or "was created" in text
    assert seen["password"] not in text
    for path, data in seen["files"].items():
        assert seen["password"].encode() not in data, path

"""Who may deploy and over what: API key, TLS, object structures, usage errors.

All of these stop deploy before its first write.
"""

from __future__ import annotations

import pytest

from maxkit.deploy import DeployError, MaximoError
from maxkit.errors import UsageError
from testkit.manage_standin import Fault

from deploy_helpers import APIKEY


def test_a_bad_api_key_stops_before_any_write_with_reason_and_advice(run, manage):
    with pytest.raises(MaximoError) as error:
        run(key="not-the-key")
    message = str(error.value)
    assert error.value.reason == "BMXAA9549E" and error.value.is_authentication
    assert "HTTP 401 BMXAA9549E" in message
    assert "Administration > API Keys" in message and "$MAXIMO_APIKEY" in message
    assert "not-the-key" not in message
    assert manage.writes() == []
    assert len(manage.calls) == 1


def test_a_missing_api_key_is_a_usage_error(run, manage):
    with pytest.raises(UsageError, match="MAXIMO_APIKEY holds no API key"):
        run(key="")
    assert manage.calls == []


def test_the_api_key_is_redacted_from_server_messages(run, manage, small_bundle):
    manage.faults.add(
        Fault(
            writes_only=True, status=400, reason="BMXAA0000E", message=f"bad {APIKEY}"
        )
    )
    assert run(root=small_bundle) == 1
    assert APIKEY not in run.text and "bad ***" in run.text


def test_tls_is_verified_without_a_switch_to_turn_it_off(run, manage):
    with pytest.raises(DeployError, match="not trusted.*--ca-bundle"):
        run(ca=False)
    assert manage.calls == []


def test_plain_http_is_refused(run, manage):
    with pytest.raises(UsageError, match="https only"):
        run(url=manage.base_url.replace("https://", "http://"))


def test_a_missing_ca_bundle_file_is_named(run, manage, tmp_path):
    run.ca = tmp_path / "nope.pem"
    with pytest.raises(DeployError, match="nope.pem: no such file"):
        run()


def test_a_missing_object_structure_is_explained(run, manage, small_bundle):
    pyproject = small_bundle / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text()
        + '\n[tool.maxkit.object-structures]\nproperty = "MXNOSUCH"\n'
    )
    with pytest.raises(MaximoError) as error:
        run(root=small_bundle)
    assert error.value.reason == "BMXAA9301E"
    assert "MXNOSUCH" in str(error.value) and "[tool.maxkit.object-structures]" in str(
        error.value
    )
    assert manage.writes() == []


def test_no_read_access_stops_before_writing(run, manage, small_bundle):
    manage.faults.add(
        Fault(
            method="GET",
            structure="mxscript",
            status=403,
            reason="BMXAA0024E",
            message="no",
        )
    )
    with pytest.raises(MaximoError, match="BMXAA0024E.*Security Groups"):
        run(root=small_bundle)
    assert manage.writes() == []


def test_a_server_link_to_another_host_is_not_followed(run, manage, small_bundle):
    run(root=small_bundle)
    manage.base_url = "https://elsewhere.example:443/maximo"
    path = small_bundle / "scripts" / "SMALLLIB.py"
    path.write_text(path.read_text() + "# changed\n")
    manage.reset_calls()
    assert run(root=small_bundle, url=f"https://127.0.0.1:{manage.port}/maximo") == 1
    assert "another host (elsewhere.example)" in run.text
    assert manage.writes() == []

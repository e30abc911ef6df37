"""The invoke task: its help is the documentation, usage errors exit 2.

Each refusal names what to fix (the flag or the variable) and comes before
any request: nothing is printed on stdout, where the plan would be.
"""

from __future__ import annotations

import os

from deploy_helpers import APIKEY

FLAGS = {
    "--url": "https://HOST/maximo",
    "--apikey-env": "MAXIMO_APIKEY",
    "--ca-bundle": "TLS is always verified",
    "--dry-run": "write nothing",
    "--uninstall": "remove what the bundle added",
}


def test_help_lists_the_flags_and_no_way_to_skip_tls(invoke_cli):
    result = invoke_cli("--help", "deploy")
    assert result.returncode == 0
    options = result.stdout.split("Options:", 1)[1]
    for flag, said in FLAGS.items():
        # Each flag with its help text, not only its name.
        assert flag in options
        section = options.split(flag, 1)[1].split("\n  -", 1)[0]
        assert " ".join(said.split()) in " ".join(section.split()), (flag, section)
    assert "Exit 0 done or nothing to do, 1 failed" in result.stdout
    for way_out in ("insecure", "no-verify", "verify=", "--no-tls"):
        assert way_out not in result.stdout


def test_missing_url_and_missing_key_exit_2(invoke_cli):
    no_url = invoke_cli("deploy")
    assert no_url.returncode == 2
    assert "deploy needs --url https://HOST/maximo" in no_url.stderr
    assert no_url.stdout == ""
    environ = {k: v for k, v in os.environ.items() if k != "MAXKIT_NO_SUCH_VAR"}
    no_key = invoke_cli(
        "deploy",
        "--url",
        "https://127.0.0.1:1/maximo",
        "--apikey-env",
        "MAXKIT_NO_SUCH_VAR",
        env=environ,
    )
    assert no_key.returncode == 2
    assert "MAXKIT_NO_SUCH_VAR holds no API key" in no_key.stderr
    assert "--apikey-env" in no_key.stderr  # how to name another variable
    assert no_key.stdout == ""  # refused before the plan: no request was made


def test_plain_http_and_a_missing_ca_file_are_refused_by_name(invoke_cli, tmp_path):
    env = dict(os.environ, MAXIMO_APIKEY=APIKEY)
    plain = invoke_cli("deploy", "--url", "http://manage.example/maximo", env=env)
    assert plain.returncode == 2
    assert "--url 'http://manage.example/maximo': https only" in plain.stderr
    assert plain.stdout == ""
    missing = tmp_path / "no-such-ca.pem"
    no_ca = invoke_cli(
        "deploy",
        "--url",
        "https://127.0.0.1:1/maximo",
        "--ca-bundle",
        str(missing),
        env=env,
    )
    assert no_ca.returncode == 1  # deploy could not start
    assert f"--ca-bundle {missing}: no such file" in no_ca.stderr
    assert "(nothing was written)" in no_ca.stderr
    assert no_ca.stdout == ""
    for result in (plain, no_ca):
        assert APIKEY not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr

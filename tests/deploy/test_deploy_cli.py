"""The invoke task: its help is the documentation, usage errors exit 2."""

from __future__ import annotations


def test_help_lists_the_flags_and_no_way_to_skip_tls(invoke_cli):
    result = invoke_cli("--help", "deploy")
    assert result.returncode == 0
    for flag in ("--url", "--apikey-env", "--ca-bundle", "--dry-run"):
        assert flag in result.stdout
    assert "insecure" not in result.stdout and "no-verify" not in result.stdout


def test_missing_url_and_missing_key_exit_2(invoke_cli):
    assert invoke_cli("deploy").returncode == 2
    result = invoke_cli(
        "deploy",
        "--url",
        "https://127.0.0.1:1/maximo",
        "--apikey-env",
        "MAXKIT_NO_SUCH_VAR",
    )
    assert result.returncode == 2
    assert "MAXKIT_NO_SUCH_VAR holds no API key" in result.stderr

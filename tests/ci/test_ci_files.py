"""The CI files a site adopting the bundle uses: valid YAML, the README's test command.

The README's fenced commands are the contract; the GitHub Actions workflow,
the GitLab CI file and ``.ci/run`` must run exactly its test command, so the
three cannot drift from what a person types on a fresh machine.
"""

from __future__ import annotations

import re

import pytest
import yaml

FENCE = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def readme_commands(root) -> list[str]:
    """The command lines of the README's first ``sh`` block (comments left out)."""
    block = FENCE.search((root / "README.md").read_text(encoding="utf-8"))
    assert block, "README.md has no ```sh block"
    lines = [line.strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def test_command(readme_commands) -> str:
    found = [line for line in readme_commands if line.endswith("invoke test")]
    assert len(found) == 1, readme_commands
    return found[0]


def test_readme_commands_use_the_clones_own_venv(readme_commands):
    assert readme_commands == [
        "bash tools/setup.sh && .venv/bin/invoke demo",
        "bash tools/setup.sh && .venv/bin/invoke test",
    ]


def test_github_workflow_runs_the_readme_test_command(root, test_command):
    workflow = yaml.safe_load(
        (root / ".github/workflows/test.yml").read_text(encoding="utf-8")
    )
    job = workflow["jobs"]["test"]
    assert job["runs-on"].startswith("ubuntu-")
    runs = [step for step in job["steps"] if "run" in step]
    testing = [step for step in runs if step["run"].strip() == test_command]
    assert len(testing) == 1, [step["run"] for step in runs]
    assert testing[0]["env"]["MAXKIT_REQUIRE_JYTHON"] == "1"
    assert "--junitxml=reports/junit.xml" in testing[0]["env"]["PYTEST_ADDOPTS"]
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/up")]
    assert uploads and uploads[0]["with"]["path"] == "reports/junit.xml"


def test_gitlab_ci_runs_the_readme_test_command_on_a_stock_image(root, test_command):
    config = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["test"]
    assert re.fullmatch(r"(debian|ubuntu):[\w.]+", job["image"])
    assert any(
        "apt-get install" in line and "python3-venv" in line
        for line in job["before_script"]
    )
    assert job["script"] == [test_command]
    assert job["variables"]["MAXKIT_REQUIRE_JYTHON"] == "1"
    assert "--junitxml=reports/junit.xml" in job["variables"]["PYTEST_ADDOPTS"]
    assert job["artifacts"]["reports"]["junit"] == "reports/junit.xml"


def test_ci_run_requires_jython_and_runs_the_readme_test_command(root, test_command):
    lines = (root / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert "set -euo pipefail" in lines
    assert "export MAXKIT_REQUIRE_JYTHON=1" in lines
    assert lines[-1] == test_command

"""Every scenario of the dialog action, run in the CPython runtime."""

from pathlib import Path

import pytest

from maxkit.runtime import run_action_job
from testkit.scenarios import check, load_scenarios, scenario_job

SCENARIOS = load_scenarios(Path(__file__).parent)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(bundle, scenario):
    record = run_action_job(scenario_job(bundle, scenario))
    assert check(scenario, record) == []


def test_every_rejection_sends_nothing(bundle):
    rejected = [s for s in SCENARIOS if s.data["expect"]["outcome"] == "rejected"]
    assert rejected
    for scenario in rejected:
        record = run_action_job(scenario_job(bundle, scenario))
        assert record["requests"] == [], scenario.id
        assert not record["dialog_closed"], scenario.id

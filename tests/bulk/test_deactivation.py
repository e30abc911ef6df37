"""A person who leaves loses the MAS user: the MASUSERSTATUS launch point marks,
the MASUSERBULK cron task deactivates; on the manage route the cron task also
gives persons their Manage users (CPython; tests/bulk/test_deactivation_jython.py
plays the same flows in Jython 2.7)."""

import pytest
from entitlement_flows import FLOWS as ENTITLEMENT_FLOWS
from leaver_flows import FLOWS as LEAVER_FLOWS
from leaver_flows import play
from manage_user_flows import FLOWS as MANAGE_USER_FLOWS
from outcome_flows import FLOWS as OUTCOME_FLOWS

from maxkit.runtime import run_cron_job, run_save_job

FLOWS = LEAVER_FLOWS + MANAGE_USER_FLOWS + OUTCOME_FLOWS + ENTITLEMENT_FLOWS


def run_cpython(jobs):
    return [(run_save_job if j["kind"] == "save" else run_cron_job)(j) for j in jobs]


@pytest.fixture(scope="module")
def played(bundle):
    return play(bundle, [flow for flow, _ in FLOWS], run_cpython)


@pytest.mark.parametrize("flow, check", FLOWS, ids=[f.name for f, _ in FLOWS])
def test_flow(played, flow, check):
    records = played[flow.name]
    for record in records:
        assert record["crashed"] is None, record["crashed"]
    check(records)

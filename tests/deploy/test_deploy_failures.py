"""A failure at any write leaves every object as before or as intended.

Each write of a small bundle (one object of each kind, and a script whose
launch point binds a variable) is failed in turn, in each of the three ways
a call fails: Maximo refuses it (and rolls back), the connection drops
before the server acts, or the server saves and the answer is lost. The
report must say exactly that, and the next deploy must finish the job.
"""

from __future__ import annotations

import pytest

from maxkit.bundle import load_bundle
from maxkit.deploy.plan import targets
from testkit.manage_standin import Fault, stock_records
from maxkit.bundle.settings import load_settings

MODES = ("error", "reset", "commit-then-reset")
# domain, property, message, library script, action script, its ACTION row
SMALL_WRITES = 6


def _script_consistent(manage) -> None:
    """A script on the server never lacks the variable its launch point binds."""
    for _, script in manage.store.find("mxscript", {}):
        names = {v["varname"] for v in script["autoscriptvars"]}
        for lp in script["scriptlaunchpoint"]:
            assert {v["varname"] for v in lp["launchpointvars"]} <= names
        if script["autoscript"] == "SMALLACT":
            assert [lp["launchpointname"] for lp in script["scriptlaunchpoint"]] == [
                "SMALLACT"
            ]
            assert [v["varname"] for v in script["autoscriptvars"]] == ["target"]


def test_the_small_bundle_has_the_writes_the_cases_assume(small_bundle):
    bundle = load_bundle(small_bundle)
    assert len(targets(bundle, load_settings(small_bundle))) == SMALL_WRITES


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("nth", range(1, SMALL_WRITES + 1))
def test_failure_at_each_create(run, manage, small_bundle, mode, nth):
    manage.faults.add(Fault(writes_only=True, nth=nth, mode=mode))
    code = run(root=small_bundle)
    _script_consistent(manage)
    if mode == "commit-then-reset":
        assert code == 0
        assert "the answer was lost, but the server has it as intended" in run.text
        assert f"{SMALL_WRITES} written and verified, 0 failed" in run.text
    else:
        assert code == 1
        assert (
            f"{nth - 1} written and verified, 1 failed,"
            f" {SMALL_WRITES - nth} not attempted" in run.text
        )
        assert "now as before on the server" in run.text
        assert "Nothing is half-written" in run.text
        stored = sum(len(manage.store.find(s, {})) for s in manage.store.records)
        assert stored == nth - 1 + len(stock_records())
    manage.faults.clear()
    assert run(root=small_bundle) == 0
    manage.reset_calls()
    assert run(root=small_bundle) == 0 and manage.writes() == []


@pytest.mark.parametrize("mode", MODES)
def test_failed_update_keeps_the_old_script_whole(run, manage, small_bundle, mode):
    run(root=small_bundle)
    path = small_bundle / "scripts" / "SMALLACT.py"
    text = path.read_text()
    path.write_text(text.replace('"varBindingValue": "B"', '"varBindingValue": "C"'))
    ((_, before),) = manage.store.find("mxscript", {"autoscript": "SMALLACT"})
    manage.faults.add(Fault(method="PATCH", structure="mxscript", mode=mode))
    code = run(root=small_bundle)
    _script_consistent(manage)
    ((_, after),) = manage.store.find("mxscript", {"autoscript": "SMALLACT"})
    lp_value = after["scriptlaunchpoint"][0]["launchpointvars"][0]["varbindingvalue"]
    if mode == "commit-then-reset":
        assert code == 0 and lp_value == "C"
    else:
        assert code == 1 and after == before and lp_value == "B"
        assert "FAILED         update script SMALLACT: now as before" in run.text


def test_maximo_refusal_is_shown_with_reason_code_and_advice(run, manage, small_bundle):
    manage.faults.add(
        Fault(
            structure="mxscript",
            writes_only=True,
            status=403,
            reason="BMXAA9051E",
            message="BMXAA9051E - You are not authorized to perform this action.",
        )
    )
    assert run(root=small_bundle) == 1
    assert "HTTP 403 BMXAA9051E" in run.text
    assert "Security Groups > Object Structures" in run.text
    assert "3 written and verified, 1 failed, 2 not attempted" in run.text


def test_a_rule_maximo_enforces_rolls_back_the_whole_script(manage):
    """The stand-in refuses a launch point variable without its script variable."""
    body = {
        "autoscript": "BROKEN",
        "autoscriptvars": [],
        "scriptlaunchpoint": [
            {
                "launchpointname": "BROKEN",
                "launchpointtype": "ACTION",
                "actionname": "BROKEN",
                "launchpointvars": [{"varname": "missing", "varbindingvalue": "x"}],
            }
        ],
    }
    with pytest.raises(Exception) as refused:
        manage.store.create("mxscript", body)
    assert "no script variables" in str(refused.value)
    assert manage.store.find("mxscript", {"autoscript": "BROKEN"}) == []


@pytest.mark.parametrize("kind_index", range(4))
def test_failure_in_each_kind_of_the_real_bundle(run, manage, kind_index):
    structure = ["mxapidomain", "mxapimaxprop", "mxapimessage", "mxscript"][kind_index]
    manage.faults.add(Fault(method="POST", structure=structure, nth=1))
    assert run() == 1
    failed = [line for line in run.lines if line.startswith("  FAILED")]
    assert len(failed) == 1 and "now as before on the server" in failed[0]
    for later in ["mxapidomain", "mxapimaxprop", "mxapimessage", "mxscript"][
        kind_index + 1 :
    ]:
        assert manage.store.find(later, {}) == []
    manage.faults.clear()
    assert run() == 0

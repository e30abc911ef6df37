"""The action against hostile MAS answers, settings and dialog values.

Every run keeps the invariants of ``battery.problems``: a declared Maximo
message, never a stack trace or a secret, nothing sent when rejected, the
deadline kept. CPython runs the hypothesis strategies on every test run; real
Jython runs a fixed sample (``battery.fixed_sample``) in the one JVM of
tests/jython/test_scenario_parity.py and must answer exactly as CPython.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from battery import answers, dialog_values, job, long_answers, problems
from battery import settings as site_settings
from maxkit.runtime import run_action_job


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    answer_list=st.lists(answers, min_size=1, max_size=4),
    properties=site_settings,
    access_type=dialog_values,
    entitlement=dialog_values,
)
def test_any_answer_setting_or_dialog_value_keeps_the_invariants(
    answer_list, properties, access_type, entitlement
):
    record = run_action_job(job(answer_list, properties, access_type, entitlement))
    assert problems(record) == []


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answer_list=st.lists(long_answers, min_size=1, max_size=3))
def test_a_long_answer_is_shown_bounded_within_the_deadline(answer_list):
    """Valid dialog values, so that the answer is read: whatever its status and
    length, the message and the log are bounded and the deadline is kept."""
    record = run_action_job(job(answer_list, {}, "Concurrent", "BASE"))
    assert problems(record) == []


def test_the_invariants_can_fail():
    """The checker itself: a crash, a secret and an overrun are all reported."""
    base = run_action_job(
        job([{"status": 200, "body": "auto"}], {}, "Concurrent", "BASE")
    )
    assert problems(base) == []
    assert problems({**base, "crashed": "Traceback ..."})
    leaked = {**base, "log": base["log"] + [{"text": "https://u:p@host"}]}
    assert problems(leaked) == [
        "a secret is shown ('u:p@')",
        "a secret is shown (':p@')",
    ]
    assert problems({**base, "seconds": 99.0}) == ["took 99.00 s"]

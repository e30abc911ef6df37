"""The dialog action on the sample person against a live endpoint, as the
simulate tests run it."""

from maxkit.simulate import simulate
from testkit.scenarios import plain_http

JDOE = "tools/samples/persons/jdoe.json"


def run_jdoe(root, endpoint, properties=()):
    """(exit code, printed JSON) of the action on JDOE (Concurrent, BASE)."""
    return simulate(
        root,
        str(root / JDOE),
        "Concurrent",
        "BASE",
        endpoint=endpoint,
        properties=list(properties)
        + [f"{k}={v}" for k, v in plain_http(endpoint).items()],
    )

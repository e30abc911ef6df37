"""``simulate --persons FILE``: the MASUSERBULK cron task as one job.

The persons file is a JSON array of person objects (PERSON attributes, the
same shape as ``--person``); they become the PERSON table of a fake Maximo,
and the cron script runs once as a cron task instance whose SCRIPTARG is built
from ``--access-type``, ``--entitlement`` and ``--where``.
"""

from __future__ import annotations

from maxkit.errors import UsageError
from maxkit.simulate.persons import check_text

CRON_SCRIPT = "MASUSERBULK"
INSTANCE = "MASUSERBULK01"


def script_arg(access_type: str, entitlement: str, where: str | None) -> str:
    """The cron task instance's SCRIPTARG for these choices.

    ``;`` separates SCRIPTARG's values and ``=`` names them, so a dialog value
    holding either would become another value (``Concurrent;where=1=1``): it
    is refused. The where clause comes last and may hold both.
    """
    for flag, value in (("--access-type", access_type), ("--entitlement", entitlement)):
        for char in ";=":
            if char in value:
                raise UsageError(
                    f"{flag} {value!r}: {char!r} is not allowed (SCRIPTARG"
                    " separates its values with ';' and names them with '=')"
                )
    arg = f"accesstype={access_type};entitlement={entitlement}"
    return arg + (f";where={where}" if where else "")


def check_where(where: str | None, attributes: dict[str, dict]) -> None:
    """``--where`` must be a clause the fake can evaluate, on PERSON's attributes."""
    if where is None:
        return
    check_text("--where", where)
    from maxkit.runtime import FakeMaximoError
    from maxfake.where import compile_where, where_attributes

    try:
        compile_where(where)
        names = where_attributes(where)
    except FakeMaximoError:
        raise UsageError(
            f"--where {where!r}: not a where clause the simulation evaluates; write"
            " ATTR = 'value', ATTR in ('a', 'b') or ATTR is null, joined with and"
        ) from None
    unknown = sorted(set(names) - set(attributes))
    if unknown:
        raise UsageError(
            f"--where {where!r}: {', '.join(unknown)} is not an attribute of PERSON"
        )


def bulk_job(
    spec: dict, persons: list[dict], access_type: str, entitlement: str, where=None
) -> dict:
    """The cron job: the world with ``persons`` as its PERSON table."""
    spec = dict(spec, tables=dict(spec.get("tables") or {}, PERSON=persons))
    return {
        "spec": spec,
        "arg": script_arg(access_type, entitlement, where),
        "instance": INSTANCE,
        "script": CRON_SCRIPT,
    }

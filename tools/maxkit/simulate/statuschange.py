"""A person's status changed and saved, as the People application or an
integration feed does it: the job that plays it in the fake Maximo.

The PERSON table holds the persons; the one named gets its new STATUS with
``changeStatus`` (the People application's Change Status action: Manage's
own cascade makes the person's users inactive with it) and is saved, so the
OBJECT launch point MASUSERSTATUS (before save) runs on it, as Manage runs
it. ``direct`` stands for a status written by SQL, or before the bundle was
installed: the row changes, nothing runs and nothing cascades. The record that comes back (see
``run_save_job``) holds the table as the save left it: the MASSYNC* marks a
later MASUSERBULK run (``maxkit.simulate.bulk_job`` on the same table)
carries out.
"""

from __future__ import annotations

from maxkit.errors import UsageError

SAVE_SCRIPT = "MASUSERSTATUS"
STATUS_DOMAIN = "PERSONSTATUS"


def check_status(status: str, synonyms: dict[str, list[dict]]) -> None:
    """``--status-change`` must be a value of PERSONSTATUS, as the People
    application offers them: a person's STATUS holds nothing else."""
    values = [row["value"] for row in synonyms.get(STATUS_DOMAIN) or []]
    if status not in values:
        raise UsageError(
            f"--status-change {status!r}: not a value of {STATUS_DOMAIN}; choose"
            f" one of {', '.join(values)}"
        )


def status_change_job(
    spec: dict,
    persons: list[dict],
    personid: str,
    status: str,
    direct: bool = False,
    **tables,
) -> dict:
    """The job of ``run_save_job``: ``personid`` of ``persons`` gets ``status``.

    ``spec["user"]`` is the user who changes it; ``tables`` are further
    tables of the world (e.g. ``MAXUSER``: the users MAS synced to Manage).
    """
    all_tables = dict(spec.get("tables") or {}, PERSON=persons)
    all_tables.update(tables)
    return {
        "spec": dict(spec, tables=all_tables),
        "personid": personid,
        "changes": {"STATUS": status},
        "script": SAVE_SCRIPT,
        "kind": "save",
        "direct": direct,
    }

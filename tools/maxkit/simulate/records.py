"""Records of the simulated Manage: what it holds before a run (``--data``)
and the users MAS's user sync writes into it after the action (``--sync``).

Both are read by the rules of a person file (:mod:`~maxkit.simulate.persons`)
and checked against the data dictionary with Maximo's spelling (upper-case
object and attribute names) before anything runs, so a typo is a usage error
naming the flag, the object and the attribute, never a record the scripts
silently miss.
"""

from __future__ import annotations

from maxkit.errors import UsageError
from maxkit.simulate.persons import check_text, load_json, record_values
from maxkit.worldspec import TablesError, check_tables

DATA_EXAMPLE = '{"MAXGROUP": [{"GROUPNAME": "MAINT"}]}'
ROUTE_PROPERTY = "masuser.route"
# The route on which the action writes the MAXUSER itself: no sync to play.
MANAGE_ROUTE = "manage"


def read_data(path: str, objects: dict[str, dict]) -> dict[str, list[dict]]:
    """The records of a ``--data`` file: {OBJECT: [record, ...]}."""
    where = f"--data {path}"
    data = load_json(path, "--data")
    if not isinstance(data, dict):
        raise UsageError(
            f"{where}: expected a JSON object of records by object, e.g. {DATA_EXAMPLE}"
        )
    return checked_records(where, data, objects)


def read_sync(path: str, objects: dict[str, dict]) -> list[dict]:
    """The MAXUSER records of a ``--sync`` file, in the order MAS syncs them."""
    where = f"--sync {path}"
    rows = load_json(path, "--sync")
    if not isinstance(rows, list) or not rows:
        raise UsageError(
            f"{where}: expected a non-empty JSON array of MAXUSER records"
            " (the users MAS's sync creates in Manage)"
        )
    return checked_records(where, {"MAXUSER": rows}, objects)["MAXUSER"]


def checked_records(where: str, data: dict, objects: dict[str, dict]) -> dict:
    """``data`` checked: names against the data dictionary, each value by the
    rules of a person file."""
    for name, rows in data.items():
        check_text(f"{where}: object name {ascii(name)}", name)
        for row in rows if isinstance(rows, list) else []:
            for attribute in row if isinstance(row, dict) else []:
                check_text(
                    f"{where}: {name}: attribute name {ascii(attribute)}", attribute
                )
    try:
        check_tables(data, objects, exact_case=True)
    except TablesError as problem:
        raise UsageError(f"{where}: {problem}") from None
    return {
        name: [
            record_values(row, f"{where}: {name} record {index}", objects[name], name)
            for index, row in enumerate(rows, 1)
        ]
        for name, rows in data.items()
    }


def with_person(tables: dict, person: dict, data: str | None) -> dict:
    """The tables with the person of ``--person`` as a PERSON record, as the
    dialog and a save run on a record Manage holds; a ``--data`` PERSON
    record with the same PERSONID is refused (which one would be the person?)."""
    people = list(tables.get("PERSON") or [])
    personid = _key(person.get("PERSONID"))
    for index, row in enumerate(people, 1):
        if personid is not None and _key(row.get("PERSONID")) == personid:
            raise UsageError(
                f"--data {data}: PERSON record {index} is the person of --person"
                f" ({person['PERSONID']}); give that person once, in --person"
            )
    return {**tables, "PERSON": [*people, dict(person)]}


def without_persons(tables: dict, data: str | None) -> dict:
    """The tables of a ``--persons`` run: its persons come from that file only."""
    if "PERSON" in tables:
        raise UsageError(
            f"--data {data}: PERSON records go in the --persons file, not in --data"
        )
    return tables


def check_sync_route(properties: dict) -> None:
    """``--sync`` plays MAS creating the MAXUSER the action asked for, which
    the internal API route leaves to MAS (a route value the script refuses is
    the script's to answer)."""
    if (properties.get(ROUTE_PROPERTY) or "").strip() == MANAGE_ROUTE:
        raise UsageError(
            f"--sync: with --property {ROUTE_PROPERTY}={MANAGE_ROUTE} the action"
            " writes the MAXUSER itself; MAS's user sync plays only on the"
            " internalapi route"
        )


def _key(personid):
    return None if personid is None else personid.strip().upper()

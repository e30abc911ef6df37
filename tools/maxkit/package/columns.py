"""The package checked against Maximo's data dictionary, before it is written.

A DBC ``insert`` becomes SQL: a column the table lacks (a non-persistent
attribute such as MAXMESSAGES.MSGIDPREFIX) or a required column left out
fails the statement and every statement after it in ``updatedb``. MIF and
REST go through the business objects, where non-persistent attributes are
fine but an attribute the object does not have is refused. Each function
returns the problems as text; an empty list means the output fits.
"""

from __future__ import annotations

from lxml import etree

from maxkit.dictionary import MaxObject, data_dictionary
from maxkit.bundle.structures import KINDS, Child

MAXIMO_NS = "{http://www.ibm.com/maximo}"


def _object(name: str, where: str, problems: list[str]) -> MaxObject | None:
    found = data_dictionary().get(name)
    if found is None:
        problems.append(f"{where}: {name} is not in the data dictionary")
    return found


def dbc_problems(dbc: bytes) -> list[str]:
    """Every insert row: database columns only, every required one filled."""
    problems: list[str] = []
    root = etree.fromstring(dbc)
    for insert in root.iter("insert"):
        table = insert.get("table", "")
        where = f"line {insert.sourceline}: insert into {table}"
        obj = _object(table, where, problems)
        if obj is None:
            continue
        for number, row in enumerate(insert, 1):
            given = {}
            for value in row:
                given[value.get("column", "")] = (
                    value.get("string")
                    if value.get("string") is not None
                    else value.get("boolean")
                    or value.get("number")
                    or value.get("fromcolumn")
                )
            at = f"{where}, row {number}"
            not_columns = sorted(c for c in given if c not in obj.columns)
            missing = sorted(obj.required_columns - set(given))
            empty = sorted(c for c, v in given.items() if v in (None, ""))
            if not_columns:
                problems.append(
                    f"{at}: {', '.join(not_columns)} not a column of {table}"
                )
            if missing:
                problems.append(
                    f"{at}: required column(s) {', '.join(missing)} missing"
                )
            if empty:
                problems.append(f"{at}: column(s) {', '.join(empty)} given no value")
    return problems


def _record_problems(
    obj_name: str, record: dict, children: tuple[Child, ...], where: str, out: list
):
    obj = _object(obj_name, where, out)
    if obj is None:
        return
    by_name = {c.name: c for c in children}
    for name, value in record.items():
        if name in by_name:
            child = by_name[name]
            for row in value:
                _record_problems(child.object, row, child.children, where, out)
        elif name.upper() not in obj.attributes:
            out.append(f"{where}: {name.upper()} is not an attribute of {obj_name}")


def record_problems(kind: str, record: dict, where: str) -> list[str]:
    """A REST body (lower-case names, children as lists) against its objects."""
    problems: list[str] = []
    spec = KINDS[kind]
    _record_problems(spec.object, record, spec.children, where, problems)
    return problems


def mif_problems(kind: str, document: bytes, where: str) -> list[str]:
    """A Sync message: every element is an attribute or child of its object."""
    spec = KINDS[kind]
    problems: list[str] = []

    def walk(element, obj_name: str, children: tuple[Child, ...]):
        obj = _object(obj_name, where, problems)
        if obj is None:
            return
        by_object = {c.object: c for c in children}
        for child in element:
            name = child.tag[len(MAXIMO_NS) :]
            if name in by_object:
                walk(child, name, by_object[name].children)
            elif name not in obj.attributes:
                problems.append(
                    f"{where} line {child.sourceline}: {name} is not an attribute"
                    f" of {obj_name}"
                )

    (record_set,) = etree.fromstring(document)
    for main in record_set:
        walk(main, spec.object, spec.children)
    return problems

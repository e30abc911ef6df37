"""REST JSON bodies for ``/maximo/api/os/<os>``, and the order to send them.

Each body is one record, attribute names lower-case as the JSON API expects
with ``lean=1``; child objects are arrays named after the relationship.
``requests.json`` lists method, path and body file in import order so a
person with curl, Postman or a CI job can replay exactly what deploy sends:
``find`` (GET by the record's key) tells whether to ``create`` or ``update``
its ``href``. A record the package only adds children to (Maximo's own
automation script logger) has no ``create``: it is found and updated, and a
MERGE leaves its own values and its other children as they are.
"""

from __future__ import annotations

import json

from maxkit.bundle.structures import KINDS, ORDER, object_structure

# Kinds whose record is Maximo's own and must exist: only updated.
UPDATE_ONLY = ("parentlogger",)


def dumps(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rest_files(records: dict[str, list[dict]], settings) -> dict[str, bytes]:
    """``rest/...`` file name -> bytes, numbered in the order to send them."""
    files = {}
    requests = []
    number = 0
    for kind in ORDER:
        structure = object_structure(kind, settings).lower()
        for record in records[kind]:
            number += 1
            label = KINDS[kind].label(record).replace("/", "_")
            name = f"rest/{number:02d}-{structure}-{label}.json"
            files[name] = dumps(record)
            key = dict(zip(KINDS[kind].key, KINDS[kind].key_of(record)))
            request = {"kind": kind, "key": key, "find": _find(structure, key)}
            if kind not in UPDATE_ONLY:
                request["create"] = {
                    "method": "POST",
                    "path": f"/maximo/api/os/{structure}?lean=1",
                }
            requests.append(
                {
                    **request,
                    "update": {
                        "method": "POST",
                        "path": "<href of the record>?lean=1",
                        "headers": {
                            "x-method-override": "PATCH",
                            "patchtype": "MERGE",
                        },
                    },
                    "body": name,
                }
            )
    files["rest/requests.json"] = dumps(requests)
    return files


def _find(structure: str, key: dict) -> dict:
    """The GET that finds a record's ``href`` by its key (query parameters
    unencoded: the client encodes them)."""
    where = " and ".join(f'{k}="{v}"' for k, v in key.items())
    return {
        "method": "GET",
        "path": f"/maximo/api/os/{structure}",
        "params": {"lean": "1", "oslc.where": where, "oslc.select": "href"},
    }

"""REST JSON bodies for ``/maximo/api/os/<os>``, and the order to send them.

Each body is one record, attribute names lower-case as the JSON API expects
with ``lean=1``; child objects are arrays named after the relationship.
``requests.json`` lists method, path and body file in import order so a
person with curl, Postman or a CI job can replay exactly what deploy sends.
"""

from __future__ import annotations

import json

from maxkit.bundle.structures import KINDS, ORDER


def dumps(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rest_files(records: dict[str, list[dict]], settings) -> dict[str, bytes]:
    """``rest/...`` file name -> bytes, numbered in the order to send them."""
    files = {}
    requests = []
    number = 0
    for kind in ORDER:
        structure = settings.object_structures[kind].lower()
        for record in records[kind]:
            number += 1
            label = KINDS[kind].label(record).replace("/", "_")
            name = f"rest/{number:02d}-{structure}-{label}.json"
            files[name] = dumps(record)
            requests.append(
                {
                    "kind": kind,
                    "key": dict(zip(KINDS[kind].key, KINDS[kind].key_of(record))),
                    "create": {
                        "method": "POST",
                        "path": f"/maximo/api/os/{structure}?lean=1",
                    },
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

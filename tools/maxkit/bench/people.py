"""The synthetic persons every flow of the benchmark sends: same data, same ids."""

from __future__ import annotations


def bench_persons(count: int) -> list[dict]:
    """``count`` active, valid PERSON records with unique ids and emails."""
    return [
        {
            "PERSONID": f"BENCH{number:05d}",
            "STATUS": "ACTIVE",
            "FIRSTNAME": "Zoë",
            "LASTNAME": f"Person {number}",
            "TITLE": "Technician",
            "PRIMARYEMAIL": f"bench{number:05d}@example.com",
            "PRIMARYPHONE": "+1 555 0100",
            "CITY": "Springfield",
            "COUNTRY": "US",
        }
        for number in range(count)
    ]

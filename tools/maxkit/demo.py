"""``invoke demo``: the whole round trip on this machine, with nothing to set up.

It starts the MAS emulator with mutual TLS, runs the dialog action in real
Jython 2.7 on a sample person (posting to the emulator over HTTPS, TLS
verified, with the client certificate the script's own settings name: the
emulator's PKCS12 store and its generated password, as system properties),
then reads the user back as MAS now holds it.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from maxkit.emulator import Emulator
from maxkit.simulate import client_cert_properties, simulate

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "persons" / "jdoe.json"


def read_user(emulator: Emulator, user_id: str) -> dict:
    request = urllib.request.Request(f"{emulator.base_url}/v3/users/{user_id}")
    context = emulator.client_ssl_context()
    with urllib.request.urlopen(request, context=context, timeout=10) as answer:
        return json.loads(answer.read().decode("utf-8"))


def demo(
    root: Path,
    person: str | None = None,
    access_type: str = "Authorized",
    entitlement: str = "PREMIUM",
    runtime: str = "jython",
    say=print,
) -> int:
    person = person or str(SAMPLE)
    with Emulator(tls=True) as emulator:
        say(f"1. MAS emulator (mutual TLS) at {emulator.base_url}")
        say(
            "   client certificate: the masuser.api.clientcert.* settings"
            f" (store {Path(str(emulator.client_p12)).name}, PKCS12, password not shown)"
        )
        say(
            f"2. Create or Update MAS User on {Path(person).name} "
            f"({access_type}, {entitlement}) in {runtime}"
        )
        code, result = simulate(
            root,
            person,
            access_type,
            entitlement,
            endpoint=emulator.base_url,
            properties=client_cert_properties(
                emulator.client_p12, str(emulator.p12_password)
            ),
            runtime=runtime,
            ca_file=str(emulator.ca_pem),
        )
        message = result["message"] or {}
        say(f"   outcome: {result['outcome']}: {message.get('text', '')}")
        for entry in result["log"]:
            say(f"   log {entry['level']}: {entry['text']}")
        if result["outcome"] != "success":
            return code
        user_id = result["requests"][-1]["body"]
        user_id = (user_id["users"] if isinstance(user_id, dict) else user_id)[0]["id"]
        say(f"3. GET /v3/users/{user_id}: the user as MAS now holds it")
        say(json.dumps(read_user(emulator, user_id), ensure_ascii=False, indent=2))
    return code

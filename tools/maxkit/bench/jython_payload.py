"""Time the payload build of the library script that owns it in real Jython 2.7.

Usage: ``jython jython_payload.py SITEPATH SPEC.json COUNT RESULT.json LIBRARY``.
``LIBRARY`` is the library script that defines buildUser; its functions, and
those of the libraries below it, are obtained as a library script above it
obtains them: one ``service.invokeScript(LIBRARY, "exports", [])``.
``SITEPATH`` is the fake Maximo (``runtime/sitepath/maximo``): psdi.* and the
fake's world; java.* and com.ibm.json.java are the JVM's real classes (JSON4J
look-alikes compiled with javac, on the class path). For each of COUNT persons
the library reads the record, validates it and builds the MAS user; every 100
users become one bulk body, serialized to UTF-8 bytes as the request sends
it. A warm-up round runs first, so the JIT has compiled the hot paths.

Python 2/3-compatible subset: no f-strings, no annotations.
"""

from __future__ import unicode_literals

import io
import json
import sys

CHUNK = 100
ACCESS_TYPE = "Authorized"
ENTITLEMENT = "BASE"


def persons(world, count, offset):
    from psdi.mbo import Mbo

    made = []
    for number in range(offset, offset + count):
        made.append(
            Mbo(
                world,
                "PERSON",
                {
                    "PERSONID": "BENCH%06d" % number,
                    "STATUS": "ACTIVE",
                    "FIRSTNAME": "Zo\u00eb",
                    "LASTNAME": "Person %d" % number,
                    "TITLE": "Technician",
                    "PRIMARYEMAIL": "bench%06d@example.com" % number,
                    "PRIMARYPHONE": "+1 555 0100",
                    "CITY": "Springfield",
                    "COUNTRY": "US",
                },
            )
        )
    return made


def build_all(library, settings, mbos):
    """readPerson + validatePerson + buildUser per person; one body per chunk."""
    from java.lang import String

    size = 0
    users = []
    for mbo in mbos:
        person = library["readPerson"](mbo)
        problem = library["validatePerson"](mbo, person)
        if problem:
            raise RuntimeError("invalid bench person: %r" % (problem,))
        users.append(library["buildUser"](person, ACCESS_TYPE, ENTITLEMENT, settings))
        if len(users) == CHUNK:
            body = library["buildBody"](users, settings)
            size += len(String(body.serialize()).getBytes("UTF-8"))
            users = []
    if users:
        body = library["buildBody"](users, settings)
        size += len(String(body.serialize()).getBytes("UTF-8"))
    return size


def main(argv):
    sitepath, spec_path, count, result_path = argv[1], argv[2], int(argv[3]), argv[4]
    name = argv[5]
    sys.path.insert(0, sitepath)
    from java.lang import System
    from maxfake import world as current
    from maxfake.runner import Runner
    from maxfake.world import World

    with io.open(spec_path, encoding="utf-8") as stream:
        spec = json.loads(stream.read())
    world = World(spec)
    current.activate(world)
    library = Runner(world).call_function(name, "exports", [])
    settings, problem = library["readSettings"]()
    if problem:
        raise RuntimeError("settings: %r" % (problem,))
    build_all(library, settings, persons(world, max(count // 5, CHUNK), 0))
    timed = persons(world, count, count)
    started = System.nanoTime()
    size = build_all(library, settings, timed)
    elapsed = System.nanoTime() - started
    result = {
        "persons": count,
        "us_per_person": elapsed / 1000.0 / count,
        "bytes": size,
        "jython": sys.version.split()[0],
        "java": System.getProperty("java.version"),
    }
    with io.open(result_path, "w", encoding="utf-8") as stream:
        stream.write("%s" % json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

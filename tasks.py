"""The project's front door: ``invoke --list`` shows the tasks, ``invoke --help TASK`` their flags."""

import os
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

from maxkit import cli  # noqa: E402 - needs tools/ on the path

BLACK_PATHS = ["scripts", "tools", "tests", "tasks.py"]

cli.exit_2_on_parse_errors()


@task(
    iterable=["property"],
    help={
        "person": "JSON file of PERSON attributes (upper-case names); absent ones are null",
        "access-type": "the dialog's Access Type (Concurrent or Authorized)",
        "entitlement": "the dialog's Entitlement (NONE, SELF_SERVICE, LIMITED, BASE, PREMIUM)",
        "endpoint": "MAS internal API base URL; posts to it over real HTTP(S). "
        "Default: an in-process 200 answer",
        "property": "system property NAME=VALUE (repeatable), e.g. masuser.api.envelope=users",
        "runtime": "where the scripts run: cpython (the fake runtime, in process) "
        "or jython (real Jython 2.7 in one JVM, real java.util and JSON4J classes)",
        "persons": "instead of --person: a JSON array of person objects; runs the"
        " MASUSERBULK cron task once on them (--access-type and --entitlement are"
        " its instance's SCRIPTARG values)",
        "where": "with --persons: the cron task's where clause on PERSON, e.g."
        " \"status = 'ACTIVE'\" (default: every person)",
        "data": "JSON file of the records Manage holds before the run, by object:"
        ' {"MAXGROUP": [{"GROUPNAME": "MAINT"}], "MAXUSER": [...]}'
        " (upper-case names; the --person is a PERSON record of its own)",
        "sync": "with --person, internalapi route: JSON array of MAXUSER records"
        " MAS's user sync creates after the action (its launch points fire:"
        " pending groups land); the result gains synced and sync_error",
        "status-change": "with --person only: save the person with STATUS set to"
        " this value, as the People application or a feed does (the MASUSERSTATUS"
        " launch point runs); no dialog, so no --access-type or --entitlement",
        "resync": "with --person only: run Resync MAS User (Select Action of the People"
        " application) instead of the dialog: the person's MASACCESSTYPE and"
        " MASENTITLEMENT (in the person file or --data) are made again; no"
        " --access-type or --entitlement",
        "drift": "with --persons only: the MASUSERBULK drift report (SCRIPTARG"
        " mode=drift): each person compared with its Manage user, the findings in"
        " persons[].drift (MASDRIFT); changes nothing else; no --access-type or"
        " --entitlement",
    },
)
def simulate(
    c,
    person=None,
    access_type=None,
    entitlement=None,
    endpoint=None,
    property=None,
    runtime="cpython",
    persons=None,
    where=None,
    data=None,
    sync=None,
    status_change=None,
    resync=False,
    drift=False,
):
    """Run the "Create or Update MAS User" action on a person file; print one JSON object.

    Exit code 0 on success, 1 when rejected (validation, no request) or failed
    (the request failed), 2 on a usage error. For an https endpoint, TLS is
    verified: MAXKIT_CA_BUNDLE names the CA file. A client certificate for
    mutual TLS is the script's setting: --property
    masuser.api.clientcert.store=FILE.p12 and masuser.api.clientcert.password=...

    With --persons FILE instead of --person, runs the MASUSERBULK cron task
    once on the persons of FILE (chunks of masuser.bulk.chunksize, one bulk
    request each) and prints one JSON object: outcome, counts, summary (the
    run's log line), persons (each one's MASSYNCSTATE, MASSYNCDATE and
    MASSYNCERROR after the run), requests, saved and log.

    Every result has saved: {OBJECT: [record as saved, ...]}, what the run
    added or changed in Manage ({} when nothing; never anything when
    rejected or failed). --data FILE gives the records Manage holds before
    the run; --sync FILE plays MAS's user sync creating MAXUSER records after
    the action (result: synced, sync_error); --status-change STATUS saves the
    person of --person with that STATUS (outcome success when saved; requests
    [] as nothing is sent at save time: the next --persons run deactivates);
    --resync runs Resync MAS User on the person of --person (its recorded
    MASACCESSTYPE and MASENTITLEMENT; message resyncNoChoice, exit 1, when
    it has none). A success records the outcome on the person (saved.PERSON:
    MASSYNCSTATE DONE, MASACCESSTYPE, MASENTITLEMENT).
    """
    from maxkit.simulate import command

    code, result = cli.run(
        command,
        ROOT,
        os.environ,
        person=person,
        persons=persons,
        access_type=access_type,
        entitlement=entitlement,
        where=where,
        endpoint=endpoint,
        properties=property,
        runtime=runtime,
        data=data,
        sync=sync,
        status_change=status_change,
        resync=resync,
        drift=drift,
    )
    cli.print_json(result)
    cli.finish(code)


@task(
    help={
        "app-xml": "an application exported from Application Designer (e.g. PERSON.xml);"
        " writes presentation/PERSON.xml with the dialog merged in (idempotent)",
    }
)
def package(c, app_xml=None):
    """Build dist/<name>-<version>.zip and the same tree unpacked (version from pyproject.toml).

    Inside: MIF import XML (mif/), REST JSON bodies and their order (rest/),
    DBC script and product XML (dbc/), the dialog XML (presentation/),
    IMPORT.md (import order per route, checks afterwards) and manifest.json.
    Two builds from the same sources are byte-identical.
    """
    import hashlib

    from maxkit.package import build_package

    result = cli.run(build_package, ROOT, app_xml=app_xml)
    digest = hashlib.sha256(result.zip_path.read_bytes()).hexdigest()
    print(f"{result.zip_path.relative_to(ROOT)}  sha256 {digest}")
    print(
        f"{result.tree.relative_to(ROOT)}/  {len(result.files)} files; read IMPORT.md"
    )


@task(
    help={
        "url": "the Manage base URL, https://HOST/maximo (https only)",
        "apikey-env": "environment variable holding the API key (default MAXIMO_APIKEY);"
        " the key is sent as the apikey header, never printed",
        "ca-bundle": "PEM file of the CA that signed Manage's certificate (private CAs);"
        " TLS is always verified",
        "dry-run": "read the server and print the plan; write nothing",
        "uninstall": "remove what the bundle added (its own records only, reverse"
        " order); with --dry-run, print what would go",
    }
)
def deploy(
    c,
    url=None,
    apikey_env="MAXIMO_APIKEY",
    ca_bundle=None,
    dry_run=False,
    uninstall=False,
):
    """Deploy the bundle to Manage over REST: plan, apply, verify (or --uninstall).

    Reads what the server has and prints a plan (create / update / unchanged
    per domain, property, message, script logger, script and launch point,
    action, cron task, signature option with its WFACTION flag, grant, Select
    Action entry, saved query, and the application's presentation with the
    dialog and sections merged in); then writes, one request per object (a
    script with its variables and launch points in the same request) and reads
    each back. A second deploy of the same bundle writes nothing. The PERSON
    attributes are database configuration: they come with the customization
    archive of `invoke package` (docs/install.md). --uninstall removes, in
    reverse order, the records the bundle adds (found by their own keys, never
    a site's other records) and takes the dialog and sections out of the
    presentation; a domain an attribute still uses is kept.
    Exit 0 done or nothing to do, 1 failed (the report says what was done),
    2 usage error.
    """
    from maxkit.deploy import deploy as run

    cli.finish(
        cli.run(
            run,
            ROOT,
            url,
            apikey_env,
            ca_bundle,
            dry_run,
            uninstall=uninstall,
        )
    )


@task(
    help={
        "persons": "how many synthetic persons each flow sends (default 500)",
        "latency-ms": "latency the MAS emulator adds to every request (default 10)",
        "chunk": "users per bulk request of the cron task (default 100)",
        "jython-persons": "persons for the Jython payload build cost (default 10000;"
        " 0 skips it, e.g. where Java or Jython is missing)",
        "replay": "replay IBM's per-user request sequence instead of running mas-devops",
        "scale": "instead: MASUSERBULK in real Jython on 1,000, 10,000 and 100,000"
        " persons; µs/person, requests and the heap the run held, per size",
        "scale-sizes": "with --scale: comma-separated person counts"
        " (default 1000,10000,100000)",
        "scale-repeats": "with --scale: runs of each size, the best reported"
        " (default 0: 5 at 1k, 2 at 10k, 1 at 100k)",
        "route": "with --scale: internalapi (the default: bulk requests to an"
        " in-process MAS) or manage (masuser.route manage: users written in Manage)",
        "record": "with --scale: write the run into docs/bench/scale.json (the"
        " route's entry), the data behind the docs' scale table and the estimate;"
        " then run `invoke docs`",
    }
)
def bench(
    c,
    persons=500,
    latency_ms=10,
    chunk=100,
    jython_persons=10000,
    replay=False,
    scale=False,
    scale_sizes="1000,10000,100000",
    scale_repeats=0,
    route="internalapi",
    record=False,
):
    """Time the bulk path against one action per person and IBM's per-user flow.

    Three flows send the same persons to a fresh MAS emulator each (plain HTTP
    on loopback, the given latency per request): (1) the MASUSERBULK cron task
    in the fake runtime, chunks of --chunk, one bulk request per chunk; (2) the
    MASUSERUPSERT action once per person; (3) IBM's MASUserUtils from the
    mas-devops package, run as published with only its Kubernetes secret
    look-ups (and the cluster-internal URLs) replaced, or, when it is not
    installed or --replay is given, a replay of its request sequence. Prints
    requests, wall time and users per second of each as it finishes (after
    how long the whole run should take), the payload build cost per person in
    real Jython 2.7 (one JVM), and as the last line
    "bulk vs per-user flow: <T>x faster, <R>x fewer requests".

    With --scale: the MASUSERBULK cron task in real Jython on each of
    --scale-sizes persons (one JVM, chunks of --chunk) on a synthetic site
    (users to create, update and deactivate, mapped groups) through --route:
    µs per person, requests, saves, heap held by the run and records held,
    one line per size, then whether the cost per person stayed within 25%
    (linear). Its "should take about" comes from the recorded run of the
    route (docs/bench/scale.json, written by --record).
    """
    from maxkit.bench.run import bench_command

    cli.run(
        bench_command,
        ROOT,
        persons=persons,
        latency_ms=latency_ms,
        chunk=chunk,
        jython_persons=jython_persons,
        replay=replay,
        scale=scale,
        scale_sizes=scale_sizes,
        scale_repeats=scale_repeats,
        route=route,
        record=record,
    )


@task(
    help={
        "k": "only the tests whose name matches this pytest -k expression",
        "quick": "CPython only, in process, for the edit loop: leaves out the tests"
        " that start a JVM or a command in a child process (markers jython, jvm,"
        " cli) and tries 30 examples per property-based test instead of 100"
        " (MAXKIT_FUZZ=quick)",
        "junit": "also write the results as JUnit XML to this file (pytest --junitxml)",
        "workers": "parallel pytest workers (default: one more than the cores, at"
        " most 4; 0: none)",
    }
)
def test(c, k=None, quick=False, junit=None, workers=None):
    """Run the test suite (pytest, in parallel workers); skipped tests print why.

    Each test module runs whole in one worker (--dist loadfile), so a module
    that runs its scenarios in one shared JVM starts that JVM once, not once
    per worker. (--dist loadgroup would balance better, but it does not group
    under current pytest: pytest-xdist issue #1386.)
    """
    import os
    import shlex

    # One worker more than cores: many tests spend their time waiting on a
    # socket or a child process (a JVM, invoke), and another worker fills it.
    # More than that only adds CPU (each worker collects the whole suite) and
    # contention: on 2 cores 3 workers beat 4 for the quick run too (measured).
    cores = os.cpu_count() or 1
    count = min(cores + 1, 4)
    if workers is not None:
        if not str(workers).isdigit():
            cli.refuse(f"test: --workers {workers}: a count from 0")
        count = int(workers)
    args = ["-q", "-rs"]
    if count > 0:
        # Without a JVM to share (--quick), any test may go to any free worker.
        args += ["-n", str(count), "--dist", "worksteal" if quick else "loadfile"]
        if not quick:
            # Modules in the order tests/conftest.py gives (those that start
            # a JVM first), not by their number of tests.
            args += ["--no-loadscope-reorder"]
    if quick:
        args += ["-m", "not jython and not jvm and not cli"]
    if k:
        args += ["-k", k]
    if junit:
        args += [f"--junitxml={junit}"]
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "pytest", *args])
    # The suite starts many Python processes (workers, invoke, the emulator):
    # let them cache bytecode (and pytest its rewritten asserts) in the
    # git-ignored __pycache__ folders even where the environment says not to.
    env = {"PYTHONDONTWRITEBYTECODE": ""}
    if quick:
        env["MAXKIT_FUZZ"] = os.environ.get("MAXKIT_FUZZ", "quick")
    c.run(command, pty=False, env=env)


@task(
    help={
        "only": "comma-separated checks to run (python -m maxkit.lint --help lists them)",
        "skip": "comma-separated checks to leave out, e.g. jython,mypy",
        "format": "text (path:line: CODE message, the default), github (GitHub"
        " Actions annotations on the offending line) or json (one JSON list)",
    }
)
def lint(c, only="", skip="", format="text"):  # noqa: A002 - the flag's name
    """The gate: black, Jython 2.7 compile, Maximo-only Python, scriptConfig, domains,
    dialogs and mypy with the Maximo stubs; prints path:line: CODE message, fails on any.

    python -m maxkit.lint --rules lists the rule codes.
    """
    from maxkit.lint.__main__ import main

    cli.finish(main([str(ROOT), "--only", only, "--skip", skip, "--format", format]))


@task(help={"check": "write nothing; exit 1 naming each table that is stale"})
def docs(c, check=False):
    """Write the generated tables of docs/reference.md (settings, payload, messages,
    lint rules) from the scripts' scriptConfig, the libraries and the lint registry,
    docs/install.md's evidence table from tools/maxkit/data/evidence.toml, and
    docs/toolkit.md's scale table from docs/bench/scale.json."""
    from maxkit import docgen

    print(cli.run(docgen.command, ROOT, check=check))


@task
def format(c):
    """Format scripts, toolkit and tests with black."""
    c.run(f"{sys.executable} -m black -q " + " ".join(BLACK_PATHS))


@task(
    help={
        "person": "person file (default: tools/samples/persons/jdoe.json)",
        "access-type": "Access Type (default Authorized)",
        "entitlement": "Entitlement (default PREMIUM)",
        "runtime": "jython (default) or cpython",
    }
)
def demo(
    c, person=None, access_type="Authorized", entitlement="PREMIUM", runtime="jython"
):
    """Start the MAS emulator (mutual TLS), run the action in real Jython on a sample
    person, and show the user as MAS then holds it."""
    from maxkit.demo import demo as run

    cli.finish(cli.run(run, ROOT, person, access_type, entitlement, runtime))

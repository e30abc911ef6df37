"""The library scripts call each other coarsely: one hop per library and run.

Each library obtains the functions of the one below it once per invocation
(``service.invokeScript(below, "exports", [])``); a person, a chunk or a
character never costs an ``invokeScript``. The fake records those calls
apart from the launch scripts' own (``library_calls``), so a run's hops are
counted here: the same for 60 persons as for 300.
"""

from bulk_site import Site, person, summary

from maxkit.docgen.scriptsource import library_scripts
from maxkit.worldspec import world_spec


def bulk_run(bundle, count):
    from maxkit.runtime import run_cron_job
    from maxkit.simulate import bulk_job

    persons = [person(n) for n in range(1, count + 1)]
    site = Site(bundle, persons, **{"masuser.bulk.chunksize": "20"})
    spec = world_spec(bundle, properties=site.properties, http=site.http)
    return run_cron_job(bulk_job(spec, site.persons, "Authorized", "BASE"))


def test_a_bulk_run_costs_one_hop_per_library_whatever_its_size(bundle):
    small, large = bulk_run(bundle, 60), bulk_run(bundle, 300)
    assert "done=300" in summary(large)
    assert [i["function"] for i in large["invocations"]] == ["runBulk"]
    hops = [(c["script"], c["function"]) for c in large["library_calls"]]
    assert hops == [(c["script"], c["function"]) for c in small["library_calls"]]
    # Every library below the cron task's entry, once, each for its exports.
    below = {s.name for s in library_scripts(bundle)} - {"MASUSERBULKLIB"}
    assert sorted(hops) == sorted((name, "exports") for name in below)

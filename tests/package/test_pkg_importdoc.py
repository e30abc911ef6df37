"""IMPORT.md names every file to import, in order, and the checks to make."""

from __future__ import annotations

import json


def test_every_import_file_is_named(files):
    text = files["IMPORT.md"].decode()
    for name in files:
        if name.startswith(("mif/", "dbc/")) or (
            name.startswith("rest/") and name != "rest/requests.json"
        ):
            assert f"`{name}`" in text, name


def test_mif_files_are_listed_in_import_order(files):
    text = files["IMPORT.md"].decode()
    mif = sorted(n for n in files if n.startswith("mif/"))
    positions = [text.index(f"`{n}`") for n in mif]
    assert positions == sorted(positions)


def test_checks_name_the_objects_and_the_grant_groups(files, records, settings):
    text = files["IMPORT.md"].decode()
    assert "## Checks afterwards" in text
    for domain in records["domain"]:
        assert f"{domain['domainid']} {len(domain['alndomain'])}" in text
    for script in records["script"]:
        assert script["autoscript"] in text
    assert f"only {', '.join(settings.grant_groups)}" in text
    assert "never to everyone" in text


def test_it_says_how_sure_each_object_structure_is(files, settings):
    text = files["IMPORT.md"].decode()
    assert "## How sure the object structure contents are" in text
    section = text.split("## How sure the object structure contents are")[1]
    bullets = section.split("\n- ")[1:]
    for structure in ["MXSCRIPT", "MXDOMAIN", *settings.object_structures.values()]:
        assert any(
            b.startswith(("[V]", "[I]")) and structure in b for b in bullets
        ), structure
    assert "[V] = verified" in section and "[I] = inferred" in section
    assert json.loads(files["rest/requests.json"])


def test_it_names_the_script_logger_step_of_routes_b_and_c(files, settings):
    from maxkit.bundle.records import SCRIPT_LOGGER_KEY

    text = files["IMPORT.md"].decode()
    structure = settings.object_structures["logger"]
    mif_step = f"`mif/04-{structure}.xml`"
    (rest_step,) = [
        f"`{n}`" for n in files if n.startswith(f"rest/") and structure.lower() in n
    ]
    route_b = text.split("## Route B")[1].split("## Route C")[0]
    route_c = text.split("## Route C")[1].split("## Route D")[0]
    assert mif_step in route_b and "AddChange" in route_b
    assert route_c.count(rest_step) == 2  # explained, and in the numbered list
    assert f'oslc.where=logkey="{SCRIPT_LOGGER_KEY}"' in route_c
    assert "MERGE" in route_c and "childloggers" in route_c
    sure = text.split("## How sure the object structure contents are")[1]
    assert "[V] MAXLOGGER's relationship CHILDLOGGERS" in sure

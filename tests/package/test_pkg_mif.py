"""MIF import files: parsed back, they say what the sources say."""

from __future__ import annotations

from lxml import etree

from maxkit.bundle.model import property_default

from pkg_helpers import NS, ROOT, as_mif_text, read_mif


def mif(files, structure):
    (name,) = [
        n for n in files if n.startswith("mif/") and n.endswith(f"-{structure}.xml")
    ]
    return read_mif(files[name])


def test_one_sync_message_per_kind_in_import_order(files, settings):
    names = sorted(n for n in files if n.startswith("mif/"))
    os_ = settings.object_structures
    assert names == [
        "mif/01-MXDOMAIN.xml",
        f"mif/02-{os_['property']}.xml",
        f"mif/03-{os_['message']}.xml",
        f"mif/04-{os_['logger']}.xml",
        "mif/05-MXSCRIPT.xml",
        f"mif/06-{os_['crontask']}.xml",
    ]
    for name in names:
        root = etree.fromstring(files[name])
        assert root.nsmap[None] == "http://www.ibm.com/maximo"
        assert all(e.get("action") == "AddChange" for e in root[0])


def test_domains_round_trip_against_the_domain_sources(files):
    structure, domains = mif(files, "MXDOMAIN")
    assert structure == "MXDOMAIN"
    from_sources = {}
    for path in sorted((ROOT / "domains").glob("*.xml")):
        for element in etree.parse(str(path)).getroot().iter(f"{NS}MAXDOMAIN"):
            from_sources[element.findtext(f"{NS}DOMAINID")] = (
                element.findtext(f"{NS}MAXTYPE"),
                element.findtext(f"{NS}LENGTH"),
                [
                    (v.findtext(f"{NS}VALUE"), v.findtext(f"{NS}DESCRIPTION"))
                    for v in element.findall(f"{NS}ALNDOMAIN")
                ],
            )
    assert {
        d["domainid"]: (
            d["maxtype"],
            d["length"],
            [(v["value"], v["description"]) for v in d["alndomain"]],
        )
        for d in domains
    } == from_sources
    assert all(d["domaintype"] == "ALN" for d in domains)


def test_scripts_carry_source_variables_and_launch_points(files, bundle, records):
    _, scripts = mif(files, "MXSCRIPT")
    assert [s["autoscript"] for s in scripts] == [
        r["autoscript"] for r in records["script"]
    ]
    for parsed in scripts:
        script = bundle.scripts[parsed["autoscript"]]
        assert parsed["source"] == script.path.read_text(encoding="utf-8")
        assert parsed["scriptlanguage"] == "python"
        config = script.config
        assert [
            lp["launchpointname"] for lp in parsed.get("scriptlaunchpoint", [])
        ] == [lp["launchPointName"] for lp in config.get("scriptLaunchPoints", [])]
        for lp, source in zip(
            parsed.get("scriptlaunchpoint", []), config.get("scriptLaunchPoints", [])
        ):
            assert lp["launchpointtype"] == source["launchPointType"]
            assert lp.get("actionname") == source.get("actionName")
            assert lp["objectname"] == source.get("objectName", "")


def test_every_kind_round_trips_against_the_records(files, records, settings):
    for kind, structure in (
        ("domain", "MXDOMAIN"),
        ("property", settings.object_structures["property"]),
        ("message", settings.object_structures["message"]),
        ("script", "MXSCRIPT"),
    ):
        _, parsed = mif(files, structure)
        assert parsed == [as_mif_text(r) for r in records[kind]], kind


def test_messages_and_properties_round_trip_against_script_configs(
    files, bundle, settings
):
    _, messages = mif(files, settings.object_structures["message"])
    assert sorted((m["msggroup"], m["msgkey"], m["value"]) for m in messages) == sorted(
        (m["msgGroup"], m["msgKey"], m["value"]) for m in bundle.messages()
    )
    _, props = mif(files, settings.object_structures["property"])
    expected = {p["propName"]: property_default(p) for p in bundle.properties()}
    assert {
        p["propname"]: (
            p["maxpropvalue"][0]["propvalue"] if "maxpropvalue" in p else None
        )
        for p in props
    } == {k: (str(v) if v is not None else None) for k, v in expected.items()}


def test_every_mif_file_is_valid_against_the_mif_schema(files):
    schema = etree.XMLSchema(
        etree.parse(str(ROOT / "tools" / "maxkit" / "schemas" / "mif-import.xsd"))
    )
    for name in (n for n in files if n.startswith("mif/")):
        document = etree.fromstring(files[name])
        assert schema.validate(document), (name, schema.error_log.last_error)


def test_the_mif_schema_states_the_children_each_structure_carries():
    schema = etree.parse(str(ROOT / "tools" / "maxkit" / "schemas" / "mif-import.xsd"))
    xs = "{http://www.w3.org/2001/XMLSchema}"
    names = {e.get("name") for e in schema.iter(f"{xs}element")}
    assert {
        "ALNDOMAIN",
        "AUTOSCRIPTVARS",
        "SCRIPTLAUNCHPOINT",
        "LAUNCHPOINTVARS",
        "SyncMXAPILOGGER",
    } <= names
    # The script loggers ride inside Maximo's autoscript logger: MAXLOGGER
    # within MAXLOGGER (the relationship CHILDLOGGERS).
    (sync,) = [
        e for e in schema.iter(f"{xs}element") if e.get("name") == "SyncMXAPILOGGER"
    ]
    nested = [e.get("name") for e in sync.iter(f"{xs}element")]
    assert nested.count("MAXLOGGER") == 2
    assert {"LOGKEY", "LOGGER", "LOGLEVEL", "ACTIVE", "INTERNAL"} <= set(nested)
    assert "PARENTLOGGERID" not in nested


def test_script_loggers_ride_as_children_of_the_autoscript_logger(
    files, bundle, settings
):
    """Only the parent's LOGKEY (its own values untouched), AddChange, and the
    bundle's loggers as its children, each without a PARENTLOGGERID: the
    relationship CHILDLOGGERS gives it the parent's MAXLOGGERID."""
    from maxkit.bundle.records import SCRIPT_LOGGER_KEY, logger_records

    structure, parents = mif(files, settings.object_structures["logger"])
    (parent,) = parents
    assert set(parent) == {"logkey", "maxlogger"}
    assert parent["logkey"] == SCRIPT_LOGGER_KEY
    assert parent["maxlogger"] == [as_mif_text(r) for r in logger_records(bundle)]
    assert all("parentloggerid" not in c for c in parent["maxlogger"])
    root = etree.fromstring(files[f"mif/04-{structure}.xml"])
    (main,) = root[0]
    assert main.get("action") == "AddChange"
    assert all(c.get("action") is None for c in main if len(c))

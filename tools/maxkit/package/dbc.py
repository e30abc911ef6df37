"""DBC script and product XML for ``updatedb`` or a customization archive.

Stock DBC has statements for domains, attributes, signature options, menus
and properties; the ACTION rows, the WFACTION flags, the messages, the
grants, the public saved queries (QUERY) and the cron task have none, so
they are ``insert`` rows with ``ignore_duplicates`` (a row that already
exists, e.g. an ACTION created by the launch point or a cron task instance
a site has turned on, is left alone). An insert writes SQL rows, not business objects: each row names
only database columns and fills every required one (the tests check them
against ``tools/maxkit/data/maximo.json``; the unique id and ROWSTAMP are
the DBC runner's to fill). Grants go to the groups named in
``[tool.maxkit].grant-groups``; ``granteveryone`` is written as false so the
intent is visible in the file. Scripts are not in the DBC (no stock
statement); they travel by MIF or REST.

The tests validate the output against ``tools/maxkit/schemas/dbc-script.dtd``,
our own DTD that follows the stock ``script.dtd``'s element and attribute
requirements (required attributes, enumerations, defaults) for the
statements written here.
"""

from __future__ import annotations

from lxml import etree

from maxkit.bundle.model import Bundle
from maxkit.package.archive import zip_bytes
from maxkit.bundle.records import (
    BASE_LANGUAGE,
    SCRIPT_LOGGER_KEY,
    action_records,
    bundle_records,
    logger_records,
    message_ids,
)
from maxkit.bundle.xmlout import xml_bytes

DOCTYPE = '<!DOCTYPE script SYSTEM "script.dtd">'


def _bool(value: bool) -> str:
    return "true" if value else "false"


class FromColumn(str):
    """A value copied from the row an ``insert ... selectfrom`` reads."""


def _column(row: etree._Element, column: str, value):
    attrs = {"column": column}
    if isinstance(value, FromColumn):
        attrs["fromcolumn"] = str(value)
    elif isinstance(value, bool):
        attrs["boolean"] = _bool(value)
    elif isinstance(value, int):
        attrs["number"] = str(value)
    else:
        attrs["string"] = value
    etree.SubElement(row, "columnvalue", attrs)


def _insert(
    statements, table: str, rows: list[list[tuple[str, object]]], **select: str
):
    """``select``: selectfrom and selectwhere, one source row per inserted row."""
    if not rows:
        return
    insert = etree.SubElement(
        statements, "insert", table=table, ignore_duplicates="true", **select
    )
    for columns in rows:
        row = etree.SubElement(insert, "insertrow")
        for column, value in columns:
            _column(row, column, value)


def _domains(statements, records):
    for domain in records["domain"]:
        element = etree.SubElement(
            statements,
            "specify_aln_domain",
            domainid=domain["domainid"],
            description=domain["description"],
            maxtype=domain["maxtype"],
            length=str(domain["length"]),
            overwrite="true",
        )
        for value in domain["alndomain"]:
            etree.SubElement(
                element,
                "alnvalueinfo",
                value=value["value"],
                description=value["description"],
            )


def _dialog_parts(statements, bundle: Bundle, groups):
    for dialog in (bundle.dialogs[k] for k in sorted(bundle.dialogs)):
        support = dialog.support
        attributes = etree.SubElement(
            statements, "add_attributes", object=support.object
        )
        for attribute in support.attributes:
            attrs = {
                "attribute": attribute.name,
                "maxtype": attribute.maxtype,
                "length": str(attribute.length),
                "persistent": _bool(attribute.persistent),
                "title": attribute.title,
                "remarks": attribute.remarks,
            }
            if attribute.domain:
                attrs["domain"] = attribute.domain
            etree.SubElement(attributes, "attrdef", attrs)
        for option in support.sigoptions:
            etree.SubElement(
                statements,
                "add_sigoption",
                app=support.app,
                optionname=option.name,
                description=option.description,
                esigenabled="false",
                visible="true",
                granteveryone="false",
            )
        _insert(
            statements,
            "SIGOPTFLAG",
            [
                [
                    ("APP", support.app),
                    ("OPTIONNAME", option.name),
                    ("FLAGNAME", "WFACTION"),
                ]
                for option in support.sigoptions
                if option.wfaction
            ],
        )
        for menu in sorted(support.menus, key=lambda m: (m.position, m.subposition)):
            element = etree.SubElement(
                statements,
                "additional_app_menu",
                app=support.app,
                type="action",
                menu_position="last",
            )
            etree.SubElement(
                element,
                "app_menu_option",
                option=menu.sigoption,
                tabdisplay=menu.tabdisplay,
            )
        _insert(
            statements,
            "QUERY",
            [
                [
                    ("APP", support.app),
                    ("CLAUSENAME", query.name),
                    ("OWNER", query.owner),
                    ("DESCRIPTION", query.description),
                    ("CLAUSE", query.clause),
                    ("ISPUBLIC", True),
                ]
                for query in support.queries
            ],
        )
        _insert(
            statements,
            "APPLICATIONAUTH",
            [
                [("GROUPNAME", group), ("APP", support.app), ("OPTIONNAME", o.name)]
                for group in groups
                for o in support.sigoptions
            ],
        )


def _properties(statements, records):
    for prop in records["property"]:
        attrs = {
            "name": prop["propname"],
            "description": prop["description"],
            "maxtype": prop["maxtype"],
            "secure_level": prop["securelevel"].lower(),
            "scope": "global" if prop["globalonly"] else "open",
            "live_refresh": _bool(prop["liverefresh"]),
            "required": _bool(not prop["nullsallowed"]),
            "online_changes": _bool(prop["onlinechanges"]),
            "encrypted": _bool(prop["encrypted"]),
            "masked": _bool(prop["masked"]),
        }
        for value in prop.get("maxpropvalue", []):
            attrs["default_value"] = value["propvalue"]
            attrs["value"] = value["propvalue"]
        etree.SubElement(statements, "add_property", attrs)


def dbc_script(bundle: Bundle, settings) -> bytes:
    """``V<version>_01.dbc``: everything around the scripts, in dependency order."""
    records = bundle_records(bundle, settings)
    root = etree.Element(
        "script", author=settings.name, scriptname=f"{settings.dbc_version}_01"
    )
    etree.SubElement(root, "description").text = (
        f"{settings.name} {settings.version}: domains, dialog attributes, signature"
        " options, menu entries, saved queries, actions, messages, system"
        " properties, grants, the cron task and the script loggers"
    )
    statements = etree.SubElement(root, "statements")
    _domains(statements, records)
    _dialog_parts(statements, bundle, settings.grant_groups)
    _insert(
        statements,
        "ACTION",
        [
            [(k.upper(), v) for k, v in row.items()]
            for row in sorted(action_records(bundle), key=lambda r: r["action"])
        ],
    )
    _messages(statements, records["message"])
    _properties(statements, records)
    _crontasks(statements, records["crontask"])
    _loggers(statements, bundle)
    return xml_bytes(root, doctype=DOCTYPE)


def _loggers(statements, bundle):
    """Each script logger as a child of Maximo's autoscript logger: one insert
    per logger, reading the parent's row (selectfrom/selectwhere) for its id
    (PARENTLOGGERID from its MAXLOGGERID, script.dtd's fromcolumn)."""
    for logger in logger_records(bundle):
        _insert(
            statements,
            "MAXLOGGER",
            [
                [
                    ("LOGGER", logger["logger"]),
                    ("LOGKEY", logger["logkey"]),
                    ("LOGLEVEL", logger["loglevel"]),
                    ("ACTIVE", logger["active"]),
                    ("INTERNAL", logger["internal"]),
                    ("PARENTLOGGERID", FromColumn("MAXLOGGERID")),
                ]
            ],
            selectfrom="MAXLOGGER",
            selectwhere=f"logkey = '{SCRIPT_LOGGER_KEY}'",
        )


def _messages(statements, messages):
    """MSGID and PREFIX (Display ID) are the columns; MSGIDPREFIX and
    MSGIDSUFFIX are the non-persistent fields the application derives them from."""
    ids = message_ids(messages)
    _insert(
        statements,
        "MAXMESSAGES",
        [
            [
                ("MSGGROUP", m["msggroup"]),
                ("MSGKEY", m["msgkey"]),
                ("VALUE", m["value"]),
                ("DISPLAYMETHOD", m["displaymethod"]),
                ("OPTIONS", m["options"]),
                ("MSGID", ids[(m["msggroup"], m["msgkey"])]),
                ("PREFIX", True),
            ]
            for m in messages
        ],
    )


def _crontasks(statements, tasks):
    """CRONTASKDEF, CRONTASKINSTANCE and CRONTASKPARAM rows, keys repeated."""
    base = [("LANGCODE", BASE_LANGUAGE), ("HASLD", False)]
    definitions, instances, params = [], [], []
    for task in tasks:
        name = task["crontaskname"]
        definitions.append(
            [
                ("CRONTASKNAME", name),
                ("DESCRIPTION", task["description"]),
                ("CLASSNAME", task["classname"]),
                ("ACCESSLEVEL", task["accesslevel"]),
            ]
            + base
        )
        for instance in task["crontaskinstance"]:
            keys = [("CRONTASKNAME", name), ("INSTANCENAME", instance["instancename"])]
            instances.append(
                keys
                + [
                    ("DESCRIPTION", instance["description"]),
                    ("SCHEDULE", instance["schedule"]),
                    ("ACTIVE", instance["active"]),
                    ("RUNASUSERID", instance["runasuserid"]),
                    ("KEEPHISTORY", instance["keephistory"]),
                    ("MAXHISTORY", instance["maxhistory"]),
                    ("AUTOREMOVAL", False),
                ]
                + base
            )
            for param in instance["crontaskparam"]:
                params.append(
                    keys
                    + [("PARAMETER", param["parameter"]), ("VALUE", param["value"])]
                )
    _insert(statements, "CRONTASKDEF", definitions)
    _insert(statements, "CRONTASKINSTANCE", instances)
    _insert(statements, "CRONTASKPARAM", params)


def product_xml(settings) -> bytes:
    """The product file updatedb reads to find and order the DBC scripts."""
    major, minor, modlevel = (settings.version.split(".") + ["0"])[:3]
    root = etree.Element("product")
    etree.SubElement(root, "name").text = settings.name
    version = etree.SubElement(root, "version")
    for tag, value in (
        ("major", major),
        ("minor", minor),
        ("modlevel", modlevel),
        ("patch", "0"),
        ("build", "0"),
    ):
        etree.SubElement(version, tag).text = value
    etree.SubElement(root, "dbmaxvarname").text = settings.product.upper() + "DB"
    etree.SubElement(root, "dbscripts").text = settings.product
    etree.SubElement(root, "dbversion").text = f"{settings.dbc_version}-01"
    etree.SubElement(root, "lastdbversion").text = f"{settings.dbc_version}-00"
    return xml_bytes(root)


def dbc_files(bundle: Bundle, settings) -> dict[str, bytes]:
    """``dbc/`` (the SMP/maximo layout) and the same as a customization archive."""
    product = settings.product
    tree = {
        f"tools/maximo/en/{product}/{settings.dbc_version}_01.dbc": dbc_script(
            bundle, settings
        ),
        f"applications/maximo/properties/product/{product}.xml": product_xml(settings),
    }
    files = {f"dbc/{name}": data for name, data in tree.items()}
    archive = f"customization/{product}-{settings.version}-customization.zip"
    files[archive] = zip_bytes(tree)
    return files

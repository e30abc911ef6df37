"""IMPORT.md: the import order for each route and the checks afterwards.

Written from the same records as the files it describes, so the names and
counts an administrator is told to check are the ones in the package.
"""

from __future__ import annotations

from maxkit.bundle.model import Bundle
from maxkit.bundle.records import (
    SCRIPT_LOGGER_KEY,
    action_records,
    bundle_records,
    logger_records,
)


def _sql_list(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def import_md(bundle: Bundle, settings, files: list[str]) -> bytes:
    records = bundle_records(bundle, settings)
    os_ = settings.object_structures
    domains = [d["domainid"] for d in records["domain"]]
    scripts = [s["autoscript"] for s in records["script"]]
    launch_points = [
        lp["launchpointname"]
        for s in records["script"]
        for lp in s["scriptlaunchpoint"]
    ]
    props = [p["propname"] for p in records["property"]]
    loggers = logger_records(bundle)
    groups = sorted({m["msggroup"] for m in records["message"]})
    dialogs = [bundle.dialogs[k] for k in sorted(bundle.dialogs)]
    apps = sorted({d.support.app for d in dialogs})
    options = [o.name for d in dialogs for o in d.support.sigoptions]
    actions = [a["action"] for a in action_records(bundle)]
    attributes = [a for d in dialogs for a in d.support.attributes]
    flagged = [o.name for d in dialogs for o in d.support.sigoptions if o.wfaction]
    queries = [q for d in dialogs for q in d.support.queries]
    sections = [(d.support.app, s) for d in dialogs for s in d.support.sections]
    crons = records["crontask"]
    instances = [(c["crontaskname"], i) for c in crons for i in c["crontaskinstance"]]
    dbc = next(f for f in files if f.endswith(".dbc"))
    archive = next(f for f in files if f.startswith("customization/"))
    product = next(f for f in files if f.startswith("dbc/applications/"))
    mif = sorted(f for f in files if f.startswith("mif/"))
    rest = sorted(
        f for f in files if f.startswith("rest/") and not f.endswith("requests.json")
    )
    presentation = f"presentation/{apps[0]}.xml"
    logger_mif = next((f for f in mif if f.endswith(f"-{os_['logger']}.xml")), "")
    logger_rest = next((f for f in rest if f"-{os_['logger'].lower()}-" in f), "")
    lines = [
        f"# Importing {settings.name} {settings.version}",
        "",
        "Everything here is generated from `scripts/`, `domains/` and `dialogs/`.",
        "",
        "Order: (1) route D, the DBC: domains, the dialog's attributes, signature",
        "options, menu entries, saved queries, actions, messages, properties,",
        "grants, the cron task and the script loggers; (2) ONE of routes A, B or C",
        "for the domains, properties, messages, script loggers, scripts and the",
        "cron task (they overlap with D on",
        "purpose, so a site without updatedb access still gets them); (3) the",
        "presentation in Application Designer. Routes A, B and C are safe to run",
        "again (create or update); updatedb applies D once.",
        "",
        "## What is in this package",
        "",
        f"- domains: {', '.join(domains)} (ALN)",
        f"- scripts: {', '.join(scripts)} (libraries first); launch points: {', '.join(launch_points)}",
        f"- messages: {len(records['message'])} in group(s) {', '.join(groups)}",
        f"- system properties: {', '.join(props)}. Their defaults are set when a"
        " property is created and never again by `invoke deploy`, the DBC or"
        " Naviam's deploy (scriptConfig `initialPropValue`); importing the MIF file"
        " or posting the REST body of the properties again resets every value to"
        " the default, so leave that file out once the properties exist",
        f"- script loggers: {', '.join(l['logger'] + ' ' + l['loglevel'] for l in loggers)},"
        f" children of `autoscript` (LOGKEY `{SCRIPT_LOGGER_KEY}`). Routes B and C"
        " send them as that logger's `childloggers` (relationship CHILDLOGGERS),"
        " naming the parent by its LOGKEY only so its own values stay as they are;"
        " route D inserts each reading the parent's row; route A writes each with"
        " the parent's id. Apply Settings in the Logging application afterwards",
        f"- dialog(s): {', '.join(d.id for d in dialogs)} in {', '.join(apps)};"
        f" signature options {', '.join(options)}; action(s) {', '.join(actions)}",
        f"- saved queries (public, DBC only): {', '.join(q.name for q in queries) or 'none'}",
        f"- read-only section(s): "
        + (
            ", ".join(
                f"{s.id} ({s.label}) on tab {s.tab} of {app}" for app, s in sections
            )
            or "none"
        ),
        f"- grants: to the security group(s) {', '.join(settings.grant_groups)} only"
        " (set in pyproject.toml, [tool.maxkit].grant-groups); never to everyone",
    ]
    for name, instance in instances:
        params = {p["parameter"]: p["value"] for p in instance["crontaskparam"]}
        lines += [
            f"- cron task: {name} (ScriptCrontask), instance {instance['instancename']},"
            f" **inactive**, schedule `{instance['schedule']}`, run as"
            f" {instance['runasuserid']}, SCRIPTARG `{params.get('SCRIPTARG', '')}`"
            " (set in pyproject.toml, [tool.maxkit.crontasks]). Turn it on in Cron Task"
            " Setup once SCRIPTARG chooses the persons. `invoke deploy` and the DBC"
            " never change an instance that exists; importing the MIF file or"
            " posting the REST body again would reset it to what ships here, so"
            " leave that file out once the task exists.",
        ]
    lines += [
        "",
        "## Route A: `invoke deploy` (REST, plan / apply / verify)",
        "",
        "`invoke deploy --url https://HOST/maximo --dry-run` shows the plan;",
        "without `--dry-run` it applies it, one object per request, and reads",
        "each back; a second run writes nothing. The API key is read from",
        "`MAXIMO_APIKEY` (or `--apikey-env NAME`); `--ca-bundle` names a private CA.",
        "It carries everything but the PERSON attributes (the customization archive",
        "brings those); `--uninstall` removes what it added (docs/install.md).",
        "",
        "## Route B: Maximo Integration Framework import (External Systems > Data Import)",
        "",
        "Import in this order (each file is one Sync message, action AddChange):",
        "",
    ]
    for number, name in enumerate(mif, 1):
        lines.append(f"{number}. `{name}`")
    lines += [
        "",
        "The object structure of each file is its root element name without",
        "`Sync`. The enterprise service must be enabled for the external system",
        "you import with, or POST each file to `https://HOST/meaweb/os/<OS>`.",
        *(
            [
                f"`{logger_mif}` names Maximo's `autoscript` logger by its LOGKEY",
                "only (AddChange updates only what a message gives and keeps the",
                "children it does not name) with the script loggers nested as its",
                "children.",
            ]
            if logger_mif
            else []
        ),
        "",
        "## Route C: REST JSON bodies (`/maximo/api/os/...`)",
        "",
        "`rest/requests.json` lists each body with its method and path in order.",
        "A record that does not exist yet: `POST /maximo/api/os/<os>?lean=1` with",
        "the body. One that exists: find its `href` with",
        '`GET /maximo/api/os/<os>?lean=1&oslc.where=<key>="<value>"`, then',
        "`POST <href>?lean=1` with headers `x-method-override: PATCH` and",
        "`patchtype: MERGE`. Always send the header `apikey`, never a password.",
        "Each entry's `find` is that GET (parameters unencoded); an entry without",
        "`create` is Maximo's own record, only ever updated.",
        *(
            [
                f"`{logger_rest}` is the script loggers: GET the `autoscript`",
                f'logger (`oslc.where=logkey="{SCRIPT_LOGGER_KEY}"`), then MERGE the',
                "body into its `href`; the MERGE adds or updates the `childloggers`",
                "it names and leaves the parent's values and its other children",
                "alone.",
            ]
            if logger_rest
            else []
        ),
        "",
    ]
    for number, name in enumerate(rest, 1):
        lines.append(f"{number}. `{name}`")
    lines += [
        "",
        "## Route D: DBC (updatedb or a customization archive)",
        "",
        f"- `{dbc}`",
        f"- `{product}`",
        "",
        "Maximo 7.6: copy the two files, keeping their paths under `dbc/`, into",
        "the install folder (`SMP/maximo`) and run `updatedb`. MAS Manage: serve",
        f"`{archive}` (the same two files in the",
        "SMP/maximo layout) over HTTPS and add its URL to the workspace's",
        "customization archives; updatedb runs when Manage is redeployed.",
        "Run it before importing the presentation and before the scripts are",
        "used: the dialog needs the attributes and the signature options.",
        "",
        "## Presentation (Application Designer)",
        "",
        f"`invoke package --app-xml {apps[0]}.xml` merges the dialog into an",
        f"application exported from your own system and writes `{presentation}`;",
        "import that file in Application Designer (Import Application Definition).",
        "The merge replaces an older copy of the dialog and leaves the rest alone.",
        "It also puts each read-only section on its tab (replaced where it stands",
        "when the file has it already); `presentation/sections/` holds each one",
        "alone, for a site that adds it by hand in Application Designer.",
        "",
        "## Checks afterwards",
        "",
        "In SQL (or Database Configuration / Domains / Automation Scripts):",
        "",
        f"- `select domainid, count(*) from alndomain where domainid in ({_sql_list(domains)}) group by domainid`"
        " → "
        + ", ".join(
            f"{d['domainid']} {len(d['alndomain'])}" for d in records["domain"]
        ),
        f"- `select attributename, persistent from maxattribute where objectname in"
        f" ({_sql_list(sorted({d.support.object for d in dialogs}))}) and attributename in"
        f" ({_sql_list(a.name for a in attributes)})` → "
        + ", ".join(f"{a.name} {int(a.persistent)}" for a in attributes),
        f"- `select optionname from sigoption where app in ({_sql_list(apps)}) and optionname in"
        f" ({_sql_list(options)})` → {len(options)} rows; `sigoptflag` has WFACTION for"
        f" {', '.join(flagged)}",
        f"- `select clausename, ispublic from query where app in ({_sql_list(apps)}) and"
        f" clausename in ({_sql_list(q.name for q in queries)})` → {len(queries)} rows, public",
        f"- `select groupname, optionname from applicationauth where optionname in ({_sql_list(options)})`"
        f" → only {', '.join(settings.grant_groups)}",
        f"- `select autoscript, active from autoscript where autoscript in ({_sql_list(scripts)})`"
        f" → {len(scripts)} active",
        f"- `select launchpointname, active from scriptlaunchpoint where autoscript in ({_sql_list(scripts)})`"
        f" → {', '.join(launch_points) or 'none'}",
        f"- `select action, value from action where action in ({_sql_list(actions)})` → ScriptAction",
        f"- `select count(*) from maxmessages where msggroup in ({_sql_list(groups)})`"
        f" → {len(records['message'])}",
        f"- `select propname from maxprop where propname in ({_sql_list(props)})` → {len(props)} rows;"
        " then set `masuser.api.url` in System Properties and Live Refresh it",
        f"- `select logger, loglevel from maxlogger where logkey like"
        f" '{SCRIPT_LOGGER_KEY}.%' and logger in ({_sql_list(l['logger'] for l in loggers)})`"
        f" → {len(loggers)} rows, INFO",
        f"- `select crontaskname, instancename, active from crontaskinstance where crontaskname in"
        f" ({_sql_list(sorted({n for n, _ in instances}))})` → "
        + (
            ", ".join(f"{n}.{i['instancename']} 0 (inactive)" for n, i in instances)
            or "none"
        ),
        "- Sign out and in as a user of a granted group: People > Select Action shows",
        "  the entries; the dialog shows both lists; OK runs the script; the main tab",
        "  shows the read-only section; the List tab's saved queries include the ones",
        "  above.",
        "",
        "## How sure the object structure contents are",
        "",
        "[V] = verified, seen in public material; [I] = inferred, check it on your system.",
        "",
        "- [V] The MIF message shape (`Sync<OS>` in `http://www.ibm.com/maximo`,",
        '  `<OS>Set`, the main object with `action="AddChange"`) appears in public',
        "  MIF generators and samples; [I] booleans as 1/0.",
        "- [V] MXSCRIPT carries AUTOSCRIPT (with SOURCE); public deploy tools send",
        "  `autoscriptvars` and `scriptlaunchpoint` (with `launchpointvars`) as its",
        "  REST children. [I] That the MIF side of the stock MXSCRIPT nests all three.",
        "  Check: `GET /maximo/api/os/mxscript?oslc.select=*&lean=1` or Integration >",
        "  Object Structures > MXSCRIPT.",
        "- [V] MXDOMAIN is IBM's inbound domain object structure; [I] its ALNDOMAIN",
        f"  child element name. [V] {os_['domain']} (REST domains) and its `alndomain`",
        "  child are used by public tools.",
        f"- [V] {os_['crontask']}: public REST calls create a cron task with it,",
        "  `crontaskinstance` and `crontaskparam` as children; [I] that it also",
        "  takes MIF imports (route B), and which schedule field is which.",
        f"- [I] {os_['message']} and {os_['property']}: no public use found. If your",
        "  system lacks one, create it (MAXMESSAGES; MAXPROP with child MAXPROPVALUE",
        "  by relationship MAXPROPVALUE), rename it in",
        "  `[tool.maxkit.object-structures]`, or use route D for messages and",
        "  properties.",
        f"- [V] {os_['action']} (stock: Maximo's own apps read ACTION through it) and",
        f"  {os_['attribute']} (read by public REST clients), route A only.",
        "- [V] MAXLOGGER's relationship CHILDLOGGERS (`parentloggerid=:maxloggerid`)",
        "  in IBM's data dictionary: a child's PARENTLOGGERID is its parent's",
        f"  MAXLOGGERID. [I] That routes B and C fill it through {os_['logger']}'s",
        "  child `childloggers` (the object structure must include MAXLOGGER as",
        "  a child of MAXLOGGER by CHILDLOGGERS).",
        f"- [I] {os_['logger']} (routes A-C), {os_['sigoption']} (child `sigoptflag`),",
        f"  {os_['grant']}, {os_['menu']}, {os_['query']} and {os_['presentation']}",
        "  (route A only): no stock one is known. Create each over its object",
        "  (MAXLOGGER with child MAXLOGGER by CHILDLOGGERS, SIGOPTION with",
        "  SIGOPTFLAG, APPLICATIONAUTH, MAXMENU, QUERY,",
        "  MAXPRESENTATION), rename it in `[tool.maxkit.object-structures]`, or use",
        "  route D for those parts (docs/install.md, 'The object structures it needs').",
        "- [V] Every DBC `insert` row names only columns of its table and fills",
        "  every required one, checked against IBM's published Maximo 7.6 data",
        "  dictionary (tools/maxkit/data/maximo.json): MAXMESSAGES rows state",
        "  MSGID (prefix, four digits, suffix) and PREFIX (Display ID); ACTION and",
        "  cron rows state LANGCODE and HASLD. [I] That updatedb fills the unique",
        "  id and ROWSTAMP of an inserted row, as IBM's own DBC exports assume.",
        "",
    ]
    return "\n".join(lines).encode("utf-8")

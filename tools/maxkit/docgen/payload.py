"""The payload mapping, read off the library script by running it.

The mapping is code (``buildUser``, in the library script that defines it), so a hand-written table of
it drifts. Here the action runs in the fake runtime on a probe person whose
every attribute holds its own name, once as it is and once per attribute left
empty, per dialog value and per free-text setting; each JSON path of the user
sent is then listed with what it is made of and when it is left out.
"""

from __future__ import annotations

import json
import re

from maxkit.bundle.model import Bundle, property_default
from maxkit.docgen.scriptsource import library_constant
from maxkit.errors import MaxkitError
from maxkit.worldspec import world_spec

DIALOG_OBJECT = "PERSON"
# The probe needs a URL and an answer; neither shows in the user sent.
PROBE_URL = "https://internalapi.mas-docs-core.svc"
PROBE_HTTP = {"mode": "answer", "answers": [{"status": 200, "body": "auto"}]}
# Probe values that keep to the script's rules where an attribute's own name
# would not (an email must look like one; only an active person is sent).
VALID_PROBES = {"PRIMARYEMAIL": "PRIMARYEMAIL@example.com", "STATUS": "ACTIVE"}
# A precondition, not a source: its probe value is not looked for in the user.
PRECONDITIONS = ("STATUS",)


class Probe:
    """Runs the action on variants of the probe person; each run's user."""

    def __init__(self, bundle: Bundle):
        # Imported here: the fake runtime puts its modules on sys.path.
        from maxkit.runtime import run_action_job

        self._run_job = run_action_job
        self.bundle = bundle
        self.attributes = list(library_constant(bundle, "PERSON_ATTRIBUTES"))
        self.person = {a: VALID_PROBES.get(a, a) for a in self.attributes}
        self.dialog = {
            a.name: [v.value for v in bundle.domains[a.domain].values]
            for a in bundle.attributes(DIALOG_OBJECT)
            if not a.persistent and a.domain
        }
        self.settings: dict[str, str] = {}
        self.settings = self._free_text_settings()

    def run(self, person=None, dialog=None, properties=None):
        """(user sent or None, message key of the outcome)."""
        props = {"masuser.api.url": PROBE_URL, **self.settings, **(properties or {})}
        spec = world_spec(self.bundle, properties=props, http=PROBE_HTTP)
        values = {d: choices[0] for d, choices in self.dialog.items()}
        values.update(dialog or {})
        record = self._run_job(
            {
                "spec": spec,
                "person": self.person if person is None else person,
                "dialog": values,
            }
        )
        if record.get("crashed") or record.get("usage_error"):
            raise MaxkitError(
                "docgen: the probe run failed: "
                + str(record.get("crashed") or record.get("usage_error"))
            )
        key = record["messages"][-1]["key"] if record["messages"] else None
        if not record["requests"]:
            return None, key
        return users(record["requests"][0]["body"])[0], key

    def _free_text_settings(self) -> dict[str, str]:
        """The settings a run accepts its own name for: their value is sent as given."""
        found = {}
        for prop in self.bundle.properties():
            name = prop["propName"]
            if prop.get("maxType", "ALN") != "ALN" or prop.get("masked"):
                continue
            user, _ = self.run(properties={name: name})
            if user is not None and name in json.dumps(user):
                found[name] = name
        # A setting with a closed list refuses its own name: probe it with an
        # allowed value other than its default.
        defaults = {
            p["propName"]: property_default(p) for p in self.bundle.properties()
        }
        for name, allowed in library_constant(self.bundle, "CHOICE_SETTINGS"):
            probe = next(v for v in allowed if v != defaults.get(name))
            user, _ = self.run(properties={name: probe})
            if user is not None and json.dumps(probe) in json.dumps(user):
                found[name] = probe
        return found

    def markers(self) -> list[tuple[str, str]]:
        """(probe text, its source), longest first, for reading a value back."""
        pairs = [(v, a) for a, v in self.person.items() if a not in PRECONDITIONS]
        pairs += [(v, p) for p, v in self.settings.items()]
        return sorted(pairs, key=lambda pair: -len(pair[0]))

    def render(self, value) -> str:
        """A leaf of the user as the sources it is made of: ``{FIRSTNAME}``."""
        if not isinstance(value, str):
            return "`" + json.dumps(value) + "`"
        text = value
        for marker, source in self.markers():
            text = text.replace(marker, "\0" + source + "\1")
        if "\0" not in text:
            return "`" + json.dumps(value) + "`"
        return "`" + text.replace("\0", "{").replace("\1", "}") + "`"


def users(body) -> list:
    """The users of a request body in either envelope."""
    return body["users"] if isinstance(body, dict) else body


def leaves(value, path: str = "") -> dict[str, object]:
    """Each JSON path of ``value`` to its leaf, in the order they were put."""
    if isinstance(value, dict):
        found = {}
        for key, item in value.items():
            found.update(leaves(item, f"{path}.{key}" if path else key))
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            found.update(leaves(item, f"{path}[{index}]"))
        return found
    return {path: value}


TOKEN = re.compile(r"\{[^{}]+\}")
PART_LEFT_OUT = "an empty part is left out with its separator"


def dropped_part(full: str, shorter: str) -> bool:
    """``shorter`` is ``full`` with one ``{token}`` and a separator next to it left out."""
    tokens = TOKEN.findall(full)
    pieces = TOKEN.split(full)
    for index in range(len(tokens)):
        kept = tokens[:index] + tokens[index + 1 :]
        for drop in (index, index + 1):
            if 0 < drop < len(pieces):
                seps = pieces[:drop] + pieces[drop + 1 :]
                text = seps[0] + "".join(t + s for t, s in zip(kept, seps[1:]))
                if text == shorter:
                    return True
    return False


def payload_table(bundle: Bundle) -> str:
    """The mapping table and the list of attributes a user cannot do without."""
    probe = Probe(bundle)
    full, _ = probe.run()
    if full is None:
        raise MaxkitError("docgen: the probe person was refused; see VALID_PROBES")
    base = leaves(full)
    shown = {path: probe.render(value) for path, value in base.items()}
    values = dict(shown)
    values.update(dialog_sources(probe, base))
    notes: dict[str, list[str]] = {path: [] for path in base}
    required, optional = emptied_notes(probe, shown, notes)
    for field, limit in library_constant(probe.bundle, "NAME_LIMITS"):
        if field not in notes:
            raise MaxkitError(f"docgen: NAME_LIMITS names {field}, not a path sent")
        notes[field].append(f"at most {limit} characters (longer: `fieldTooLong`)")
    group_notes(probe, optional, notes)
    lines = ["| JSON path | value | when |", "|---|---|---|"]
    for path in base:
        lines.append(f"| `{path}` | {values[path]} | {'; '.join(notes[path])} |")
    lines.append("")
    lines.append("Refused before any request when empty: " + ", ".join(required) + ".")
    return "\n".join(lines)


def dialog_sources(probe: Probe, base: dict) -> dict[str, str]:
    """The paths a dialog field decides: its value as chosen, or one value per choice."""
    found = {}
    for field, choices in probe.dialog.items():
        seen = {c: leaves(probe.run(dialog={field: c})[0]) for c in choices}
        for path in base:
            got = [seen[c][path] for c in choices]
            if got == choices:
                found[path] = "`{" + field + "}`"
            elif len(set(map(json.dumps, got))) > 1:
                found[path] = ", ".join(
                    f"{c} → `{json.dumps(g)}`" for c, g in zip(choices, got)
                )
    return found


def emptied_notes(probe: Probe, shown: dict, notes: dict) -> tuple[list, list]:
    """Note what each attribute left empty does to each path; (required, optional)."""
    required, optional = [], []
    for attribute in probe.attributes:
        person = {a: v for a, v in probe.person.items() if a != attribute}
        user, key = probe.run(person=person)
        if user is None:
            required.append(f"{attribute} (`{key}`)")
            continue
        optional.append(attribute)
        emptied = leaves(user)
        for path in shown:
            if path not in emptied:
                notes[path].append(f"left out when {attribute} is empty")
                continue
            now_shown = probe.render(emptied[path])
            if now_shown == shown[path]:
                continue
            if not dropped_part(shown[path], now_shown):
                notes[path].append(f"{now_shown} when {attribute} is empty")
            elif PART_LEFT_OUT not in notes[path]:
                notes[path].append(PART_LEFT_OUT)
    return required, optional


def group_notes(probe: Probe, optional: list[str], notes: dict) -> None:
    """Note the paths sent while any of several attributes is set (an address)."""
    minimal = {a: v for a, v in probe.person.items() if a not in optional}
    bare = leaves(probe.run(person=minimal)[0])
    for path, said in notes.items():
        if path in bare or any(n.startswith("left out") for n in said):
            continue
        needs = [
            a
            for a in optional
            if path in leaves(probe.run(person={**minimal, a: probe.person[a]})[0])
        ]
        said.append("left out when " + ", ".join(needs) + " are all empty")

"""Read scripts/, domains/ and dialogs/ into a Bundle, with file:line on every error."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from maxkit.bundle.model import (
    Attribute,
    Bundle,
    Dialog,
    DialogSupport,
    Domain,
    DomainValue,
    MenuEntry,
    SavedQuery,
    Script,
    Section,
    SectionField,
    SigOption,
)
from maxkit.bundle.scriptconfig import parse_config
from maxkit.bundle.xmltext import check_xml_text
from maxkit.errors import BundleError

MAXIMO_NS = "http://www.ibm.com/maximo"
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SUPPORT_SUFFIX = ".support.xml"


def _parse_xml(path: Path) -> etree._ElementTree:
    try:
        return etree.parse(str(path), etree.XMLParser(remove_comments=True))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise BundleError(f"{path}:{line}", f"not well-formed XML: {exc.msg}") from None


def _text(element: etree._Element, name: str, path: Path, required: bool = True) -> str:
    child = element.find(f"{{{MAXIMO_NS}}}{name}")
    if child is None or not (child.text or "").strip():
        if required:
            raise BundleError(f"{path}:{element.sourceline}", f"<{name}> is missing")
        return ""
    return child.text.strip()


def load_script(path: Path) -> Script:
    source = path.read_text(encoding="utf-8")
    config, line = parse_config(source, str(path))
    check_xml_text(path, source, config, line)
    name = config.get("autoscript")
    if not isinstance(name, str) or not name:
        raise BundleError(f"{path}:{line}", 'scriptConfig has no "autoscript" name')
    return Script(name=name, path=path, source=source, config=config, config_line=line)


def load_domains(path: Path) -> list[Domain]:
    root = _parse_xml(path).getroot()
    if root.tag != f"{{{MAXIMO_NS}}}SyncMXDOMAIN":
        raise BundleError(
            f"{path}:{root.sourceline}",
            f"expected a SyncMXDOMAIN message in {MAXIMO_NS}, found {root.tag}",
        )
    domains = []
    for element in root.iter(f"{{{MAXIMO_NS}}}MAXDOMAIN"):
        values = tuple(
            DomainValue(_text(v, "VALUE", path), _text(v, "DESCRIPTION", path, False))
            for v in element.findall(f"{{{MAXIMO_NS}}}ALNDOMAIN")
        )
        length = _text(element, "LENGTH", path)
        if not length.isdigit():
            raise BundleError(
                f"{path}:{element.sourceline}", "<LENGTH> must be a number"
            )
        domains.append(
            Domain(
                domainid=_text(element, "DOMAINID", path),
                description=_text(element, "DESCRIPTION", path, False),
                domaintype=_text(element, "DOMAINTYPE", path),
                maxtype=_text(element, "MAXTYPE", path),
                length=int(length),
                values=values,
                path=path,
            )
        )
    return domains


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def load_support(path: Path) -> DialogSupport:
    tree = _parse_xml(path)
    schema = _schema("dialog-support.xsd")
    if not schema.validate(tree):
        error = schema.error_log.last_error
        raise BundleError(f"{path}:{error.line}", error.message)
    root = tree.getroot()
    flag = {"true": True, "1": True, "false": False, "0": False}
    return DialogSupport(
        app=root.get("app"),
        object=root.get("object"),
        dialog=root.get("dialog"),
        attributes=tuple(
            Attribute(
                name=a.get("name"),
                title=a.get("title"),
                remarks=a.get("remarks"),
                maxtype=a.get("maxtype"),
                length=int(a.get("length")),
                domain=a.get("domain"),
                persistent=flag[a.get("persistent")],
            )
            for a in root.findall("attribute")
        ),
        sigoptions=tuple(
            SigOption(
                name=s.get("name"),
                description=s.get("description"),
                wfaction=flag[s.get("wfaction", "false")],
                action=s.get("action"),
            )
            for s in root.findall("sigoption")
        ),
        menus=tuple(
            MenuEntry(
                sigoption=m.get("sigoption"),
                label=m.get("label"),
                position=int(m.get("position")),
                subposition=int(m.get("subposition")),
                tabdisplay=m.get("tabdisplay"),
            )
            for m in root.findall("menu")
        ),
        path=path,
        sections=_sections(path, root),
        queries=tuple(
            SavedQuery(
                name=q.get("name"),
                owner=q.get("owner"),
                description=q.get("description"),
                clause=q.get("clause"),
            )
            for q in root.findall("query")
        ),
    )


def _number(element, name: str) -> int | None:
    value = element.get(name)
    return int(value) if value is not None else None


def _sections(path: Path, root) -> tuple[Section, ...]:
    """The read-only sections; each field shows an attribute the file declares
    (a section of the bundle shows the bundle's own attributes)."""
    declared = {a.get("name") for a in root.findall("attribute")}
    sections = []
    for element in root.findall("section"):
        fields = []
        for field in element.findall("field"):
            if field.get("attribute") not in declared:
                raise BundleError(
                    f"{path}:{field.sourceline}",
                    f"section {element.get('id')}: attribute"
                    f" {field.get('attribute')} is not declared in this file",
                )
            fields.append(
                SectionField(
                    attribute=field.get("attribute"),
                    rows=_number(field, "rows"),
                    columns=_number(field, "columns"),
                )
            )
        sections.append(
            Section(
                tab=element.get("tab"),
                id=element.get("id"),
                label=element.get("label"),
                fields=tuple(fields),
            )
        )
    return tuple(sections)


def load_dialog(path: Path, support: DialogSupport) -> Dialog:
    root = _parse_xml(path).getroot()
    if root.tag != "dialog" or not root.get("id"):
        raise BundleError(f"{path}:{root.sourceline}", "expected <dialog id=...>")
    if root.get("id") != support.dialog:
        raise BundleError(
            f"{path}:{root.sourceline}",
            f"dialog id {root.get('id')} differs from {support.path}'s {support.dialog}",
        )
    return Dialog(id=root.get("id"), path=path, support=support)


def load_bundle(root: Path) -> Bundle:
    """Every script, domain and dialog of the bundle at ``root``."""
    root = Path(root)
    bundle = Bundle(root=root)
    for path in sorted((root / "scripts").glob("*.py")):
        script = load_script(path)
        if script.name in bundle.scripts:
            raise BundleError(
                f"{path}:{script.config_line}",
                f"script {script.name} is also defined in {bundle.scripts[script.name].path}",
            )
        bundle.scripts[script.name] = script
    for path in sorted((root / "domains").glob("*.xml")):
        for domain in load_domains(path):
            bundle.domains[domain.domainid] = domain
    for support_path in sorted((root / "dialogs").glob("*" + SUPPORT_SUFFIX)):
        support = load_support(support_path)
        dialog_path = support_path.with_name(
            support_path.name[: -len(SUPPORT_SUFFIX)] + ".xml"
        )
        if not dialog_path.exists():
            raise BundleError(f"{support_path}:1", f"{dialog_path.name} is missing")
        bundle.dialogs[support.dialog] = load_dialog(dialog_path, support)
    return bundle

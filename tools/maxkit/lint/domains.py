"""domains/: the two ALN domains of the dialog, with exactly the mission's values."""

from __future__ import annotations

from typing import Iterator

from maxkit.lint.context import Context
from maxkit.lint.registry import Finding, check, rule

FAMILY = "domains"
ML301 = rule(
    "ML301",
    FAMILY,
    "domains/ holds ACCESSTYPE and ENTITLEMENT as readable MXDOMAIN XML",
)
ML302 = rule("ML302", FAMILY, "the domain values are exactly the mission's")
ML303 = rule(
    "ML303", FAMILY, "ALN domains with MAXTYPE ALN (mixed-case values are kept)"
)
ML304 = rule("ML304", FAMILY, "LENGTH fits the longest value")

# The values the "Create or Update MAS User" mission fixes, in order.
EXPECTED = {
    "ACCESSTYPE": ("Concurrent", "Authorized"),
    "ENTITLEMENT": ("NONE", "SELF_SERVICE", "LIMITED", "BASE", "PREMIUM"),
}


def _line(path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    return 1


@check("domains")
def domains(context: Context) -> Iterator[Finding]:
    found, problems = context.domains
    for problem in problems:
        yield ML301.at(problem.path, problem.line, problem.message)
    broken = {problem.path.rsplit("/", 1)[-1] for problem in problems}
    for domainid, expected in EXPECTED.items():
        domain = found.get(domainid)
        if domain is None:
            if f"{domainid}.xml" not in broken:
                yield ML301.at(
                    f"domains/{domainid}.xml",
                    1,
                    f"no domain {domainid} in domains/*.xml: add {domainid}.xml "
                    f"with the values {', '.join(expected)}",
                )
            continue
        rel = context.rel(domain.path)
        head = _line(domain.path, f">{domainid}<")
        values = [v.value for v in domain.values]
        missing = [v for v in expected if v not in values]
        extra = [v for v in values if v not in expected]
        duplicated = sorted({v for v in values if values.count(v) > 1})
        for value in missing:
            yield ML302.at(rel, head, f"{domainid} lacks the value {value!r}")
        for value in extra:
            close = [e for e in expected if e.lower() == value.lower()]
            hint = f" (the mission spells it {close[0]!r})" if close else ""
            yield ML302.at(
                rel,
                _line(domain.path, f">{value}<"),
                f"{domainid} has {value!r}, not a mission value{hint}",
            )
        for value in duplicated:
            yield ML302.at(
                rel,
                _line(domain.path, f">{value}<"),
                f"{domainid} lists {value!r} twice",
            )
        if not (missing or extra or duplicated) and tuple(values) != expected:
            yield ML302.at(
                rel,
                head,
                f"{domainid} lists its values as {', '.join(values)}; the mission's "
                f"order is {', '.join(expected)}",
            )
        if domain.domaintype != "ALN":
            yield ML303.at(
                rel,
                _line(domain.path, "<DOMAINTYPE>"),
                f"{domainid} DOMAINTYPE is {domain.domaintype}; it must be ALN",
            )
        if domain.maxtype != "ALN":
            yield ML303.at(
                rel,
                _line(domain.path, "<MAXTYPE>"),
                f"{domainid} MAXTYPE is {domain.maxtype}; it must be ALN "
                "(UPPER would turn Concurrent into CONCURRENT)",
            )
        longest = max(values, key=len, default="")
        if domain.length < len(longest):
            yield ML304.at(
                rel,
                _line(domain.path, "<LENGTH>"),
                f"{domainid} LENGTH {domain.length} is shorter than {longest!r} "
                f"({len(longest)} characters)",
            )

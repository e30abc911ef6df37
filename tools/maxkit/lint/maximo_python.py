"""Scripts use only what Maximo's Jython 2.7 has, and hard-code no endpoint or secret."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Iterator

from maxkit.lint import pysource
from maxkit.lint.context import Context, ScriptSource
from maxkit.lint.registry import Finding, check, rule

FAMILY = "Maximo Python"
ML100 = rule(
    "ML100",
    FAMILY,
    "the script parses as Python 3 too (the fake runtime and these checks need "
    "the Jython 2.7 / CPython 3 common subset)",
)
ML101 = rule("ML101", FAMILY, "no f-strings (Jython 2.7 has none)")
ML102 = rule("ML102", FAMILY, "no type annotations (use type comments)")
ML103 = rule("ML103", FAMILY, "no `print` statement")
ML104 = rule(
    "ML104",
    FAMILY,
    "imports only modules Maximo has: Jython 2.7's standard library "
    "(tools/maxkit/data/jython27-modules.json) and Java packages",
)
ML105 = rule("ML105", FAMILY, "no hard-coded URL, host or IP address")
ML106 = rule("ML106", FAMILY, "no hard-coded password, API key, token or secret")

URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/:\"'?#]+")
IP = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
HOST = re.compile(r"^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::\d{2,5})?$")
TOP_LEVEL_DOMAINS = {
    "com", "net", "org", "io", "edu", "gov", "mil", "int", "biz", "info", "cloud",
    "app", "dev", "local", "localdomain", "internal", "lan", "corp", "intranet",
    "svc", "cluster", "appdomain", "ibm", "us", "uk", "de", "fr", "nl", "ca", "au",
    "in", "jp", "cn", "eu",
}  # fmt: skip
SECRET_NAME = re.compile(
    r"(?i)(pass(word|wd|phrase)?|pwd|secret|api[_-]?key|access[_-]?key|token"
    r"|credential|private[_-]?key)"
)
SECRET_TEXT = re.compile(
    r"(?i)(\b(apikey|x-api-key|authorization|maxauth)\s*[:=]\s*\S{4,}"
    r"|\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,})"
)
SECRET_CONFIG_VALUES = ("propValue", "initialPropValue", "varBindingValue")


@check("maximo-python")
def maximo_python(context: Context) -> Iterator[Finding]:
    modules = context.data("jython27-modules.json")
    allowed = set(modules["modules"]) | set(modules["java_roots"])
    for script in context.scripts:
        yield from _print_statements(script)
        if script.tree is None:
            error = script.syntax_error
            yield ML100.at(
                script.rel,
                (error.lineno or 1) if error else 1,
                f"does not parse as Python 3 ({error.msg if error else '?'}): "
                "keep to the Jython 2.7 / Python 3 common subset",
            )
            continue
        yield from _grammar(script, script.tree)
        yield from _imports(script, script.tree, allowed)
        yield from _literals(script, script.tree)
        yield from _config_values(script)


def _grammar(script: ScriptSource, tree: ast.Module) -> Iterator[Finding]:
    fstring_lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.lineno not in fstring_lines:
            fstring_lines.add(node.lineno)
            yield ML101.at(
                script.rel, node.lineno, "f-string: use '%s' % value or .format()"
            )
        elif isinstance(node, ast.AnnAssign):
            yield ML102.at(script.rel, node.lineno, "annotated assignment")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            every = [
                *arguments.posonlyargs,
                *arguments.args,
                *arguments.kwonlyargs,
                *(a for a in (arguments.vararg, arguments.kwarg) if a),
            ]
            for argument in every:
                if argument.annotation is not None:
                    yield ML102.at(
                        script.rel,
                        argument.lineno,
                        f"annotation on parameter {argument.arg} of {node.name}()",
                    )
            if node.returns is not None:
                yield ML102.at(
                    script.rel, node.lineno, f"return annotation on {node.name}()"
                )


_STATEMENT_END = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}
_COMPOUND = {
    "if", "elif", "else", "for", "while", "try", "except", "finally", "with",
    "def", "class",
}  # fmt: skip
_NOT_A_STATEMENT = {"(", "=", ".", ",", ")", "[", "+=", ":"}


def _print_statements(script: ScriptSource) -> Iterator[Finding]:
    """``print x`` / ``print >>f, x`` / bare ``print``: Python 2 statements."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(script.text).readline))
    except (tokenize.TokenError, SyntaxError):
        return
    tokens = [t for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]
    at_start = True
    first = None
    depth = 0
    for index, token in enumerate(tokens):
        if token.type in _STATEMENT_END:
            at_start, first = True, None
            continue
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
        if at_start and token.type == tokenize.NAME and token.string == "print":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or following.string not in _NOT_A_STATEMENT:
                yield ML103.at(
                    script.rel,
                    token.start[0],
                    "print statement: use service.log_info(...) (or print(...))",
                )
        was_start = at_start
        at_start = (token.type == tokenize.OP and token.string == ";") or (
            depth == 0
            and token.type == tokenize.OP
            and token.string == ":"
            and first in _COMPOUND
        )
        if was_start:
            first = token.string
        if token.type == tokenize.OP and token.string == ";":
            first = None


def _imports(
    script: ScriptSource, tree: ast.Module, allowed: set[str]
) -> Iterator[Finding]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                yield ML104.at(
                    script.rel,
                    node.lineno,
                    "relative import: Maximo runs each script on its own",
                )
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in allowed:
                yield ML104.at(
                    script.rel,
                    node.lineno,
                    f"import of {name}: Maximo's Jython 2.7 has no module {top} "
                    "(use the Java or Maximo API, e.g. psdi.iface.router.HTTPHandler "
                    "for HTTP)",
                )


def _endpoint(text: str) -> str | None:
    """The URL, IP address or host name hard-coded in ``text``, if any."""
    match = URL.search(text) or IP.search(text)
    if match:
        return match.group()
    stripped = text.strip()
    if HOST.match(stripped):
        host = stripped.split(":")[0]
        if host == "localhost" or host.rsplit(".", 1)[-1].lower() in TOP_LEVEL_DOMAINS:
            return stripped
    return None


def _literals(script: ScriptSource, tree: ast.Module) -> Iterator[Finding]:
    skip = {id(pysource.config_value(tree))} | {
        id(node.value)  # docstrings and other bare strings document, not run
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        text = pysource.literal(node)
        if text is not None:
            endpoint = _endpoint(text)
            if endpoint:
                yield ML105.at(
                    script.rel,
                    getattr(node, "lineno", 1),
                    f"hard-coded endpoint {endpoint!r}: read it from a system "
                    "property declared in scriptConfig",
                )
            if SECRET_TEXT.search(text):
                yield ML106.at(
                    script.rel,
                    getattr(node, "lineno", 1),
                    "credential in a string literal: read it from a (masked, "
                    "encrypted) system property",
                )
        for name, value in _named_values(node):
            if SECRET_NAME.search(name) and pysource.literal(value):
                yield ML106.at(
                    script.rel,
                    value.lineno,
                    f"{name} is given a literal value: read secrets from a "
                    "(masked, encrypted) system property",
                )


def _named_values(node: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """(name, value) pairs: assignments, keywords, dict entries, ``m.put(k, v)``."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name):
                yield target.id, node.value
            elif isinstance(target, ast.Attribute):
                yield target.attr, node.value
    elif isinstance(node, ast.keyword) and node.arg:
        yield node.arg, node.value
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values):
            name = pysource.literal(key)
            if name is not None:
                yield name, value
    elif isinstance(node, ast.Call) and len(node.args) == 2:
        name = pysource.literal(node.args[0])
        if name is not None:
            yield name, node.args[1]


def _config_values(script: ScriptSource) -> Iterator[Finding]:
    """Values a deploy writes into Maximo (property values, variable bindings)."""
    for key in ("properties", "autoScriptVars"):
        for item in script.items(key):
            name = str(item.get("propName") or item.get("varname") or "")
            for field in SECRET_CONFIG_VALUES:
                value = item.get(field)
                if not isinstance(value, str) or not value:
                    continue
                line = script.config_at(item.line_of(field))
                endpoint = _endpoint(value)
                if endpoint:
                    yield ML105.at(
                        script.rel,
                        line,
                        f"{name} {field} hard-codes the endpoint {endpoint!r}: "
                        "leave it empty and set it on each server",
                    )
                if SECRET_NAME.search(name) or SECRET_TEXT.search(value):
                    yield ML106.at(
                        script.rel,
                        line,
                        f"{name} {field} ships a secret in the script: leave it "
                        "empty and set it on the server (masked, encrypted)",
                    )

"""HTTP handling: the slice of Manage's ``/maximo/api/os`` JSON API deploy uses.

Answers as Manage does with ``lean=1``: a collection is ``{"member": [...]}``
with an ``href`` per record, a create answers 201 with ``Location``, an
update is a POST with ``x-method-override: PATCH`` (``patchtype: MERGE``
keeps children not sent), a delete is a DELETE of the record's href (204), errors are ``{"Error": {"reasonCode", "message",
"statusCode"}}``. The ``apikey`` header is checked on every call and never
recorded. Reason codes the stand-in makes up for its own checks start with
``SIM``; the BMXAA ones are Maximo's.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

from maxkit.loopback import BodyError, LoopbackHandler

from .store import StoreError

OS_PATH = re.compile(r"^/maximo/api/os/([A-Za-z0-9_]+)(?:/([^/?]+))?/?$")
MAX_BODY = 16 * 1024 * 1024
WHERE_TERM = re.compile(r'^\s*([A-Za-z0-9_.]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$')


def parse_where(text: str) -> dict:
    where = {}
    for term in re.split(r"\s+and\s+", text.strip()):
        match = WHERE_TERM.match(term)
        if not match:
            raise StoreError(400, "SIM0005E", f"SIM0005E - Cannot parse {term!r}.")
        where[match.group(1).lower()] = match.group(2)
    return where


class StandinHandler(LoopbackHandler):
    server_version = "ManageStandin/1"
    disable_nagle_algorithm = True
    # A keep-alive connection left idle this long is closed (its thread ends).
    timeout = 30

    @property
    def standin(self):
        """The ManageStandin this server belongs to."""
        return self.service

    def _send(self, status: int, body: dict | None = None, headers: dict | None = None):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_answer(status, data, "application/json", headers)

    def _error(self, status: int, reason: str, message: str):
        self._send(
            status,
            {
                "Error": {
                    "reasonCode": reason,
                    "message": message,
                    "statusCode": str(status),
                }
            },
        )

    def _href(self, structure: str, rid: str) -> str:
        return f"{self.standin.base_url}/api/os/{structure}/{rid}"

    def _body(self) -> dict:
        try:
            raw = self.read_body(MAX_BODY)
        except BodyError as exc:
            raise StoreError(
                exc.status,
                "SIM0004E",
                f"SIM0004E - The request body cannot be read: {exc.problem}.",
            ) from None
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            raise StoreError(
                400, "SIM0004E", "SIM0004E - The JSON is not valid."
            ) from None
        if not isinstance(body, dict):
            raise StoreError(400, "SIM0004E", "SIM0004E - Expected a JSON object.")
        return body

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_DELETE(self):
        self._handle("DELETE")

    def _handle(self, verb: str):
        standin = self.standin
        url = urlsplit(self.path)
        method = verb
        if (
            verb == "POST"
            and self.headers.get("x-method-override", "").upper() == "PATCH"
        ):
            method = "PATCH"
        match = OS_PATH.match(url.path)
        structure = match.group(1).lower() if match else None
        write = method != "GET"
        call = standin.record_call(method, url.path, write)
        try:
            if self.headers.get("apikey") not in standin.apikeys:
                call.status = 401
                return self._error(
                    401,
                    "BMXAA9549E",
                    "BMXAA9549E - The API key token is invalid. Either the token may"
                    " have expired or the token has been revoked by the administrator.",
                )
            body = self._body() if verb == "POST" else None
            fault = standin.faults.take(method, structure, write)
            if fault and fault.mode == "reset":
                call.status = "reset"
                self.close_connection = True
                return
            if fault and fault.mode == "error":
                call.status = fault.status
                return self._error(fault.status, fault.reason, fault.message)
            if not match:
                call.status = 404
                return self._error(
                    404, "BMXAA8727E", f"BMXAA8727E - {url.path} not found."
                )
            status, answer, headers = self._route(
                method, structure, match.group(2), url, body
            )
            call.status = status
            if fault and fault.mode == "commit-then-reset":
                call.status = "committed-then-reset"
                self.close_connection = True
                return
            self._send(status, answer, headers)
        except StoreError as exc:
            call.status = exc.status
            self._error(exc.status, exc.reason, exc.message)

    def _route(self, method, structure, rid, url, body):
        store = self.standin.store
        query = parse_qs(url.query)
        if method == "GET" and rid is None:
            where = (
                parse_where(query.get("oslc.where", [""])[0])
                if query.get("oslc.where")
                else {}
            )
            members = []
            for found_rid, record in store.find(structure, where):
                record["href"] = self._href(structure, found_rid)
                members.append(record)
            return (
                200,
                {"member": members, "responseInfo": {"totalCount": len(members)}},
                {},
            )
        if method == "GET":
            record = store.get(structure, unquote(rid))
            record["href"] = self._href(structure, unquote(rid))
            return 200, record, {}
        if method == "POST" and rid is None:
            new = store.create(structure, body)
            return 201, None, {"Location": self._href(structure, new)}
        if method == "DELETE" and rid is not None:
            store.delete(structure, unquote(rid))
            return 204, None, {}
        if method == "PATCH" and rid is not None:
            merge = self.headers.get("patchtype", "").upper() == "MERGE"
            store.update(structure, unquote(rid), body, merge)
            return 204, None, {}
        raise StoreError(405, "SIM0006E", f"SIM0006E - {method} is not supported here.")

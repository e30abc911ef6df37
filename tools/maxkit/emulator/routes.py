"""The emulated MAS internal API, as plain functions of a parsed request.

No sockets here: the HTTP handler parses, this module decides, so the
behaviour can be read in one place.

Routes (all JSON):

``POST /v2/bulk/users/upsert``
    Body: a JSON array of v3 users, or ``{"users": [...]}``.  No public source
    shows this route's body, so both envelopes are accepted and the answer
    uses the envelope of the request.  200 with one result per user:
    ``{"id", "status": 201|200}`` or ``{"id", "status": 400|409, "exception",
    "message"}``.  A body that is not JSON or not a list of objects: 400.

The per-user flow of IBM's python-devops ``MASUserUtils`` (MAS < 9.1, file
``src/mas/devops/users.py``) uses exactly these, and only these are served:

``GET /v3/users/{id}``                                   200 user, 404
``POST /v3/users``                                       201 user, 400, 409 ``AIUI1002E`` / ``AIUCO1005E``
``PUT /v3/users/{id}``                                   200 user (``update_user``: full replace)
``PATCH /v3/users/{id}``                                 200 user (``update_user_display_name``, used to resync)
``PUT /v3/users/{id}/idps/local?emailPassword=..``      200 ``{"token"}`` (``link_user_to_local_idp``)
``GET /v3/users/{id}/workspaces``                        200 list, 404
``PUT /workspaces/{ws}/users/{id}``                      200 (``add_user_to_workspace``)
``GET /workspaces/{ws}/applications``                    200 list (``get_mas_applications_in_workspace``)
``GET /workspaces/{ws}/applications/{app}``              200 ``{"ready", "available"}``
``GET /workspaces/{ws}/applications/{app}/users/{id}``   200 ``{"role"}``, 404
``PUT /workspaces/{ws}/applications/{app}/users/{id}``   200 (``set_user_application_permission``)

Sync state (``check_user_sync``) is read from ``GET /v3/users/{id}`` at
``applications.<app>.sync.state``; see ``store.UserStore`` for when it turns
``SUCCESS``.  The token login (``/logininitial`` on the admin dashboard) and
the Manage (9.1+) ``/maximo/api/os/...`` routes are a different host and are
not emulated; an ``x-access-token`` header is accepted and ignored because the
internal API authenticates by client certificate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import unquote

from . import errors
from .errors import MasError, error_body
from .faults import BULK_PATH, PartialBulk
from .store import UserStore

NO_BODY = object()
BAD_JSON = object()


@dataclass
class Reply:
    status: int
    payload: Any = None  # JSON-able; None: empty body
    headers: dict = field(default_factory=dict)


@dataclass
class Request:
    method: str
    path: str
    query: dict  # name -> last value
    body: Any  # parsed JSON, NO_BODY or BAD_JSON
    partial: PartialBulk | None = None


def _object_body(req: Request) -> dict:
    if req.body is BAD_JSON:
        raise MasError(400, errors.BAD_BODY, ["the body is not valid JSON"])
    if not isinstance(req.body, dict):
        raise MasError(400, errors.BAD_BODY, ["a JSON object is required"])
    return req.body


class Router:
    """Maps a request onto the user store and the Suite's workspace layout."""

    def __init__(self, store: UserStore, workspaces: dict[str, tuple[str, ...]]):
        self.store = store
        self.workspaces = {ws: tuple(apps) for ws, apps in workspaces.items()}
        seg = r"(?P<{}>[^/]+)"
        table: list[tuple[str, str, Callable[..., Reply]]] = [
            ("POST", BULK_PATH, self.bulk_upsert),
            ("POST", "/v3/users", self.create_user),
            ("GET", "/v3/users/{id}", self.get_user),
            ("PUT", "/v3/users/{id}", self.replace_user),
            ("PATCH", "/v3/users/{id}", self.patch_user),
            ("PUT", "/v3/users/{id}/idps/local", self.link_local_idp),
            ("GET", "/v3/users/{id}/workspaces", self.user_workspaces),
            ("PUT", "/workspaces/{ws}/users/{id}", self.add_to_workspace),
            ("GET", "/workspaces/{ws}/applications", self.list_applications),
            ("GET", "/workspaces/{ws}/applications/{app}", self.get_application),
            (
                "GET",
                "/workspaces/{ws}/applications/{app}/users/{id}",
                self.get_app_role,
            ),
            (
                "PUT",
                "/workspaces/{ws}/applications/{app}/users/{id}",
                self.set_app_role,
            ),
        ]
        self._routes = []
        for method, template, fn in table:
            pattern = re.sub(r"\{(\w+)\}", lambda m: seg.format(m.group(1)), template)
            self._routes.append((method, re.compile(pattern + "/?"), template, fn))

    def match(self, method: str, path: str) -> tuple[str, Callable | None, dict, list]:
        """Find the route: (template, handler or None, path params, allowed methods)."""
        allowed, template = [], None
        for m, rx, tmpl, fn in self._routes:
            found = rx.fullmatch(path)
            if found is None:
                continue
            params = {k: unquote(v) for k, v in found.groupdict().items()}
            if m == method:
                return tmpl, fn, params, [m]
            allowed.append(m)
            template = tmpl
        return template or "unrouted", None, {}, allowed

    def route_name(self, method: str, path: str) -> str:
        template, fn, _, _ = self.match(method, path)
        return f"{method} {template}" if fn else "unrouted"

    def handle(self, req: Request) -> Reply:
        template, fn, params, allowed = self.match(req.method, req.path)
        try:
            if fn is None and allowed:
                raise MasError(405, errors.METHOD_NOT_ALLOWED, [req.method, req.path])
            if fn is None:
                raise MasError(404, errors.ROUTE_NOT_FOUND, [req.path])
            return fn(req, **params)
        except MasError as exc:
            headers = {"Allow": ", ".join(allowed)} if exc.status == 405 else {}
            return Reply(exc.status, exc.body(), headers)

    # -- helpers -----------------------------------------------------------

    def _workspace(self, ws: str) -> tuple[str, ...]:
        if ws not in self.workspaces:
            raise MasError(404, errors.NOT_FOUND, ["Workspace", ws])
        return self.workspaces[ws]

    def _application(self, ws: str, app: str) -> None:
        if app not in self._workspace(ws):
            raise MasError(404, errors.NOT_FOUND, ["Application", app])

    # -- bulk --------------------------------------------------------------

    def bulk_upsert(self, req: Request) -> Reply:
        body = req.body
        if body is BAD_JSON or body is NO_BODY:
            raise MasError(400, errors.BAD_BODY, ["the body is not valid JSON"])
        wrapped = isinstance(body, dict)
        users = body.get("users") if wrapped else body
        if not isinstance(users, list) or not all(isinstance(u, dict) for u in users):
            raise MasError(
                400,
                errors.BAD_BODY,
                ['a JSON array of user objects, or {"users": [...]}, is required'],
            )
        results = [self._upsert_one(user, req.partial) for user in users]
        return Reply(200, {"users": results} if wrapped else results)

    def _upsert_one(self, user: dict, partial: PartialBulk | None) -> dict:
        user_id = user.get("id")
        if partial is not None and user_id in partial.user_ids:
            return {
                "id": user_id,
                "status": partial.status,
                **error_body(partial.error_id, [user_id], partial.message),
            }
        try:
            status, _ = self.store.upsert(user)
        except MasError as exc:
            return {"id": user_id, "status": exc.status, **exc.body()}
        return {"id": user_id, "status": status}

    # -- users -------------------------------------------------------------

    def create_user(self, req: Request) -> Reply:
        return Reply(201, self.store.create(_object_body(req)))

    def get_user(self, req: Request, id: str) -> Reply:
        user = self.store.poll(id)
        if user is None:
            raise MasError(404, errors.USER_NOT_FOUND, [id])
        return Reply(200, user)

    def replace_user(self, req: Request, id: str) -> Reply:
        return Reply(200, self.store.replace(id, _object_body(req)))

    def patch_user(self, req: Request, id: str) -> Reply:
        return Reply(200, self.store.patch(id, _object_body(req)))

    def link_local_idp(self, req: Request, id: str) -> Reply:
        body = {} if req.body is NO_BODY else _object_body(req)
        email_password = req.query.get("emailPassword", "false").lower() == "true"
        idp_user_id = body.get("idpUserId", id)
        return Reply(
            200, self.store.link_identity(id, "local", idp_user_id, email_password)
        )

    def user_workspaces(self, req: Request, id: str) -> Reply:
        return Reply(200, self.store.workspaces(id))

    # -- workspaces and applications ---------------------------------------

    def add_to_workspace(self, req: Request, ws: str, id: str) -> Reply:
        self._workspace(ws)
        body = {} if req.body is NO_BODY else _object_body(req)
        permissions = body.get("permissions", {})
        if not isinstance(permissions, dict):
            raise MasError(400, errors.BAD_BODY, ["permissions must be an object"])
        return Reply(200, self.store.set_workspace(id, ws, permissions))

    def list_applications(self, req: Request, ws: str) -> Reply:
        apps = self._workspace(ws)
        return Reply(200, [{"id": a, "ready": True, "available": True} for a in apps])

    def get_application(self, req: Request, ws: str, app: str) -> Reply:
        self._application(ws, app)
        return Reply(200, {"id": app, "ready": True, "available": True})

    def get_app_role(self, req: Request, ws: str, app: str, id: str) -> Reply:
        self._application(ws, app)
        role = self.store.app_role(id, ws, app)
        if role is None:
            raise MasError(404, errors.NOT_FOUND, ["Application role of", id])
        return Reply(200, role)

    def set_app_role(self, req: Request, ws: str, app: str, id: str) -> Reply:
        self._application(ws, app)
        role = _object_body(req).get("role")
        if not isinstance(role, str) or not role:
            raise MasError(400, errors.BAD_BODY, ["a role is required"])
        return Reply(200, self.store.set_app_role(id, ws, app, role))

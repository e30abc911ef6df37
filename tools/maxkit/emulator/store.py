"""Thread-safe in-memory MAS users, with the rules applied on every write.

The server handles each connection in its own thread, so every read and write
goes through one lock; callers get deep copies, never live records, so a test
can inspect a user while requests keep arriving.

Besides the user body (the fields a client sends) a record keeps the state MAS
manages itself: linked identity providers, workspace memberships, application
roles and the per-application sync state that ``check_user_sync`` in IBM's
python-devops polls.  The sync state turns from ``PENDING`` to ``SUCCESS`` on
the ``sync_polls``-th poll (``GET /v3/users/{id}``) after a role is set or the
user changes; ``sync_polls=1`` means the first poll already sees ``SUCCESS``.
"""

from __future__ import annotations

import copy
import secrets
import threading
from dataclasses import dataclass, field

from . import errors
from .errors import MasError
from .rules import primary_email, validate_user

# Fields MAS owns; a client sending them must not overwrite the server's view.
SERVER_FIELDS = ("identities", "applications")


@dataclass
class _Sync:
    polls: int = 0
    forced: str | None = None


@dataclass
class _Record:
    body: dict
    identities: dict = field(default_factory=dict)
    workspaces: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)  # (workspace, app) -> role
    sync: dict = field(default_factory=dict)  # app -> _Sync


def _client_fields(user: dict) -> dict:
    return {k: copy.deepcopy(v) for k, v in user.items() if k not in SERVER_FIELDS}


class UserStore:
    """The emulator's user database; safe to call from any thread."""

    def __init__(self, *, sync_polls: int = 1, allow_special_chars: bool = False):
        if sync_polls < 0:
            raise ValueError("sync_polls must be >= 0")
        self._lock = threading.RLock()
        self._records: dict[str, _Record] = {}
        self._emails: dict[str, str] = {}  # casefolded primary email -> user id
        self.sync_polls = sync_polls
        self.allow_special_chars = allow_special_chars

    # -- reading -----------------------------------------------------------

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def __contains__(self, user_id: object) -> bool:
        with self._lock:
            return user_id in self._records

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._records)

    def get(self, user_id: str) -> dict | None:
        """Read without counting as a sync poll, so tests do not disturb state."""
        with self._lock:
            rec = self._records.get(user_id)
            return None if rec is None else self._view(rec)

    def poll(self, user_id: str) -> dict | None:
        """Read as a client does: each call advances pending sync states."""
        with self._lock:
            rec = self._records.get(user_id)
            if rec is None:
                return None
            for state in rec.sync.values():
                state.polls += 1
            return self._view(rec)

    def all(self) -> list[dict]:
        with self._lock:
            return [self._view(rec) for rec in self._records.values()]

    def _state(self, st: _Sync) -> str:
        if st.forced is not None:
            return st.forced
        return "SUCCESS" if st.polls >= self.sync_polls else "PENDING"

    def _view(self, rec: _Record) -> dict:
        view = copy.deepcopy(rec.body)
        if rec.identities:
            view["identities"] = copy.deepcopy(rec.identities)
        if rec.sync:
            view["applications"] = {
                app: {"sync": {"state": self._state(st)}}
                for app, st in rec.sync.items()
            }
        return view

    # -- writing users -----------------------------------------------------

    def _validated(self, body: dict) -> None:
        found = validate_user(body, allow_special_chars=self.allow_special_chars)
        if found:
            user_id = body.get("id") if isinstance(body, dict) else None
            raise MasError(
                400,
                errors.INVALID_USER,
                [user_id, *(v.field for v in found)],
                errors.message_for(
                    errors.INVALID_USER, [user_id, "; ".join(map(str, found))]
                ),
            )

    def _check_email(self, body: dict) -> str | None:
        email = primary_email(body)
        owner = self._emails.get(email) if email else None
        if owner is not None and owner != body["id"]:
            raise MasError(409, errors.EMAIL_EXISTS, [body["id"]])
        return email

    def _store(self, body: dict, rec: _Record | None) -> _Record:
        """Commit a validated body; the caller holds the lock."""
        email = self._check_email(body)
        user_id = body["id"]
        if rec is None:
            rec = _Record(body=body)
            self._records[user_id] = rec
        else:
            old = primary_email(rec.body)
            if old is not None and self._emails.get(old) == user_id:
                del self._emails[old]
            rec.body = body
            # MAS re-syncs a changed user to its applications.
            for st in rec.sync.values():
                st.polls = 0
                st.forced = None
        if email is not None:
            self._emails[email] = user_id
        return rec

    def create(self, user: dict) -> dict:
        """``POST /v3/users`` semantics: an existing id is a conflict."""
        body = _client_fields(user) if isinstance(user, dict) else user
        self._validated(body)
        with self._lock:
            if body["id"] in self._records:
                raise MasError(409, errors.USER_EXISTS, [body["id"]])
            return self._view(self._store(body, None))

    def upsert(self, user: dict) -> tuple[int, dict]:
        """Create, or merge the given fields into the existing user; 201 or 200."""
        if not isinstance(user, dict):
            self._validated(user)
        given = _client_fields(user)
        with self._lock:
            user_id = given.get("id")
            rec = self._records.get(user_id) if isinstance(user_id, str) else None
            if rec is None:
                self._validated(given)
                return 201, self._view(self._store(given, None))
            merged = {**copy.deepcopy(rec.body), **given}
            self._validated(merged)
            return 200, self._view(self._store(merged, rec))

    def replace(self, user_id: str, user: dict) -> dict:
        """``PUT /v3/users/{id}``: the body replaces every client field."""
        body = self._same_id(user_id, user)
        self._validated(body)
        with self._lock:
            rec = self._existing(user_id)
            return self._view(self._store(body, rec))

    def patch(self, user_id: str, fields: dict) -> dict:
        """``PATCH /v3/users/{id}``: only the given fields change."""
        given = self._same_id(user_id, fields)
        with self._lock:
            rec = self._existing(user_id)
            merged = {**copy.deepcopy(rec.body), **given}
            self._validated(merged)
            return self._view(self._store(merged, rec))

    def _same_id(self, user_id: str, user: object) -> dict:
        if not isinstance(user, dict):
            raise MasError(400, errors.BAD_BODY, ["a JSON object is required"])
        body = _client_fields(user)
        if "id" in body and body["id"] != user_id:
            raise MasError(400, errors.ID_IMMUTABLE, [user_id, body["id"]])
        body["id"] = user_id
        return body

    def _existing(self, user_id: str) -> _Record:
        rec = self._records.get(user_id)
        if rec is None:
            raise MasError(404, errors.USER_NOT_FOUND, [user_id])
        return rec

    def delete(self, user_id: str) -> bool:
        with self._lock:
            rec = self._records.pop(user_id, None)
            if rec is None:
                return False
            email = primary_email(rec.body)
            if email is not None and self._emails.get(email) == user_id:
                del self._emails[email]
            return True

    def clear(self) -> None:
        with self._lock:
            self._records.clear()
            self._emails.clear()

    # -- state MAS manages -------------------------------------------------

    def link_identity(
        self, user_id: str, idp: str, idp_user_id: str, email_password: bool
    ) -> dict:
        """Link an identity provider; the answer carries a one-off token like MAS."""
        with self._lock:
            rec = self._existing(user_id)
            rec.identities[f"_{idp}"] = {
                "idpUserId": idp_user_id,
                "emailPassword": email_password,
            }
            return {"token": secrets.token_urlsafe(16)}

    def workspaces(self, user_id: str) -> list[dict]:
        with self._lock:
            rec = self._existing(user_id)
            return [
                {"id": ws, "permissions": copy.deepcopy(perm)}
                for ws, perm in rec.workspaces.items()
            ]

    def set_workspace(self, user_id: str, workspace: str, permissions: dict) -> dict:
        with self._lock:
            rec = self._existing(user_id)
            rec.workspaces[workspace] = copy.deepcopy(permissions)
            return {"id": workspace, "permissions": copy.deepcopy(permissions)}

    def app_role(self, user_id: str, workspace: str, app: str) -> dict | None:
        with self._lock:
            rec = self._existing(user_id)
            role = rec.roles.get((workspace, app))
            return None if role is None else {"role": role}

    def set_app_role(self, user_id: str, workspace: str, app: str, role: str) -> dict:
        """Setting a role starts the user's sync to that application."""
        with self._lock:
            rec = self._existing(user_id)
            rec.roles[(workspace, app)] = role
            rec.sync[app] = _Sync()
            return {"role": role}

    def set_sync_state(self, user_id: str, app: str, state: str | None) -> None:
        """Pin a sync state (e.g. ``ERROR``) until the user next changes."""
        with self._lock:
            rec = self._existing(user_id)
            rec.sync.setdefault(app, _Sync()).forced = state

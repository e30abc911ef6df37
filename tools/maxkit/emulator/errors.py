"""MAS error ids and the JSON error body the emulator answers with.

Only two ids are published by IBM (technote 6607065 and the MAS Core API
docs): ``AIUCO1005E`` (primary email already in use) and ``AIUI1002E``
(user already exists on ``POST /v3/users``).  Every other id below is
**emulator-chosen**: it follows the ``AIUCO<nnnn>E`` form so clients that
parse the shape keep working, but no real MAS is known to send it.
"""

from __future__ import annotations

from typing import Any, Iterable

# Published by IBM.
EMAIL_EXISTS = "AIUCO1005E"
USER_EXISTS = "AIUI1002E"

# Emulator-chosen.
INVALID_USER = "AIUCO1001E"
ID_IMMUTABLE = "AIUCO1002E"
BAD_BODY = "AIUCO1003E"
USER_NOT_FOUND = "AIUCO1004E"
ROUTE_NOT_FOUND = "AIUCO1006E"
METHOD_NOT_ALLOWED = "AIUCO1007E"
NOT_FOUND = "AIUCO1008E"
BULK_ITEM_FAILED = "AIUCO1010E"
BODY_TOO_LARGE = "AIUCO1013E"
INTERNAL = "AIUCO1999E"

_TEMPLATES = {
    EMAIL_EXISTS: "Unable to create or update user {0}: the primary email is already used by another user.",
    USER_EXISTS: "Unable to create user {0}: a user with this id already exists.",
    INVALID_USER: "User {0} is not valid: {1}.",
    ID_IMMUTABLE: "The id of user {0} cannot be changed to {1}.",
    BAD_BODY: "The request body is not acceptable: {0}.",
    USER_NOT_FOUND: "User {0} was not found.",
    ROUTE_NOT_FOUND: "No resource at {0}.",
    METHOD_NOT_ALLOWED: "Method {0} is not allowed on {1}.",
    NOT_FOUND: "{0} {1} was not found.",
    BULK_ITEM_FAILED: "User {0} could not be processed (injected failure).",
    BODY_TOO_LARGE: "The request body is larger than {0} bytes.",
    INTERNAL: "Internal error in the emulator: {0}.",
}

# Emulator-chosen ids for injected HTTP status faults: AIUCO9<status>E.
_STATUS_TEXT = {
    400: "Bad request",
    401: "The access token is empty or not valid",
    403: "Access is forbidden",
    404: "Not found",
    409: "Conflict",
    429: "Too many requests; retry later",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


def status_error_id(status: int) -> str:
    """Give injected faults a stable, recognisable id per status code."""
    return f"AIUCO9{status:03d}E"


def message_for(error_id: str, properties: Iterable[Any]) -> str:
    props = [str(p) for p in properties]
    template = _TEMPLATES.get(error_id)
    if template is None and error_id.startswith("AIUCO9"):
        status = int(error_id[6:9])
        text = _STATUS_TEXT.get(status, "Injected failure")
        return f"{error_id}: {text} (injected by the emulator)."
    if template is None:
        return f"{error_id}: {' '.join(props)}".rstrip()
    # Missing properties render as empty so a short list never raises.
    padded = props + [""] * 4
    return f"{error_id}: {template.format(*padded)}"


def error_body(
    error_id: str, properties: Iterable[Any] = (), message: str | None = None
) -> dict:
    """Build the ``{"exception": {...}, "message": ...}`` shape MAS clients parse."""
    props = list(properties)
    return {
        "exception": {"id": error_id, "properties": props},
        "message": message if message is not None else message_for(error_id, props),
    }


class MasError(Exception):
    """Carries an HTTP status with a MAS error body so routes can just raise."""

    def __init__(
        self,
        status: int,
        error_id: str,
        properties: Iterable[Any] = (),
        message: str | None = None,
    ):
        self.status = status
        self.error_id = error_id
        self.properties = list(properties)
        self.message = (
            message if message is not None else message_for(error_id, self.properties)
        )
        super().__init__(self.message)

    def body(self) -> dict:
        return error_body(self.error_id, self.properties, self.message)

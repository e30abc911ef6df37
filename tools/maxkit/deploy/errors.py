"""Deploy errors, keyed to Maximo reason codes, each with what to do.

Maximo answers errors as ``{"Error": {"reasonCode", "message",
"statusCode"}}``; the reason code (BMXAA...) says more than the HTTP status,
so the advice is chosen by code first and by status second. Messages never
contain the API key: the client redacts it before an error is built.
"""

from __future__ import annotations

from maxkit.errors import MaxkitError

# reason code -> (what it means, what to do). {env} is the API key variable,
# {os} the object structure of the call.
ADVICE = {
    "BMXAA9549E": (
        "the API key is not valid (wrong, expired or revoked)",
        "create a key in Administration > API Keys (or ask your administrator)"
        " and export it in ${env}",
    ),
    "BMXAA7901E": (
        "Maximo did not accept the login",
        "check the API key in ${env} and that its user is active",
    ),
    "BMXAA0021E": (
        "the user or password is not valid",
        "use an API key in ${env}, not a password",
    ),
    "BMXAA0024E": (
        "the API key's user may not do this on {os}",
        "give its security group access to the object structure {os}"
        " (Security Groups > Object Structures) or use an administrator's key",
    ),
    "BMXAA9051E": (
        "the API key's user is not authorized for {os}",
        "give its security group access to the object structure {os}"
        " (Security Groups > Object Structures) or use an administrator's key",
    ),
    "BMXAA9301E": (
        "the object structure {os} is missing or not available to REST",
        "create it (see IMPORT.md, 'How sure the object structure contents are')"
        " or name another one in [tool.maxkit.object-structures] of pyproject.toml",
    ),
    "BMXAA8727E": (
        "the record disappeared while deploying",
        "run deploy again; it reads the server first",
    ),
    "BMXAA4129E": (
        "the record was created by someone else while deploying",
        "run deploy again; it will update the record instead",
    ),
    "BMXAA5646I": (
        "an administrator logged the session out",
        "run deploy again",
    ),
    "BMXAA4195E": (
        "Maximo wants a value the bundle does not give",
        "add the field named in the message to the scriptConfig or domain source",
    ),
}

BY_STATUS = {
    401: ("Maximo refused the API key", "check the key in ${env}"),
    403: (
        "the API key's user has no access to {os}",
        "grant its security group the object structure {os}",
    ),
    404: (
        "the object structure {os} or the record was not found",
        "check --url (it ends with /maximo) and that {os} exists",
    ),
}


class DeployError(MaxkitError):
    """deploy cannot go on; the message says what, where and what to do."""


class TransportError(DeployError):
    """The call did not get an answer: the outcome of a write is unknown."""


class MaximoError(DeployError):
    """Maximo answered a call with an error."""

    def __init__(
        self, status: int, reason: str, message: str, call: str, os: str, env: str
    ):
        self.status = status
        self.reason = reason
        self.server_message = message
        meaning, todo = (
            ADVICE.get(reason)
            or BY_STATUS.get(status)
            or (
                "Maximo refused the call",
                "read the message; the Manage server log has the details for this reason code",
            )
        )
        fill = {"os": os or "the object structure", "env": env}
        self.meaning = meaning.format(**fill)
        self.todo = todo.replace("${env}", "$" + env).format(**fill)
        super().__init__(
            f"{call}: HTTP {status} {reason or '(no reason code)'}: {self.meaning}."
            f" Maximo said: {message.rstrip('. ') or '(nothing)'}."
            f" What to do: {self.todo}."
        )

    @property
    def is_authentication(self) -> bool:
        return self.status == 401 or self.reason in (
            "BMXAA9549E",
            "BMXAA7901E",
            "BMXAA0021E",
        )

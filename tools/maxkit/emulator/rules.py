"""Published validation rules for a MAS v3 user, as pure functions.

Kept apart from the store so the rules can be read (and tested) on their own
and so the store's lock never covers anything but bookkeeping.  Sources: IBM
docs "Importing users" (id/username length and characters, name lengths) and
the MAS user data model (entitlement values).  ``SELF_SERVICE`` is accepted
although no public MAS source shows it: the project's dialog offers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ID = 100
MAX_GIVEN_NAME = 30
MAX_FAMILY_NAME = 50
MAX_DISPLAY_NAME = 82

APPLICATION_ENTITLEMENTS = frozenset(
    {"NONE", "SELF_SERVICE", "LIMITED", "BASE", "PREMIUM"}
)
ADMIN_ENTITLEMENTS = frozenset({"NONE", "ADMIN_BASE", "ADMIN_PREMIUM"})

# "Letters" is read as ASCII letters: IBM's wording does not say whether
# accented letters pass, so the strict reading catches more client bugs.
_ALLOWED_CHARS = re.compile(r"[A-Za-z0-9_\-@.]+")


@dataclass(frozen=True)
class Violation:
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


def _check_identifier(
    user: dict, field: str, allow_special_chars: bool
) -> list[Violation]:
    value = user.get(field)
    if value is None:
        return [Violation(field, "is required")]
    if not isinstance(value, str):
        return [Violation(field, "must be a string")]
    if not 1 <= len(value) <= MAX_ID:
        return [Violation(field, f"must be 1 to {MAX_ID} characters")]
    if not allow_special_chars and not _ALLOWED_CHARS.fullmatch(value):
        return [
            Violation(field, "may hold only letters, digits and the characters _ - @ .")
        ]
    return []


def _check_length(user: dict, field: str, limit: int) -> list[Violation]:
    value = user.get(field)
    if value is None:
        return []
    if not isinstance(value, str):
        return [Violation(field, "must be a string")]
    if len(value) > limit:
        return [Violation(field, f"must be at most {limit} characters")]
    return []


def _check_entitlement(user: dict) -> list[Violation]:
    ent = user.get("entitlement")
    if ent is None:
        return []
    if not isinstance(ent, dict):
        return [Violation("entitlement", "must be an object")]
    found = []
    app = ent.get("application")
    if app is not None and app not in APPLICATION_ENTITLEMENTS:
        allowed = ", ".join(sorted(APPLICATION_ENTITLEMENTS))
        found.append(Violation("entitlement.application", f"must be one of {allowed}"))
    admin = ent.get("admin")
    if admin is not None and admin not in ADMIN_ENTITLEMENTS:
        allowed = ", ".join(sorted(ADMIN_ENTITLEMENTS))
        found.append(Violation("entitlement.admin", f"must be one of {allowed}"))
    return found


def _check_emails(user: dict) -> list[Violation]:
    emails = user.get("emails")
    if emails is None:
        return []
    if not isinstance(emails, list) or not all(isinstance(e, dict) for e in emails):
        return [Violation("emails", "must be a list of objects")]
    for item in emails:
        if item.get("primary") is True and not isinstance(item.get("value"), str):
            return [Violation("emails", "the primary email needs a string value")]
    return []


def validate_user(
    user: object, *, allow_special_chars: bool = False
) -> list[Violation]:
    """Return every rule the user breaks, so one answer can name them all."""
    if not isinstance(user, dict):
        return [Violation("user", "must be a JSON object")]
    found: list[Violation] = []
    found += _check_identifier(user, "id", allow_special_chars)
    found += _check_identifier(user, "username", allow_special_chars)
    found += _check_length(user, "givenName", MAX_GIVEN_NAME)
    found += _check_length(user, "familyName", MAX_FAMILY_NAME)
    found += _check_length(user, "displayName", MAX_DISPLAY_NAME)
    found += _check_entitlement(user)
    found += _check_emails(user)
    return found


def primary_email(user: dict) -> str | None:
    """The uniqueness key: compared case-insensitively, as mail systems do."""
    emails = user.get("emails")
    if not isinstance(emails, list):
        return None
    for item in emails:
        if isinstance(item, dict) and item.get("primary") is True:
            value = item.get("value")
            if isinstance(value, str) and value.strip():
                return value.strip().casefold()
    return None

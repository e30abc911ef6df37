"""The bundle as data: scripts, domains and dialogs read from the repository."""

from maxkit.bundle.load import load_bundle
from maxkit.bundle.model import Bundle

__all__ = ["Bundle", "load_bundle"]

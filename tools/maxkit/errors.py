"""The toolkit's one error hierarchy: every error says what, where and how to fix it."""


class MaxkitError(Exception):
    """The toolkit cannot proceed; the message is meant for the user as it is."""


class BundleError(MaxkitError):
    """A source file of the bundle is wrong; ``where`` is ``path:line``."""

    def __init__(self, where, message):
        self.where = where
        super().__init__("%s: %s" % (where, message))


class UsageError(MaxkitError):
    """The command line is wrong."""

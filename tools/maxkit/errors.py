"""The toolkit's one error hierarchy: every error says what, where and how to fix it."""


class MaxkitError(Exception):
    """The toolkit cannot proceed; the message is meant for the user as it is."""


class BundleError(MaxkitError):
    """A source file of the bundle is wrong; ``where`` is ``path:line``."""

    def __init__(self, where, message):
        self.where = where
        super().__init__("%s: %s" % (where, message))


class UsageError(MaxkitError):
    """The command line is wrong; the message is one printable line, whatever
    text of the user's it quotes (a control character shows as its escape)."""

    def __init__(self, message):
        super().__init__(one_line(str(message)))


def one_line(text: str) -> str:
    """``text`` with every character that is not printable (line breaks, control
    characters, lone surrogates) written as its Python escape."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)

"""The toolkit's one error hierarchy: every error says what, where and how to fix it.

Each class stands for one way a command ends, so :mod:`maxkit.cli` maps an
error to its exit code by class alone: a :class:`UsageError` is the user's
command line (exit 2); every other :class:`MaxkitError` is the job failing
(exit 1), whether the bundle's sources are wrong, a server refused, or a
program the job needs is missing.
"""


class MaxkitError(Exception):
    """The job cannot go on; the message is meant for the user as it is."""


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


class ToolchainError(MaxkitError):
    """A program the job runs (java, javac, Jython 2.7) is missing or broken:
    the machine is not set up, the command line is fine. The message says how
    to install it."""


class JythonRunError(MaxkitError):
    """Jython started but did not finish its jobs (timeout, driver failure)."""


def one_line(text: str) -> str:
    """``text`` with every character that is not printable (line breaks, control
    characters, lone surrogates) written as its Python escape."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)

"""Failures of the fake itself: a script did something Maximo would not allow,
or something the fake does not model. They are loud on purpose.

The lowest layer of the runtime: it imports nothing, so every other module
(the ``java.*`` stand-ins included) may raise these."""


class FakeMaximoError(Exception):
    """The script asked for something Maximo does not have (or the fake does not model)."""


def not_implemented(owner, name):
    return FakeMaximoError(
        "%s.%s is not implemented by the fake Maximo runtime; if Maximo has it, "
        "model it in tools/maxkit/runtime before using it" % (owner, name)
    )


class ConnectFailure(Exception):
    """No HTTP response: refused, reset, timed out or TLS failed.

    The text reads like the Java exception Maximo's HTTP stack would wrap
    (``java.net.ConnectException: Connection refused``, ...), since scripts
    can only tell these cases apart by that text. Here, not in
    ``maxfake.transport``: both transports (the Python one and
    ``maxfake.javahttp``, which the former loads under Jython) raise it.
    """

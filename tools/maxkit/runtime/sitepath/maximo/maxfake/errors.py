"""Failures of the fake itself: a script did something Maximo would not allow,
or something the fake does not model. They are loud on purpose."""


class FakeMaximoError(Exception):
    """The script asked for something Maximo does not have (or the fake does not model)."""


def not_implemented(owner, name):
    return FakeMaximoError(
        "%s.%s is not implemented by the fake Maximo runtime; if Maximo has it, "
        "model it in tools/maxkit/runtime before using it" % (owner, name)
    )

"""The few names that differ between CPython 3 and Jython 2.7."""

import sys

PY2 = sys.version_info[0] == 2
JYTHON = sys.platform.startswith("java")

if PY2:  # pragma: no cover - exercised under Jython
    text_type = unicode  # noqa: F821
    string_types = (str, unicode)  # noqa: F821
    integer_types = (int, long)  # noqa: F821
else:
    text_type = str
    string_types = (str,)
    integer_types = (int,)

if JYTHON:  # pragma: no cover - exercised under Jython
    # A Java exception thrown by Java code (JSON4J, java.net, ...) is not an
    # ``Exception`` in Jython: catching "whatever a script raised" needs both.
    from java.lang import Throwable as _Throwable

    SCRIPT_ERRORS = (Exception, _Throwable)
else:
    SCRIPT_ERRORS = (Exception,)


def key_name(text):
    """An object or attribute name as the fake keys its dicts: the runtime's
    own ``str``. In Jython the names read from the JSON spec are unicode and
    a script's literals are str; a dict lookup across the two decodes the
    str at every comparison (a measurable share of a bulk run), so the fake
    keeps them as str, which the names of the data dictionary (ASCII) allow.
    In CPython 3 both are str already. A name that is not ASCII (no name of
    the data dictionary) stays as it is, for the fake to refuse by name."""
    try:
        return str(text)
    except UnicodeError:  # pragma: no cover - Jython, a non-ASCII name
        return text


def to_text(value):
    """Return ``value`` as text, decoding byte strings as UTF-8."""
    if value is None:
        return None
    if isinstance(value, bytes) and not PY2:
        return value.decode("utf-8")
    if PY2 and isinstance(value, str):  # pragma: no cover - Jython
        return value.decode("utf-8")
    return text_type(value)


def byte_string(data):
    """Bytes of ``data``: Python bytes, text (as UTF-8) or a Java byte[]."""
    if isinstance(data, bytes):
        return data
    if hasattr(data, "tostring"):  # pragma: no cover - a Java byte[] in Jython
        return data.tostring()
    if isinstance(data, text_type):
        return data.encode("utf-8")
    return bytes(bytearray(data))


def java_bytes(data):
    """``data`` (bytes) as Maximo's Java API returns it: a Java byte[] in Jython."""
    if not JYTHON or data is None:
        return data
    from org.python.core.util import StringUtil  # pragma: no cover - Jython

    return StringUtil.toBytes(data)  # pragma: no cover - Jython

"""Dates as Maximo hands them to scripts: ``java.util.Date``.

Under Jython the real ``java.util.Date`` is used. CPython has no Java, so a
small look-alike stands in, with the two methods scripts use (``getTime`` and
``toString``). Records (``run_cron_job``) turn either into ISO-8601 text.
"""

import time

from maxfake.compat import JYTHON

if JYTHON:  # pragma: no cover - exercised under Jython
    from java.util import Date as _JavaDate

    DATE_TYPES = (_JavaDate,)

    def now():
        return _JavaDate()

else:

    class FakeDate(object):
        """``java.util.Date`` for CPython: milliseconds since the epoch, UTC."""

        def __init__(self, millis=None):
            if millis is None:
                millis = int(time.time() * 1000)
            self._millis = int(millis)

        def getTime(self):
            return self._millis

        def toString(self):
            return iso(self)

        def __str__(self):
            return iso(self)

        def __eq__(self, other):
            return isinstance(other, FakeDate) and other._millis == self._millis

        def __ne__(self, other):
            return not self == other

        def __hash__(self):
            return hash(self._millis)

    DATE_TYPES = (FakeDate,)

    def now():
        return FakeDate()


def is_date(value):
    return isinstance(value, DATE_TYPES)


def iso(value):
    """ISO-8601 UTC text (milliseconds) of a date object."""
    millis = value.getTime()
    seconds = time.gmtime(millis // 1000)
    return "%s.%03dZ" % (time.strftime("%Y-%m-%dT%H:%M:%S", seconds), millis % 1000)

"""Look-alike of ``psdi.server.MXServer``: system properties and the data dictionary."""

from maxfake import world as _world
from maxfake.dates import now
from psdi.mbo import MboSet, Translate, UserInfo, _Strict


class _MaximoDD(_Strict):
    def __init__(self, world):
        self._world = world

    def getTranslator(self):
        return Translate(self._world)


class MXServer(_Strict):
    def __init__(self, world):
        self._world = world

    @staticmethod
    def getMXServer():
        return MXServer(_world.current())

    def getProperty(self, name):
        """Like Maximo: the value as text, or None when the property is not set."""
        return self._world.properties.get(name)

    def getMaximoDD(self):
        return _MaximoDD(self._world)

    def getSystemUserInfo(self):
        return UserInfo("MAXADMIN")

    def getMboSet(self, name, userInfo=None):
        return MboSet.from_table(self._world, name, None)

    def getDate(self):
        """The server's current date and time, a ``java.util.Date``."""
        return now()

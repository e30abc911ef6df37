"""Look-alike of ``psdi.server.MXServer``: system properties and the data dictionary."""

from maxfake import world as _world
from maxfake.dates import now
from maxfake.errors import FakeMaximoError
from maxfake.strict import Strict as _Strict
from psdi.mbo import MboSet, Translate
from psdi.security import UserInfo


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
        """The system user is a set-up value of the world (spec ``system_user``)."""
        user = self._world.system_user
        if user is None:
            raise FakeMaximoError(
                "MXServer.getSystemUserInfo(): the system user is not set up;"
                ' give the world spec "system_user": "<LOGIN>"'
            )
        return UserInfo(self._world, user)

    def getMboSet(self, name, userInfo=None):
        return MboSet.from_table(self._world, name, None)

    def getDate(self):
        """The server's current date and time, a ``java.util.Date``."""
        return now()

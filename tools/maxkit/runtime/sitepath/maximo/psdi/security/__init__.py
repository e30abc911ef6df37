"""Look-alike of ``psdi.security.UserInfo``: who the code runs as.

A user's person id is a set-up value of the fake world (spec ``people``, login
name -> PERSONID); one that is not set up fails loudly, never guessed.
"""

from maxfake.errors import FakeMaximoError
from maxfake.strict import Strict as _Strict


class UserInfo(_Strict):
    def __init__(self, world, user):
        self._world = world
        self._user = user

    def getUserName(self):
        return self._user

    def getPersonId(self):
        people = self._world.people
        if self._user not in people:
            raise FakeMaximoError(
                "the person id of user %s is not set up: give the world spec"
                ' "people": {"%s": "<PERSONID>"}' % (self._user, self._user)
            )
        return people[self._user]

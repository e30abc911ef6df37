"""psdi.app.signature: the Users application's business objects.

A MAXUSER record is a ``MaxUserRemote``; its set hands it out as an
``MboRemote``, so a script calls these methods on the record it got from
``add()`` or a walk. Only the methods the scripts call are declared (the
class: sva-andreasb/pylance-icd-classes psdi/app/signature/MaxUser.py).
"""

from psdi.mbo import Mbo, StatefulMboRemote

class MaxUserRemote(StatefulMboRemote):
    def addGroupUser(self) -> None:
        """The new user's default memberships (DEFLTREG and the group MAXVARS
        NEWUSERGROUP names); Maximo's own code calls it after ``add()``."""

class MaxUser(Mbo, MaxUserRemote): ...

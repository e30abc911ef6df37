"""Maximo's business objects, beyond its tables: what the MBO classes refuse
or do by themselves when a script meets them.

The tables (columns, lengths, required, keys) come from the data dictionary;
the rules here are the MBO classes' own (MaxUser, Person, GroupUser,
MASUSERIDP): read-only attributes, status changes only through
``changeStatus``, the cascades a status change sets off, validation against
what the site registered. A script that breaks one fails here as it fails in
Manage, loudly.

Each rule is one entry of data, with its public source and a mark: ``[V]``
read in that source, ``[I]`` inferred (the source says what, not how; the
fake models the likeliest reading, and docs/install.md lists it as
inferred). psdi.mbo calls the hooks at the bottom; nothing else does.
"""

# MboConstants' access modifiers (Maximo's values; psdi.mbo.MboConstants has
# the same): not imported from psdi.mbo, which imports this module.
NOVALIDATION = 1
NOACCESSCHECK = 2

# -- Read-only attributes --------------------------------------------------
#: (OBJECT, ATTRIBUTE) -> source. ``setValue``/``setValueNull`` without the
#: access modifier NOACCESSCHECK is refused.
READONLY = {}

# -- Attribute validation -------------------------------------------------------
#: (OBJECT, ATTRIBUTE) -> function(world, mbo, value, flags): raises the
#: MXException Maximo raises for a value it refuses. Skipped with NOVALIDATION.
VALIDATORS = {}

# -- Checks at save ---------------------------------------------------------
#: OBJECT -> [function(world, mbo)]: run on every new or changed record of the
#: object before a save writes anything; raising fails the whole save.
SAVE_CHECKS = {}

# -- Methods of an MBO class ------------------------------------------------
#: (OBJECT, METHOD) -> function(world, mbo, *args): what the object's MBO class
#: has beyond psdi.mbo.Mbo (e.g. a stateful object's changeStatus). A method
#: no entry names fails loudly, as on a class that does not have it.
METHODS = {}


# -- Hooks psdi.mbo calls ---------------------------------------------------


def check_set(world, mbo, attribute, value, flags):
    """Before ``setValue``/``setValueNull`` (value None) of OBJECT.ATTRIBUTE."""
    key = (mbo._name, attribute)
    if key in READONLY and not flags & NOACCESSCHECK:
        from psdi.util import MXAccessException

        raise MXAccessException("access", "readonly", [mbo._name, attribute])
    validator = VALIDATORS.get(key)
    if validator is not None and not flags & NOVALIDATION:
        validator(world, mbo, value, flags)


def check_save(world, mbo):
    """Before a save writes a new or changed record."""
    for check in SAVE_CHECKS.get(mbo._name, ()):
        check(world, mbo)


def method(name, method_name):
    """The function behind OBJECT.method, or None when the class has none."""
    return METHODS.get((name, method_name))

"""The database's indexes on the fake's tables, so that a query costs what it
costs in Maximo's database, not a scan of the whole table.

Which columns are indexed:

- the leading column of each object's primary key (``primaryKeyColumns`` of
  IBM's data dictionary, tools/maxkit/data/maximo.json) [V]: the database's
  unique index on the key serves a lookup by its first column too, e.g.
  GROUPUSER by USERID, MASUSERIDP by USERID, ALNDOMAIN by DOMAINID [I: how
  a database uses a composite index];
- MAXUSER.PERSONID: Manage finds a person's users by it (the PERSON
  relationship USER, ``personid=:personid``, in IBM's data dictionary [V]);
  that the database has an index for it is inferred [I].

- MAXUSER.LOGINID without regard to case, for the business rule that no two
  users share a login (maxfake.business, unique login) [I: that Manage's
  database indexes it]; queries never use it (a where clause compares as
  written).

An index is kept up to date as records are written, one record at a time (a
database does not rebuild its index per insert); the rows in key order, for a
walk in key order, are sorted again only when a walk asks for them after a
change.
"""

import bisect

#: Indexed columns beyond each primary key's leading column (see above).
SECONDARY_INDEXES = {"MAXUSER": ("PERSONID",)}

#: Columns indexed without regard to case, for the business rules only.
FOLDED_INDEXES = {"MAXUSER": ("LOGINID",)}

#: Tables indexed on this column whatever the spec's keys say (the walk of
#: MASUSERBULK in key order needs PERSON's, even in a world without keys).
KEY_ATTRIBUTES = {"PERSON": "PERSONID"}


def indexed_columns(name, object_keys):
    """The columns of table ``name`` that have an index, the unique key's first."""
    columns = []
    primary = (object_keys.get(name) or {}).get("primaryKey") or []
    if primary:
        columns.append(primary[0])
    elif name in KEY_ATTRIBUTES:
        columns.append(KEY_ATTRIBUTES[name])
    for column in SECONDARY_INDEXES.get(name, ()):
        if column not in columns:
            columns.append(column)
    return columns


class TableIndex(object):
    """One column's index: table positions by value, and the rows in key order.

    Rows are the table's own dicts, so a save (which updates them in place)
    needs no re-index unless it changes the indexed column (:meth:`moved`).
    """

    def __init__(self, rows, attribute, fold=False):
        self.attribute = attribute
        # fold: text keys compared without regard to case (upper-cased).
        self.fold = fold
        self.positions = {}
        for position, row in enumerate(rows):
            self.positions.setdefault(self.key(row.get(attribute)), []).append(position)
        self._rows = rows
        self._ordered = None

    def key(self, value):
        """The index key of a column value."""
        if self.fold and value is not None:
            return ("%s" % (value,)).upper()
        return value

    @property
    def ordered(self):
        """The table's rows in key order (nulls first), sorted after a change."""
        if self._ordered is None:
            self._ordered = sorted(
                self._rows, key=lambda row: _null_first(row.get(self.attribute))
            )
        return self._ordered

    def added(self, position):
        """The table's row at ``position`` is new (appended)."""
        row = self._rows[position]
        self.positions.setdefault(self.key(row.get(self.attribute)), []).append(
            position
        )
        self._ordered = None

    def moved(self, position, old):
        """The row at ``position`` had ``old`` in the indexed column, now another."""
        old = self.key(old)
        kept = self.positions.get(old, [])
        if position in kept:
            kept.remove(position)
            if not kept:
                del self.positions[old]
        new = self.key(self._rows[position].get(self.attribute))
        bisect.insort(self.positions.setdefault(new, []), position)
        self._ordered = None

    def lookup(self, rows, values):
        """The rows whose indexed column is one of ``values``, in table order."""
        if len(values) == 1:
            # The usual lookup (a key): its positions are kept in order.
            positions = self.positions.get(self.key(values[0]))
            return [rows[position] for position in positions] if positions else []
        found = set()
        for value in values:
            found.update(self.positions.get(self.key(value), ()))
        return [rows[position] for position in sorted(found)]

    def position(self, row):
        """The table position of ``row`` (a dict of the table), or None."""
        for position in self.positions.get(self.key(row.get(self.attribute)), ()):
            if self._rows[position] is row:
                return position
        return None


def _null_first(value):
    """Sort key of a column value: nulls first, then by value (as the fake orders)."""
    if value is None or value == "":
        return (0, "")
    return (1, value)

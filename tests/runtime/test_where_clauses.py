"""The fake's where clauses: the quick reading of equalities (the clause a
script builds per record) gives the full grammar's terms whenever it reads a
clause, and leaves every other clause, refused ones included, to the full
grammar."""

import maxkit.runtime  # noqa: F401  (puts the fake on sys.path)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maxfake import where

NAMES = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,12}\Z")
VALUES = st.text(
    alphabet=st.sampled_from(list("ab AND and'x\u00e9\u4e2d\t=()")), max_size=12
)
EQUALS = st.sampled_from([" = ", "=", "  =  ", "\t=\t", " =", "= "])
JOINS = st.sampled_from([" and ", " AND ", "\tand\t", "  and  ", " or ", "and "])


def quoted(value):
    return "'" + value.replace("'", "''") + "'"


@st.composite
def clauses(draw):
    """Conjunctions of equalities, with now and then another term, another
    join or a stray quote: clauses both readings accept and clauses they
    refuse."""
    parts = []
    for index in range(draw(st.integers(1, 3))):
        if index:
            parts.append(draw(JOINS))
        name = draw(NAMES)
        kind = draw(st.sampled_from(["eq"] * 6 + ["in", "null", "raw"]))
        if kind == "eq":
            parts.append(name + draw(EQUALS) + quoted(draw(VALUES)))
        elif kind == "in":
            parts.append(name + " in (" + quoted(draw(VALUES)) + ")")
        elif kind == "null":
            parts.append(name + " is null")
        else:
            parts.append(name + draw(EQUALS) + "'" + draw(VALUES))
    return draw(st.sampled_from(["", " ", "\t"])) + "".join(parts)


@settings(max_examples=2000, deadline=None)
@given(clauses())
def test_the_quick_reading_agrees_with_the_full_grammar(clause):
    quick = where._equalities(clause)
    try:
        full = where._parse_terms(clause)
    except Exception:
        assert quick is None, clause
        return
    assert quick is None or quick == full, clause


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(NAMES, VALUES), min_size=1, max_size=3))
def test_a_clause_as_scripts_write_it_is_read_quickly(terms):
    clause = " and ".join(name + " = " + quoted(value) for name, value in terms)
    quick = where._equalities(clause)
    if any("and" in value.lower() for _, value in terms):
        return  # a value with "and" in it may be left to the full grammar
    assert quick == [(name.upper(), "eq", value) for name, value in terms]


@pytest.mark.parametrize(
    "clause",
    ["userid = 'A' or idpid = 'B'", "userid = 'A", "userid == 'A'", "1d = 'A'"],
)
def test_clauses_the_fake_cannot_evaluate_are_refused(clause):
    from maxfake.errors import FakeMaximoError

    assert where._equalities(clause) is None
    with pytest.raises(FakeMaximoError):
        where.terms(clause)

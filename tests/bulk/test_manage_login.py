"""The manage route's identity provider login in the MASUSERBULK cron task:
it comes from masuser.idp.loginattribute, a person without it is INVALID, and
a change of the setting writes every user again."""

from bulk_site import Site, person, summary
from manage_user_flows import MANAGE_IDP, SUITE


def _site(bundle, persons):
    site = Site(bundle, persons, **MANAGE_IDP)
    site.suite = dict(SUITE)
    # Manage's user tables, kept from run to run like PERSON.
    site.tables.update({"MAXUSER": [], "GROUPUSER": [], "MASUSERIDP": []})
    return site


def _logins(record):
    return {r["USERID"]: r["IDPLOGINID"] for r in record["tables"]["MASUSERIDP"]}


def test_the_login_follows_the_setting_and_a_change_writes_again(bundle):
    site = _site(bundle, [person(1), person(2)])
    first = site.run()
    assert _logins(first) == {"P001": "p001@example.com", "P002": "p002@example.com"}
    assert "unchanged=0 " in summary(first)
    site.properties["masuser.idp.loginattribute"] = "LASTNAME"
    second = site.run()
    assert "unchanged=0 " in summary(second) and "done=2 " in summary(second)
    assert _logins(second) == {"P001": "Person 1", "P002": "Person 2"}
    # One record per user: the login changed in place.
    assert len(second["tables"]["MASUSERIDP"]) == 2


def test_a_person_without_the_login_value_is_invalid_and_gets_no_user(bundle):
    site = _site(bundle, [person(1), person(2, TITLE="")])
    site.properties["masuser.idp.loginattribute"] = "TITLE"
    site.persons[0]["TITLE"] = "Planner"
    run = site.run()
    assert [r["USERID"] for r in run["tables"]["MAXUSER"]] == ["P001"]
    assert site.states() == {"P001": "DONE", "P002": "INVALID"}
    assert site.row("P002")["MASSYNCERROR"].startswith(
        "Person P002 has no TITLE, the identity provider login of its user"
    )

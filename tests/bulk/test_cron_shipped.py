"""The cron task instance as the package ships it does nothing until a site chooses."""

from bulk_site import Site, person, summary

from maxkit.bundle.settings import load_settings


def test_the_shipped_scriptarg_sends_nothing_until_the_saved_query_exists(bundle, root):
    (task,) = load_settings(root).crontasks
    s = Site(bundle, [person(1), person(2)])
    record = s.run(arg=task.scriptarg, extra_tables={"QUERY": []})
    errors = [m["key"] for m in record["messages"] if m["kind"] == "error"]
    assert errors == ["savedQueryMissing"]
    assert record["requests"] == []
    assert "outcome=rejected" in summary(record)
    assert s.states() == {"P001": None, "P002": None}


def test_once_the_saved_query_exists_the_shipped_scriptarg_works(bundle, root):
    (task,) = load_settings(root).crontasks
    query = {
        "APP": "PERSON",
        "CLAUSENAME": "MASUSERBULK",
        "CLAUSE": "personid = 'P002'",
    }
    s = Site(bundle, [person(1), person(2)])
    s.run(arg=task.scriptarg, extra_tables={"QUERY": [query]})
    assert s.states() == {"P001": None, "P002": "DONE"}

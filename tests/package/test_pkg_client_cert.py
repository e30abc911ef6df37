"""The client certificate password ships as a property with no value, encrypted
and masked, in every route the package writes."""

from __future__ import annotations

import json

from lxml import etree

from pkg_helpers import read_mif

PASSWORD = "masuser.api.clientcert.password"


def test_the_password_property_has_no_value_and_is_encrypted_and_masked(files):
    dbc = etree.fromstring(files["dbc/tools/maximo/en/masuser/V0100_01.dbc"])
    (prop,) = [p for p in dbc.iter("add_property") if p.get("name") == PASSWORD]
    assert (prop.get("encrypted"), prop.get("masked")) == ("true", "true")
    assert prop.get("value") is None and prop.get("default_value") is None

    (name,) = [n for n in files if n.endswith(f"-mxapimaxprop-{PASSWORD}.json")]
    rest = json.loads(files[name])
    assert rest["encrypted"] is True and rest["masked"] is True
    assert "maxpropvalue" not in rest

    _, records = read_mif(files["mif/02-MXAPIMAXPROP.xml"])
    (record,) = [r for r in records if r["propname"] == PASSWORD]
    assert (record["encrypted"], record["masked"]) == ("1", "1")
    assert "maxpropvalue" not in record


def test_the_other_client_cert_settings_ship_their_defaults(files):
    dbc = etree.fromstring(files["dbc/tools/maximo/en/masuser/V0100_01.dbc"])
    values = {
        p.get("name"): p.get("value")
        for p in dbc.iter("add_property")
        if p.get("name").startswith("masuser.api.clientcert.")
    }
    assert values == {
        "masuser.api.clientcert.store": None,
        "masuser.api.clientcert.type": "PKCS12",
        "masuser.api.clientcert.password": None,
        "masuser.api.clientcert.alg": "SunX509",
    }

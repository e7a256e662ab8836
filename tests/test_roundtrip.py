"""Round trips: account → file → account and account → graph → account lose nothing."""

import pytest
from hypothesis import HealthCheck, given, settings

from chainmap.graph import from_graph, to_graph
from chainmap.loader import dump, dumps, from_data, load, loads, to_data
from chainmap.model import Account

from .strategies import accounts

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(accounts())
def test_yaml_text_round_trip(account):
    assert loads(dumps(account, "yaml")) == account


@pytest.mark.parametrize("text", ["_0", "__1_0", "_.5", "0_", "0E0", "2026-01-01", "yes", "~", "=", ".inf"])
def test_yaml_keeps_text_that_a_reader_could_take_for_a_value(text):
    account = Account(id="a", name=text, competitors=[{"id": "c", "name": text}])
    assert loads(dumps(account, "yaml")) == account


@SETTINGS
@given(accounts())
def test_json_text_round_trip(account):
    assert loads(dumps(account, "json")) == account


def edges_in_order(account):
    """The graph keeps influence and contacts as edges, which have no file order of their own."""
    key = lambda link: (link.source, link.target, link.model_dump_json())
    return account.model_copy(update={"influence": sorted(account.influence, key=key), "contacts": sorted(account.contacts, key=key)})


@SETTINGS
@given(accounts())
def test_graph_round_trip(account):
    assert edges_in_order(from_graph(to_graph(account))) == edges_in_order(account)


@SETTINGS
@given(accounts())
def test_plain_data_round_trip(account):
    assert from_data(to_data(account)) == account


@settings(max_examples=20, deadline=None)
@given(accounts())
def test_file_round_trip(tmp_path_factory, account):
    folder = tmp_path_factory.mktemp("rt")
    for name in ("a.yaml", "a.json"):
        dump(account, folder / name)
        assert load(folder / name) == account
    assert sorted(p.name for p in folder.iterdir()) == ["a.json", "a.yaml"]  # no temporary files left


@settings(max_examples=100, deadline=None)
@given(accounts())
def test_graph_has_one_node_per_item_and_one_edge_per_reference(account):
    G = to_graph(account)
    items = len(account.people) + len(account.departments) + len(account.organisations) + len(account.team) + len(account.competitors)
    assert G.number_of_nodes() == items + 1  # + the account itself, organisation:self
    references = sum(bool(p.department) + bool(p.reports_to) + len(p.dotted_to) + bool(p.favours) for p in account.people)
    references += sum(1 + bool(d.parent) for d in account.departments)  # part_of its org, and its parent
    assert G.number_of_edges() == references + len(account.influence) + len(account.contacts)

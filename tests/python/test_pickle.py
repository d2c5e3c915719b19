"""Pickling: snapshots, policies and results cross process pools and come back equal."""

import concurrent.futures
import copy
import datetime
import multiprocessing
import pickle

import pytest

import tiaodu
from conftest import DATA, MID_YEAR, SAMPLE, YEAR_END, tiny_snapshot

T = tiaodu

PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_snapshots_policies_and_results_round_trip(sample, protocol):
    policy = T.Policy.load(DATA / "valid-policy" / "several.json")
    result = T.evaluate(sample, YEAR_END, policy)
    for obj in [sample, policy, T.Policy(), result, T.evaluate(sample, MID_YEAR)]:
        back = pickle.loads(pickle.dumps(obj, protocol=protocol))
        assert type(back) is type(obj) and back == obj and back is not obj
    back = pickle.loads(pickle.dumps(result, protocol=protocol))
    assert back.to_json() == result.to_json()
    assert back.policy == policy


def test_every_part_of_a_result_pickles(year_end_result):
    r = year_end_result
    talk = next(d for d in r.decisions if d.rule is T.Rule.admonishment_talk)
    rating = next(d for d in r.decisions if d.rule is T.Rule.unqualified_rating)
    parts = [talk, rating, talk.triggers[0], talk.text, r.items[0], r.scores[0], r.assessments[0],
             r.good_practices[0], r.support_requests[0], r.policy]
    for part in parts:
        back = pickle.loads(pickle.dumps(part))
        assert type(back) is type(part) and back == part
    back = pickle.loads(pickle.dumps(talk))
    assert back.triggers == talk.triggers and back.facts == talk.facts and back.text.zh == talk.text.zh
    assert pickle.loads(pickle.dumps(rating)).reasons == rating.reasons
    # A view pickles as the list it reads as.
    decisions = pickle.loads(pickle.dumps(r.decisions))
    assert type(decisions) is list and decisions == list(r.decisions)


def test_a_hand_built_snapshot_pickles_even_while_it_is_invalid():
    s = tiny_snapshot()
    s.organizations[1].parent = "nowhere"  # invalid: JSON could not carry it back
    back = pickle.loads(pickle.dumps(s))
    assert back == s and back.organizations[1].parent == "nowhere"
    assert [e.code for e in T.validate(back)] == ["unknown_ref"]


def test_model_parts_pickle_and_copy():
    s = tiny_snapshot()
    for obj in [s.organizations[0], s.organizations[0].secretary, s.dispatches[0], s.dispatches[0].checks[0],
                s.rectifications[0]]:
        assert pickle.loads(pickle.dumps(obj)) == obj
        c = copy.deepcopy(obj)
        assert c == obj and c is not obj
    c = copy.copy(s)
    c.organizations[0].name = "改"
    assert s.organizations[0].name != "改"  # the copy has its own records


def test_a_pickled_snapshot_keeps_absent_and_empty_lists_apart():
    s = T.Snapshot.load(DATA / "valid" / "empty-lists.json")
    back = pickle.loads(pickle.dumps(s))
    assert back.look_backs == [] and back.dispatches[1].good_practices is None
    assert back.to_json() == s.to_json()


def evaluate_in_worker(snapshot, as_of, policy):
    result = T.evaluate(snapshot, as_of, policy)
    return result, [d for d in result.decisions if d.rule is T.Rule.escalation]


def fail_in_worker(snapshot):
    return T.evaluate(snapshot, YEAR_END)


def test_process_pools_carry_snapshots_results_and_errors(sample):
    policy = T.Policy.load(DATA / "valid-policy" / "ledger-due-days-from-july.json")
    broken = tiny_snapshot()
    broken.dispatches[0].object = "town"
    # spawn: a fresh interpreter that gets everything by pickle, as a cluster worker would
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        jobs = [pool.submit(evaluate_in_worker, sample, d, policy) for d in (MID_YEAR, YEAR_END)]
        failing = pool.submit(fail_in_worker, broken)
        results = [j.result() for j in jobs]
        with pytest.raises(T.ValidationError) as info:
            failing.result()
    for (result, escalations), as_of in zip(results, (MID_YEAR, YEAR_END)):
        local = T.evaluate(sample, as_of, policy)
        assert result == local and result.to_json() == local.to_json()
        assert escalations == [d for d in local.decisions if d.rule is T.Rule.escalation] and escalations
    assert [(e.code, e.path) for e in info.value.errors] == [("dispatch_of_root", "/dispatches/0/object")]

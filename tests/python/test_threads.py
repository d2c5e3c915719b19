"""evaluate() from several Python threads at once (it releases the GIL while it runs)."""

import datetime
import sys
import threading
import time

import tiaodu
from conftest import MID_YEAR, YEAR_END

T = tiaodu
DATES = [MID_YEAR, YEAR_END, datetime.date(2023, 3, 31), datetime.date(2023, 9, 30)]


def run_together(n, work):
    """Runs work(i) on n threads started together; returns their results, re-raises errors."""
    start = threading.Barrier(n)
    results, errors = [None] * n, []

    def body(i):
        try:
            start.wait()
            results[i] = work(i)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def test_four_threads_evaluate_one_snapshot_at_once(sample):
    expected = {d: T.evaluate(sample, d).to_json() for d in DATES}
    rounds = 5
    results = run_together(4, lambda i: [T.evaluate(sample, DATES[(i + k) % 4]) for k in range(rounds)])
    for i, mine in enumerate(results):
        for k, r in enumerate(mine):
            d = DATES[(i + k) % 4]
            assert r.as_of == d and r.to_json() == expected[d]


def test_four_threads_read_and_serialize_one_result_at_once(year_end_result):
    expected = year_end_result.to_json()

    def work(i):
        texts = [year_end_result.to_json() for _ in range(3)]
        decisions = [(d.rule, d.org, d.text.en, dict(d.facts)) for d in year_end_result.decisions]
        return texts, decisions

    results = run_together(4, work)
    for texts, decisions in results:
        assert texts == [expected] * 3 and decisions == results[0][1]


def test_threads_evaluating_while_another_changes_the_snapshot(sample):
    # evaluate() works on its own copy of the snapshot: a change made meanwhile by another
    # thread is either wholly in a result or not at all, and never crashes it.
    before = T.evaluate(sample, YEAR_END).to_json()
    referred = {r.dispatch for r in sample.rectifications} | {l.dispatch for l in sample.ledger_submissions}
    extra = next(d for d in sample.dispatches if d.id not in referred)
    after_snapshot = T.Snapshot.from_json(sample.to_json())
    after_snapshot.dispatches.remove(next(x for x in after_snapshot.dispatches if x.id == extra.id))
    after = T.evaluate(after_snapshot, YEAR_END).to_json()
    assert before != after

    def work(i):
        if i == 0:
            for _ in range(20):
                sample.dispatches.remove(extra)
                sample.dispatches.append(extra)
            return None
        return [T.evaluate(sample, YEAR_END).to_json() for _ in range(5)]

    for texts in run_together(4, work)[1:]:
        assert all(t in (before, after) for t in texts)


def test_threads_with_the_parallel_evaluator(sample):
    expected = T.evaluate(sample, YEAR_END).to_json()
    results = run_together(4, lambda i: T.evaluate(sample, YEAR_END, threads=2).to_json())
    assert results == [expected] * 4


def test_evaluate_lets_other_threads_run(sample):
    # With a huge switch interval Python never takes the GIL away from a thread: another
    # thread runs only while this one releases it. A counting thread that makes progress
    # while evaluate() runs shows that evaluate() released it. (If it did not, the count
    # could never move during the call, whatever the machine's speed.)
    counter = [0]
    go, done = threading.Event(), threading.Event()

    def count():
        go.wait()
        while not done.is_set():
            counter[0] += 1
            time.sleep(0)  # releases the GIL, so the main thread gets it back after evaluate()

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    worker = threading.Thread(target=count)
    worker.start()
    try:
        go.set()
        progressed = False
        for _ in range(200):
            before = counter[0]
            T.evaluate(sample, YEAR_END)
            if counter[0] > before:
                progressed = True
                break
    finally:
        done.set()
        sys.setswitchinterval(old)
        worker.join()
    assert progressed

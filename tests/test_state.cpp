// Tests of tiaodu/state.hpp — the rectification state machine of spec 3.2.
#include "tiaodu/state.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace tiaodu;

namespace {
constexpr Day day(unsigned m, unsigned d) { return days_from_civil(2023, m, d); }
ItemEvent upd(Day t, bool done) { return {t, done ? EventKind::reported_done : EventKind::in_progress, kNone}; }
ItemEvent lb(Day t, EventKind k, LookBackIx id = 0) { return {t, k, id}; }
constexpr Day kDeadline = day(3, 31);
Standing at(const std::vector<ItemEvent>& ev, Day x) {
  return standing(ev, kDeadline, x, failure_date(ev, kDeadline));
}
}  // namespace

TEST(Clause5_1_State, StartsOpenAndInProgressChangesNothing) {
  const std::vector<ItemEvent> ev{upd(day(3, 10), false)};
  const Replay r = replay(ev, day(12, 31));
  EXPECT_EQ(r.status, ItemStatus::open);
  EXPECT_EQ(r.reported_on, kNoDay);
  EXPECT_EQ(r.done_on, kNoDay);
}

TEST(Clause5_1_State, ReportKeepsTheFirstDate) {
  const std::vector<ItemEvent> ev{upd(day(3, 10), true), upd(day(3, 20), true)};
  const Replay r = replay(ev, day(12, 31));
  EXPECT_EQ(r.status, ItemStatus::reported);
  EXPECT_EQ(r.reported_on, day(3, 10));
}

TEST(Clause5_1_State, RectifiedAfterReportIsDoneWhenReported) {
  const std::vector<ItemEvent> ev{upd(day(3, 10), true), lb(day(4, 20), EventKind::found_rectified)};
  const Replay r = replay(ev, day(12, 31));
  EXPECT_EQ(r.status, ItemStatus::rectified);
  EXPECT_EQ(r.done_on, day(3, 10));
  EXPECT_TRUE(at(ev, day(12, 31)).on_time);  // done 3-10 <= deadline 3-31
}

TEST(Clause5_1_State, RectifiedWithoutReportIsDoneWhenFound) {
  const std::vector<ItemEvent> ev{lb(day(4, 2), EventKind::found_rectified)};
  const Replay r = replay(ev, day(12, 31));
  EXPECT_EQ(r.status, ItemStatus::rectified);
  EXPECT_EQ(r.done_on, day(4, 2));
  const Standing s = at(ev, day(12, 31));
  EXPECT_FALSE(s.on_time);   // found after the deadline
  EXPECT_TRUE(s.failed);     // and it was neither on time nor pending on 4-01
  EXPECT_EQ(failure_date(ev, kDeadline), day(4, 1));
}

TEST(Clause5_1_State, SecondRectifiedFindingChangesNothing) {
  const std::vector<ItemEvent> ev{lb(day(3, 5), EventKind::found_rectified),
                                  lb(day(3, 9), EventKind::found_rectified, 1)};
  EXPECT_EQ(replay(ev, day(12, 31)).done_on, day(3, 5));
}

TEST(Clause5_4_State, NotRectifiedRefutesAReport) {
  const std::vector<ItemEvent> ev{upd(day(3, 10), true), lb(day(3, 20), EventKind::found_not_rectified)};
  const Replay r = replay(ev, day(12, 31));
  EXPECT_EQ(r.status, ItemStatus::open);
  EXPECT_EQ(r.reported_on, kNoDay);
  EXPECT_EQ(r.first_refutation, day(3, 20));
  EXPECT_EQ(failure_date(ev, kDeadline), day(3, 20));  // refuted before the deadline
  EXPECT_FALSE(at(ev, day(3, 19)).failed);
  EXPECT_TRUE(at(ev, day(3, 20)).failed);
}

TEST(Clause5_4_State, NotRectifiedRefutesARectifiedFinding) {
  const std::vector<ItemEvent> ev{lb(day(3, 5), EventKind::found_rectified),
                                  lb(day(6, 1), EventKind::found_not_rectified, 1)};
  const Replay r = replay(ev, day(12, 31));
  EXPECT_EQ(r.status, ItemStatus::open);
  EXPECT_EQ(r.done_on, kNoDay);
  EXPECT_EQ(failure_date(ev, kDeadline), day(6, 1));  // on time until refuted
}

TEST(Clause5_4_State, NotRectifiedOfAnOpenItemIsNoRefutation) {
  const std::vector<ItemEvent> ev{lb(day(3, 15), EventKind::found_not_rectified)};
  const Replay r = replay(ev, day(12, 31));
  EXPECT_EQ(r.status, ItemStatus::open);
  EXPECT_EQ(r.first_refutation, kNoDay);
  EXPECT_EQ(failure_date(ev, kDeadline), day(4, 1));  // failed by lateness instead
}

TEST(Clause5_4_State, SuperficialAlwaysRefutes) {
  const std::vector<ItemEvent> ev{lb(day(3, 15), EventKind::found_superficial)};
  EXPECT_EQ(replay(ev, day(12, 31)).first_refutation, day(3, 15));
  EXPECT_EQ(failure_date(ev, kDeadline), day(3, 15));
}

TEST(Clause5_1_State, OnOneDateUpdatesComeFirst) {
  // A report and a look-back on the same day: the look-back sees the report (the Index
  // orders events so; here they are given in that order).
  const std::vector<ItemEvent> ev{upd(day(3, 10), true), lb(day(3, 10), EventKind::found_rectified)};
  EXPECT_EQ(replay(ev, day(3, 10)).status, ItemStatus::rectified);
  EXPECT_EQ(replay(ev, day(3, 9)).status, ItemStatus::open);  // neither exists yet
}

TEST(Clause5_1_State, PendingOnlyWhenReportedByTheDeadline) {
  const std::vector<ItemEvent> in_time{upd(kDeadline, true)};
  const Standing s = at(in_time, day(5, 1));
  EXPECT_TRUE(s.pending);
  EXPECT_FALSE(s.overdue);
  EXPECT_FALSE(s.failed);
  EXPECT_EQ(failure_date(in_time, kDeadline), kNoDay);

  const std::vector<ItemEvent> late{upd(kDeadline + 1, true)};
  const Standing t = at(late, day(5, 1));
  EXPECT_FALSE(t.pending);
  EXPECT_TRUE(t.overdue);
  EXPECT_EQ(t.overdue_days, day(5, 1) - kDeadline);
  EXPECT_TRUE(t.failed);
  EXPECT_EQ(failure_date(late, kDeadline), kDeadline + 1);
}

TEST(Clause5_4_State, OverdueBoundaryDay) {
  const std::vector<ItemEvent> none;
  EXPECT_FALSE(at(none, kDeadline).overdue);  // the deadline itself is in time
  EXPECT_FALSE(at(none, kDeadline).failed);
  EXPECT_TRUE(at(none, kDeadline + 1).overdue);
  EXPECT_EQ(at(none, kDeadline + 1).overdue_days, 1);
  EXPECT_TRUE(at(none, kDeadline + 1).failed);
}

TEST(Clause5_4_State, FailedStaysFailedEvenWhenRectifiedLater) {
  const std::vector<ItemEvent> ev{lb(day(3, 10), EventKind::found_superficial),
                                  upd(day(3, 12), true),
                                  lb(day(3, 20), EventKind::found_rectified, 1)};
  const Standing s = at(ev, day(12, 31));
  EXPECT_EQ(s.machine.status, ItemStatus::rectified);
  EXPECT_TRUE(s.on_time);   // done 3-12 <= deadline
  EXPECT_TRUE(s.failed);    // but once refuted, failed for good (5.4: 整改不到位)
  EXPECT_EQ(failure_date(ev, kDeadline), day(3, 10));
}

TEST(Clause5_4_State, FailureIsTheEarlierOfRefutationAndLateness) {
  // Open at the deadline (so failed on 4-01), refuted later on 5-01: 4-01 counts.
  const std::vector<ItemEvent> ev{upd(day(4, 10), true), lb(day(5, 1), EventKind::found_not_rectified)};
  EXPECT_EQ(failure_date(ev, kDeadline), day(4, 1));
}

TEST(Clause5_4_State, PendingThenRefutedAfterTheDeadlineFailsOnTheRefutation) {
  const std::vector<ItemEvent> ev{upd(day(3, 30), true), lb(day(4, 15), EventKind::found_not_rectified)};
  EXPECT_EQ(failure_date(ev, kDeadline), day(4, 15));
  EXPECT_TRUE(at(ev, day(4, 14)).pending);
  EXPECT_FALSE(at(ev, day(4, 14)).failed);
  const Standing s = at(ev, day(4, 15));
  EXPECT_TRUE(s.failed);
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.overdue_days, day(4, 15) - kDeadline);
}

TEST(Clause5_4_State, RefutationCallbackSeesEveryRefutation) {
  const std::vector<ItemEvent> ev{upd(day(3, 1), true), lb(day(3, 2), EventKind::found_not_rectified, 7),
                                  lb(day(3, 3), EventKind::found_not_rectified, 8),  // open: none
                                  lb(day(3, 4), EventKind::found_superficial, 9)};
  std::vector<LookBackIx> seen;
  replay(ev, kNoEnd, [&](const ItemEvent& e) { seen.push_back(e.look_back); });
  EXPECT_EQ(seen, (std::vector<LookBackIx>{7, 9}));
}

// Every sequence of up to three events on distinct days: the failure date is the first
// day at which `failed` holds by the definition of 3.2, and failed never turns back.
TEST(Clause5_4_State, FailureDateMatchesTheDefinitionExhaustively) {
  const EventKind kinds[] = {EventKind::in_progress, EventKind::reported_done,
                             EventKind::found_rectified, EventKind::found_not_rectified,
                             EventKind::found_superficial};
  const Day days[] = {day(3, 20), kDeadline, kDeadline + 1, day(4, 10)};
  std::vector<ItemEvent> ev;
  int checked = 0;
  auto check = [&] {
    // Definition: failed at X iff a refutation <= X, or X > deadline and neither on time
    // nor pending at X; "stays failed" makes it the first such X onward.
    Day first = kNoDay;
    for (Day x = day(3, 1); x <= day(5, 1) && first == kNoDay; ++x) {
      const Replay r = replay(ev, x);
      const bool pending = r.status == ItemStatus::reported && r.reported_on <= kDeadline;
      const bool on_time = r.status == ItemStatus::rectified && r.done_on <= kDeadline;
      if ((r.first_refutation != kNoDay && r.first_refutation <= x) ||
          (x > kDeadline && !pending && !on_time))
        first = x;
    }
    ASSERT_EQ(failure_date(ev, kDeadline), first);
    ++checked;
  };
  for (auto k1 : kinds) for (int d1 = 0; d1 < 4; ++d1) {
    ev = {{days[d1], k1, k1 >= EventKind::found_rectified ? 1 : kNone}};
    check();
    for (auto k2 : kinds) for (int d2 = d1 + 1; d2 < 4; ++d2) {
      ev = {{days[d1], k1, 1}, {days[d2], k2, 2}};
      check();
      for (auto k3 : kinds) for (int d3 = d2 + 1; d3 < 4; ++d3) {
        ev = {{days[d1], k1, 1}, {days[d2], k2, 2}, {days[d3], k3, 3}};
        check();
      }
    }
  }
  EXPECT_GT(checked, 500);
}

// tiaodu/state.hpp — a rectification's state at a date (spec/rules.md 3.2).
//
// 五(一) 复核问效: "镇党委将及时跟踪了解调度对象问题整改情况，并不定期开展调度'回头看'，
// 采取巡回抽检调度" — the organization reports, a look-back or spot check verifies or
// refutes. 五(四) 责任挂钩: "在规定时间内不整改或整改不到位的" — not rectified within the
// limit, or not properly: that is what `failed` decides.
//
// Interface:
//   replay(events, x) -> Replay        the state machine over the events existing at x
//   replay(events, x, on_refutation)   the same, calling on_refutation(event) for every
//                                      look-back that refutes
//   apply(replay, event)               one step of the machine (what replay() repeats)
//   ReplayCursor{events}.at(x)         replay(events, x) for non-decreasing x, each event
//                                      applied once over all calls
//   standing(index, i, x) -> Standing  pending / overdue / on time / failed at x
//   failure_date(index, i) -> Day      the first day the item is failed, or kNoDay
#pragma once

#include "tiaodu/index.hpp"
#include "tiaodu/result.hpp"

#include <span>

namespace tiaodu {

// The machine's registers after the events dated <= x (3.2).
struct Replay {
  ItemStatus status = ItemStatus::open;
  Day reported_on = kNoDay;
  Day done_on = kNoDay;
  Day first_refutation = kNoDay;  // the first look-back that refuted a report or a finding
};

template <class OnRefutation>
constexpr Replay replay(std::span<const ItemEvent> events, Day x,
                        OnRefutation&& on_refutation) noexcept;
constexpr Replay replay(std::span<const ItemEvent> events, Day x) noexcept {
  return replay(events, x, [](const ItemEvent&) {});
}

template <class OnRefutation>
constexpr void apply(Replay& r, const ItemEvent& e, OnRefutation&& on_refutation) noexcept;
constexpr void apply(Replay& r, const ItemEvent& e) noexcept {
  apply(r, e, [](const ItemEvent&) {});
}

// For rules that ask for one item's state at a rising series of days (month ends).
struct ReplayCursor {
  std::span<const ItemEvent> events;
  std::size_t next = 0;
  Replay state{};

  constexpr const Replay& at(Day x) noexcept {
    while (next < events.size() && events[next].date <= x) apply(state, events[next++]);
    return state;
  }
};

// What 3.2 calls the item "at X", derived from the replay.
struct Standing {
  Replay machine;
  bool pending = false;       // reported by the deadline, awaiting verification
  bool overdue = false;       // not rectified, past the deadline, not pending
  Day overdue_days = 0;       // X - deadline when overdue
  bool on_time = false;       // rectified with done_on <= deadline
  bool failed = false;        // 5.4: not rectified in time, or not properly
};

// Reported by the deadline, awaiting verification; not rectified, past the deadline
// and not pending. (What Standing's `pending` and `overdue` say, from the registers.)
constexpr bool is_pending(const Replay& m, Day deadline) noexcept {
  return m.status == ItemStatus::reported && m.reported_on <= deadline;
}
constexpr bool is_overdue(const Replay& m, Day deadline, Day x) noexcept {
  return m.status != ItemStatus::rectified && x > deadline && !is_pending(m, deadline);
}

constexpr Standing standing(std::span<const ItemEvent> events, Day deadline, Day x,
                            Day failure) noexcept;
// The same from the registers at x (replay(events, x)), for callers that keep them.
constexpr Standing standing_of(const Replay& at_x, Day deadline, Day x, Day failure) noexcept;
inline Standing standing(const Index& index, ItemIx i, Day x, Day failure) noexcept;

// The first date at which the item is failed: its first refutation, or deadline + 1 if
// it is then neither on time nor pending, whichever is earlier. Facts after that day
// cannot move it, so it is a property of the item: failed at X <=> failure <= X.
constexpr Day failure_date(std::span<const ItemEvent> events, Day deadline) noexcept;
inline Day failure_date(const Index& index, ItemIx i) noexcept {
  return failure_date(index.events(i), index.deadline(i));
}

// ---------------------------------------------------------------------------
// Implementation

template <class OnRefutation>
constexpr void apply(Replay& r, const ItemEvent& e, OnRefutation&& on_refutation) noexcept {
  auto refute = [&] {
    r.status = ItemStatus::open;
    r.reported_on = kNoDay;
    r.done_on = kNoDay;
    if (r.first_refutation == kNoDay) r.first_refutation = e.date;
    on_refutation(e);
  };
  switch (e.kind) {
    case EventKind::in_progress:
      break;  // a response (it counts against neglect), not a change of state
    case EventKind::reported_done:
      if (r.status == ItemStatus::open) {  // a second report keeps the first date
        r.status = ItemStatus::reported;
        r.reported_on = e.date;
      }
      break;
    case EventKind::found_rectified:
      if (r.status == ItemStatus::reported) {
        r.status = ItemStatus::rectified;
        r.done_on = r.reported_on;  // verified: done when it was reported
      } else if (r.status == ItemStatus::open) {
        r.status = ItemStatus::rectified;
        r.done_on = e.date;  // found done without a report: done when found
      }
      break;
    case EventKind::found_not_rectified:
      if (r.status != ItemStatus::open) refute();  // a report or finding refuted
      break;
    case EventKind::found_superficial:
      refute();  // done for show (应付敷衍): always a refutation
      break;
  }
}

template <class OnRefutation>
constexpr Replay replay(std::span<const ItemEvent> events, Day x,
                        OnRefutation&& on_refutation) noexcept {
  Replay r;
  for (const ItemEvent& e : events) {
    if (e.date > x) break;  // events are in date order: the rest does not exist yet
    apply(r, e, on_refutation);
  }
  return r;
}

constexpr Standing standing_of(const Replay& m, Day deadline, Day x, Day failure) noexcept {
  Standing s;
  s.machine = m;
  s.pending = is_pending(m, deadline);
  s.overdue = is_overdue(m, deadline, x);
  s.overdue_days = s.overdue ? x - deadline : 0;
  s.on_time = m.status == ItemStatus::rectified && m.done_on <= deadline;
  s.failed = failure != kNoDay && failure <= x;
  return s;
}

constexpr Standing standing(std::span<const ItemEvent> events, Day deadline, Day x,
                            Day failure) noexcept {
  return standing_of(replay(events, x), deadline, x, failure);
}

inline Standing standing(const Index& index, ItemIx i, Day x, Day failure) noexcept {
  return standing(index.events(i), index.deadline(i), x, failure);
}

constexpr Day failure_date(std::span<const ItemEvent> events, Day deadline) noexcept {
  const Day day_after = deadline + 1;
  ReplayCursor cursor{events};  // one pass: the state the day after, then to the end
  const Replay then = cursor.at(day_after);
  const Day first_refutation = cursor.at(kNoEnd).first_refutation;
  const bool pending = then.status == ItemStatus::reported && then.reported_on <= deadline;
  const bool on_time = then.status == ItemStatus::rectified && then.done_on <= deadline;
  const Day late = (pending || on_time) ? kNoDay : day_after;
  if (first_refutation == kNoDay) return late;
  if (late == kNoDay) return first_refutation;
  return first_refutation < late ? first_refutation : late;
}

}  // namespace tiaodu

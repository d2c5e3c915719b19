// tiaodu/index.hpp — a valid snapshot, indexed once for the rules.
//
// Every id is interned to a dense integer, assigned in id order (code points), so that
// "sorted by id" is "sorted by index" and the output order never depends on the input
// order. Everything a rule asks ("the dispatches of this org", "this item's events in
// date order") is a contiguous slice of a flat array: rules never search.
//
// Interface:
//   OrgIx, DispatchIx, ItemIx, LookBackIx   dense indices (std::int32_t), kNone = -1
//   Slice<T>                                a contiguous run of indices
//   struct ItemEvent                        an update or look-back of an item, in the
//                                           order of spec 3.2
//   class Index
//     Index(const Snapshot&)                validates (throws ValidationError), then builds
//     org_count(), parent(o), children(o), is_ancestor(a, b), depth(o), root()
//     dispatches_of(o), items_of(o), items_of_dispatch(d), events(i) ...
//   The Index keeps a pointer to the snapshot: the snapshot must outlive it.
#pragma once

#include "tiaodu/date.hpp"
#include "tiaodu/model.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace tiaodu {

using OrgIx = std::int32_t;
using DispatchIx = std::int32_t;
using ItemIx = std::int32_t;
using LookBackIx = std::int32_t;
inline constexpr std::int32_t kNone = -1;
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();
inline constexpr Day kNoStart = std::numeric_limits<Day>::min();
inline constexpr Day kNoEnd = std::numeric_limits<Day>::max();

// What happens to an item on a day, in the order 3.2 applies them: on one date
// updates come before look-backs, look-backs among themselves by id.
enum class EventKind : std::uint8_t {
  in_progress,
  reported_done,
  found_rectified,
  found_not_rectified,
  found_superficial,
};
struct ItemEvent {
  Day date;
  EventKind kind;
  LookBackIx look_back;  // kNone for updates
};

// Rows of a compressed adjacency list: row(i) is values[offsets[i] .. offsets[i+1]).
template <class T>
struct Rows {
  std::vector<std::int32_t> offsets;  // size rows + 1
  std::vector<T> values;
  std::span<const T> operator[](std::int32_t i) const noexcept {
    return {values.data() + offsets[static_cast<std::size_t>(i)],
            values.data() + offsets[static_cast<std::size_t>(i) + 1]};
  }
};

class Index {
 public:
  // Validates the snapshot (validate.hpp) and throws ValidationError if it is not valid.
  explicit Index(const Snapshot& snapshot);

  const Snapshot& snapshot() const noexcept { return *snapshot_; }

  // --- organizations (clauses 2, 6.2), dense in id order
  std::int32_t org_count() const noexcept { return static_cast<std::int32_t>(orgs_.size()); }
  const Organization& org(OrgIx o) const noexcept { return *orgs_[static_cast<std::size_t>(o)]; }
  std::string_view org_id(OrgIx o) const noexcept { return org(o).id; }
  OrgIx root() const noexcept { return root_; }
  OrgIx parent(OrgIx o) const noexcept { return parent_[static_cast<std::size_t>(o)]; }
  std::span<const OrgIx> children(OrgIx o) const noexcept { return children_[o]; }
  std::int32_t depth(OrgIx o) const noexcept { return depth_[static_cast<std::size_t>(o)]; }
  // a is a proper ancestor of b. O(1): Euler-tour intervals.
  bool is_ancestor(OrgIx a, OrgIx b) const noexcept {
    const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
    return a != b && enter_[ua] <= enter_[ub] && leave_[ub] <= leave_[ua];
  }
  Day active_from(OrgIx o) const noexcept { return active_from_[static_cast<std::size_t>(o)]; }
  Day active_until(OrgIx o) const noexcept { return active_until_[static_cast<std::size_t>(o)]; }
  // The orgs in an order where each comes after its parent (root first).
  std::span<const OrgIx> preorder() const noexcept { return preorder_; }
  OrgIx find_org(std::string_view id) const noexcept;

  // --- dispatches (clauses 3, 4), dense in id order
  std::int32_t dispatch_count() const noexcept {
    return static_cast<std::int32_t>(dispatches_.size());
  }
  const Dispatch& dispatch(DispatchIx d) const noexcept {
    return *dispatches_[static_cast<std::size_t>(d)];
  }
  OrgIx object(DispatchIx d) const noexcept { return object_[static_cast<std::size_t>(d)]; }
  Day dispatch_date(DispatchIx d) const noexcept { return date_[static_cast<std::size_t>(d)]; }
  Day dispatch_end(DispatchIx d) const noexcept { return end_[static_cast<std::size_t>(d)]; }
  std::int32_t problem_count(DispatchIx d) const noexcept {
    return problems_[static_cast<std::size_t>(d)];
  }
  // The date of the dispatch's ledger submission (A2), or kNoDay.
  Day submitted(DispatchIx d) const noexcept { return submitted_[static_cast<std::size_t>(d)]; }
  // An org's dispatches, by (date, id).
  std::span<const DispatchIx> dispatches_of(OrgIx o) const noexcept { return org_dispatches_[o]; }
  std::span<const ItemIx> items_of_dispatch(DispatchIx d) const noexcept {
    return dispatch_items_[d];
  }
  // The dispatches with a good practice or a support request, in id order, and how many
  // of each (most dispatches have neither: the result's lists of them need not visit
  // every dispatch record).
  struct DispatchEntries {
    DispatchIx dispatch;
    std::uint32_t good_practices, support_requests;
  };
  std::span<const DispatchEntries> dispatches_with_entries() const noexcept { return with_entries_; }
  // The day of the earliest dispatch, or kNoDay when there is none.
  Day earliest_dispatch() const noexcept { return earliest_dispatch_; }

  // --- rectifications (ledger rows, A2 / 5.1 / 5.4), dense in id order
  std::int32_t item_count() const noexcept { return static_cast<std::int32_t>(items_.size()); }
  const Rectification& item(ItemIx i) const noexcept { return *items_[static_cast<std::size_t>(i)]; }
  DispatchIx item_dispatch(ItemIx i) const noexcept {
    return item_dispatch_[static_cast<std::size_t>(i)];
  }
  OrgIx item_org(ItemIx i) const noexcept { return item_org_[static_cast<std::size_t>(i)]; }
  Day deadline(ItemIx i) const noexcept { return deadline_[static_cast<std::size_t>(i)]; }
  // The day the item comes to exist: its dispatch's date.
  Day item_date(ItemIx i) const noexcept { return date_[static_cast<std::size_t>(item_dispatch(i))]; }
  // The item's updates and look-backs in the order of 3.2.
  std::span<const ItemEvent> events(ItemIx i) const noexcept { return item_events_[i]; }
  // An org's items, by id.
  std::span<const ItemIx> items_of(OrgIx o) const noexcept { return org_items_[o]; }

  // --- look-backs (5.1), dense in id order
  std::int32_t look_back_count() const noexcept {
    return static_cast<std::int32_t>(look_backs_.size());
  }
  const LookBack& look_back(LookBackIx l) const noexcept {
    return *look_backs_[static_cast<std::size_t>(l)];
  }

 private:
  const Snapshot* snapshot_;
  std::vector<const Organization*> orgs_;
  OrgIx root_ = kNone;
  std::vector<OrgIx> parent_;
  Rows<OrgIx> children_;
  std::vector<std::int32_t> depth_, enter_, leave_;
  std::vector<Day> active_from_, active_until_;
  std::vector<OrgIx> preorder_;

  std::vector<const Dispatch*> dispatches_;
  std::vector<OrgIx> object_;
  std::vector<Day> date_, end_, submitted_;
  std::vector<std::int32_t> problems_;
  Rows<DispatchIx> org_dispatches_;
  Rows<ItemIx> dispatch_items_;
  std::vector<DispatchEntries> with_entries_;
  Day earliest_dispatch_ = kNoDay;

  std::vector<const Rectification*> items_;
  std::vector<DispatchIx> item_dispatch_;
  std::vector<OrgIx> item_org_;
  std::vector<Day> deadline_;
  Rows<ItemEvent> item_events_;
  Rows<ItemIx> org_items_;

  std::vector<const LookBack*> look_backs_;
};

}  // namespace tiaodu

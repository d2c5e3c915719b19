// Builds the Index: one pass per list, ids interned by sorting, adjacency as flat rows.
#include "tiaodu/index.hpp"

#include "tiaodu/errors.hpp"
#include "tiaodu/validate.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace tiaodu {

namespace {

template <class T>
std::vector<const T*> sorted_by_id(std::span<const T> list) {
  std::vector<const T*> out;
  out.reserve(list.size());
  for (const T& x : list) out.push_back(&x);
  std::sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->id < b->id; });
  return out;
}

// Index of the element with this id in a vector sorted by id (the id must exist: the
// snapshot has been validated).
template <class T>
std::int32_t ix_of(const std::vector<const T*>& sorted, std::string_view id) noexcept {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), id,
                             [](const T* a, std::string_view v) { return a->id < v; });
  if (it == sorted.end() || (*it)->id != id) return kNone;
  return static_cast<std::int32_t>(it - sorted.begin());
}

// Rows from (row, value) pairs already in the wanted order within each row.
template <class T>
Rows<T> make_rows(std::int32_t row_count, const std::vector<std::pair<std::int32_t, T>>& pairs) {
  Rows<T> rows;
  rows.offsets.assign(static_cast<std::size_t>(row_count) + 1, 0);
  for (const auto& [r, v] : pairs) ++rows.offsets[static_cast<std::size_t>(r) + 1];
  std::partial_sum(rows.offsets.begin(), rows.offsets.end(), rows.offsets.begin());
  rows.values.resize(pairs.size());
  std::vector<std::int32_t> fill(rows.offsets.begin(), rows.offsets.end() - 1);
  for (const auto& [r, v] : pairs) rows.values[static_cast<std::size_t>(fill[static_cast<std::size_t>(r)]++)] = v;
  return rows;
}

}  // namespace

OrgIx Index::find_org(std::string_view id) const noexcept { return ix_of(orgs_, id); }

Index::Index(const Snapshot& snapshot) : snapshot_(&snapshot) {
  if (auto errors = validate(snapshot); !errors.empty()) throw ValidationError(std::move(errors));

  // Organizations.
  orgs_ = sorted_by_id(each(snapshot.organizations));
  const auto n_orgs = static_cast<std::int32_t>(orgs_.size());
  parent_.assign(orgs_.size(), kNone);
  active_from_.assign(orgs_.size(), kNoStart);
  active_until_.assign(orgs_.size(), kNoEnd);
  std::vector<std::pair<std::int32_t, OrgIx>> child_pairs;
  child_pairs.reserve(orgs_.size());
  for (OrgIx o = 0; o < n_orgs; ++o) {
    const Organization& org = *orgs_[static_cast<std::size_t>(o)];
    if (org.parent) {
      parent_[static_cast<std::size_t>(o)] = ix_of(orgs_, *org.parent);
      child_pairs.emplace_back(parent_[static_cast<std::size_t>(o)], o);
    } else {
      root_ = o;
    }
    if (org.active_from) active_from_[static_cast<std::size_t>(o)] = to_day(*org.active_from);
    if (org.active_until) active_until_[static_cast<std::size_t>(o)] = to_day(*org.active_until);
  }
  children_ = make_rows(n_orgs, child_pairs);

  // Euler tour without recursion: a chain of a million orgs must not blow the stack.
  depth_.assign(orgs_.size(), 0);
  enter_.assign(orgs_.size(), 0);
  leave_.assign(orgs_.size(), 0);
  preorder_.reserve(orgs_.size());
  if (root_ != kNone) {
    std::int32_t clock = 0;
    std::vector<std::pair<OrgIx, std::size_t>> stack{{root_, 0}};
    enter_[static_cast<std::size_t>(root_)] = clock++;
    preorder_.push_back(root_);
    while (!stack.empty()) {
      auto& [o, next_child] = stack.back();
      const auto kids = children_[o];
      if (next_child < kids.size()) {
        const OrgIx c = kids[next_child++];
        depth_[static_cast<std::size_t>(c)] = depth_[static_cast<std::size_t>(o)] + 1;
        enter_[static_cast<std::size_t>(c)] = clock++;
        preorder_.push_back(c);
        stack.emplace_back(c, 0);
      } else {
        leave_[static_cast<std::size_t>(o)] = clock++;
        stack.pop_back();
      }
    }
  }

  // Dispatches.
  dispatches_ = sorted_by_id(each(snapshot.dispatches));
  const auto n_disp = static_cast<std::int32_t>(dispatches_.size());
  object_.resize(dispatches_.size());
  date_.resize(dispatches_.size());
  end_.resize(dispatches_.size());
  problems_.resize(dispatches_.size());
  submitted_.assign(dispatches_.size(), kNoDay);
  for (DispatchIx d = 0; d < n_disp; ++d) {
    const Dispatch& dp = *dispatches_[static_cast<std::size_t>(d)];
    const auto u = static_cast<std::size_t>(d);
    object_[u] = ix_of(orgs_, dp.object);
    date_[u] = to_day(dp.date);
    end_[u] = dp.end_date ? to_day(*dp.end_date) : date_[u];
    std::int32_t problems = 0;
    for (const Check& c : each(dp.checks)) problems += c.result == CheckResult::problem;
    problems_[u] = problems;
    if (earliest_dispatch_ == kNoDay || date_[u] < earliest_dispatch_) earliest_dispatch_ = date_[u];
  }
  for (const LedgerSubmission& s : each(snapshot.ledger_submissions))
    submitted_[static_cast<std::size_t>(ix_of(dispatches_, s.dispatch))] = to_day(s.date);
  {
    std::vector<DispatchIx> by_date(dispatches_.size());
    std::iota(by_date.begin(), by_date.end(), 0);
    std::stable_sort(by_date.begin(), by_date.end(), [&](DispatchIx a, DispatchIx b) {
      return date_[static_cast<std::size_t>(a)] < date_[static_cast<std::size_t>(b)];
    });
    std::vector<std::pair<std::int32_t, DispatchIx>> pairs;
    pairs.reserve(by_date.size());
    for (DispatchIx d : by_date) pairs.emplace_back(object_[static_cast<std::size_t>(d)], d);
    org_dispatches_ = make_rows(n_orgs, pairs);
  }

  // Look-backs (before items: events refer to them).
  look_backs_ = sorted_by_id(each(snapshot.look_backs));

  // Rectifications.
  items_ = sorted_by_id(each(snapshot.rectifications));
  const auto n_items = static_cast<std::int32_t>(items_.size());
  item_dispatch_.resize(items_.size());
  item_org_.resize(items_.size());
  deadline_.resize(items_.size());
  std::vector<std::pair<std::int32_t, ItemIx>> by_dispatch, by_org;
  by_dispatch.reserve(items_.size());
  by_org.reserve(items_.size());
  std::vector<std::pair<std::int32_t, ItemEvent>> events;
  for (ItemIx i = 0; i < n_items; ++i) {
    const Rectification& r = *items_[static_cast<std::size_t>(i)];
    const auto u = static_cast<std::size_t>(i);
    item_dispatch_[u] = ix_of(dispatches_, r.dispatch);
    item_org_[u] = object_[static_cast<std::size_t>(item_dispatch_[u])];
    deadline_[u] = to_day(r.deadline);
    by_dispatch.emplace_back(item_dispatch_[u], i);
    by_org.emplace_back(item_org_[u], i);
    for (const Update& up : each(r.updates))
      events.emplace_back(i, ItemEvent{to_day(up.date),
                                       up.status == UpdateStatus::reported_done
                                           ? EventKind::reported_done
                                           : EventKind::in_progress,
                                       kNone});
  }
  for (LookBackIx l = 0; l < static_cast<LookBackIx>(look_backs_.size()); ++l) {
    const LookBack& lb = *look_backs_[static_cast<std::size_t>(l)];
    const EventKind kind = lb.finding == Finding::rectified       ? EventKind::found_rectified
                           : lb.finding == Finding::not_rectified ? EventKind::found_not_rectified
                                                                  : EventKind::found_superficial;
    events.emplace_back(ix_of(items_, lb.rectification), ItemEvent{to_day(lb.date), kind, l});
  }
  // 3.2: by date; on one date updates before look-backs, look-backs by id (= index).
  // Updates keep their list order (stable sort).
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second.date != b.second.date) return a.second.date < b.second.date;
    return a.second.look_back < b.second.look_back;  // kNone (-1) = updates first
  });
  item_events_ = make_rows(n_items, events);
  dispatch_items_ = make_rows(n_disp, by_dispatch);
  org_items_ = make_rows(n_orgs, by_org);
}

}  // namespace tiaodu

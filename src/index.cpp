// Builds the Index: one pass per list, ids interned by sorting, adjacency as flat rows.
//
// Validation has already resolved every reference (detail::validate_resolved), as a
// position in its list as given; here each list gets its id order (a sort, or only a
// check when the ids already ascend, as exported and generated snapshots have them) and
// the references are translated through the lists' ranks: no id is looked up again.
#include "tiaodu/index.hpp"

#include "tiaodu/errors.hpp"

#include "detail/resolved.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace tiaodu {

namespace {

using detail::day_of;

// A list in id order: sorted[k] is the record with the k-th smallest id and rank[i] the
// position in id order of the i-th record as given. The ids are unique (validated), so
// when they already ascend the document order is the id order and there is nothing to
// sort; else the same sort as always (its result is the same, ids being unique).
// `ascend`: validation has already found that they ascend.
template <class T>
struct IdOrder {
  std::vector<const T*> sorted;
  std::vector<std::int32_t> rank;
};
template <class T>
IdOrder<T> id_order(std::span<const T> list, bool ascend) {
  IdOrder<T> out;
  out.sorted.reserve(list.size());
  for (const T& x : list) out.sorted.push_back(&x);
  const auto by_id = [](const T* a, const T* b) { return a->id < b->id; };
  out.rank.resize(list.size());
  if (ascend || std::is_sorted(out.sorted.begin(), out.sorted.end(), by_id)) {
    std::iota(out.rank.begin(), out.rank.end(), 0);
  } else {
    std::sort(out.sorted.begin(), out.sorted.end(), by_id);
    for (std::size_t k = 0; k < out.sorted.size(); ++k)
      out.rank[static_cast<std::size_t>(out.sorted[k] - list.data())] = static_cast<std::int32_t>(k);
  }
  return out;
}

// Index of the element with this id in a vector sorted by id, or kNone.
template <class T>
std::int32_t ix_of(const std::vector<const T*>& sorted, std::string_view id) noexcept {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), id,
                             [](const T* a, std::string_view v) { return a->id < v; });
  if (it == sorted.end() || (*it)->id != id) return kNone;
  return static_cast<std::int32_t>(it - sorted.begin());
}

// Rows of values 0..n-1, each in the row row_of(value), ascending within each row (a
// counting sort: no pairs, no comparison).
template <class RowOf>
Rows<std::int32_t> rows_by(std::int32_t row_count, std::int32_t n, RowOf row_of) {
  Rows<std::int32_t> rows;
  rows.offsets.assign(static_cast<std::size_t>(row_count) + 1, 0);
  for (std::int32_t v = 0; v < n; ++v) ++rows.offsets[static_cast<std::size_t>(row_of(v)) + 1];
  std::partial_sum(rows.offsets.begin(), rows.offsets.end(), rows.offsets.begin());
  rows.values.resize(static_cast<std::size_t>(n));
  std::vector<std::int32_t> fill(rows.offsets.begin(), rows.offsets.end() - 1);
  for (std::int32_t v = 0; v < n; ++v)
    rows.values[static_cast<std::size_t>(fill[static_cast<std::size_t>(row_of(v))]++)] = v;
  return rows;
}

// Sorts each row, stably. Rows are short and usually in order already: insertion sort
// (one compare per element when sorted); a long row (a hostile input's million updates
// of one item) gets std::stable_sort, so nothing is quadratic.
template <class T, class Less>
void sort_rows_stably(Rows<T>& rows, Less less) {
  constexpr std::size_t kShort = 32;
  const std::size_t n_rows = rows.offsets.size() - 1;
  for (std::size_t r = 0; r < n_rows; ++r) {
    T* const b = rows.values.data() + rows.offsets[r];
    T* const e = rows.values.data() + rows.offsets[r + 1];
    if (e - b < 2) continue;  // nothing to sort (and b may be null: no b + 1)
    if (static_cast<std::size_t>(e - b) > kShort) {
      if (!std::is_sorted(b, e, less)) std::stable_sort(b, e, less);
      continue;
    }
    for (T* j = b + 1; j < e; ++j) {
      if (!less(*j, j[-1])) continue;
      T x = std::move(*j);
      T* k = j;
      do {
        *k = std::move(k[-1]);
        --k;
      } while (k > b && less(x, k[-1]));
      *k = std::move(x);
    }
  }
}

}  // namespace

OrgIx Index::find_org(std::string_view id) const noexcept { return ix_of(orgs_, id); }

Index::Index(const Snapshot& snapshot) : snapshot_(&snapshot) {
  detail::Resolved res;
  if (auto errors = detail::validate_resolved(snapshot, res); !errors.empty())
    throw ValidationError(std::move(errors));

  // Organizations.
  const auto org_list = each(snapshot.organizations);
  auto org_order = id_order(org_list, res.orgs_ascend);
  orgs_ = std::move(org_order.sorted);
  const std::vector<std::int32_t>& org_rank = org_order.rank;
  const auto n_orgs = static_cast<std::int32_t>(orgs_.size());
  parent_.assign(orgs_.size(), kNone);
  active_from_.assign(orgs_.size(), kNoStart);
  active_until_.assign(orgs_.size(), kNoEnd);
  for (OrgIx o = 0; o < n_orgs; ++o) {
    const Organization& org = *orgs_[static_cast<std::size_t>(o)];
    const auto doc = static_cast<std::size_t>(&org - org_list.data());
    if (org.parent) {
      parent_[static_cast<std::size_t>(o)] = org_rank[static_cast<std::size_t>(res.org_parent[doc])];
    } else {
      root_ = o;
    }
    if (org.active_from) active_from_[static_cast<std::size_t>(o)] = day_of(*org.active_from);
    if (org.active_until) active_until_[static_cast<std::size_t>(o)] = day_of(*org.active_until);
  }
  {
    // Children in index order; the root (the one org without a parent) in no row.
    std::vector<OrgIx> non_root;
    non_root.reserve(orgs_.size());
    for (OrgIx o = 0; o < n_orgs; ++o)
      if (parent_[static_cast<std::size_t>(o)] != kNone) non_root.push_back(o);
    children_ = rows_by(n_orgs, static_cast<std::int32_t>(non_root.size()), [&](std::int32_t k) {
      return parent_[static_cast<std::size_t>(non_root[static_cast<std::size_t>(k)])];
    });
    for (OrgIx& c : children_.values) c = non_root[static_cast<std::size_t>(c)];
  }
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
  const auto disp_list = each(snapshot.dispatches);
  auto disp_order = id_order(disp_list, res.dispatches_ascend);
  dispatches_ = std::move(disp_order.sorted);
  const std::vector<std::int32_t>& disp_rank = disp_order.rank;
  const auto n_disp = static_cast<std::int32_t>(dispatches_.size());
  object_.resize(dispatches_.size());
  date_.resize(dispatches_.size());
  end_.resize(dispatches_.size());
  problems_.resize(dispatches_.size());
  submitted_.assign(dispatches_.size(), kNoDay);
  for (DispatchIx d = 0; d < n_disp; ++d) {
    const Dispatch& dp = *dispatches_[static_cast<std::size_t>(d)];
    const auto u = static_cast<std::size_t>(d);
    object_[u] = org_rank[static_cast<std::size_t>(
        res.dispatch_object[static_cast<std::size_t>(&dp - disp_list.data())])];
    date_[u] = day_of(dp.date);
    end_[u] = dp.end_date ? day_of(*dp.end_date) : date_[u];
    std::int32_t problems = 0;
    for (const Check& c : each(dp.checks)) problems += c.result == CheckResult::problem;
    problems_[u] = problems;
    const auto practices = static_cast<std::uint32_t>(each(dp.good_practices).size());
    const auto requests = static_cast<std::uint32_t>(each(dp.support_requests).size());
    if (practices + requests > 0) with_entries_.push_back({d, practices, requests});
    if (earliest_dispatch_ == kNoDay || date_[u] < earliest_dispatch_) earliest_dispatch_ = date_[u];
  }
  {
    const auto subs = each(snapshot.ledger_submissions);
    for (std::size_t k = 0; k < subs.size(); ++k)
      submitted_[static_cast<std::size_t>(disp_rank[static_cast<std::size_t>(res.submission_dispatch[k])])] =
          day_of(subs[k].date);
  }
  // An org's dispatches by (date, id): grouped by org in id order, then each group by date
  // (stable, so one date keeps id order).
  org_dispatches_ = rows_by(n_orgs, n_disp, [&](DispatchIx d) { return object_[static_cast<std::size_t>(d)]; });
  sort_rows_stably(org_dispatches_, [&](DispatchIx a, DispatchIx b) {
    return date_[static_cast<std::size_t>(a)] < date_[static_cast<std::size_t>(b)];
  });

  // Look-backs (before items: events refer to them).
  const auto lb_list = each(snapshot.look_backs);
  look_backs_ = id_order(lb_list, res.look_backs_ascend).sorted;

  // Rectifications.
  const auto rect_list = each(snapshot.rectifications);
  auto rect_order = id_order(rect_list, res.rects_ascend);
  items_ = std::move(rect_order.sorted);
  const std::vector<std::int32_t>& rect_rank = rect_order.rank;
  const auto n_items = static_cast<std::int32_t>(items_.size());
  item_dispatch_.resize(items_.size());
  item_org_.resize(items_.size());
  deadline_.resize(items_.size());
  for (ItemIx i = 0; i < n_items; ++i) {
    const Rectification& r = *items_[static_cast<std::size_t>(i)];
    const auto u = static_cast<std::size_t>(i);
    item_dispatch_[u] = disp_rank[static_cast<std::size_t>(
        res.rect_dispatch[static_cast<std::size_t>(&r - rect_list.data())])];
    item_org_[u] = object_[static_cast<std::size_t>(item_dispatch_[u])];
    deadline_[u] = day_of(r.deadline);
  }
  dispatch_items_ = rows_by(n_disp, n_items, [&](ItemIx i) { return item_dispatch_[static_cast<std::size_t>(i)]; });
  org_items_ = rows_by(n_orgs, n_items, [&](ItemIx i) { return item_org_[static_cast<std::size_t>(i)]; });

  // Events, one row per item: first its updates in list order, then its look-backs by id
  // (= index); then 3.2's order within the row: by date, on one date updates before
  // look-backs, look-backs by id, updates in list order (a stable sort).
  {
    std::vector<ItemIx> lb_item(look_backs_.size());
    for (std::size_t l = 0; l < look_backs_.size(); ++l)
      lb_item[l] = rect_rank[static_cast<std::size_t>(
          res.look_back_rect[static_cast<std::size_t>(look_backs_[l] - lb_list.data())])];
    Rows<ItemEvent>& ev = item_events_;
    ev.offsets.assign(static_cast<std::size_t>(n_items) + 1, 0);
    for (ItemIx i = 0; i < n_items; ++i)
      ev.offsets[static_cast<std::size_t>(i) + 1] =
          static_cast<std::int32_t>(each(items_[static_cast<std::size_t>(i)]->updates).size());
    for (const ItemIx i : lb_item) ++ev.offsets[static_cast<std::size_t>(i) + 1];
    std::partial_sum(ev.offsets.begin(), ev.offsets.end(), ev.offsets.begin());
    ev.values.resize(static_cast<std::size_t>(ev.offsets.back()));
    std::vector<std::int32_t> fill(ev.offsets.begin(), ev.offsets.end() - 1);
    for (ItemIx i = 0; i < n_items; ++i) {
      auto& at = fill[static_cast<std::size_t>(i)];
      for (const Update& up : each(items_[static_cast<std::size_t>(i)]->updates))
        ev.values[static_cast<std::size_t>(at++)] =
            ItemEvent{day_of(up.date),
                      up.status == UpdateStatus::reported_done ? EventKind::reported_done
                                                               : EventKind::in_progress,
                      kNone};
    }
    for (LookBackIx l = 0; l < static_cast<LookBackIx>(look_backs_.size()); ++l) {
      const LookBack& lb = *look_backs_[static_cast<std::size_t>(l)];
      const EventKind kind = lb.finding == Finding::rectified       ? EventKind::found_rectified
                             : lb.finding == Finding::not_rectified ? EventKind::found_not_rectified
                                                                    : EventKind::found_superficial;
      ev.values[static_cast<std::size_t>(fill[static_cast<std::size_t>(lb_item[static_cast<std::size_t>(l)])]++)] =
          ItemEvent{day_of(lb.date), kind, l};
    }
    sort_rows_stably(ev, [](const ItemEvent& a, const ItemEvent& b) {
      if (a.date != b.date) return a.date < b.date;
      return a.look_back < b.look_back;  // kNone (-1) = updates first
    });
  }
}

}  // namespace tiaodu

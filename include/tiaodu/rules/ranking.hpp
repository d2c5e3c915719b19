// tiaodu/rules/ranking.hpp — clause 5.3's "党建工作长期排名靠后": monthly scores and the
// peer ranking they make (spec 3.4).
//
// 五(三) "……或者党建工作长期排名靠后的……" — the policy ranks organizations but gives no
// formula; this is the library's reading, every number a parameter: a month's score is
// the full score less problem_points per problem found in the month's dispatches and
// overdue_points per item overdue at the month's last day. Organizations with the same
// parent are peers; with at least min_peers of them, the lowest bottom_share (at least
// one) is the bottom, unless everyone has the same score.
//
// Computes: monthly_scores(o) for each elapsed month in which o was dispatched, and
// rank_peers() over one parent's children. Parameters are read at the month's last day.
#pragma once

#include "tiaodu/rules/context.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace tiaodu::rules {

// The full score a month starts from (spec 3.4: "100 −"); the scale, not a threshold.
inline constexpr std::int64_t kFullScore = 100;
// Guards ceil(n × share) against a share like 0.2 that is not exact in binary (3.4).
inline constexpr double kShareEpsilon = 1e-9;

struct MonthScore {
  Month month;
  std::int64_t score = 0;
  std::int64_t problems = 0;  // P
  std::int64_t overdue = 0;   // Q
  std::int64_t rank = 0;
  std::int64_t peers = 0;
  bool bottom = false;
};

// The scores of o, one per elapsed month (from the period's first) with a dispatch of o
// dated in it, ascending by month.
inline void monthly_scores(const Context& ctx, OrgIx o, std::vector<MonthScore>& out) {
  const Index& ix = ctx.index;
  if (o == ix.root()) return;
  const auto dispatches = ix.dispatches_of(o);  // by date
  const std::size_t first = out.size();
  for (std::size_t k = 0; k < dispatches.size();) {
    const Month m = month_of(ix.dispatch_date(dispatches[k]));
    const Day end = last_day(m);
    std::int64_t problems = 0;  // P: the month's dispatches are those dated up to its end
    for (; k < dispatches.size() && ix.dispatch_date(dispatches[k]) <= end; ++k)
      problems += ix.problem_count(dispatches[k]);
    if (ctx.period.elapsed(m)) out.push_back(MonthScore{m, 0, problems, 0});
  }
  // Q: the items overdue at each month's end; each item's events are replayed once
  // over the rising month ends.
  for (ItemIx i : ix.items_of(o)) {
    const Day created = ix.item_date(i), deadline = ix.deadline(i);
    ReplayCursor cursor{ix.events(i)};
    for (std::size_t k = first; k < out.size(); ++k) {
      const Day end = last_day(out[k].month);
      if (created <= end && end > deadline && is_overdue(cursor.at(end), deadline, end))
        ++out[k].overdue;
    }
  }
  for (std::size_t k = first; k < out.size(); ++k) {
    MonthScore& s = out[k];
    const Day end = last_day(s.month);
    s.score = std::max<std::int64_t>(0, kFullScore -
                                            ctx.integer(Param::problem_points, end) * s.problems -
                                            ctx.integer(Param::overdue_points, end) * s.overdue);
  }
}

// Ranks one month's peers in place. `scores` are the peers' MonthScore entries;
// `sorted` is scratch space (reused across months to save allocations).
inline void rank_month(const Context& ctx, Month m, std::span<MonthScore* const> scores,
                       std::vector<std::int64_t>& sorted) {
  const auto n = static_cast<std::int64_t>(scores.size());
  sorted.clear();
  for (const MonthScore* s : scores) sorted.push_back(s->score);
  std::sort(sorted.begin(), sorted.end());
  const Day end = last_day(m);
  const bool ranked = n >= ctx.integer(Param::min_peers, end);
  std::int64_t threshold = 0;
  if (ranked) {
    const double k = std::ceil(static_cast<double>(n) * ctx.share(Param::bottom_share, end) -
                               kShareEpsilon);
    const auto kth = std::clamp<std::int64_t>(static_cast<std::int64_t>(k), 1, n);
    threshold = sorted[static_cast<std::size_t>(kth - 1)];
  }
  const std::int64_t highest = sorted.back();
  for (MonthScore* s : scores) {
    const auto higher = sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), s->score);
    s->rank = 1 + higher;
    s->peers = n;
    s->bottom = ranked && s->score <= threshold && s->score < highest;
  }
}

// Ranks every month among the children of one parent. scores_of(c) gives child c's
// MonthScore list (ascending months), which is updated in place. The entries are
// grouped by month with one sort of (month, entry) pairs; the order within a month does
// not matter, as a rank depends only on the scores.
template <class ScoresOf>
void rank_peers(const Context& ctx, std::span<const OrgIx> siblings, ScoresOf&& scores_of) {
  std::vector<std::pair<std::int64_t, MonthScore*>> all;
  for (OrgIx c : siblings)
    for (MonthScore& s : scores_of(c))
      all.emplace_back(static_cast<std::int64_t>(s.month.year) * 12 + s.month.month, &s);
  std::sort(all.begin(), all.end());
  std::vector<MonthScore*> group;
  std::vector<std::int64_t> sorted;
  for (std::size_t first = 0; first < all.size();) {
    group.clear();
    std::size_t last = first;
    for (; last < all.size() && all[last].first == all[first].first; ++last)
      group.push_back(all[last].second);
    rank_month(ctx, all[first].second->month, group, sorted);
    first = last;
  }
}

}  // namespace tiaodu::rules

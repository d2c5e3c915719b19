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
#include <limits>
#include <utility>
#include <span>
#include <vector>

namespace tiaodu::rules {

// The full score a month starts from (spec 3.4: "100 −"); the scale, not a threshold.
inline constexpr std::int64_t kFullScore = 100;
// Guards ceil(n × share) against a share like 0.2 that is not exact in binary (3.4).
inline constexpr double kShareEpsilon = 1e-9;

// 32 bytes: there are a dozen per org-year. Counts fit 32 bits (at most the records of
// one org's month, or the orgs of one parent); products are taken in 64 bits.
struct MonthScore {
  Month month;
  Day end = 0;                // the month's last day
  std::int32_t score = 0;     // in [0, kFullScore]
  std::int32_t problems = 0;  // P
  std::int32_t overdue = 0;   // Q
  std::int32_t rank = 0;
  std::int32_t peers = 0;
  bool bottom = false;
};

// The scores of o, one per elapsed month (from the period's first) with a dispatch of o
// dated in it, ascending by month.
inline void monthly_scores(const Context& ctx, OrgIx o, std::vector<MonthScore>& out) {
  const Index& ix = ctx.index;
  if (o == ix.root()) return;
  const auto dispatches = ix.dispatches_of(o);  // by date
  const std::size_t first = out.size();
  // Walk the dispatches (by date) alongside the elapsed months: those before the period
  // or after its last elapsed month have no score.
  const auto& ends = ctx.elapsed_ends;
  std::size_t k = 0;
  if (!ends.empty()) {
    const Day period_first = first_day(ctx.period.first);
    while (k < dispatches.size() && ix.dispatch_date(dispatches[k]) < period_first) ++k;
  }
  for (std::size_t m = 0; m < ends.size() && k < dispatches.size(); ++m) {
    std::int32_t problems = 0;  // P: the month's dispatches are those dated up to its end
    bool any = false;
    for (; k < dispatches.size() && ix.dispatch_date(dispatches[k]) <= ends[m]; ++k) {
      problems += ix.problem_count(dispatches[k]);
      any = true;
    }
    if (any) out.push_back(MonthScore{ctx.elapsed_months[m], ends[m], 0, problems, 0});
  }
  // Q: the items overdue at each month's end. An item's registers change only on its
  // event dates, and past its deadline "overdue" depends on the registers alone, so its
  // life from `from` on is a few runs of constant state: each overdue run adds one to
  // the months whose end falls in it — marked as +1/−1 at the run's ends in `overdue`
  // (a difference array), summed up below.
  const std::span<MonthScore> months(out.data() + first, out.size() - first);
  if (months.empty()) return;
  auto first_end_from = [&](Day t) {  // the first month whose end is >= t
    return static_cast<std::size_t>(
        std::lower_bound(months.begin(), months.end(), t,
                         [](const MonthScore& m, Day day) { return m.end < day; }) -
        months.begin());
  };
  for (ItemIx i : ix.items_of(o)) {
    const Day deadline = ix.deadline(i);
    // Only month ends after the deadline (and once the item exists) can count.
    Day t = std::max(ix.item_date(i), deadline + 1);
    if (t > months.back().end) continue;
    const auto events = ix.events(i);
    std::size_t e = 0;
    Replay registers;
    for (;;) {
      while (e < events.size() && events[e].date <= t) apply(registers, events[e++]);
      const Day next = e < events.size() ? events[e].date : kNoEnd;  // the next change
      if (is_overdue(registers, deadline, t)) {
        const std::size_t from = first_end_from(t);
        const std::size_t to = next == kNoEnd ? months.size() : first_end_from(next);
        if (from < to) {
          ++months[from].overdue;
          if (to < months.size()) --months[to].overdue;
        }
      }
      if (next == kNoEnd || next > months.back().end) break;
      t = next;
    }
  }
  std::int32_t overdue = 0;
  for (MonthScore& s : months) s.overdue = overdue += s.overdue;
  for (MonthScore& s : months) {
    const Day end = s.end;
    s.score = static_cast<std::int32_t>(std::max<std::int64_t>(
        0, kFullScore - ctx.integer(Param::problem_points, end) * s.problems -
               ctx.integer(Param::overdue_points, end) * s.overdue));
  }
}

// Peer groups up to this size are ranked by sorting their scores; larger ones by a
// histogram of the scores (101 slots: cheaper than a sort only for big groups).
inline constexpr std::size_t kSortedRankMax = 32;

// Ranks one month's peers in place. `scores` are the peers' MonthScore entries (at
// least one, all of the same month):
// rank = 1 + the peers with a higher score; the bottom are those at or below the k-th
// lowest score, k = ceil(n × bottom_share) (at least 1), unless all scores are equal.
// `scratch` is reused across months to save allocations.
inline void rank_month(const Context& ctx, std::span<MonthScore* const> scores,
                       std::vector<std::int64_t>& scratch) {
  const auto n = static_cast<std::int64_t>(scores.size());
  const Day end = scores.front()->end;  // the month's last day
  const bool ranked = n >= ctx.integer(Param::min_peers, end);
  std::int64_t kth = 1;
  if (ranked) {
    const double k = std::ceil(static_cast<double>(n) * ctx.share(Param::bottom_share, end) -
                               kShareEpsilon);
    kth = std::clamp<std::int64_t>(static_cast<std::int64_t>(k), 1, n);
  }
  if (scores.size() <= kSortedRankMax) {
    std::vector<std::int64_t>& sorted = scratch;
    sorted.clear();
    for (const MonthScore* s : scores) sorted.push_back(s->score);
    std::sort(sorted.begin(), sorted.end());
    const std::int64_t threshold = sorted[static_cast<std::size_t>(kth - 1)];
    const std::int64_t highest = sorted.back();
    for (MonthScore* s : scores) {
      s->rank = static_cast<std::int32_t>(
          1 + (sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), std::int64_t{s->score})));
      s->peers = static_cast<std::int32_t>(n);
      s->bottom = ranked && s->score <= threshold && s->score < highest;
    }
    return;
  }
  // Scores lie in [0, kFullScore] (monthly_scores: max(0, kFullScore − points), and
  // validation keeps points >= 0).
  std::vector<std::int64_t>& count = scratch;  // count[v]: peers scoring v
  count.assign(static_cast<std::size_t>(kFullScore) + 1, 0);
  auto slot = [](std::int64_t score) {  // in range by construction; clamped to stay safe
    return static_cast<std::size_t>(std::clamp<std::int64_t>(score, 0, kFullScore));
  };
  for (const MonthScore* s : scores) ++count[slot(s->score)];
  std::int64_t threshold = -1, highest = 0, seen = 0;
  for (std::int64_t v = 0; v <= kFullScore; ++v) {
    const std::int64_t c = count[static_cast<std::size_t>(v)];
    if (c > 0) highest = v;
    if (threshold < 0 && seen + c >= kth) threshold = v;  // the k-th lowest score
    seen += c;
  }
  std::int64_t above = 0;  // count[v] := peers scoring more than v
  for (std::int64_t v = kFullScore; v >= 0; --v) {
    const std::int64_t c = count[static_cast<std::size_t>(v)];
    count[static_cast<std::size_t>(v)] = above;
    above += c;
  }
  for (MonthScore* s : scores) {
    s->rank = static_cast<std::int32_t>(1 + count[slot(s->score)]);
    s->peers = static_cast<std::int32_t>(n);
    s->bottom = ranked && s->score <= threshold && s->score < highest;
  }
}

// Ranks every month among the children of one parent. scores_of(c) gives child c's
// MonthScore list (ascending months), which is updated in place. Entries are grouped by
// month — by counting when the months span little more than there are entries (the
// usual year), else by a sort; the order within a month does not matter, as a rank
// depends only on the scores.
template <class ScoresOf>
void rank_peers(const Context& ctx, std::span<const OrgIx> siblings, ScoresOf&& scores_of) {
  auto key = [](const MonthScore& s) { return static_cast<std::int64_t>(s.month.year) * 12 + s.month.month; };
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  std::size_t n = 0;
  for (OrgIx c : siblings)
    for (const MonthScore& s : scores_of(c)) {
      lo = std::min(lo, key(s));
      hi = std::max(hi, key(s));
      ++n;
    }
  if (n == 0) return;
  std::vector<MonthScore*> all(n);
  const auto months = static_cast<std::size_t>(hi - lo + 1);
  if (months <= 2 * n + 64) {
    std::vector<std::size_t> at(months + 1, 0);
    for (OrgIx c : siblings)
      for (const MonthScore& s : scores_of(c)) ++at[static_cast<std::size_t>(key(s) - lo) + 1];
    for (std::size_t k = 0; k < months; ++k) at[k + 1] += at[k];
    for (OrgIx c : siblings)
      for (MonthScore& s : scores_of(c)) all[at[static_cast<std::size_t>(key(s) - lo)]++] = &s;
  } else {
    std::vector<std::pair<std::int64_t, MonthScore*>> keyed;
    keyed.reserve(n);
    for (OrgIx c : siblings)
      for (MonthScore& s : scores_of(c)) keyed.emplace_back(key(s), &s);
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t k = 0; k < n; ++k) all[k] = keyed[k].second;
  }
  std::vector<std::int64_t> scratch;
  for (std::size_t first = 0; first < n;) {
    std::size_t last = first;
    while (last < n && all[last]->month == all[first]->month) ++last;
    rank_month(ctx, std::span(all.data() + first, last - first), scratch);
    first = last;
  }
}

}  // namespace tiaodu::rules

// tiaodu/rules/assessment.hpp — the year-end assessment (年终考评) of clause 5.4, spec 3.5.
//
// 五(四) "……且在年终考评时予以扣分。" — the points of the year's `deduction` come off the
// organization's year: final = mean of its monthly scores in Y − deductions. Peers (same
// parent, with an assessment in Y) are ranked by final; finals within 1e-9 tie.
//
// Computes: one Assessment per closed year (Y-12-31 <= D) and organization with a score
// in Y; rank_assessments() ranks one parent's children.
#pragma once

#include "tiaodu/rules/accountability.hpp"
#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/ranking.hpp"

#include <algorithm>
#include <span>
#include <vector>

namespace tiaodu::rules {

// Finals closer than this are equal (3.5: "higher by more than 1e-9").
inline constexpr double kFinalEpsilon = 1e-9;

struct YearAssessment {
  int year;
  double mean = 0;
  std::int64_t deductions = 0;
  double final = 0;
  std::int64_t rank = 0;
  std::int64_t peers = 0;
};

inline void assessments(const Context& ctx, std::span<const MonthScore> scores,
                        std::span<const YearDeduction> deductions,
                        std::vector<YearAssessment>& out) {
  for (std::size_t first = 0; first < scores.size();) {
    const int y = scores[first].month.year;
    std::size_t last = first;
    std::int64_t sum = 0;
    for (; last < scores.size() && scores[last].month.year == y; ++last) sum += scores[last].score;
    const std::size_t count = last - first;
    first = last;
    if (Context::year_end(y) > ctx.as_of) continue;  // not closed yet
    YearAssessment a{y};
    a.mean = static_cast<double>(sum) / static_cast<double>(count);
    for (const YearDeduction& d : deductions)
      if (d.year == y) a.deductions = d.points;
    a.final = a.mean - static_cast<double>(a.deductions);
    out.push_back(a);
  }
}

template <class AssessmentsOf>
void rank_assessments(std::span<const OrgIx> siblings, AssessmentsOf&& assessments_of) {
  std::vector<YearAssessment*> all;
  for (OrgIx c : siblings)
    for (YearAssessment& a : assessments_of(c)) all.push_back(&a);
  std::stable_sort(all.begin(), all.end(),
                   [](const YearAssessment* a, const YearAssessment* b) { return a->year < b->year; });
  for (std::size_t first = 0; first < all.size();) {
    std::size_t last = first;
    while (last < all.size() && all[last]->year == all[first]->year) ++last;
    const auto group = std::span(all.data() + first, last - first);
    std::vector<double> finals;
    finals.reserve(group.size());
    for (const YearAssessment* a : group) finals.push_back(a->final);
    std::sort(finals.begin(), finals.end());
    for (YearAssessment* a : group) {
      // peers whose final is higher by more than the epsilon
      const auto higher =
          finals.end() - std::upper_bound(finals.begin(), finals.end(), a->final + kFinalEpsilon);
      a->rank = 1 + higher;
      a->peers = static_cast<std::int64_t>(group.size());
    }
    first = last;
  }
}

}  // namespace tiaodu::rules

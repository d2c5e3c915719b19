// expand(): renders a CompactResult as a Result — ids for indices, dates for days, and
// each decision's facts and zh/en sentences by the describe_* function beside its rule.
// Nothing here decides: the same compact decision always renders the same way.
#include "tiaodu/evaluate.hpp"

#include "tiaodu/rules/accountability.hpp"
#include "tiaodu/rules/admonishment.hpp"
#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/coverage.hpp"
#include "tiaodu/rules/ledger.hpp"
#include "tiaodu/rules/rating.hpp"
#include "tiaodu/rules/review.hpp"

#include "detail/parallel.hpp"

#include <stdexcept>

namespace tiaodu {

namespace {

// Decisions (or items, scores) rendered per task: about a millisecond of work each, so a
// second thread pays for itself, and a town stays on one thread.
constexpr std::size_t kBlock = 1024;

Decision describe(const rules::Describer& c, const CompactDecision& d) {
  switch (d.rule) {
    case Rule::missed_month: return rules::describe_missed_month(c, d);
    case Rule::ledger_late:
    case Rule::ledger_missing: return rules::describe_ledger(c, d);
    case Rule::review: return rules::describe_review(c, d);
    case Rule::admonishment_talk: return rules::describe_admonishment_talk(c, d);
    case Rule::escalation:
    case Rule::accountability:
    case Rule::deduction: return rules::describe_accountability(c, d);
    case Rule::unqualified_rating:
    case Rule::rating_risk: return rules::describe_rating(c, d);
  }
  return {};  // unreachable: every Rule is handled above
}

std::optional<Date> date_if(Day d) {
  if (d == kNoDay) return std::nullopt;
  return to_date(d);
}

}  // namespace

Result expand(const CompactResult& compact, const Index& index, const Policy& policy,
              const Options& options) {
  const unsigned threads = detail::thread_count(options, static_cast<std::size_t>(index.org_count()));
  const IndexShape shape{index.org_count(), index.dispatch_count(), index.item_count(),
                         index.look_back_count()};
  if (!(compact.shape == shape))  // its indices would point elsewhere, or out of bounds
    throw std::invalid_argument("expand: the CompactResult was computed from another Index");
  const rules::Describer describer{index, policy, compact.as_of, compact};
  Result result;
  result.as_of = to_date(compact.as_of);
  result.policy = policy;

  result.decisions.resize(compact.decisions.size());
  detail::parallel_blocks(compact.decisions.size(), kBlock, threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) result.decisions[k] = describe(describer, compact.decisions[k]);
  });

  result.items.resize(compact.items.size());
  detail::parallel_blocks(compact.items.size(), kBlock, threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) {
      const CompactItem& c = compact.items[k];
      const Rectification& r = index.item(c.item);
      ItemState& item = result.items[k];
      item.id = r.id;
      item.dispatch = r.dispatch;
      item.org = std::string(index.org_id(index.item_org(c.item)));
      item.status = c.status;
      item.deadline = r.deadline;
      item.reported_on = date_if(c.reported_on);
      item.done_on = date_if(c.done_on);
      if (c.overdue) item.overdue_days = c.overdue_days;
      item.failed = c.failed;
    }
  });

  result.scores.resize(compact.scores.size());
  detail::parallel_blocks(compact.scores.size(), kBlock, threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) {
      const CompactScore& s = compact.scores[k];
      result.scores[k] = Score{std::string(index.org_id(s.org)), format_month(s.month), s.score,
                               s.rank, s.peers, s.bottom};
    }
  });

  result.assessments.reserve(compact.assessments.size());
  for (const CompactAssessment& a : compact.assessments)
    result.assessments.push_back(Assessment{std::string(index.org_id(a.org)), a.year, a.mean,
                                            a.deductions, a.final, a.rank, a.peers});

  for (const CompactEntry& g : compact.good_practices) {
    const Dispatch& dp = index.dispatch(g.dispatch);
    result.good_practices.push_back({dp.object, dp.id, dp.date, (*dp.good_practices)[g.k]});
  }
  for (const CompactEntry& s : compact.support_requests) {
    const Dispatch& dp = index.dispatch(s.dispatch);
    const SupportRequest& r = (*dp.support_requests)[s.k];
    result.support_requests.push_back({dp.object, dp.id, dp.date, r.text, r.superior_coordination});
  }
  return result;
}

}  // namespace tiaodu

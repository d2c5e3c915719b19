// evaluate(): runs every rule of include/tiaodu/rules/ over an indexed snapshot.
//
// The work is per organization except the two rankings, which are per parent. So the
// organizations are cut into contiguous chunks (ids are dense in id order) that run in
// parallel, then each parent's children are ranked (disjoint sets, also in parallel),
// and at the end the decisions are sorted by their integer key (spec 4). No step
// depends on the chunking, so any thread count gives the same Result.
#include "tiaodu/evaluate.hpp"

#include "tiaodu/rules/accountability.hpp"
#include "tiaodu/rules/admonishment.hpp"
#include "tiaodu/rules/assessment.hpp"
#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/coverage.hpp"
#include "tiaodu/rules/ledger.hpp"
#include "tiaodu/rules/ranking.hpp"
#include "tiaodu/rules/rating.hpp"
#include "tiaodu/rules/review.hpp"
#include "tiaodu/validate.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>

namespace tiaodu {

namespace {

using rules::Context;
using rules::MonthScore;
using rules::YearAssessment;
using rules::YearDeduction;

// Runs task(0..n-1) on up to `threads` threads; rethrows the first exception.
template <class Task>
void parallel_for(std::size_t n, unsigned threads, Task&& task) {
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// What one chunk of organizations [begin, end) produces.
struct Chunk {
  OrgIx begin = 0, end = 0;
  rules::Sink decisions;
  std::vector<MonthScore> scores;              // org-major, months ascending
  std::vector<std::uint32_t> score_offset;     // per org of the chunk, + 1
  std::vector<YearDeduction> deductions;
  std::vector<std::uint32_t> deduction_offset;
  std::vector<YearAssessment> assessments;
  std::vector<std::uint32_t> assessment_offset;
};

template <class T>
std::span<T> row(std::vector<T>& values, const std::vector<std::uint32_t>& offsets, std::size_t k) {
  return std::span<T>(values.data() + offsets[k], values.data() + offsets[k + 1]);
}

}  // namespace

Result evaluate(const Snapshot& snapshot, const Policy& policy, const Date& as_of) {
  const Index index(snapshot);  // validates
  return evaluate(index, policy, as_of);
}

Result evaluate(const Index& index, const Policy& policy, const Date& as_of) {
  return evaluate(index, policy, as_of, Options{});
}

Result evaluate(const Index& index, const Policy& policy, const Date& as_of_date,
                const Options& options) {
  if (auto errors = validate(policy); !errors.empty()) throw ValidationError(std::move(errors));
  if (as_of_date.is_special()) throw std::out_of_range("as_of is not a date");
  const Day as_of = to_day(as_of_date);
  if (as_of < kMinSupported || as_of > kMaxSupported)
    throw std::out_of_range("as_of " + format_date(as_of) +
                            " is outside the supported range 1400-01-01 to 9899-12-31");

  const unsigned threads =
      options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  Context ctx(index, policy, as_of);
  {
    constexpr std::size_t kItemsPerTask = 16384;
    const auto n_items = static_cast<std::size_t>(index.item_count());
    parallel_for((n_items + kItemsPerTask - 1) / kItemsPerTask, threads, [&](std::size_t t) {
      ctx.compute_failures(static_cast<ItemIx>(t * kItemsPerTask),
                           static_cast<ItemIx>(std::min(n_items, (t + 1) * kItemsPerTask)));
    });
  }
  const auto n_orgs = static_cast<std::size_t>(index.org_count());

  // Chunks: a few per thread so that uneven subtrees still balance.
  const std::size_t chunk_size =
      std::max<std::size_t>(256, n_orgs / (static_cast<std::size_t>(threads) * 8) + 1);
  std::vector<Chunk> chunks((n_orgs + chunk_size - 1) / chunk_size);
  std::vector<std::uint32_t> chunk_of(n_orgs);
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    chunks[c].begin = static_cast<OrgIx>(c * chunk_size);
    chunks[c].end = static_cast<OrgIx>(std::min(n_orgs, (c + 1) * chunk_size));
    for (auto o = static_cast<std::size_t>(chunks[c].begin); o < static_cast<std::size_t>(chunks[c].end); ++o)
      chunk_of[o] = static_cast<std::uint32_t>(c);
  }
  auto scores_of = [&](OrgIx o) {
    Chunk& ch = chunks[chunk_of[static_cast<std::size_t>(o)]];
    return row(ch.scores, ch.score_offset, static_cast<std::size_t>(o - ch.begin));
  };
  auto assessments_of = [&](OrgIx o) {
    Chunk& ch = chunks[chunk_of[static_cast<std::size_t>(o)]];
    return row(ch.assessments, ch.assessment_offset, static_cast<std::size_t>(o - ch.begin));
  };

  // 1. Everything that needs only the organization itself.
  parallel_for(chunks.size(), threads, [&](std::size_t c) {
    Chunk& ch = chunks[c];
    ch.score_offset.push_back(0);
    ch.deduction_offset.push_back(0);
    for (OrgIx o = ch.begin; o < ch.end; ++o) {
      rules::missed_months(ctx, o, ch.decisions);
      rules::ledger(ctx, o, ch.decisions);
      rules::reviews(ctx, o, ch.decisions);
      rules::admonishment_talks(ctx, o, ch.decisions);
      for (const YearDeduction& d : rules::accountability(ctx, o, ch.decisions))
        ch.deductions.push_back(d);
      rules::monthly_scores(ctx, o, ch.scores);
      ch.score_offset.push_back(static_cast<std::uint32_t>(ch.scores.size()));
      ch.deduction_offset.push_back(static_cast<std::uint32_t>(ch.deductions.size()));
    }
  });

  // 2. Monthly ranks among each parent's children.
  std::vector<OrgIx> parents;
  for (OrgIx o = 0; o < index.org_count(); ++o)
    if (!index.children(o).empty()) parents.push_back(o);
  parallel_for(parents.size(), threads, [&](std::size_t k) {
    rules::rank_peers(ctx, index.children(parents[k]), scores_of);
  });

  // 3. Ratings (they read the ranks) and the year-end assessments.
  parallel_for(chunks.size(), threads, [&](std::size_t c) {
    Chunk& ch = chunks[c];
    ch.assessment_offset.push_back(0);
    for (OrgIx o = ch.begin; o < ch.end; ++o) {
      const auto k = static_cast<std::size_t>(o - ch.begin);
      const auto scores = row(ch.scores, ch.score_offset, k);
      rules::ratings(ctx, o, scores, ch.decisions);
      rules::assessments(ctx, scores, row(ch.deductions, ch.deduction_offset, k), ch.assessments);
      ch.assessment_offset.push_back(static_cast<std::uint32_t>(ch.assessments.size()));
    }
  });
  parallel_for(parents.size(), threads, [&](std::size_t k) {
    rules::rank_assessments(index.children(parents[k]), assessments_of);
  });

  // 4. The result, in the orders of spec section 4.
  Result result;
  result.as_of = as_of_date;
  result.policy = policy;

  std::size_t n_decisions = 0;
  for (const Chunk& ch : chunks) n_decisions += ch.decisions.size();
  // Sort small (key, place) pairs, then move each decision once into its place.
  using Key = decltype(std::declval<rules::Keyed>().key());
  std::vector<std::tuple<Key, std::uint32_t, std::uint32_t>> order;  // key, chunk, position
  order.reserve(n_decisions);
  for (std::size_t c = 0; c < chunks.size(); ++c)
    for (std::size_t k = 0; k < chunks[c].decisions.size(); ++k)
      order.emplace_back(chunks[c].decisions[k].key(), static_cast<std::uint32_t>(c),
                         static_cast<std::uint32_t>(k));
  std::sort(order.begin(), order.end());  // (chunk, position) break ties: a stable order
  result.decisions.reserve(order.size());
  for (const auto& [key, c, k] : order) result.decisions.push_back(std::move(chunks[c].decisions[k].decision));

  for (Chunk& ch : chunks) {  // chunks are in org order, each org's months ascending
    for (OrgIx o = ch.begin; o < ch.end; ++o) {
      for (const MonthScore& s : row(ch.scores, ch.score_offset, static_cast<std::size_t>(o - ch.begin)))
        result.scores.push_back(Score{std::string(index.org_id(o)), format_month(s.month), s.score,
                                      s.rank, s.peers, s.bottom});
    }
  }
  // Assessments by (year, org).
  std::vector<std::tuple<int, OrgIx, const YearAssessment*>> by_year;
  for (Chunk& ch : chunks)
    for (OrgIx o = ch.begin; o < ch.end; ++o)
      for (const YearAssessment& a : row(ch.assessments, ch.assessment_offset, static_cast<std::size_t>(o - ch.begin)))
        by_year.emplace_back(a.year, o, &a);
  std::sort(by_year.begin(), by_year.end());
  for (const auto& [y, o, a] : by_year)
    result.assessments.push_back(Assessment{std::string(index.org_id(o)), y, a->mean, a->deductions,
                                            a->final, a->rank, a->peers});

  // Items: every rectification that exists at D, by id, as it stands at D.
  for (ItemIx i = 0; i < index.item_count(); ++i) {
    if (index.item_date(i) > as_of) continue;
    const Standing s = ctx.standing_at(i, as_of);
    ItemState item;
    item.id = index.item(i).id;
    item.dispatch = index.item(i).dispatch;
    item.org = std::string(index.org_id(index.item_org(i)));
    item.status = s.machine.status;
    item.deadline = index.item(i).deadline;
    if (s.machine.reported_on != kNoDay) item.reported_on = to_date(s.machine.reported_on);
    if (s.machine.done_on != kNoDay) item.done_on = to_date(s.machine.done_on);
    if (s.overdue) item.overdue_days = s.overdue_days;
    item.failed = s.failed;
    result.items.push_back(std::move(item));
  }

  // Good practices (4.2) and support requests (3.2, 3.3) of the dispatches existing at D.
  for (DispatchIx d = 0; d < index.dispatch_count(); ++d) {
    if (index.dispatch_date(d) > as_of) continue;
    const Dispatch& dp = index.dispatch(d);
    for (const std::string& text : each(dp.good_practices))
      result.good_practices.push_back({dp.object, dp.id, dp.date, text});
    for (const SupportRequest& r : each(dp.support_requests))
      result.support_requests.push_back({dp.object, dp.id, dp.date, r.text, r.superior_coordination});
  }
  std::sort(result.good_practices.begin(), result.good_practices.end(),
            [](const GoodPracticeEntry& a, const GoodPracticeEntry& b) {
              return std::tie(a.date, a.dispatch, a.text) < std::tie(b.date, b.dispatch, b.text);
            });
  std::sort(result.support_requests.begin(), result.support_requests.end(),
            [](const SupportRequestEntry& a, const SupportRequestEntry& b) {
              return std::tie(a.date, a.dispatch, a.text, a.superior_coordination) <
                     std::tie(b.date, b.dispatch, b.text, b.superior_coordination);
            });
  return result;
}

const char* version() noexcept { return TIAODU_VERSION; }

}  // namespace tiaodu

// evaluate(): runs every rule of include/tiaodu/rules/ over an indexed snapshot.
//
// The work is per organization except the two rankings, which are per parent. So the
// organizations are cut into contiguous chunks (ids are dense in id order) that run in
// parallel, then each parent's children are ranked (disjoint sets, also in parallel),
// and at the end each chunk's decisions are put in their places of the output order
// (spec 4). No step depends on the chunking, so any thread count gives the same result.
// The rules decide into a CompactResult; src/expand.cpp renders it as a Result.
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

#include "detail/parallel.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace tiaodu {

namespace {

using detail::parallel_blocks;
using detail::parallel_for;
using rules::Context;
using rules::MonthScore;
using rules::YearAssessment;
using rules::YearDeduction;

// What one chunk of organizations [begin, end) produces.
struct Chunk {
  OrgIx begin = 0, end = 0;
  rules::Sink sink;
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

// Blocks of the parallel loops over items, decisions and scores: big enough that a
// task's overhead vanishes, small enough to balance two threads on a town.
constexpr std::size_t kBlock = 4096;

// The entries (good practices or support requests) of the dispatches existing at D, by
// (date, dispatch id, then `within`). Dispatch indices are in id order, so dispatches
// sort as integer pairs (date, index) from the Index alone; a dispatch's record is read
// only to order its own entries when it has several.
template <class CountOf, class ListOf, class Within>
std::vector<CompactEntry> entries_by_date(const Index& index, Day as_of, CountOf count_of,
                                          ListOf list_of, Within within) {
  std::vector<std::pair<Day, Index::DispatchEntries>> order;
  for (const Index::DispatchEntries& e : index.dispatches_with_entries())
    if (count_of(e) > 0 && index.dispatch_date(e.dispatch) <= as_of)
      order.emplace_back(index.dispatch_date(e.dispatch), e);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.dispatch) < std::tie(b.first, b.second.dispatch);
  });
  std::vector<CompactEntry> out;
  for (const auto& [date, e] : order) {
    const std::size_t first = out.size();
    for (std::uint32_t k = 0; k < count_of(e); ++k) out.push_back({e.dispatch, k});
    if (count_of(e) < 2) continue;
    const auto list = list_of(index.dispatch(e.dispatch));
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [&](const CompactEntry& a, const CompactEntry& b) { return within(list[a.k], list[b.k]); });
  }
  return out;
}

}  // namespace

Result evaluate(const Snapshot& snapshot, const Policy& policy, const Date& as_of) {
  const Index index(snapshot);  // validates
  return evaluate(index, policy, as_of);
}

Result evaluate(const Index& index, const Policy& policy, const Date& as_of) {
  return evaluate(index, policy, as_of, Options{});
}

Result evaluate(const Index& index, const Policy& policy, const Date& as_of,
                const Options& options) {
  return expand(evaluate_compact(index, policy, as_of, options), index, policy, options);
}

CompactResult evaluate_compact(const Index& index, const Policy& policy, const Date& as_of_date,
                               const Options& options) {
  if (auto errors = validate(policy); !errors.empty()) throw ValidationError(std::move(errors));
  if (as_of_date.is_special()) throw std::out_of_range("as_of is not a date");
  const Day as_of = to_day(as_of_date);
  if (as_of < kMinSupported || as_of > kMaxSupported)
    throw std::out_of_range("as_of " + format_date(as_of) +
                            " is outside the supported range 1400-01-01 to 9899-12-31");

  const unsigned threads = detail::thread_count(options, static_cast<std::size_t>(index.org_count()));
  Context ctx(index, policy, as_of);
  const auto n_items = static_cast<std::size_t>(index.item_count());
  parallel_blocks(n_items, kBlock * 4, threads, [&](std::size_t b, std::size_t e) {
    ctx.compute_failures(static_cast<ItemIx>(b), static_cast<ItemIx>(e));
  });
  const auto n_orgs = static_cast<std::size_t>(index.org_count());

  // Chunks: up to kChunks of at least 256 orgs, enough that uneven subtrees still
  // balance. They do not depend on the thread count, so neither does the layout of the
  // CompactResult's side arrays (chunk after chunk): any thread count gives equal results.
  constexpr std::size_t kChunks = 256;
  const std::size_t chunk_size = std::max<std::size_t>(256, (n_orgs + kChunks - 1) / kChunks);
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
    ch.score_offset.reserve(static_cast<std::size_t>(ch.end - ch.begin) + 1);
    ch.deduction_offset.reserve(static_cast<std::size_t>(ch.end - ch.begin) + 1);
    ch.score_offset.push_back(0);
    ch.deduction_offset.push_back(0);
    std::size_t dispatches = 0;  // at most one score per dispatch: reserve, never regrow
    for (OrgIx o = ch.begin; o < ch.end; ++o) dispatches += index.dispatches_of(o).size();
    ch.scores.reserve(dispatches);
    for (OrgIx o = ch.begin; o < ch.end; ++o) {
      rules::missed_months(ctx, o, ch.sink);
      rules::ledger(ctx, o, ch.sink);
      rules::reviews(ctx, o, ch.sink);
      rules::admonishment_talks(ctx, o, ch.sink);
      rules::accountability(ctx, o, ch.sink, ch.deductions);
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
    ch.assessment_offset.reserve(static_cast<std::size_t>(ch.end - ch.begin) + 1);
    ch.assessment_offset.push_back(0);
    for (OrgIx o = ch.begin; o < ch.end; ++o) {
      const auto k = static_cast<std::size_t>(o - ch.begin);
      const auto scores = row(ch.scores, ch.score_offset, k);
      rules::ratings(ctx, o, scores, ch.sink);
      rules::assessments(ctx, scores, row(ch.deductions, ch.deduction_offset, k), ch.assessments);
      ch.assessment_offset.push_back(static_cast<std::uint32_t>(ch.assessments.size()));
    }
  });
  parallel_for(parents.size(), threads, [&](std::size_t k) {
    rules::rank_assessments(index.children(parents[k]), assessments_of);
  });

  // 4. The result, in the orders of spec section 4. Each rule's decisions of a chunk
  // are in order, and chunks cover ascending org ranges: the output is the runs
  // (rule 0, chunk 0), (rule 0, chunk 1), ... — each chunk copies its runs to their
  // places in parallel, rebasing their ranges into the joined side arrays.
  CompactResult result;
  result.as_of = as_of;
  result.shape = {index.org_count(), index.dispatch_count(), index.item_count(), index.look_back_count()};
  const std::size_t n_chunks = chunks.size();
  std::vector<std::size_t> run_at(static_cast<std::size_t>(kRuleCount) * n_chunks);
  std::vector<std::size_t> trigger_at(n_chunks + 1, 0), list_at(n_chunks + 1, 0),
      score_at(n_chunks + 1, 0);
  std::size_t n_decisions = 0;
  for (std::size_t r = 0; r < static_cast<std::size_t>(kRuleCount); ++r)
    for (std::size_t c = 0; c < n_chunks; ++c) {
      run_at[r * n_chunks + c] = n_decisions;
      n_decisions += chunks[c].sink.by_rule[r].size();
    }
  for (std::size_t c = 0; c < n_chunks; ++c) {
    trigger_at[c + 1] = trigger_at[c] + chunks[c].sink.triggers.size();
    list_at[c + 1] = list_at[c] + chunks[c].sink.item_lists.size();
    score_at[c + 1] = score_at[c] + chunks[c].scores.size();
  }
  result.decisions.resize(n_decisions);
  result.triggers.resize(trigger_at[n_chunks]);
  result.item_lists.resize(list_at[n_chunks]);
  result.scores.resize(score_at[n_chunks]);
  parallel_for(n_chunks, threads, [&](std::size_t c) {
    Chunk& ch = chunks[c];
    const auto trigger_base = static_cast<std::uint32_t>(trigger_at[c]);
    const auto list_base = static_cast<std::uint32_t>(list_at[c]);
    for (std::size_t r = 0; r < static_cast<std::size_t>(kRuleCount); ++r) {
      CompactDecision* to = result.decisions.data() + run_at[r * n_chunks + c];
      for (CompactDecision d : ch.sink.by_rule[r]) {
        d.triggers.begin += trigger_base;
        d.items.begin += list_base;
        *to++ = d;
      }
    }
    std::copy(ch.sink.triggers.begin(), ch.sink.triggers.end(), result.triggers.begin() + static_cast<std::ptrdiff_t>(trigger_at[c]));
    std::copy(ch.sink.item_lists.begin(), ch.sink.item_lists.end(), result.item_lists.begin() + static_cast<std::ptrdiff_t>(list_at[c]));
    // Scores: chunks are in org order, each org's months ascending.
    CompactScore* to = result.scores.data() + score_at[c];
    for (OrgIx o = ch.begin; o < ch.end; ++o)
      for (const MonthScore& s : row(ch.scores, ch.score_offset, static_cast<std::size_t>(o - ch.begin)))
        *to++ = CompactScore{o, s.month, static_cast<std::int32_t>(s.score),
                             static_cast<std::int32_t>(s.rank), static_cast<std::int32_t>(s.peers),
                             s.bottom};
  });

  // Assessments by (year, org): bucketed by year, orgs ascending within each.
  if (ctx.period.has_start) {
    const int first_year = ctx.period.first_year;
    const auto years = static_cast<std::size_t>(std::max(0, ctx.period.last_year - first_year + 1));
    std::vector<std::size_t> at(years + 1, 0);
    for (const Chunk& ch : chunks)
      for (const YearAssessment& a : ch.assessments) ++at[static_cast<std::size_t>(a.year - first_year) + 1];
    for (std::size_t y = 0; y < years; ++y) at[y + 1] += at[y];
    result.assessments.resize(at[years]);
    for (Chunk& ch : chunks)
      for (OrgIx o = ch.begin; o < ch.end; ++o)
        for (const YearAssessment& a : row(ch.assessments, ch.assessment_offset, static_cast<std::size_t>(o - ch.begin)))
          result.assessments[at[static_cast<std::size_t>(a.year - first_year)]++] =
              CompactAssessment{o, a.year, a.mean, a.deductions, a.final,
                                static_cast<std::int32_t>(a.rank), static_cast<std::int32_t>(a.peers)};
  }

  // Items: every rectification that exists at D, by id, as it stands at D. Blocks count
  // what exists, then fill their places.
  {
    const std::size_t n_blocks = (n_items + kBlock - 1) / kBlock;
    std::vector<std::size_t> at(n_blocks + 1, 0);
    parallel_for(n_blocks, threads, [&](std::size_t b) {
      std::size_t n = 0;
      for (std::size_t i = b * kBlock; i < std::min(n_items, (b + 1) * kBlock); ++i)
        n += index.item_date(static_cast<ItemIx>(i)) <= as_of;
      at[b + 1] = n;
    });
    for (std::size_t b = 0; b < n_blocks; ++b) at[b + 1] += at[b];
    result.items.resize(at[n_blocks]);
    parallel_for(n_blocks, threads, [&](std::size_t b) {
      CompactItem* to = result.items.data() + at[b];
      for (std::size_t k = b * kBlock; k < std::min(n_items, (b + 1) * kBlock); ++k) {
        const auto i = static_cast<ItemIx>(k);
        if (index.item_date(i) > as_of) continue;
        const Standing s = ctx.standing_at(i, as_of);
        *to++ = CompactItem{i, s.machine.status, s.overdue, s.failed, s.machine.reported_on,
                            s.machine.done_on, s.overdue ? s.overdue_days : Day{0}};
      }
    });
  }

  // Good practices (4.2) and support requests (3.2, 3.3) of the dispatches existing at D:
  // two independent lists, one task each.
  parallel_for(2, threads, [&](std::size_t list) {
    if (list == 0)
      result.good_practices = entries_by_date(
          index, as_of, [](const Index::DispatchEntries& e) { return e.good_practices; },
          [](const Dispatch& dp) { return each(dp.good_practices); },
          [](const std::string& a, const std::string& b) { return a < b; });
    else
      result.support_requests = entries_by_date(
          index, as_of, [](const Index::DispatchEntries& e) { return e.support_requests; },
          [](const Dispatch& dp) { return each(dp.support_requests); },
          [](const SupportRequest& a, const SupportRequest& b) {
            return std::tie(a.text, a.superior_coordination) < std::tie(b.text, b.superior_coordination);
          });
  });
  return result;
}

const char* version() noexcept { return TIAODU_VERSION; }

}  // namespace tiaodu

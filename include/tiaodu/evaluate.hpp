// tiaodu/evaluate.hpp — evaluate(snapshot, policy, as_of): every rule of the policy.
//
// A pure function (spec/rules.md section 3): the same inputs give the same Result,
// whatever the order of the records in the snapshot. Only facts dated on or before a
// date exist at it; every decision that carries a year Y is computed at
// E = min(D, Y-12-31), so a closed year's decisions never change as D moves on.
//
// Interface:
//   evaluate(const Snapshot&, const Policy&, const Date& as_of) -> Result
//       validates the snapshot and policy (throws ValidationError), indexes, evaluates
//   evaluate(const Index&, const Policy&, const Date& as_of) -> Result
//       for callers that evaluate one indexed snapshot many times
//   evaluate(const Index&, const Policy&, const Date& as_of, const Options&) -> Result
//       the same, on up to options.threads threads, at most one per
//       options.orgs_per_thread organizations (independent subtrees in parallel); the
//       Result is identical to the single-threaded one
//   evaluate_compact(const Index&, const Policy&, const Date& as_of, const Options& = {})
//       -> CompactResult: what the rules decide, in indices and days (compact.hpp);
//       evaluate() is expand(evaluate_compact(...))
//   expand(const CompactResult&, const Index&, const Policy&, const Options& = {})
//       -> Result: ids, dates, facts and sentences rendered (nothing recomputed); the
//       Index and Policy must be those the CompactResult was computed with (another
//       Index's shape: std::invalid_argument)
//   as_of must lie in the supported date range (date.hpp); else std::out_of_range.
#pragma once

#include "tiaodu/compact.hpp"
#include "tiaodu/index.hpp"
#include "tiaodu/model.hpp"
#include "tiaodu/policy.hpp"
#include "tiaodu/result.hpp"

#include <cstddef>

namespace tiaodu {

Result evaluate(const Snapshot& snapshot, const Policy& policy, const Date& as_of);
Result evaluate(const Index& index, const Policy& policy, const Date& as_of);

struct Options {
  unsigned threads = 1;  // at most; 0: one per hardware thread
  // Fewest organizations worth a thread of their own: starting and joining a thread
  // costs more than evaluating a town (~50 µs), so small snapshots stay on one thread.
  std::size_t orgs_per_thread = 4096;
};
Result evaluate(const Index& index, const Policy& policy, const Date& as_of,
                const Options& options);

CompactResult evaluate_compact(const Index& index, const Policy& policy, const Date& as_of,
                               const Options& options = {});
Result expand(const CompactResult& compact, const Index& index, const Policy& policy,
              const Options& options = {});

// The library's version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;

}  // namespace tiaodu

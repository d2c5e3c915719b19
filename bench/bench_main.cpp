// tiaodu-bench — the Google Benchmark suite (docs/performance.md says what each measures).
//
//   tiaodu-bench                                   everything, the national year included
//   tiaodu-bench --benchmark_filter=-national      everything but the national year
//   tiaodu-bench --benchmark_filter=national       the national year alone (5.18 M orgs)
//   tiaodu-bench --tiaodu_sizes=1000,10000         org counts evaluated as one snapshot
//   tiaodu-bench --tiaodu_sharded_sizes=1000000    org counts evaluated in shards
//   tiaodu-bench --tiaodu_json_sizes=1000          org counts of the JSON benchmarks
//   tiaodu-bench --tiaodu_memory_sizes=100000      org counts of the memory benchmark
//   tiaodu-bench --tiaodu_national_orgs=N --tiaodu_shard_orgs=N --tiaodu_threads=N
//
// Every benchmark checks what it computed (counts, round trips, serial = parallel) and
// the program exits 1 if any check failed or any benchmark threw, so that a short run
// (`--benchmark_min_time=0.01`, tests/bench.cmake) is a correctness test. A benchmark
// that would need more memory than the machine has free is skipped with a message,
// not failed.
#include "generator.hpp"
#include "random.hpp"

#include "tiaodu/evaluate.hpp"
#include "tiaodu/index.hpp"
#include "tiaodu/json.hpp"
#include "tiaodu/validate.hpp"

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using tiaodu::bench::GeneratorOptions;

constexpr std::uint64_t kSeed = 20230213;  // the notice's date: any fixed seed would do
constexpr int kYear = 2023;
constexpr std::int64_t kNationalOrgs = 5'180'000;  // China's grassroots Party organizations

// Settings of this program (flags --tiaodu_*).
struct Settings {
  std::vector<std::int64_t> sizes{1'000, 10'000, 100'000, 500'000};  // one snapshot each
  std::vector<std::int64_t> sharded_sizes{1'000'000};                 // in shards
  std::vector<std::int64_t> json_sizes{1'000, 10'000};
  std::vector<std::int64_t> memory_sizes{100'000};
  std::int64_t national_orgs = kNationalOrgs;
  std::int64_t shard_orgs = 0;  // 0: decided from the memory the machine has free (shard_size)
  unsigned threads = 2;         // the parallel runs ("using both cores")
} settings;

std::atomic<int> failures{0};

void fail(benchmark::State& state, const std::string& why) {
  ++failures;
  std::cerr << "tiaodu-bench: FAILED: " << why << "\n";
  state.SkipWithError(why.c_str());
}

tiaodu::Date year_end() { return tiaodu::Date(kYear, 12, 31); }

// ---------------------------------------------------------------------------------------
// Memory: the heap in use (glibc's own count, exact and independent of what the kernel
// has mapped), the resident set and its peak, which Linux resets on request.

std::int64_t heap_in_use() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<std::int64_t>(m.uordblks + m.hblkhd);
}

std::int64_t status_kb(std::string_view key) {  // a "VmXXX:  1234 kB" line of /proc/self/status
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0 && line.size() > key.size() && line[key.size()] == ':')
      return std::stoll(line.substr(key.size() + 1));
  return -1;
}

bool reset_peak_rss() {  // proc(5): writing 5 to clear_refs resets VmHWM to the current RSS
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.close();
  return static_cast<bool>(out);
}

std::int64_t mem_available() {  // bytes the kernel says can be allocated without swapping
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::int64_t kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return -1;
}

// What one org-year costs in memory, lean, for the guard below, measured by the memory
// benchmark (docs/performance.md) and rounded up: the peak of a snapshot, its index and
// a result; and the snapshot and index alone (what the cache below holds).
constexpr std::int64_t kBytesPerOrgYear = 26'000;
constexpr std::int64_t kInputBytesPerOrgYear = 13'000;

std::int64_t cached_bytes();

// True if `orgs` organizations fit in the free memory with a margin; else skips the
// benchmark with a message (not a failure: the machine is too small, nothing is wrong).
// The snapshot this process holds for the benchmarks counts as free: it is reused or
// freed before anything new is made.
bool fits(benchmark::State& state, std::int64_t orgs, double copies = 1) {
  const std::int64_t need = static_cast<std::int64_t>(static_cast<double>(orgs * kBytesPerOrgYear) * copies);
  const std::int64_t available = mem_available();
  const std::int64_t free = available < 0 ? -1 : available + cached_bytes();
  if (free < 0 || need <= free * 8 / 10) return true;
  const std::string why = "skipped: needs about " + std::to_string(need >> 20) + " MiB, " +
                          std::to_string(free >> 20) + " MiB available";
  std::cerr << "tiaodu-bench: " << why << "\n";
  state.SkipWithError(why.c_str());
  return false;
}

// ---------------------------------------------------------------------------------------
// One snapshot (and its index) at a time, shared by the benchmarks of one size: a million
// orgs take gigabytes, so a new size frees the old one first.

struct Prepared {
  GeneratorOptions options;
  tiaodu::Snapshot snapshot;
  std::unique_ptr<tiaodu::Index> index;
  std::string json;  // filled on demand
};
std::unique_ptr<Prepared> cache;

GeneratorOptions options_for(std::int64_t orgs, bool free_text) {
  GeneratorOptions o;
  o.seed = kSeed;
  o.orgs = orgs;
  o.year = kYear;
  o.free_text = free_text;
  o.threads = settings.threads;  // no effect on the snapshot, only on how fast it is made
  return o;
}

Prepared& prepared(std::int64_t orgs, bool free_text) {
  if (!cache || cache->options.orgs != orgs || cache->options.free_text != free_text) {
    cache.reset();
    malloc_trim(0);
    auto p = std::make_unique<Prepared>();
    p->options = options_for(orgs, free_text);
    p->snapshot = tiaodu::bench::generate(p->options);
    p->index = std::make_unique<tiaodu::Index>(p->snapshot);
    cache = std::move(p);
  }
  return *cache;
}

void release() {
  cache.reset();
  malloc_trim(0);
}

std::int64_t cached_bytes() { return cache ? cache->options.orgs * kInputBytesPerOrgYear : 0; }

// The counts an evaluation at the year's end must have, from the snapshot alone: every
// rectification exists, and every org has one score per month it was dispatched in.
struct Expected {
  std::size_t items = 0, scores = 0;
};
Expected expected(const tiaodu::Snapshot& s) {
  Expected e;
  e.items = tiaodu::each(s.rectifications).size();
  std::vector<std::pair<std::string_view, int>> org_months;  // sorted and made unique:
  org_months.reserve(tiaodu::each(s.dispatches).size());      // far cheaper than a set
  for (const tiaodu::Dispatch& d : tiaodu::each(s.dispatches))
    org_months.emplace_back(d.object, d.date.month().as_number());
  std::sort(org_months.begin(), org_months.end());
  e.scores = static_cast<std::size_t>(std::unique(org_months.begin(), org_months.end()) - org_months.begin());
  return e;
}

template <class AnyResult>  // tiaodu::Result or tiaodu::CompactResult
bool check_result(benchmark::State& state, const AnyResult& r, const Expected& e) {
  if (r.items.size() != e.items || r.scores.size() != e.scores || r.assessments.empty()) {
    fail(state, "evaluate: " + std::to_string(r.items.size()) + " items, " +
                    std::to_string(r.scores.size()) + " scores, " +
                    std::to_string(r.assessments.size()) + " assessments; expected " +
                    std::to_string(e.items) + " items and " + std::to_string(e.scores) + " scores");
    return false;
  }
  return true;
}

void org_years(benchmark::State& state, std::int64_t orgs) {
  const double n = static_cast<double>(orgs);
  state.counters["org_years/s"] = benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
  // The inverse of the rate: seconds per org-year (printed with an SI prefix: 250n = 250 ns).
  state.counters["s/org_year"] = benchmark::Counter(
      n, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

template <class F>
void guarded(benchmark::State& state, F&& body) {
  try {
    body();
  } catch (const tiaodu::ValidationError& e) {
    std::string why = std::string("ValidationError: ") + e.what();
    for (std::size_t i = 0; i < std::min<std::size_t>(3, e.errors().size()); ++i)
      why += "; " + e.errors()[i].path + ": " + e.errors()[i].message;
    fail(state, why);
  } catch (const std::exception& e) {
    fail(state, std::string("exception: ") + e.what());
  }
}

// ---------------------------------------------------------------------------------------
// The benchmarks

// One town-year, the per-page-view call: a town of 50 orgs, indexed once, evaluated at
// the year's end — into a CompactResult (what the rules decide), and into a Result (the
// same, rendered with ids, facts and sentences) — the compact evaluation with the index
// built each time, and copying the town's Result (the rendered output's floor).
enum class TownStep { evaluate_compact, evaluate, index_and_evaluate_compact, result_copy };
void town_year(benchmark::State& state, TownStep step) {
  guarded(state, [&] {
    static const tiaodu::Snapshot snapshot = tiaodu::bench::generate(options_for(50, true));
    static const tiaodu::Index index(snapshot);
    static const Expected want = expected(snapshot);
    const tiaodu::Policy policy;
    const tiaodu::Result result = tiaodu::evaluate(index, policy, year_end());
    if (!check_result(state, result, want)) return;
    if (!(tiaodu::expand(tiaodu::evaluate_compact(index, policy, year_end()), index, policy) == result))
      return fail(state, "town_year: expand(evaluate_compact) differs from evaluate");
    for (auto _ : state) {
      switch (step) {
        case TownStep::evaluate_compact:
          benchmark::DoNotOptimize(tiaodu::evaluate_compact(index, policy, year_end()));
          break;
        case TownStep::evaluate:
          benchmark::DoNotOptimize(tiaodu::evaluate(index, policy, year_end()));
          break;
        case TownStep::index_and_evaluate_compact: {
          const tiaodu::Index fresh(snapshot);
          benchmark::DoNotOptimize(tiaodu::evaluate_compact(fresh, policy, year_end()));
          break;
        }
        case TownStep::result_copy: {
          const tiaodu::Result copy = result;
          benchmark::DoNotOptimize(copy.decisions.data());
          break;
        }
      }
    }
    org_years(state, 50);
    state.counters["dispatches"] = static_cast<double>(tiaodu::each(snapshot.dispatches).size());
    state.counters["items"] = static_cast<double>(want.items);
  });
}

// Evaluation of an indexed snapshot of `orgs` organizations, on `workers` threads:
// into a CompactResult (`compact`), or into a Result (evaluate() = expand(compact)).
void evaluate(benchmark::State& state, std::int64_t orgs, unsigned workers, bool compact) {
  if (!fits(state, orgs)) return;
  guarded(state, [&] {
    Prepared& p = prepared(orgs, false);
    const tiaodu::Policy policy;
    const Expected want = expected(p.snapshot);
    {
      const tiaodu::CompactResult first = tiaodu::evaluate_compact(*p.index, policy, year_end(), {workers});
      if (!check_result(state, first, want)) return;
      // The parallel result must be the serial one (tests/bench proves it byte for byte;
      // here it is checked where memory allows two results side by side).
      if (workers != 1 && orgs <= 100'000 &&
          !(tiaodu::evaluate_compact(*p.index, policy, year_end()) == first))
        return fail(state, "evaluate: the parallel result differs from the serial one");
    }
    if (compact)
      for (auto _ : state)
        benchmark::DoNotOptimize(tiaodu::evaluate_compact(*p.index, policy, year_end(), {workers}));
    else
      for (auto _ : state)
        benchmark::DoNotOptimize(tiaodu::evaluate(*p.index, policy, year_end(), {workers}));
    org_years(state, orgs);
  });
}

// The output's floor: copying the Result an evaluation returns allocates and writes what
// the evaluator itself must allocate and write (every string and list of it), with no
// rule work at all. Evaluate's time less this is the time the rules take.
void result_copy(benchmark::State& state, std::int64_t orgs) {
  if (!fits(state, orgs, 1.3)) return;  // the snapshot, its result and the copy
  guarded(state, [&] {
    const Prepared& p = prepared(orgs, false);
    const tiaodu::Result result = tiaodu::evaluate(*p.index, tiaodu::Policy{}, year_end());
    for (auto _ : state) {
      const tiaodu::Result copy = result;
      if (copy.decisions.size() != result.decisions.size()) return fail(state, "copy lost decisions");
      benchmark::DoNotOptimize(copy.decisions.data());
    }
    org_years(state, orgs);
  });
}

// The floor: read every record of the snapshot once and add up one small field of each
// (an org's kind, a dispatch's date, a check's result, a deadline, an update's status, a
// submission's date, a look-back's finding). No evaluation can read its input faster;
// evaluate's time over this is how far the evaluator is from the memory limit.
std::int64_t read_everything(const tiaodu::Snapshot& s) {
  std::int64_t sum = 0;
  for (const auto& o : tiaodu::each(s.organizations)) sum += static_cast<int>(o.kind);
  for (const auto& d : tiaodu::each(s.dispatches)) {
    sum += d.date.day_number();
    for (const auto& c : tiaodu::each(d.checks)) sum += static_cast<int>(c.result);
  }
  for (const auto& r : tiaodu::each(s.rectifications)) {
    sum += r.deadline.day_number();
    for (const auto& u : tiaodu::each(r.updates)) sum += static_cast<int>(u.status);
  }
  for (const auto& l : tiaodu::each(s.ledger_submissions)) sum += l.date.day_number();
  for (const auto& l : tiaodu::each(s.look_backs)) sum += static_cast<int>(l.finding);
  return sum;
}

void baseline(benchmark::State& state, std::int64_t orgs) {
  if (!fits(state, orgs)) return;
  guarded(state, [&] {
    const Prepared& p = prepared(orgs, false);
    const std::int64_t want = read_everything(p.snapshot);
    for (auto _ : state) {
      const std::int64_t sum = read_everything(p.snapshot);
      benchmark::DoNotOptimize(sum);
      if (sum != want) return fail(state, "baseline: the sum changed between two passes");
    }
    org_years(state, orgs);
  });
}

void validate(benchmark::State& state, std::int64_t orgs) {
  if (!fits(state, orgs)) return;
  guarded(state, [&] {
    const Prepared& p = prepared(orgs, false);
    for (auto _ : state) {
      const auto errors = tiaodu::validate(p.snapshot);
      if (!errors.empty())
        return fail(state, "validate: the generated snapshot has errors, the first: " +
                               errors.front().path + ": " + errors.front().message);
    }
    org_years(state, orgs);
  });
}

void build_index(benchmark::State& state, std::int64_t orgs) {
  if (!fits(state, orgs, 1.2)) return;
  guarded(state, [&] {
    const Prepared& p = prepared(orgs, false);
    for (auto _ : state) {
      const tiaodu::Index index(p.snapshot);
      if (index.org_count() != orgs) return fail(state, "index: wrong org count");
    }
    org_years(state, orgs);
  });
}

void generate(benchmark::State& state, std::int64_t orgs) {
  if (!fits(state, orgs, 1.5)) return;
  release();  // the generator's own output is the only big thing alive
  guarded(state, [&] {
    for (auto _ : state) {
      const tiaodu::Snapshot s = tiaodu::bench::generate(options_for(orgs, false));
      if (static_cast<std::int64_t>(tiaodu::each(s.organizations).size()) != orgs)
        return fail(state, "generate: wrong org count");
    }
    org_years(state, orgs);
  });
}

// Reading and writing the JSON of a snapshot with free text, as tiaodu-gen writes it.
void read_json(benchmark::State& state, std::int64_t orgs) {
  guarded(state, [&] {
    Prepared& p = prepared(orgs, true);
    if (p.json.empty()) p.json = tiaodu::to_json(p.snapshot);
    {
      auto parsed = tiaodu::parse_snapshot(p.json);
      if (!parsed.ok()) return fail(state, "parse_snapshot refuses generated JSON: " +
                                               (parsed.errors.empty() ? std::string("?") : parsed.errors.front().message));
      if (!(*parsed.value == p.snapshot)) return fail(state, "JSON round trip changed the snapshot");
    }
    for (auto _ : state) benchmark::DoNotOptimize(tiaodu::parse_snapshot(p.json));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(p.json.size()));
    state.counters["json_bytes/org_year"] = static_cast<double>(p.json.size()) / static_cast<double>(orgs);
    org_years(state, orgs);
  });
}

void write_json(benchmark::State& state, std::int64_t orgs) {
  guarded(state, [&] {
    const Prepared& p = prepared(orgs, true);
    std::size_t bytes = 0;
    for (auto _ : state) {
      const std::string json = tiaodu::to_json(p.snapshot);
      bytes = json.size();
      benchmark::DoNotOptimize(json.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
    org_years(state, orgs);
  });
}

// Bytes per org-year: the snapshot, its index, the result (heap in use after each step),
// and the peak resident set of the three steps, measured from a reset peak.
void memory(benchmark::State& state, std::int64_t orgs, bool free_text) {
  if (!fits(state, orgs, free_text ? 1.7 : 1.0)) return;
  release();
  guarded(state, [&] {
    for (auto _ : state) {
      const bool peak_ok = reset_peak_rss();
      const std::int64_t rss0 = status_kb("VmRSS") * 1024;
      const std::int64_t heap0 = heap_in_use();
      GeneratorOptions o = options_for(orgs, free_text);
      o.threads = 1;  // one arena: the heap count is then exact
      auto snapshot = std::make_unique<tiaodu::Snapshot>(tiaodu::bench::generate(o));
      const std::int64_t heap1 = heap_in_use();
      auto index = std::make_unique<tiaodu::Index>(*snapshot);
      const std::int64_t heap2 = heap_in_use();
      auto compact = std::make_unique<tiaodu::CompactResult>(
          tiaodu::evaluate_compact(*index, tiaodu::Policy{}, year_end()));
      const std::int64_t heap3 = heap_in_use();
      auto result = std::make_unique<tiaodu::Result>(tiaodu::expand(*compact, *index, tiaodu::Policy{}));
      const std::int64_t heap4 = heap_in_use();
      const std::int64_t peak = status_kb("VmHWM") * 1024;
      const double n = static_cast<double>(orgs);
      state.counters["snapshot_B/org_year"] = static_cast<double>(heap1 - heap0) / n;
      state.counters["index_B/org_year"] = static_cast<double>(heap2 - heap1) / n;
      state.counters["compact_B/org_year"] = static_cast<double>(heap3 - heap2) / n;
      state.counters["result_B/org_year"] = static_cast<double>(heap4 - heap3) / n;
      state.counters["total_B/org_year"] = static_cast<double>(heap4 - heap0) / n;
      if (peak_ok) state.counters["peak_rss_B/org_year"] = static_cast<double>(peak - rss0) / n;
      state.counters["decisions/org_year"] = static_cast<double>(result->decisions.size()) / n;
      if (heap1 <= heap0 || heap2 <= heap1 || heap3 <= heap2 || heap4 <= heap3)
        return fail(state, "memory: a step did not allocate (heap accounting broken?)");
      state.PauseTiming();
      result.reset();
      compact.reset();
      index.reset();
      snapshot.reset();
      malloc_trim(0);
      state.ResumeTiming();
    }
  });
}

// Sizes too big for one snapshot on this machine: a snapshot, its index and its result
// take some 25 KB per org-year at their peak (the memory benchmark), so a million orgs
// need 25 GB and the country 130 GB. They are evaluated as shards — independent
// subtrees, each a county of towns with its own root, as big as the free memory allows —
// generated in memory one after the other. The time reported (manual time) is the
// evaluations' alone (evaluate_compact); generating and indexing are reported beside it
// as counters.
std::int64_t shard_size(std::int64_t total) {
  std::int64_t shard = settings.shard_orgs;
  if (shard <= 0) {  // the largest that fits in 60 % of the free memory, at most 500 000
    const std::int64_t free = mem_available();
    shard = free > 0 ? std::clamp<std::int64_t>(free * 6 / 10 / kBytesPerOrgYear, 10'000, 500'000) : 100'000;
  }
  return std::min(shard, total);
}

void sharded(benchmark::State& state, std::int64_t total, unsigned workers) {
  const std::int64_t shard = shard_size(total);
  if (!fits(state, shard)) return;
  release();
  guarded(state, [&] {
    for (auto _ : state) {
      double generate_s = 0, index_s = 0, evaluate_s = 0, again_s = 0;
      std::int64_t done = 0, shards = 0, items = 0, decisions = 0;
      while (done < total) {
        const std::int64_t orgs = std::min(shard, total - done);
        using clock = std::chrono::steady_clock;
        const auto t0 = clock::now();
        GeneratorOptions o = options_for(orgs, false);
        o.seed = tiaodu::bench::mix(kSeed, static_cast<std::uint64_t>(shards));
        auto snapshot = std::make_unique<tiaodu::Snapshot>(tiaodu::bench::generate(o));
        const auto t1 = clock::now();
        auto index = std::make_unique<tiaodu::Index>(*snapshot);
        const auto t2 = clock::now();
        auto result = std::make_unique<tiaodu::CompactResult>(
            tiaodu::evaluate_compact(*index, tiaodu::Policy{}, year_end(), {workers}));
        const auto t3 = clock::now();
        if (!check_result(state, *result, expected(*snapshot))) return;
        const std::size_t n_decisions = result->decisions.size(), n_items = result->items.size();
        items += static_cast<std::int64_t>(n_items);
        decisions += static_cast<std::int64_t>(n_decisions);
        result.reset();
        // The same shard again, as the in-memory benchmarks repeat theirs: the process now
        // has the memory mapped, which the first evaluation is also the first to touch
        // (docs/performance.md, 2.2).
        const auto t4 = clock::now();
        {
          const tiaodu::CompactResult again =
              tiaodu::evaluate_compact(*index, tiaodu::Policy{}, year_end(), {workers});
          if (again.decisions.size() != n_decisions || again.items.size() != n_items)
            return fail(state, "sharded: a second evaluation differs");
        }
        const auto t5 = clock::now();
        generate_s += std::chrono::duration<double>(t1 - t0).count();
        index_s += std::chrono::duration<double>(t2 - t1).count();
        evaluate_s += std::chrono::duration<double>(t3 - t2).count();
        again_s += std::chrono::duration<double>(t5 - t4).count();
        index.reset();
        snapshot.reset();
        // Not malloc_trim: the next shard reuses this one's memory. (Given back, it comes
        // back as pages touched for the first time, which cost this VM ~20 µs each.)
        done += orgs;
        ++shards;
      }
      state.SetIterationTime(evaluate_s);
      state.counters["evaluate_s"] = evaluate_s;
      state.counters["evaluate_again_s"] = again_s;
      state.counters["index_s"] = index_s;
      state.counters["generate_s"] = generate_s;
      state.counters["shards"] = static_cast<double>(shards);
      state.counters["shard_orgs"] = static_cast<double>(shard);
      state.counters["items"] = static_cast<double>(items);
      state.counters["decisions"] = static_cast<double>(decisions);
    }
    org_years(state, total);
  });
}

// ---------------------------------------------------------------------------------------

std::string size_name(std::int64_t n) { return "orgs:" + std::to_string(n); }

void register_all() {
  using benchmark::RegisterBenchmark;
  RegisterBenchmark("town_year/evaluate_compact", town_year, TownStep::evaluate_compact)
      ->Unit(benchmark::kMicrosecond)->UseRealTime();
  RegisterBenchmark("town_year/evaluate", town_year, TownStep::evaluate)
      ->Unit(benchmark::kMicrosecond)->UseRealTime();
  RegisterBenchmark("town_year/index_and_evaluate_compact", town_year,
                    TownStep::index_and_evaluate_compact)
      ->Unit(benchmark::kMicrosecond)->UseRealTime();
  RegisterBenchmark("town_year/result_copy", town_year, TownStep::result_copy)
      ->Unit(benchmark::kMicrosecond)->UseRealTime();
  for (std::int64_t n : settings.json_sizes) {
    RegisterBenchmark(("read_json/" + size_name(n)).c_str(), read_json, n)->Unit(benchmark::kMillisecond)->UseRealTime();
    RegisterBenchmark(("write_json/" + size_name(n)).c_str(), write_json, n)->Unit(benchmark::kMillisecond)->UseRealTime();
  }
  for (std::int64_t n : settings.sizes) {
    const auto unit = n >= 100'000 ? benchmark::kMillisecond : benchmark::kMicrosecond;
    if (n <= 100'000)
      RegisterBenchmark(("generate/" + size_name(n)).c_str(), generate, n)->Unit(unit)->UseRealTime();
    RegisterBenchmark(("baseline/" + size_name(n)).c_str(), baseline, n)->Unit(unit)->UseRealTime();
    RegisterBenchmark(("validate/" + size_name(n)).c_str(), validate, n)->Unit(unit)->UseRealTime();
    RegisterBenchmark(("index/" + size_name(n)).c_str(), build_index, n)->Unit(unit)->UseRealTime();
    RegisterBenchmark(("result_copy/" + size_name(n)).c_str(), result_copy, n)->Unit(unit)->UseRealTime();
    for (bool compact : {true, false})
      for (unsigned workers : {1u, settings.threads})
        RegisterBenchmark(((compact ? "evaluate_compact/" : "evaluate/") + size_name(n) +
                           "/workers:" + std::to_string(workers)).c_str(),
                          evaluate, n, workers, compact)
            ->Unit(unit)
            ->UseRealTime();
  }
  for (std::int64_t n : settings.memory_sizes)
    for (bool free_text : {false, true})
      RegisterBenchmark(("memory/" + size_name(n) + (free_text ? "/free_text" : "/lean")).c_str(),
                        memory, n, free_text)
          ->Iterations(1)
          ->Repetitions(1)  // a count of bytes, not a time: once is enough
          ->Unit(benchmark::kMillisecond);
  for (std::int64_t n : settings.sharded_sizes)
    for (unsigned workers : {1u, settings.threads})
      RegisterBenchmark(("sharded/" + size_name(n) + "/workers:" + std::to_string(workers)).c_str(),
                        sharded, n, workers)
          ->Iterations(1)
          ->Repetitions(1)  // a minute or more each: once, whatever --benchmark_repetitions says
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond);
  // The national year: 5.18 million orgs on both cores (filter "national" to run it alone).
  RegisterBenchmark("national", sharded, settings.national_orgs, settings.threads)
      ->Iterations(1)
      ->Repetitions(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
}

bool parse_list(std::string_view text, std::vector<std::int64_t>& out) {
  out.clear();
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (ec != std::errc() || end != item.data() + item.size() || v < 1) return false;
    out.push_back(v);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return !out.empty();
}

bool parse_flag(std::string_view arg) {
  auto value_of = [&](std::string_view name, std::string_view& value) {
    if (arg.substr(0, name.size()) != name || arg.size() <= name.size() || arg[name.size()] != '=')
      return false;
    value = arg.substr(name.size() + 1);
    return true;
  };
  std::string_view v;
  std::vector<std::int64_t> one;
  if (value_of("--tiaodu_sizes", v)) return parse_list(v, settings.sizes);
  if (value_of("--tiaodu_sharded_sizes", v)) return parse_list(v, settings.sharded_sizes);
  if (value_of("--tiaodu_json_sizes", v)) return parse_list(v, settings.json_sizes);
  if (value_of("--tiaodu_memory_sizes", v)) return parse_list(v, settings.memory_sizes);
  if (value_of("--tiaodu_national_orgs", v))
    return parse_list(v, one) && one.size() == 1 && (settings.national_orgs = one[0], true);
  if (value_of("--tiaodu_shard_orgs", v))
    return parse_list(v, one) && one.size() == 1 && (settings.shard_orgs = one[0], true);
  if (value_of("--tiaodu_threads", v))
    return parse_list(v, one) && one.size() == 1 && one[0] <= 256 &&
           (settings.threads = static_cast<unsigned>(one[0]), true);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    if (!parse_flag(argv[i])) {
      std::cerr << "tiaodu-bench: unknown or malformed argument '" << argv[i]
                << "' (flags: --benchmark_*, --tiaodu_sizes=N,N.. --tiaodu_sharded_sizes=N,N.. --tiaodu_json_sizes=N,N.. "
                   "--tiaodu_memory_sizes=N,N.. --tiaodu_national_orgs=N --tiaodu_shard_orgs=N "
                   "--tiaodu_threads=N)\n";
      return 2;
    }
  }
  register_all();
  const std::size_t ran = benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (ran == 0) {
    std::cerr << "tiaodu-bench: no benchmark matched the filter\n";
    return 1;
  }
  if (failures > 0) {
    std::cerr << "tiaodu-bench: " << failures << " check(s) failed\n";
    return 1;
  }
  return 0;
}

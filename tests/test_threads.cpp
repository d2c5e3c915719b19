// The multi-threaded paths (docs/reliability.md, "Sanitizers"): these tests are what
// scripts/test runs under ThreadSanitizer (ctest --preset tsan -R '^Threads\.'), so each
// one makes threads touch shared state the way an integrator would.
//
//   evaluate(index, policy, date, Options{threads})   chunks of organizations in parallel
//   one const Index, many callers at once             the Index is immutable after building
//   reading on several threads at once                the reader's static tables
//   the generator's own threads                       towns built in parallel
#include "generator.hpp"

#include "tiaodu/evaluate.hpp"
#include "tiaodu/json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

using namespace tiaodu;

namespace {

// 1200 organizations: evaluate() cuts organizations into chunks of at least 256, so this
// is several chunks and the threads really share the work.
const Snapshot& county() {
  static const Snapshot s = [] {
    bench::GeneratorOptions o;
    o.seed = 42;
    o.orgs = 1200;
    o.free_text = false;
    return bench::generate(o);
  }();
  return s;
}

}  // namespace

TEST(Threads, AnyThreadCountGivesTheSerialResult) {
  const Index index(county());
  const Policy policy;
  for (const Date day : {Date(2023, 6, 30), Date(2023, 12, 31)}) {
    const Result serial = evaluate(index, policy, day, Options{1});
    ASSERT_GT(serial.decisions.size(), 100u);
    const std::string bytes = to_json(serial);
    for (unsigned threads : {2u, 3u, 7u, 0u}) {
      const Result parallel = evaluate(index, policy, day, Options{threads, 1});  // 1: threads even for a small county
      EXPECT_TRUE(parallel == serial) << threads << " threads";
      EXPECT_EQ(to_json(parallel), bytes) << threads << " threads";
    }
  }
}

TEST(Threads, OneIndexEvaluatedFromManyThreadsAtOnce) {
  // A server holding one indexed snapshot answers several requests at the same time,
  // each possibly parallel itself.
  const Index index(county());
  const Policy policy;
  const Date day(2023, 12, 31);
  const std::string expected = to_json(evaluate(index, policy, day));
  std::vector<std::string> got(4);
  std::vector<std::thread> callers;
  for (std::size_t t = 0; t < got.size(); ++t)
    callers.emplace_back([&, t] { got[t] = to_json(evaluate(index, policy, day, Options{t % 2 ? 2u : 1u, 1})); });
  for (auto& c : callers) c.join();
  for (std::size_t t = 0; t < got.size(); ++t) EXPECT_EQ(got[t], expected) << "caller " << t;
}

TEST(Threads, ReadingOnSeveralThreadsAtOnce) {
  // The reader keeps function-local static tables (member names, enumerators): first
  // use from several threads at once must be safe.
  const std::string text = to_json(county());
  const std::string bad = R"({"format":"tiaodu/1","organizations":[{"id":1,"kind":"x"}],"oops":2})";
  const std::string policy = R"({"format":"tiaodu-policy/1","parameters":{"review_days":[{"from":"2023-01-01","value":9}]}})";
  std::vector<int> ok(4, 0);
  std::vector<std::thread> readers;
  for (std::size_t t = 0; t < ok.size(); ++t)
    readers.emplace_back([&, t] {
      const auto s = parse_snapshot(text);
      const auto b = parse_snapshot(bad);
      const auto p = parse_policy(policy);
      ok[t] = s.ok() && *s.value == county() && !b.ok() && b.errors.size() >= 3 && p.ok();
    });
  for (auto& r : readers) r.join();
  for (std::size_t t = 0; t < ok.size(); ++t) EXPECT_EQ(ok[t], 1) << "reader " << t;
}

TEST(Threads, TheGeneratorGivesTheSameTownOnAnyThreadCount) {
  bench::GeneratorOptions o;
  o.seed = 7;
  o.orgs = 400;
  o.threads = 1;
  const Snapshot one = bench::generate(o);
  o.threads = 3;
  EXPECT_TRUE(bench::generate(o) == one);
}

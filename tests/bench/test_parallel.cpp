// The parallel evaluation gives the serial result, byte for byte (evaluate.hpp, Options):
// the property the national-scale benchmark relies on, proven at a smaller size — a
// synthetic county of 20 000 organizations in some 330 towns (bench/generator.hpp).
#include "generator.hpp"

#include "tiaodu/evaluate.hpp"
#include "tiaodu/json.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

using namespace tiaodu;

namespace {

const Snapshot& county() {
  static const Snapshot s = [] {
    bench::GeneratorOptions o;
    o.seed = 2023;
    o.orgs = 20000;
    o.threads = 2;
    return bench::generate(o);
  }();
  return s;
}

}  // namespace

TEST(Parallel, SameBytesAsSerialAtTheYearsEndAndMidYear) {
  const Index index(county());
  const Policy policy;
  for (const Date as_of : {Date(2023, 12, 31), Date(2023, 6, 30)}) {
    const Result serial = evaluate(index, policy, as_of);
    // The result is not trivially empty, so the comparison below compares something:
    // every rectification whose dispatch took place by as_of is an item.
    std::map<std::string, Date> dispatch_date;
    for (const Dispatch& d : each(county().dispatches)) dispatch_date[d.id] = d.date;
    std::size_t existing = 0;
    for (const Rectification& r : each(county().rectifications))
      existing += dispatch_date.at(r.dispatch) <= as_of;
    const std::size_t all = each(county().rectifications).size();
    if (as_of == Date(2023, 12, 31)) ASSERT_EQ(existing, all);  // the generator's year
    else ASSERT_LT(existing, all);
    ASSERT_EQ(serial.items.size(), existing);
    ASSERT_GT(serial.decisions.size(), 1000u);
    ASSERT_GT(serial.scores.size(), 100000u);
    const std::string serial_json = to_json(serial);
    for (unsigned threads : {2u, 3u}) {
      const Result parallel = evaluate(index, policy, as_of, Options{threads, 1});
      EXPECT_TRUE(parallel == serial) << threads << " threads, as of " << format_date(as_of);
      EXPECT_EQ(to_json(parallel), serial_json) << threads << " threads, as of " << format_date(as_of);
    }
  }
}

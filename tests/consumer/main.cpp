// Reads a snapshot, evaluates it and prints one line per rule that fired.
#include <tiaodu/evaluate.hpp>
#include <tiaodu/json.hpp>

#include <iostream>
#include <map>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: consumer SNAPSHOT YYYY-MM-DD\n";
    return 2;
  }
  try {
    const tiaodu::Snapshot snapshot = tiaodu::load_snapshot(argv[1]);
    const auto as_of = tiaodu::parse_date(argv[2]);
    if (!as_of) {
      std::cerr << "not a date: " << argv[2] << "\n";
      return 2;
    }
    const tiaodu::Result result = tiaodu::evaluate(snapshot, tiaodu::Policy{}, *as_of);
    std::map<std::string, int> counts;
    for (const auto& d : result.decisions) ++counts[d.clause + " " + std::to_string(static_cast<int>(d.rule))];
    std::cout << "tiaodu " << tiaodu::version() << ": " << result.decisions.size() << " decisions, "
              << result.items.size() << " items, " << result.scores.size() << " scores\n";
    return 0;
  } catch (const tiaodu::ValidationError& e) {
    for (const auto& err : e.errors()) std::cerr << err.path << ": " << err.message << "\n";
    return 1;
  }
}

// Prints tiaodu::to_json(tiaodu::evaluate(snapshot, policy, as_of)) through the library
// alone, for tests/cli/test_json_identity.py to compare with `tiaodu evaluate --format
// json`. Usage: test_cli_reference_json SNAPSHOT AS_OF [POLICY]
#include "tiaodu/evaluate.hpp"
#include "tiaodu/json.hpp"

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: test_cli_reference_json SNAPSHOT AS_OF [POLICY]\n";
    return 2;
  }
  const auto as_of = tiaodu::parse_date(argv[2]);
  if (!as_of) return 2;
  const tiaodu::Snapshot snapshot = tiaodu::load_snapshot(argv[1]);
  const tiaodu::Policy policy = argc == 4 ? tiaodu::load_policy(argv[3]) : tiaodu::Policy{};
  std::cout << tiaodu::to_json(tiaodu::evaluate(snapshot, policy, *as_of));
  return 0;
}

// Fuzz target: the policy reader (parse_policy, spec sections 2 and 5).
//
// A policy read is valid (validate() finds nothing, every parameter has a value on every
// day of the supported range) and survives a round trip; a refused one has located errors.
#include "check.hpp"

#include "tiaodu/validate.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tiaodu;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Parsed<Policy> parsed = parse_policy(text);
  if (!parsed.ok()) {
    fuzz::check_errors(parsed.errors);
    return 0;
  }
  const Policy& policy = *parsed.value;
  TIAODU_FUZZ_CHECK(parsed.errors.empty());
  TIAODU_FUZZ_CHECK(validate(policy).empty());
  for (const ParameterInfo& p : parameters) {
    for (const Day d : {kMinSupported, Day{0}, kMaxSupported}) {
      const double v = policy.at(p.param, d);
      TIAODU_FUZZ_CHECK(std::isfinite(v) && v >= p.min && v <= p.max);
      if (p.kind == ValueKind::integer) TIAODU_FUZZ_CHECK(v == std::floor(v));
    }
    // Every dated value is in force from its own `from`.
    for (const DatedValue& dv : policy.values(p.param))
      TIAODU_FUZZ_CHECK(policy.at(p.param, to_day(dv.from)) == dv.value);
  }
  fuzz::check_round_trip(policy, [](std::string_view s) { return parse_policy(s); });
  return 0;
}

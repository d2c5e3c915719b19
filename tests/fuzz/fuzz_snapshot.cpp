// Fuzz target: the snapshot reader (parse_snapshot, spec sections 1 and 5).
//
// Whatever the bytes, reading returns either a valid snapshot or located errors, never
// both, never a crash; a valid snapshot passes validate() and survives a round trip.
#include "check.hpp"

#include "tiaodu/validate.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tiaodu;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Parsed<Snapshot> parsed = parse_snapshot(text);
  if (parsed.ok()) {
    TIAODU_FUZZ_CHECK(parsed.errors.empty());
    TIAODU_FUZZ_CHECK(validate(*parsed.value).empty());
    fuzz::check_round_trip(*parsed.value, [](std::string_view s) { return parse_snapshot(s); });
  } else {
    fuzz::check_errors(parsed.errors);
  }
  return 0;
}

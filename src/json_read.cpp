// STUB — replaced by the JSON/validation work.
#include "tiaodu/json.hpp"
#include <stdexcept>
namespace tiaodu {
Parsed<Snapshot> parse_snapshot(std::string_view) { throw std::logic_error("not implemented"); }
Parsed<Policy> parse_policy(std::string_view) { throw std::logic_error("not implemented"); }
}  // namespace tiaodu

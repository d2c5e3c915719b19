// STUB — replaced by the JSON/validation work.
#include "tiaodu/validate.hpp"
namespace tiaodu {
std::vector<Error> validate(const Snapshot&) { return {}; }
std::vector<Error> validate(const Policy&) { return {}; }
}  // namespace tiaodu

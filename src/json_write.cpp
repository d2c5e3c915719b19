// STUB — replaced by the JSON/validation work.
#include "tiaodu/json.hpp"
#include <stdexcept>
namespace tiaodu {
std::string to_json(const Snapshot&) { throw std::logic_error("not implemented"); }
std::string to_json(const Policy&) { throw std::logic_error("not implemented"); }
std::string to_json(const Result&) { throw std::logic_error("not implemented"); }
std::string errors_to_json(const std::vector<Error>&) { throw std::logic_error("not implemented"); }
}  // namespace tiaodu

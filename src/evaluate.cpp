// STUB — replaced by the evaluation work.
#include "tiaodu/evaluate.hpp"
#include <stdexcept>
namespace tiaodu {
Result evaluate(const Snapshot& s, const Policy& p, const Date& d) { Index ix(s); return evaluate(ix, p, d); }
Result evaluate(const Index&, const Policy&, const Date&) { throw std::logic_error("not implemented"); }
const char* version() noexcept { return TIAODU_VERSION; }
}  // namespace tiaodu

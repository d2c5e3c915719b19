// tiaodu/validate.hpp — the meaning checks of spec section 5 on a model.
//
// The JSON reader runs them before it hands out a Snapshot, and evaluate() runs them on
// any Snapshot it is given, so a model built by hand (C++, Python) is checked too.
//
// Interface:
//   validate(const Snapshot&) -> errors   ids, references, the tree (root, cycles,
//                                         dispatcher_not_superior, dispatch_of_root),
//                                         checks, seq, date order, submissions; also
//                                         date range and empty strings
//   validate(const Policy&)   -> errors   ranges, from order, threshold order
#pragma once

#include "tiaodu/errors.hpp"
#include "tiaodu/model.hpp"
#include "tiaodu/policy.hpp"

#include <vector>

namespace tiaodu {

std::vector<Error> validate(const Snapshot& snapshot);
std::vector<Error> validate(const Policy& policy);

}  // namespace tiaodu

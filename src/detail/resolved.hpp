// src/detail/resolved.hpp — what validation resolves, handed to the Index (internal).
//
// Validation already looks every reference up; the Index used to look each one up again
// (binary search with string compares). validate_resolved() is validate() that also
// returns those look-ups, so that the Index only translates document positions into its
// id-ordered positions.
//
// Interface:
//   struct Resolved                          the targets, as document positions
//   validate_resolved(snapshot, resolved)    = validate(snapshot), and fills resolved
//   day_of(date)                             to_day() of a date that is not special
#pragma once

#include "tiaodu/date.hpp"
#include "tiaodu/errors.hpp"
#include "tiaodu/model.hpp"

#include <cstdint>
#include <vector>

namespace tiaodu::detail {

// Each entry is the position, in its list as given, of the record referred to, or
// negative (none, or not resolved). Meaningful only when validation found no error: then every
// reference is resolved and only the root has no parent.
struct Resolved {
  std::vector<std::int32_t> org_parent;           // per organization
  std::vector<std::int32_t> dispatch_object;      // per dispatch
  std::vector<std::int32_t> rect_dispatch;        // per rectification
  std::vector<std::int32_t> submission_dispatch;  // per ledger submission
  std::vector<std::int32_t> look_back_rect;       // per look-back
  // Whether each list's ids were found to ascend strictly (then its order is id order).
  bool orgs_ascend = false, dispatches_ascend = false, rects_ascend = false,
       look_backs_ascend = false;
};

// The errors of validate(snapshot), in the same order; fills `out` as it goes.
std::vector<Error> validate_resolved(const Snapshot& snapshot, Resolved& out);

// boost::gregorian keeps a date as its Julian day number, so this is to_day() without the
// round trip through year-month-day (which costs more than the rest of a date check).
// 2440588 is the Julian day number of 1970-01-01 (Day 0). Only for dates that are not
// special (not_a_date_time, ±infinity).
inline Day day_of(const Date& d) noexcept {
  return static_cast<Day>(static_cast<std::int64_t>(d.day_number()) - 2440588);
}

}  // namespace tiaodu::detail

// src/detail/checks.hpp — what the JSON reader tells the meaning checks (internal).
//
// The reader runs validate() also over records whose structure partly failed, so that
// one read reports every mistake. It passes along what failed, so that no check runs on a
// field that was never read (each mistake gives exactly one error, never a cascade).
//
// Interface:
//   struct Suppress          failed pointers, ids that were present but invalid
//   validate_snapshot(snapshot, suppress) -> errors
//   struct PolicyDraft       a policy's entries as written, failed ones marked
//   validate_policy(draft)   -> errors       ranges, from order, threshold order
//   sort_errors(errors)      document-ish order: whole document first, then by pointer
//   quote(text)              a string for a message: JSON-quoted, cut after 60 characters
#pragma once

#include "tiaodu/errors.hpp"
#include "tiaodu/model.hpp"
#include "tiaodu/policy.hpp"

#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace tiaodu::detail {

struct Suppress {
  // Pointers whose value was missing or could not be read; everything below a failed
  // pointer counts as failed too.
  std::set<std::string, std::less<>> failed;
  // Ids given with the wrong type (e.g. a number): a reference to their text is not
  // reported as unknown. Index: 0 organizations, 1 dispatches, 2 rectifications.
  std::array<std::unordered_set<std::string>, 3> poisoned;

  bool empty() const noexcept { return failed.empty(); }
  // The pointer or one of its ancestors failed.
  bool bad(std::string_view pointer) const;
  // The pointer, an ancestor or anything below it failed.
  bool touched(std::string_view pointer) const;
};

std::vector<Error> validate_snapshot(const Snapshot& snapshot, const Suppress& suppress);

struct PolicyDraft {
  struct Entry {
    std::optional<Date> from;    // absent: missing or failed
    std::optional<double> value;
  };
  std::array<std::vector<Entry>, kParamCount> entries;
  std::array<bool, kParamCount> failed{};  // the parameter's list itself or an entry failed
};

std::vector<Error> validate_policy(const PolicyDraft& draft);

void sort_errors(std::vector<Error>& errors);

std::string quote(std::string_view text);
std::string escape_pointer_token(std::string_view key);
std::string format_number(double v);

}  // namespace tiaodu::detail

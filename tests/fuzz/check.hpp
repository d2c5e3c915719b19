// tests/fuzz/check.hpp — the invariants every fuzz target asserts (shared by the three).
//
// A violated invariant is a bug as much as a crash is, so it ends the run the way a crash
// does: a message on stderr, then __builtin_trap(), which libFuzzer reports as a deadly
// signal and saves the input that caused it.
#pragma once

#include "tiaodu/errors.hpp"
#include "tiaodu/json.hpp"

#include <boost/json/parse.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace tiaodu::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant violated at %s:%d: %s\n", file, line, what);
  __builtin_trap();
}

#define TIAODU_FUZZ_CHECK(cond) \
  ((cond) ? (void)0 : ::tiaodu::fuzz::fail(#cond, __FILE__, __LINE__))

// The text is one valid JSON document (Boost.JSON's own parser, which also checks UTF-8).
inline bool is_json(std::string_view text) {
  boost::json::error_code ec;
  boost::json::parse(text, ec);
  return !ec;
}

// A refused document: at least one error, each located by a JSON Pointer ("" or "/..."),
// with a stable code and a non-empty sentence; the error list itself serializes to
// valid JSON (the messages quote the input, which must not break the output).
inline void check_errors(const std::vector<Error>& errors) {
  TIAODU_FUZZ_CHECK(!errors.empty());
  for (const Error& e : errors) {
    TIAODU_FUZZ_CHECK(e.path.empty() || e.path.front() == '/');
    TIAODU_FUZZ_CHECK(!e.message.empty());
    TIAODU_FUZZ_CHECK(parse_error_code(to_string(e.code)) == e.code);
    // A syntax error is the whole story: it is alone and about the whole document.
    if (e.code == ErrorCode::syntax) TIAODU_FUZZ_CHECK(errors.size() == 1 && e.path.empty());
  }
  TIAODU_FUZZ_CHECK(is_json(errors_to_json(errors)));
}

// Written and read back, a value is the same value and the same bytes (json.hpp).
template <class T, class Parse>
void check_round_trip(const T& value, Parse parse) {
  const std::string text = to_json(value);
  TIAODU_FUZZ_CHECK(is_json(text));
  auto again = parse(text);
  TIAODU_FUZZ_CHECK(again.ok());
  TIAODU_FUZZ_CHECK(*again.value == value);
  TIAODU_FUZZ_CHECK(to_json(*again.value) == text);
}

}  // namespace tiaodu::fuzz

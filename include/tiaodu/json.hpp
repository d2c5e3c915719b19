// tiaodu/json.hpp — the three JSON formats: snapshots (tiaodu/1), policies
// (tiaodu-policy/1) and results (tiaodu-result/1). Compiled in src/json_*.cpp.
//
// Reading returns every error found, located (errors.hpp); nothing reaches a model
// unless the whole document is valid, both in shape (types, fields, enums, dates) and
// in meaning (references, tree, dates in order: validate.hpp).
// Writing is deterministic: the same value gives the same bytes. A snapshot read and
// written back has the same content (absent optional fields and lists stay absent).
//
// Interface:
//   parse_snapshot(text) -> Parsed<Snapshot>       read_snapshot(text) -> Snapshot (throws)
//   parse_policy(text)   -> Parsed<Policy>         read_policy(text)   -> Policy (throws)
//   load_snapshot(path), load_policy(path)         throw ValidationError, or
//                                                  std::system_error when unreadable
//   to_json(const Snapshot&), to_json(const Policy&), to_json(const Result&)
//   errors_to_json(errors)                         {"errors": [{path, code, message}]}
//   kMaxDepth                                      deepest nesting accepted
#pragma once

#include "tiaodu/errors.hpp"
#include "tiaodu/model.hpp"
#include "tiaodu/policy.hpp"
#include "tiaodu/result.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tiaodu {

// A valid document nests at most 5 deep; anything past this is refused as `syntax`
// before it can exhaust the stack.
inline constexpr std::size_t kMaxDepth = 32;

Parsed<Snapshot> parse_snapshot(std::string_view json);
Parsed<Policy> parse_policy(std::string_view json);

Snapshot read_snapshot(std::string_view json);
Policy read_policy(std::string_view json);
Snapshot load_snapshot(const std::filesystem::path& path);
Policy load_policy(const std::filesystem::path& path);

// Two-space indented, keys in the spec's order, UTF-8 unescaped, final newline.
std::string to_json(const Snapshot& snapshot);
std::string to_json(const Policy& policy);
std::string to_json(const Result& result);
std::string errors_to_json(const std::vector<Error>& errors);

}  // namespace tiaodu

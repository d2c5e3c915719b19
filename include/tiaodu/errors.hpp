// tiaodu/errors.hpp — located input errors (spec/rules.md section 5).
//
// Reading never half-succeeds: a document is either wholly valid, and becomes a model,
// or it yields every problem found, each with a JSON Pointer to the place, a stable
// code and a sentence that names the offending value.
//
// Interface:
//   enum class ErrorCode, to_string(ErrorCode), parse_error_code(text)
//   struct Error { path, code, message }
//   template Parsed<T> { value, errors }   the result of a parse_* function
//   class ValidationError                  what the throwing read_* functions throw
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tiaodu {

enum class ErrorCode {
  syntax,
  format,
  type,
  missing_field,
  unknown_field,
  enum_value,        // written "enum"
  date,
  empty,
  duplicate_id,
  unknown_ref,
  root,
  cycle,
  dispatcher_not_superior,
  dispatch_of_root,
  duplicate_check,
  item_not_problem,
  duplicate_seq,
  seq,
  date_order,
  duplicate_submission,
  unknown_parameter,
  parameter_range,
  from_order,
  duplicate_key,     // an extension of the spec's table: one key twice in one object
};

// The code as written in outputs ("enum" for enum_value).
std::string_view to_string(ErrorCode code) noexcept;
std::optional<ErrorCode> parse_error_code(std::string_view text) noexcept;

struct Error {
  std::string path;  // JSON Pointer (RFC 6901); "" is the whole document
  ErrorCode code = ErrorCode::syntax;
  std::string message;
  friend bool operator==(const Error&, const Error&) = default;
};

// Either a value or the errors that kept it from being read.
template <class T>
struct Parsed {
  std::optional<T> value;
  std::vector<Error> errors;
  bool ok() const noexcept { return value.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
};

class ValidationError : public std::runtime_error {
 public:
  explicit ValidationError(std::vector<Error> errors);
  const std::vector<Error>& errors() const noexcept { return errors_; }

 private:
  std::vector<Error> errors_;
};

}  // namespace tiaodu

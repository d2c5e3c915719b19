// cli/commands.hpp — what each `tiaodu` command does once its options are parsed
// (main.cpp parses them with CLI11; spec/rules.md section 6).
//
// Exit codes: 0 done; 1 the input is invalid (its located errors are printed); 2 a usage
// error (bad option or argument, unreadable file, unwritable output: one line on
// stderr); 3 an internal error (a bug: one line on stderr). Results and reports go to
// the `out` stream, messages to `err`.
//
// Interface:
//   enum Exit, struct Io
//   struct ValidateArgs, EvaluateArgs, FormsArgs, DemoArgs
//   run_validate / run_evaluate / run_forms / run_demo
//   sample_town()            the sample snapshot built into the program
//   kSampleAsOf              demo's default as-of date
#pragma once

#include "report.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tiaodu::cli {

enum Exit : int { kOk = 0, kInvalid = 1, kUsage = 2, kInternal = 3 };

struct Io {
  std::istream& in;   // what FILE "-" reads
  std::ostream& out;
  std::ostream& err;
  bool colour = false;  // ANSI colour in the report
};

enum class Format { text, json };

struct ValidateArgs {
  std::string file;
  std::optional<std::string> policy;
  Format format = Format::text;
};

struct EvaluateArgs {
  std::string file;
  std::string as_of;  // validated by the parser: YYYY-MM-DD
  std::optional<std::string> policy;
  Format format = Format::json;
  Lang lang = Lang::zh;
};

struct FormsArgs {
  std::string file;
  std::vector<std::string> dispatches;  // empty: all
  std::string out;
  std::optional<std::string> as_of;     // default: the latest fact date of the snapshot
  std::optional<std::string> policy;
};

struct DemoArgs {
  std::string as_of;
  Lang lang = Lang::zh;
  bool sample = false;  // print the built-in snapshot instead of the report
};

// The sample town's dispatch meeting at the end of January 2024 (its records end then):
// the report shows 2023's closed-year decisions and 2024's early warnings (rating_risk),
// so every rule of spec 3.3 appears in it.
inline constexpr std::string_view kSampleAsOf = "2024-01-31";

int run_validate(const ValidateArgs& args, Io& io);
int run_evaluate(const EvaluateArgs& args, Io& io);
int run_forms(const FormsArgs& args, Io& io);
int run_demo(const DemoArgs& args, Io& io);

std::string_view sample_town() noexcept;

}  // namespace tiaodu::cli

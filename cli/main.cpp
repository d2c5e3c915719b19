// tiaodu — the command line (spec/rules.md section 6). This file only declares the
// options (CLI11) and hands them to the commands in commands.cpp.
#include "commands.hpp"

#include "tiaodu/date.hpp"
#include "tiaodu/evaluate.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace {

using namespace tiaodu::cli;

// A usage error: one line on stderr, exit 2 (CLI11's messages can span lines).
int usage_error(std::string_view what, std::string_view command) {
  std::string line(what);
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  while (!line.empty() && line.back() == ' ') line.pop_back();
  std::cerr << "tiaodu: " << line << " (see 'tiaodu " << command << (command.empty() ? "" : " ")
            << "--help')\n";
  return kUsage;
}

// Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org)
// or the terminal says it cannot.
bool want_colour() {
  const char* no = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no && *no) && !(term && std::string_view(term) == "dumb");
}

const CLI::Validator kDate(
    [](const std::string& s) -> std::string {
      return tiaodu::parse_date(s) ? "" : "'" + s + "' is not a date (YYYY-MM-DD)";
    },
    "YYYY-MM-DD", "date");

Format to_format(const std::string& s) { return s == "json" ? Format::json : Format::text; }
Lang to_lang(const std::string& s) { return s == "en" ? Lang::en : Lang::zh; }

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"tiaodu — the Party-building \"monthly dispatch\" system (一月一调度, "
               "韶武西委〔2023〕15号), executable.",
               "tiaodu"};
  app.set_version_flag("--version", std::string("tiaodu ") + tiaodu::version());
  // At most one command; "none" is reported after parsing, so that `tiaodu --bogus` says
  // what is wrong with --bogus rather than that a command is missing.
  app.require_subcommand(0, 1);
  app.footer("FILE may be '-' for standard input.\n"
             "Exit status: 0 done, 1 invalid input (its errors are printed), 2 usage error.");

  ValidateArgs va;
  std::string va_format = "text";
  CLI::App* validate = app.add_subcommand("validate", "Check a snapshot (and a policy)");
  validate->add_option("FILE", va.file, "snapshot (tiaodu/1 JSON), '-' for stdin")->required();
  validate->add_option("--policy", va.policy, "policy (tiaodu-policy/1 JSON)");
  validate->add_option("--format", va_format, "text or json (the errors)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  EvaluateArgs ea;
  std::string ea_format = "json", ea_lang = "zh";
  CLI::App* evaluate = app.add_subcommand("evaluate", "Evaluate every rule at a date");
  evaluate->add_option("FILE", ea.file, "snapshot (tiaodu/1 JSON), '-' for stdin")->required();
  evaluate->add_option("--as-of", ea.as_of, "the evaluation date D")->required()->check(kDate);
  evaluate->add_option("--policy", ea.policy, "policy (tiaodu-policy/1 JSON)");
  evaluate->add_option("--format", ea_format, "json (tiaodu-result/1) or text (the report)")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  evaluate->add_option("--lang", ea_lang, "language of the text report: zh or en")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();

  FormsArgs fa;
  CLI::App* forms = app.add_subcommand(
      "forms", "Fill in the forms A1 and A2 as HTML, CSV and XLSX (forms.html, a1.csv, "
               "a2.csv, forms.xlsx in DIR)");
  forms->add_option("FILE", fa.file, "snapshot (tiaodu/1 JSON), '-' for stdin")->required();
  forms->add_option("--dispatch", fa.dispatches, "a dispatch id (repeatable; default: all)")
      ->allow_extra_args(false);
  forms->add_option("--out", fa.out, "output directory (created if absent)")->required();
  forms->add_option("--as-of", fa.as_of,
                    "status date of A2 (default: the latest date recorded in the snapshot)")
      ->check(kDate);
  forms->add_option("--policy", fa.policy, "policy (tiaodu-policy/1 JSON)");

  DemoArgs da;
  da.as_of = std::string(kSampleAsOf);
  std::string da_lang = "zh";
  CLI::App* demo = app.add_subcommand("demo", "Evaluate the sample town built into tiaodu "
                                              "and print the report");
  demo->add_option("--as-of", da.as_of,
                   "the evaluation date (default: the sample town's meeting at the end of January 2024)")
      ->check(kDate)
      ->capture_default_str();
  demo->add_option("--lang", da_lang, "zh or en")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  demo->add_flag("--sample", da.sample, "print the built-in sample snapshot instead (JSON)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version: stdout, exit 0
    std::string command;
    for (const CLI::App* sub : app.get_subcommands()) command = sub->get_name();
    return usage_error(e.what(), command);
  }

  if (app.get_subcommands().empty())
    return usage_error("a command is required: validate, evaluate, forms or demo", "");

  Io io{std::cin, std::cout, std::cerr, want_colour()};
  if (*validate) {
    va.format = to_format(va_format);
    return run_validate(va, io);
  }
  if (*evaluate) {
    ea.format = to_format(ea_format);
    ea.lang = to_lang(ea_lang);
    return run_evaluate(ea, io);
  }
  if (*forms) return run_forms(fa, io);
  da.lang = to_lang(da_lang);
  return run_demo(da, io);
}

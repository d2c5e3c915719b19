// cli/report.hpp — the text report: what a committee secretary reads at the monthly
// dispatch meeting (tiaodu evaluate --format text, tiaodu demo).
//
// Rendered from a Result only, with the indexed snapshot for names and the tree: no rule
// is recomputed. For each organization, in the tree's order: missed months, late and
// missing ledgers, overdue items, reviews due, admonishment talks and who holds them,
// escalation, accountability, deductions, the rating — each line with its clause id and
// the decision's own sentence. Then the peer ranking of the last month elapsed at the
// as-of date, the year-end assessment when a year has closed, the good practices and
// the support requests that need a superior's coordination.
//
// Columns are aligned by display width (text_width.hpp), user strings are made safe for
// a terminal, and ANSI colour is used only when asked for (the caller decides: stdout
// is a terminal and NO_COLOR is unset or empty).
//
// Interface:
//   enum class Lang { zh, en }
//   struct ReportOptions { lang, colour }
//   render_report(index, result, options) -> text, ending with a newline
//   last_elapsed_month(as_of) -> "YYYY-MM": the latest month whose last day <= as_of
#pragma once

#include "tiaodu/index.hpp"
#include "tiaodu/result.hpp"

#include <string>

namespace tiaodu::cli {

enum class Lang { zh, en };

struct ReportOptions {
  Lang lang = Lang::zh;
  bool colour = false;
};

std::string render_report(const Index& index, const Result& result, const ReportOptions& options);

std::string last_elapsed_month(const Date& as_of);

}  // namespace tiaodu::cli

// tests/support/summary.hpp — one line per decision, for expectations a person can review:
//   rule <TAB> org <TAB> key (month, dispatch, item or year) <TAB> what was decided
#pragma once

#include "tiaodu/result.hpp"

#include <boost/describe/enum_to_string.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace tiaodu::testing {

template <class E>
std::string name(E e) {
  return boost::describe::enum_to_string(e, "?");
}

inline std::string summary_line(const Decision& d) {
  std::ostringstream s;
  s << name(d.rule) << '\t' << d.org << '\t';
  if (d.month) s << *d.month;
  else if (d.dispatch) s << *d.dispatch;
  else if (d.item) s << *d.item;
  else if (d.year) s << *d.year;
  s << '\t';
  switch (d.rule) {
    case Rule::missed_month: break;
    case Rule::ledger_late:
    case Rule::ledger_missing: s << "due " << format_date(*d.due) << ", " << *d.days_late << " days late"; break;
    case Rule::review: s << "due " << format_date(*d.due) << (*d.overdue ? ", overdue" : ""); break;
    case Rule::admonishment_talk:
      s << "by " << *d.conductor << ":";
      for (const auto& t : *d.triggers) s << ' ' << name(t.kind) << '(' << t.ref << ')';
      break;
    case Rule::escalation: s << name(*d.level) << ", " << d.items->size() << " items"; break;
    case Rule::accountability: s << d.items->size() << " items"; break;
    case Rule::deduction: s << *d.points << " points, " << d.items->size() << " items"; break;
    case Rule::unqualified_rating:
    case Rule::rating_risk:
      for (std::size_t k = 0; k < d.codes->size(); ++k) s << (k ? " " : "") << name((*d.codes)[k]);
      break;
  }
  return s.str();
}

inline std::vector<std::string> summary(const Result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.decisions) out.push_back(summary_line(d));
  return out;
}

inline std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

}  // namespace tiaodu::testing

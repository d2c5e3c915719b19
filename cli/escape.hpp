// cli/escape.hpp — making user strings inert in the three form formats.
//
// Every string in a snapshot (names, problems, remarks, notes, ids) comes from whoever
// wrote the file. In HTML it must stay text (no markup, no script); in CSV it must not
// become a formula when Excel or WPS opens the file (OWASP "CSV injection"); in XLSX it
// is written as a string cell, never a formula (forms_xlsx.cpp); a sheet name built from
// an id must be one Excel accepts.
//
// Interface:
//   html_escape(text)          & < > " ' as character references; invalid UTF-8 replaced
//   csv_field(text)            neutralized (leading = + - @ TAB CR get a ' in front) and
//                              quoted per RFC 4180 (every field, quotes doubled)
//   csv_record(fields)         fields joined with ',' and ended with CRLF
//   kUtf8Bom                   what a CSV starts with, so that Excel reads UTF-8
//   sheet_name(base, used)     a valid, unique (case-insensitively) Excel sheet name
#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>

namespace tiaodu::cli {

std::string html_escape(std::string_view text);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
std::string csv_field(std::string_view text);
std::string csv_record(std::span<const std::string> fields);

// `used` holds the lower-cased names already taken and receives the new one.
std::string sheet_name(std::string_view base, std::set<std::string>& used);

}  // namespace tiaodu::cli

#include "escape.hpp"

#include "text_width.hpp"

#include <cctype>

namespace tiaodu::cli {

std::string html_escape(std::string_view text) {
  const std::string clean = valid_utf8(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\0': out += "\xEF\xBF\xBD"; break;  // NUL is a parse error in HTML
      default: out += c;
    }
  }
  return out;
}

std::string csv_field(std::string_view text) {
  const std::string clean = valid_utf8(text);
  std::string out = "\"";
  // OWASP: a cell starting with one of these is a formula (or becomes one after the
  // spreadsheet strips the tab/CR); a leading apostrophe makes it text in Excel, WPS
  // and LibreOffice, and shows what was there.
  if (!clean.empty()) {
    const char c = clean.front();
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') out += '\'';
  }
  for (char c : clean) {
    if (c == '"') out += '"';  // RFC 4180: a quote inside a quoted field is doubled
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_record(std::span<const std::string> fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

namespace {
std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// At most n code points (Excel counts characters, not bytes).
std::string first_code_points(std::string_view s, std::size_t n) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t k = 0; k < n && pos < s.size(); ++k) append_utf8(out, decode(s, pos));
  return out;
}
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n) decode(s, pos);
  return n;
}
}  // namespace

std::string sheet_name(std::string_view base, std::set<std::string>& used) {
  constexpr std::size_t kMax = 31;  // Excel's limit
  std::string clean;
  for (std::size_t pos = 0; pos < base.size();) {
    char32_t cp = decode(base, pos);
    // Excel refuses []:*?/\ and control characters in sheet names.
    if (cp < 0x20 || cp == 0x7F || cp == '[' || cp == ']' || cp == ':' || cp == '*' ||
        cp == '?' || cp == '/' || cp == '\\')
      cp = '_';
    append_utf8(clean, cp);
  }
  // ... nor a name starting or ending with an apostrophe.
  while (!clean.empty() && clean.front() == '\'') clean.front() = '_';
  while (!clean.empty() && clean.back() == '\'') clean.back() = '_';
  if (clean.empty()) clean = "_";
  // "History" is reserved by Excel.
  if (lower_ascii(clean) == "history") clean += '_';

  // Cut to length; a cut may expose an apostrophe at the end again.
  const auto fit = [&clean](std::size_t n) {
    std::string s = first_code_points(clean, n);
    if (!s.empty() && s.back() == '\'') s.back() = '_';
    return s;
  };
  std::string name = fit(kMax);
  for (int n = 2; used.count(lower_ascii(name)); ++n) {
    const std::string suffix = "~" + std::to_string(n);
    name = fit(kMax - code_points(suffix)) + suffix;
  }
  used.insert(lower_ascii(name));
  return name;
}

}  // namespace tiaodu::cli

// tiaodu/rules/text.hpp — small helpers for the sentences decisions carry (zh, en).
//
// A sentence is built from the decision's own facts, never from anything else, so the
// text can always be checked against the reasons beside it.
#pragma once

#include "tiaodu/date.hpp"
#include "tiaodu/index.hpp"

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace tiaodu::rules::text {

inline void put(std::string& s, std::string_view v) { s.append(v); }
inline void put(std::string& s, const std::string& v) { s.append(v); }
inline void put(std::string& s, const char* v) { s.append(v); }
template <class T>
  requires std::is_integral_v<T>
inline void put(std::string& s, T v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  s.append(buf, r.ptr);
}

// An upper bound of what put() appends, so that cat() allocates once.
inline std::size_t bound(std::string_view v) noexcept { return v.size(); }
inline std::size_t bound(const std::string& v) noexcept { return v.size(); }
inline std::size_t bound(const char* v) noexcept { return std::char_traits<char>::length(v); }
template <class T>
  requires std::is_integral_v<T>
constexpr std::size_t bound(T) noexcept { return 20; }

template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  s.reserve((bound(parts) + ... + 0));
  (put(s, parts), ...);
  return s;
}

// "河东村党支部（b-hedong）" / "河东村党支部 (b-hedong)": the name people know, and the id.
inline std::string org_zh(const Index& ix, OrgIx o) {
  return cat(ix.org(o).name, "（", ix.org(o).id, "）");
}
inline std::string org_en(const Index& ix, OrgIx o) {
  return cat(ix.org(o).name, " (", ix.org(o).id, ")");
}
inline std::string month_zh(Month m) { return cat(m.year, "年", m.month, "月"); }
inline std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return cat(n, " ", n == 1 ? one : many);
}
// "r-1, r-2 and r-3"
template <class Range>
std::string join(const Range& ids, std::string_view sep = ", ") {
  std::string s;
  bool first = true;
  for (const auto& id : ids) {
    if (!first) s.append(sep);
    s.append(id);
    first = false;
  }
  return s;
}

}  // namespace tiaodu::rules::text

// Writing the three JSON formats: hand-written, deterministic, two-space indent, keys in
// the spec's order, UTF-8 as is, a final newline (docs/format.md, "Writing").
#include "tiaodu/json.hpp"

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <charconv>
#include <cmath>
#include <type_traits>

namespace tiaodu {

namespace {

namespace mp = boost::mp11;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// Appends s as a JSON string. Control characters are escaped; a byte sequence that is
// not UTF-8 (possible only in a hand-built model) becomes U+FFFD so that the output is
// always valid JSON.
void append_string(std::string& out, std::string_view s) {
  constexpr char hex[] = "0123456789abcdef";
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Fast path: a run of bytes that are copied as they are.
    const auto* run = p;
    while (p < end && *p >= 0x20 && *p != '"' && *p != '\\' && *p < 0x80) ++p;
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    if (p == end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
      }
      ++p;
      continue;
    }
    // One UTF-8 sequence, checked (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    bool ok = len != 0 && static_cast<std::size_t>(end - p) >= len;
    for (std::size_t k = 1; ok && k < len; ++k) {
      const unsigned char b = p[k];
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (ok) {
      out.append(reinterpret_cast<const char*>(p), len);
      p += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++p;
    }
  }
  out += '"';
}

// Shortest form that reads back as the same double, always with a '.' or an exponent
// so that it reads back as a double too; null for NaN and infinities (never produced).
void append_double(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  const std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  out += s;
  if (s.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// A parameter value: an integer parameter as an integer, a share as a double.
void append_param_value(std::string& out, const ParameterInfo& p, double v) {
  if (p.kind == ValueKind::integer && std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15)
    append_int(out, static_cast<std::int64_t>(v));
  else
    append_double(out, v);
}

class Writer {
 public:
  std::string out;

  // --- layout
  void newline() {
    out += '\n';
    out.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  void begin(char c) {
    out += c;
    ++depth_;
    first_.push_back(true);
  }
  void end(char c) {
    --depth_;
    if (!first_.back()) newline();
    first_.pop_back();
    out += c;
  }
  void item() {
    if (!first_.back()) out += ',';
    first_.back() = false;
    newline();
  }
  void key(std::string_view k) {
    item();
    append_string(out, k);
    out += ": ";
  }

  // --- values
  void value(const std::string& s) { append_string(out, s); }
  void value(std::string_view s) { append_string(out, s); }
  void value(const char* s) { append_string(out, s); }
  void value(const Date& d) {
    if (d.is_special()) {
      out += "null";
      return;
    }
    out += '"';
    out += format_date(d);
    out += '"';
  }
  void value(bool b) { out += b ? "true" : "false"; }
  void value(std::int64_t v) { append_int(out, v); }
  void value(std::int32_t v) { append_int(out, v); }
  void value(double v) { append_double(out, v); }
  template <class E>
    requires std::is_enum_v<E>
  void value(E e) {
    const char* name = boost::describe::enum_to_string(e, nullptr);
    if (name) append_string(out, name);
    else append_int(out, static_cast<std::int64_t>(e));
  }
  template <class T>
  void value(const std::optional<T>& v) {
    if (v) value(*v);
    else out += "null";
  }
  template <class T>
  void value(const std::vector<T>& list) {
    if (list.empty()) {
      out += "[]";
      return;
    }
    begin('[');
    for (const T& x : list) {
      item();
      value(x);
    }
    end(']');
  }
  template <class T>
    requires boost::describe::has_describe_members<T>::value
  void value(const T& x) {
    begin('{');
    members(x);
    end('}');
  }
  // The members of a described struct in declaration order; unset optionals left out.
  template <class T>
  void members(const T& x) {
    mp::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto d) {
      field(d.name, x.*d.pointer);
    });
  }
  template <class T>
  void field(std::string_view name, const T& v) {
    if constexpr (is_optional<T>::value) {
      if (!v) return;
      key(name);
      value(*v);
    } else {
      key(name);
      value(v);
    }
  }

  void value(const FactValue& v) {
    std::visit([&](const auto& x) { value(x); }, v);
  }
  void facts(const std::vector<Fact>& list) {
    if (list.empty()) {
      out += "{}";
      return;
    }
    begin('{');
    for (const Fact& f : list) {
      key(f.name);
      value(f.value);
    }
    end('}');
  }

  void value(const Decision& d) {
    begin('{');
    key("rule");
    value(d.rule);
    key("clause");
    value(d.clause);
    key("org");
    value(d.org);
    field("month", d.month);
    field("year", d.year);
    field("dispatch", d.dispatch);
    field("item", d.item);
    field("due", d.due);
    field("submitted", d.submitted);
    field("days_late", d.days_late);
    field("reported_on", d.reported_on);
    field("overdue", d.overdue);
    field("conductor", d.conductor);
    field("triggers", d.triggers);
    field("person", d.person);
    field("level", d.level);
    field("items", d.items);
    field("points", d.points);
    // The spec makes a rating's "reasons" its sorted reason codes; its facts go beside
    // them. Every other rule's "reasons" are its facts.
    key("reasons");
    if (d.rule == Rule::unqualified_rating || d.rule == Rule::rating_risk) {
      value(d.codes ? *d.codes : std::vector<RatingReason>{});
      key("facts");
    }
    facts(d.facts);
    key("text");
    value(d.text);
    end('}');
  }

  void value(const Policy& p) {
    begin('{');
    for (const ParameterInfo& info : parameters) {
      key(info.name);
      begin('{');
      key("default");
      append_param_value(out, info, info.default_value);
      key("values");
      dated(info, p.values(info.param));
      end('}');
    }
    end('}');
  }
  void dated(const ParameterInfo& info, std::span<const DatedValue> values) {
    if (values.empty()) {
      out += "[]";
      return;
    }
    begin('[');
    for (const DatedValue& v : values) {
      item();
      begin('{');
      key("from");
      value(v.from);
      key("value");
      append_param_value(out, info, v.value);
      end('}');
    }
    end(']');
  }

  std::string finish() {
    out += '\n';
    return std::move(out);
  }

 private:
  int depth_ = 0;
  std::vector<bool> first_;
};

}  // namespace

std::string to_json(const Snapshot& snapshot) {
  Writer w;
  w.out.reserve(4096);
  w.begin('{');
  w.key("format");
  w.value(kSnapshotFormat);
  w.members(snapshot);
  w.end('}');
  return w.finish();
}

std::string to_json(const Policy& policy) {
  Writer w;
  w.begin('{');
  w.key("format");
  w.value(kPolicyFormat);
  w.key("parameters");
  bool any = false;
  for (const ParameterInfo& info : parameters) {
    const auto values = policy.values(info.param);
    if (values.empty()) continue;
    if (!any) w.begin('{');
    any = true;
    w.key(info.name);
    w.dated(info, values);
  }
  if (any) w.end('}');
  else w.out += "{}";
  w.end('}');
  return w.finish();
}

std::string to_json(const Result& result) {
  Writer w;
  w.out.reserve(4096 + result.decisions.size() * 600 + result.items.size() * 250 +
                result.scores.size() * 120);
  w.begin('{');
  w.key("format");
  w.value(kResultFormat);
  w.key("as_of");
  w.value(result.as_of);
  w.key("policy");
  w.value(result.policy);
  w.key("decisions");
  w.value(result.decisions);
  w.key("items");
  w.value(result.items);
  w.key("scores");
  w.value(result.scores);
  w.key("assessments");
  w.value(result.assessments);
  w.key("good_practices");
  w.value(result.good_practices);
  w.key("support_requests");
  w.value(result.support_requests);
  w.end('}');
  return w.finish();
}

std::string errors_to_json(const std::vector<Error>& errors) {
  Writer w;
  w.begin('{');
  w.key("errors");
  if (errors.empty()) {
    w.out += "[]";
  } else {
    w.begin('[');
    for (const Error& e : errors) {
      w.item();
      w.begin('{');
      w.key("path");
      w.value(e.path);
      w.key("code");
      w.value(to_string(e.code));
      w.key("message");
      w.value(e.message);
      w.end('}');
    }
    w.end(']');
  }
  w.end('}');
  return w.finish();
}

}  // namespace tiaodu

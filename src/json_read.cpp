// Reading tiaodu/1 snapshots and tiaodu-policy/1 policies (spec sections 1, 2, 5).
//
// Two passes over one tape (src/detail/tape.hpp): the structural pass walks the tape
// with the model's Boost.Describe metadata — types, required and unknown fields, enums,
// dates — building the model and noting every pointer that failed; then the meaning
// checks (validate.cpp) run over the whole model, told what failed so that no mistake is
// reported twice. Only a document with no error at all becomes a value.
#include "tiaodu/json.hpp"
#include "tiaodu/validate.hpp"

#include "detail/checks.hpp"
#include "detail/tape.hpp"

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>
#include <type_traits>
#include <unordered_set>

namespace tiaodu {

namespace {

using detail::Node;
using detail::Tape;
namespace mp = boost::mp11;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T>
const auto& member_names() {
  static const auto names = [] {
    std::array<std::string_view, mp::mp_size<members_of<T>>::value> a{};
    std::size_t i = 0;
    mp::mp_for_each<members_of<T>>([&](auto d) { a[i++] = d.name; });
    return a;
  }();
  return names;
}

// Which id space an entity's `id` belongs to (for Suppress::poisoned), or -1.
template <class T>
constexpr int id_space() {
  if constexpr (std::is_same_v<T, Organization>) return 0;
  else if constexpr (std::is_same_v<T, Dispatch>) return 1;
  else if constexpr (std::is_same_v<T, Rectification>) return 2;
  else return -1;
}

// The entity a top-level list holds, for messages.
std::string_view entity_of(std::string_view list) {
  if (list == "organizations") return "organization";
  if (list == "dispatches") return "dispatch";
  if (list == "rectifications") return "rectification";
  if (list == "ledger_submissions") return "ledger submission";
  if (list == "look_backs") return "look-back";
  return {};
}

// A JSON value for a message: its kind and, for scalars, its text.
std::string describe(const Tape& t, std::uint32_t v) {
  const Node& n = t.nodes[v];
  switch (n.kind) {
    case Node::null_v: return "null";
    case Node::bool_v: return n.flag ? "true" : "false";
    case Node::int_v:
    case Node::uint_v:
    case Node::double_v: {
      std::string_view s = t.text(n);
      if (s.size() > 40) return "the number " + std::string(s.substr(0, 40)) + "\xE2\x80\xA6";
      return "the number " + std::string(s);
    }
    case Node::string_v:
    case Node::key_v: return "the string " + detail::quote(t.text(n));
    case Node::array_v: return "an array";
    case Node::object_v: return "an object";
  }
  return "a value";
}

// A date or number as typed by the user: bare when it is short and plain, else quoted.
std::string as_typed(std::string_view s) {
  const bool plain = !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == '-' || c == '.' || c == ':' || c == '+' || c == '/';
  });
  return plain ? std::string(s) : detail::quote(s);
}

struct Frame {
  std::string_view key;      // an object member
  std::uint32_t index = 0;   // an array element
  bool is_index = false;
  std::uint32_t node = 0;    // the value's node
};

class Walker {
 public:
  Walker(const Tape& t, std::string_view whole) : t_(t), whole_(whole) {}

  std::vector<Error> errors;
  detail::Suppress sup;

  // --- location
  std::string pointer(std::string_view extra_key = {}, bool with_extra = false) const {
    std::string p;
    for (const Frame& f : path_) {
      p += '/';
      if (f.is_index) p += std::to_string(f.index);
      else p += detail::escape_pointer_token(f.key);
    }
    if (with_extra) {
      p += '/';
      p += detail::escape_pointer_token(extra_key);
    }
    return p;
  }
  // "organization "b-3": secretary.name", "the snapshot: period_start", "dispatch #2"
  std::string subject(std::string_view extra_key = {}, bool with_extra = false) const {
    std::string who, field;
    std::size_t from = 0;
    if (path_.size() >= 2 && !path_[0].is_index && path_[1].is_index && !entity_of(path_[0].key).empty()) {
      who = element_label(entity_of(path_[0].key), path_[1].index, path_[1].node);
      from = 2;
    } else {
      who = whole_;
    }
    for (std::size_t i = from; i < path_.size(); ++i) {
      if (path_[i].is_index) field += "[" + std::to_string(path_[i].index) + "]";
      else field += (field.empty() ? "" : ".") + std::string(path_[i].key);
    }
    if (with_extra) field += (field.empty() ? "" : ".") + std::string(extra_key);
    if (field.empty()) return who;
    return who + ": " + field;
  }
  std::string element_label(std::string_view entity, std::uint32_t index, std::uint32_t node) const {
    std::string out(entity);
    const std::string_view id_key = entity == "ledger submission" ? "dispatch" : "id";
    std::string id;
    const Node& n = t_.nodes[node];
    if (n.kind == Node::object_v)
      for (std::uint32_t k = node + 1; k < n.off; k = t_.skip(k + 1))
        if (t_.text(k) == id_key && t_.nodes[k + 1].kind == Node::string_v && t_.nodes[k + 1].len > 0) {
          id = detail::quote(t_.text(k + 1));
          break;
        }
    if (entity == "ledger submission") {
      out += " #" + std::to_string(index);
      if (!id.empty()) out += " (dispatch " + id + ")";
    } else {
      out += ' ';
      out += id.empty() ? "#" + std::to_string(index) : id;
    }
    return out;
  }

  void push_key(std::string_view key, std::uint32_t node) { path_.push_back({key, 0, false, node}); }
  void push_index(std::uint32_t i, std::uint32_t node) { path_.push_back({{}, i, true, node}); }
  void pop() { path_.pop_back(); }

  // An error at the current location; the location counts as failed.
  void fail(ErrorCode code, std::string message) {
    std::string p = pointer();
    sup.failed.insert(p);
    errors.push_back({std::move(p), code, std::move(message)});
  }
  // An error at a member of the current object.
  void fail_member(std::string_view key, ErrorCode code, std::string message, bool mark = true) {
    std::string p = pointer(key, true);
    if (mark) sup.failed.insert(p);
    errors.push_back({std::move(p), code, std::move(message)});
  }
  void type_error(std::uint32_t v, std::string_view expected) {
    fail(ErrorCode::type, subject() + " must be " + std::string(expected) + ", not " + describe(t_, v));
  }

  // --- values
  bool read(std::string& out, std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind != Node::string_v) return type_error(v, "a string"), false;
    out.assign(t_.text(n));
    return true;
  }
  bool read(Date& out, std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind != Node::string_v) return type_error(v, "a date string (YYYY-MM-DD)"), false;
    const std::string_view s = t_.text(n);
    if (const auto d = parse_date(s)) {
      out = *d;
      return true;
    }
    fail(ErrorCode::date,
         subject() + " " + as_typed(s) + " is not a date (YYYY-MM-DD, 1400-01-01 to 9899-12-31)");
    return false;
  }
  bool read(bool& out, std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind != Node::bool_v) return type_error(v, "true or false"), false;
    out = n.flag;
    return true;
  }
  // The only integer of a snapshot is a rectification's seq (序号): 1.0, 1e3 and
  // integers beyond 64 bits are numbers but not integers >= 1 (code seq); the range
  // itself (>= 1) is a meaning check, done by validate() on the model.
  bool read(std::int64_t& out, std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind == Node::int_v) {
      out = t_.number_int64(n);
      return true;
    }
    if (n.kind == Node::uint_v || n.kind == Node::double_v) {
      fail(ErrorCode::seq, subject() + " " + as_typed(t_.text(n)) + " is not an integer \xE2\x89\xA5 1");
      return false;
    }
    return type_error(v, "an integer"), false;
  }
  template <class E>
    requires std::is_enum_v<E>
  bool read(E& out, std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind != Node::string_v) return type_error(v, "a string"), false;
    const std::string_view s = t_.text(n);
    bool found = false;
    mp::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (!found && s == d.name) {
        out = d.value;
        found = true;
      }
    });
    if (found) return true;
    std::string names;
    std::size_t count = 0;
    mp::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (count < 8) names += (count ? ", " : "") + std::string(d.name);
      ++count;
    });
    if (count > 8) names += ", \xE2\x80\xA6 (" + std::to_string(count) + " names, docs/format.md)";
    fail(ErrorCode::enum_value, subject() + " " + detail::quote(s) + " is not one of " + names);
    return false;
  }
  template <class T>
  bool read(std::optional<T>& out, std::uint32_t v) {
    if (t_.nodes[v].kind == Node::null_v) {
      out.reset();
      return true;
    }
    return read(out.emplace(), v);
  }
  template <class T>
  bool read(std::vector<T>& out, std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind != Node::array_v) return type_error(v, "an array"), false;
    out.resize(n.len);
    std::uint32_t e = v + 1;
    for (std::uint32_t i = 0; i < n.len; ++i) {
      push_index(i, e);
      read(out[i], e);
      pop();
      e = t_.skip(e);
    }
    return true;
  }
  template <class T>
    requires boost::describe::has_describe_members<T>::value
  bool read(T& out, std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind != Node::object_v) return type_error(v, "an object"), false;
    const auto& names = member_names<T>();
    constexpr std::size_t N = mp::mp_size<members_of<T>>::value;
    std::array<std::uint32_t, N> at{};  // value node of each member; 0 = absent
    std::unique_ptr<std::unordered_set<std::string_view>> unknown;
    for (std::uint32_t k = v + 1; k < n.off; k = t_.skip(k + 1)) {
      const std::string_view key = t_.text(k);
      std::size_t m = 0;
      while (m < N && names[m] != key) ++m;
      if (m < N) {
        if (at[m]) {
          fail_member(key, ErrorCode::duplicate_key,
                      subject(key, true) + " is given twice (duplicate keys are refused, not merged)");
          continue;
        }
        at[m] = k + 1;
        continue;
      }
      if constexpr (std::is_same_v<T, Snapshot>) {
        if (key == "format") {
          if (format_node_) {
            fail_member(key, ErrorCode::duplicate_key,
                        "the snapshot: format is given twice (duplicate keys are refused, not merged)");
          } else {
            format_node_ = k + 1;
          }
          continue;
        }
      }
      if (!unknown) unknown = std::make_unique<std::unordered_set<std::string_view>>();
      if (!unknown->insert(key).second) {
        fail_member(key, ErrorCode::duplicate_key,
                    subject(key, true) + " is given twice (duplicate keys are refused, not merged)", false);
      } else {
        fail_member(key, ErrorCode::unknown_field,
                    subject() + ": unknown field " + detail::quote(key), false);
      }
    }
    if constexpr (std::is_same_v<T, Snapshot>) {
      // A document of another format is not judged field by field: that one error says it.
      if (!check_format()) return false;
    }
    mp::mp_for_each<mp::mp_iota_c<N>>([&](auto I) {
      using D = mp::mp_at_c<members_of<T>, I>;
      auto& field = out.*D::pointer;
      using F = std::remove_reference_t<decltype(field)>;
      const std::uint32_t val = at[I];
      if (!val || t_.nodes[val].kind == Node::null_v) {
        if constexpr (!is_optional<F>::value)
          fail_member(D::name, ErrorCode::missing_field,
                      subject(D::name, true) + (val ? " is required (null given)" : " is required"));
        return;
      }
      push_key(D::name, val);
      const bool ok = read(field, val);
      if (!ok) {
        if constexpr (id_space<T>() >= 0) {
          const Node& bad = t_.nodes[val];
          if (std::string_view(D::name) == "id" &&
              (bad.kind == Node::int_v || bad.kind == Node::uint_v || bad.kind == Node::double_v))
            sup.poisoned[id_space<T>()].insert(std::string(t_.text(bad)));
          else if (std::string_view(D::name) == "id" && bad.kind == Node::bool_v)
            sup.poisoned[id_space<T>()].insert(bad.flag ? "true" : "false");
        }
      }
      pop();
    });
    return true;
  }

  // The format member of the document; false when it names another format.
  std::string_view expected_format;
  std::uint32_t format_node_ = 0;
  bool check_format() {
    if (!format_node_ || t_.nodes[format_node_].kind == Node::null_v) {
      fail_member("format", ErrorCode::format,
                  std::string(whole_) + " has no \"format\"; it must begin with \"format\": " +
                      detail::quote(expected_format));
      return true;
    }
    const Node& f = t_.nodes[format_node_];
    if (f.kind == Node::string_v && t_.text(f) == expected_format) return true;
    errors.clear();
    fail_member("format", ErrorCode::format,
                std::string(whole_) + ": format is " + describe(t_, format_node_) + ", not " +
                    detail::quote(expected_format));
    return false;
  }

  const Tape& t_;
  std::string_view whole_;
  std::vector<Frame> path_;
};

std::string_view strip_bom(std::string_view json) {
  if (json.size() >= 3 && json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
  return json;
}

std::vector<Error> syntax_error(const detail::SyntaxFailure& f) {
  return {Error{"", ErrorCode::syntax, f.message}};
}

// --- policies

class PolicyReader {
 public:
  explicit PolicyReader(const Tape& t) : t_(t) {}
  std::vector<Error> errors;
  detail::PolicyDraft draft;
  bool other_format = false;  // the document names another format: that one error says it

  void read() {
    const Node& root = t_.nodes[0];
    if (root.kind != Node::object_v) {
      errors.push_back({"", ErrorCode::type, "the policy must be a JSON object, not " + describe(t_, 0)});
      return;
    }
    std::uint32_t format = 0, params = 0;
    bool seen_format = false, seen_params = false;
    std::unordered_set<std::string_view> unknown;
    for (std::uint32_t k = 1; k < root.off; k = t_.skip(k + 1)) {
      const std::string_view key = t_.text(k);
      const std::string p = "/" + detail::escape_pointer_token(key);
      bool* seen = key == "format" ? &seen_format : key == "parameters" ? &seen_params : nullptr;
      if (seen ? *seen : !unknown.insert(key).second) {
        errors.push_back({p, ErrorCode::duplicate_key,
                          "the policy: " + std::string(key) + " is given twice (duplicate keys are refused, not merged)"});
        if (seen == &seen_params) draft.failed.fill(true);
        continue;
      }
      if (seen) {
        *seen = true;
        (key == "format" ? format : params) = k + 1;
      } else {
        errors.push_back({p, ErrorCode::unknown_field, "the policy: unknown field " + detail::quote(key)});
      }
    }
    if (!format || t_.nodes[format].kind == Node::null_v) {
      errors.push_back({"/format", ErrorCode::format,
                        "the policy has no \"format\"; it must begin with \"format\": \"tiaodu-policy/1\""});
    } else if (t_.nodes[format].kind != Node::string_v || t_.text(format) != kPolicyFormat) {
      errors.clear();
      errors.push_back({"/format", ErrorCode::format,
                        "the policy: format is " + describe(t_, format) + ", not \"tiaodu-policy/1\""});
      other_format = true;
      return;
    }
    if (params && t_.nodes[params].kind != Node::null_v) read_parameters(params);
  }

 private:
  const Tape& t_;

  void read_parameters(std::uint32_t v) {
    const Node& n = t_.nodes[v];
    if (n.kind != Node::object_v) {
      errors.push_back({"/parameters", ErrorCode::type,
                        "the policy: parameters must be an object, not " + describe(t_, v)});
      return;
    }
    std::array<bool, kParamCount> seen{};
    std::unordered_set<std::string_view> unknown;
    for (std::uint32_t k = v + 1; k < n.off; k = t_.skip(k + 1)) {
      const std::string_view key = t_.text(k);
      const std::string p = "/parameters/" + detail::escape_pointer_token(key);
      const auto param = find_param(key);
      if (!param) {
        if (unknown.insert(key).second)
          errors.push_back({p, ErrorCode::unknown_parameter,
                            "the policy: " + detail::quote(key) + " is not a parameter (docs/format.md lists them)"});
        else
          errors.push_back({p, ErrorCode::duplicate_key,
                            "the policy: " + detail::quote(key) + " is given twice (duplicate keys are refused, not merged)"});
        continue;
      }
      const auto u = static_cast<std::size_t>(*param);
      if (seen[u]) {
        errors.push_back({p, ErrorCode::duplicate_key,
                          "the policy: parameter " + std::string(key) + " is given twice (duplicate keys are refused, not merged)"});
        draft.failed[u] = true;
        continue;
      }
      seen[u] = true;
      read_values(info(*param), k + 1, p);
    }
  }

  void read_values(const ParameterInfo& info, std::uint32_t v, const std::string& p) {
    const auto u = static_cast<std::size_t>(info.param);
    const Node& n = t_.nodes[v];
    const std::string name(info.name);
    if (n.kind == Node::null_v) return;  // as [] : no override
    if (n.kind != Node::array_v) {
      errors.push_back({p, ErrorCode::type,
                        "the policy: " + name + " must be an array of {from, value}, not " + describe(t_, v)});
      draft.failed[u] = true;
      return;
    }
    auto& entries = draft.entries[u];
    entries.resize(n.len);
    std::uint32_t e = v + 1;
    for (std::uint32_t i = 0; i < n.len; ++i, e = t_.skip(e)) {
      const std::string ep = p + "/" + std::to_string(i);
      const std::string who = name + " #" + std::to_string(i);
      const Node& en = t_.nodes[e];
      if (en.kind != Node::object_v) {
        errors.push_back({ep, ErrorCode::type, who + " must be an object {from, value}, not " + describe(t_, e)});
        draft.failed[u] = true;
        continue;
      }
      std::uint32_t from = 0, value = 0;
      std::unordered_set<std::string_view> unknown;
      for (std::uint32_t k = e + 1; k < en.off; k = t_.skip(k + 1)) {
        const std::string_view key = t_.text(k);
        const std::string kp = ep + "/" + detail::escape_pointer_token(key);
        std::uint32_t* slot = key == "from" ? &from : key == "value" ? &value : nullptr;
        if (slot ? *slot != 0 : !unknown.insert(key).second) {
          errors.push_back({kp, ErrorCode::duplicate_key,
                            who + ": " + std::string(key) + " is given twice (duplicate keys are refused, not merged)"});
          draft.failed[u] = true;
          if (slot) *slot = ~0u;  // neither value is taken
          continue;
        }
        if (slot) *slot = k + 1;
        else errors.push_back({kp, ErrorCode::unknown_field, who + ": unknown field " + detail::quote(key)});
      }
      auto& entry = entries[i];
      if (from != ~0u) {
        if (!from || t_.nodes[from].kind == Node::null_v) {
          errors.push_back({ep + "/from", ErrorCode::missing_field, who + ": from is required"});
          draft.failed[u] = true;
        } else if (t_.nodes[from].kind != Node::string_v) {
          errors.push_back({ep + "/from", ErrorCode::type,
                            who + ": from must be a date string (YYYY-MM-DD), not " + describe(t_, from)});
          draft.failed[u] = true;
        } else if (const auto d = parse_date(t_.text(from))) {
          entry.from = *d;
        } else {
          errors.push_back({ep + "/from", ErrorCode::date,
                            who + ": from " + as_typed(t_.text(from)) +
                                " is not a date (YYYY-MM-DD, 1400-01-01 to 9899-12-31)"});
          draft.failed[u] = true;
        }
      }
      if (value != ~0u) {
        const Node* vn = value ? &t_.nodes[value] : nullptr;
        if (!vn || vn->kind == Node::null_v) {
          errors.push_back({ep + "/value", ErrorCode::missing_field, who + ": value is required"});
          draft.failed[u] = true;
        } else if (vn->kind != Node::int_v && vn->kind != Node::uint_v && vn->kind != Node::double_v) {
          errors.push_back({ep + "/value", ErrorCode::type,
                            who + ": value must be a number, not " + describe(t_, value)});
          draft.failed[u] = true;
        } else if (info.kind == ValueKind::integer && !vn->flag) {
          // 2.5, 2.0 and 2e1 are refused alike: a count is written as an integer.
          errors.push_back({ep + "/value", ErrorCode::type,
                            who + ": value must be an integer, not " + describe(t_, value)});
          draft.failed[u] = true;
        } else {
          entry.value = t_.number_double(*vn);
        }
      }
    }
  }
};

std::string read_file(const std::filesystem::path& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw std::system_error(errno, std::generic_category(), "cannot open " + path.string());
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const std::size_t got = std::fread(buf, 1, sizeof buf, f.get());
    data.append(buf, got);
    if (got < sizeof buf) {
      if (std::ferror(f.get()))
        throw std::system_error(errno ? errno : EIO, std::generic_category(), "cannot read " + path.string());
      break;
    }
  }
  return data;
}

}  // namespace

Parsed<Snapshot> parse_snapshot(std::string_view json) {
  Parsed<Snapshot> out;
  json = strip_bom(json);
  Tape tape;
  if (auto f = detail::build_tape(json, tape, kMaxDepth)) {
    out.errors = syntax_error(*f);
    return out;
  }
  if (tape.nodes[0].kind != Node::object_v) {
    out.errors.push_back({"", ErrorCode::type, "the snapshot must be a JSON object, not " + describe(tape, 0)});
    return out;
  }
  Walker w(tape, "the snapshot");
  w.expected_format = kSnapshotFormat;
  Snapshot model;
  if (!w.read(model, 0)) {
    out.errors = std::move(w.errors);
    return out;
  }
  auto meaning = detail::validate_snapshot(model, w.sup);
  out.errors = std::move(w.errors);
  out.errors.insert(out.errors.end(), std::make_move_iterator(meaning.begin()),
                    std::make_move_iterator(meaning.end()));
  if (out.errors.empty()) {
    out.value = std::move(model);
  } else {
    detail::sort_errors(out.errors);
  }
  return out;
}

Parsed<Policy> parse_policy(std::string_view json) {
  Parsed<Policy> out;
  json = strip_bom(json);
  Tape tape;
  if (auto f = detail::build_tape(json, tape, kMaxDepth)) {
    out.errors = syntax_error(*f);
    return out;
  }
  PolicyReader r(tape);
  r.read();
  if (!r.other_format) {
    auto range = detail::validate_policy(r.draft);
    r.errors.insert(r.errors.end(), range.begin(), range.end());
  }
  if (!r.errors.empty()) {
    detail::sort_errors(r.errors);
    out.errors = std::move(r.errors);
    return out;
  }
  Policy policy;
  for (const ParameterInfo& p : parameters) {
    std::vector<DatedValue> values;
    for (const auto& e : r.draft.entries[static_cast<std::size_t>(p.param)])
      values.push_back({*e.from, *e.value});
    if (!values.empty()) policy.set(p.param, std::move(values));
  }
  out.value = std::move(policy);
  return out;
}

Snapshot read_snapshot(std::string_view json) {
  auto p = parse_snapshot(json);
  if (!p) throw ValidationError(std::move(p.errors));
  return std::move(*p.value);
}

Policy read_policy(std::string_view json) {
  auto p = parse_policy(json);
  if (!p) throw ValidationError(std::move(p.errors));
  return std::move(*p.value);
}

Snapshot load_snapshot(const std::filesystem::path& path) { return read_snapshot(read_file(path)); }
Policy load_policy(const std::filesystem::path& path) { return read_policy(read_file(path)); }

}  // namespace tiaodu

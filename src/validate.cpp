// The meaning checks of spec section 5 on a model, and the policy's range and order checks.
//
// Run by the JSON reader (which passes what failed structurally, so that nothing is
// reported twice) and by anyone holding a hand-built model. Nothing here recurses or is
// worse than O(n log n): a chain of a million organizations is a loop, not a stack.
#include "tiaodu/validate.hpp"

#include "detail/checks.hpp"
#include "detail/resolved.hpp"

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <algorithm>
#include <bitset>
#include <charconv>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <tuple>
#include <type_traits>
#include <utility>

namespace tiaodu {
namespace detail {

bool Suppress::bad(std::string_view p) const {
  if (failed.empty()) return false;
  for (;;) {
    if (failed.find(p) != failed.end()) return true;
    const auto k = p.rfind('/');
    if (k == std::string_view::npos) return false;
    p = p.substr(0, k);
  }
}

bool Suppress::touched(std::string_view p) const {
  if (failed.empty()) return false;
  if (bad(p)) return true;
  const std::string prefix = std::string(p) + "/";
  const auto it = failed.lower_bound(prefix);
  return it != failed.end() && it->starts_with(prefix);
}

std::string quote(std::string_view s) {
  constexpr std::size_t kMaxChars = 60;
  std::string out = "\"";
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && chars++ == kMaxChars) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  // Whole numbers as integers (1000000, not the shortest form 1e+06).
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

namespace {

// Ranks of top-level keys in the order the formats list them, for sorting errors.
int top_rank(std::string_view key) {
  constexpr std::string_view order[] = {"format", "period_start", "organizations", "dispatches",
                                        "rectifications", "ledger_submissions", "look_backs",
                                        "parameters"};
  for (int i = 0; i < static_cast<int>(std::size(order)); ++i)
    if (order[i] == key) return i;
  return static_cast<int>(std::size(order));
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Segment-wise: the whole document first, top-level keys in format order, indices as
// numbers, other keys as strings; an ancestor before its descendants.
bool pointer_less(std::string_view a, std::string_view b) {
  std::size_t depth = 0;
  while (true) {
    if (a.empty() || b.empty()) return a.empty() && !b.empty();
    a.remove_prefix(1);
    b.remove_prefix(1);
    const std::string_view sa = a.substr(0, a.find('/'));
    const std::string_view sb = b.substr(0, b.find('/'));
    if (sa != sb) {
      if (depth == 0 && top_rank(sa) != top_rank(sb)) return top_rank(sa) < top_rank(sb);
      if (all_digits(sa) && all_digits(sb))
        return sa.size() != sb.size() ? sa.size() < sb.size() : sa < sb;
      return sa < sb;
    }
    a.remove_prefix(sa.size());
    b.remove_prefix(sb.size());
    ++depth;
  }
}

}  // namespace

void sort_errors(std::vector<Error>& errors) {
  std::stable_sort(errors.begin(), errors.end(),
                   [](const Error& x, const Error& y) { return pointer_less(x.path, y.path); });
}

namespace {

// A JSON Pointer built only when needed (an error, or a look-up in Suppress). One is made
// for every field checked, so it is small and cheap to make: 16 bytes a segment, a key
// (a string literal) or, when key is null, an index.
struct Seg {
  const char* key;
  std::size_t index;
  Seg() = default;  // trivial: a Loc sets only the segments it uses
  Seg(const char* k) : key(k), index(0) {}
  Seg(std::size_t i) : key(nullptr), index(i) {}
  bool is_index() const { return key == nullptr; }
};
struct Loc {
  Seg segs[6];  // only segs[0 .. n) are set and read
  std::size_t n = 0;
  Loc() = default;
  template <class... S>
    requires(sizeof...(S) >= 1 && sizeof...(S) <= 6 && (std::is_constructible_v<Seg, S> && ...))
  Loc(S... s) : n(sizeof...(S)) {
    std::size_t k = 0;
    ((segs[k++] = Seg(s)), ...);
  }
  std::string str() const {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      out += '/';
      if (segs[i].is_index()) out += std::to_string(segs[i].index);
      else out += segs[i].key;
    }
    return out;
  }
  // The field within its record, as the reader names it: "secretary.name", "checks[1].item".
  std::string field() const {
    std::string out;
    for (std::size_t i = n > 2 ? 2 : n; i < n; ++i) {
      if (segs[i].is_index()) out += "[" + std::to_string(segs[i].index) + "]";
      else out += (out.empty() ? "" : ".") + std::string(segs[i].key);
    }
    return out;
  }
};

// Where a check looks, not yet a Loc: the segments as they are (in registers, once
// inlined). The checks' fast paths never read it, so the compiler drops it, and only a
// failing check turns it into a Loc. `At{"dispatches", i, "date"}` as `At{...}`.
template <class... S>
struct At {
  std::tuple<S...> segs;
  At(S... s) : segs(s...) {}
  operator Loc() const {
    return std::apply([](auto... x) { return Loc(x...); }, segs);
  }
  Loc loc() const { return *this; }
  std::string str() const { return loc().str(); }
  std::string field() const { return loc().field(); }
};
template <class... S>
At(S...) -> At<S...>;

// Whether the described enumerators of E are exactly 0, 1, .., N-1 (in any order).
template <class E, template <class...> class L, class... D>
constexpr bool dense_from_zero(L<D...>*) {
  constexpr std::size_t n = sizeof...(D);
  bool seen[n > 0 ? n : 1] = {};
  for (const long long v : {static_cast<long long>(D::value)...}) {
    if (v < 0 || v >= static_cast<long long>(n) || seen[v]) return false;
    seen[v] = true;
  }
  return true;
}

template <class E>
bool valid_enum(E e) {
  using List = boost::describe::describe_enumerators<E>;
  if constexpr (dense_from_zero<E>(static_cast<List*>(nullptr))) {
    // The usual case, a range check (a check per field of every record).
    const auto v = static_cast<long long>(e);
    return v >= 0 && v < static_cast<long long>(boost::mp11::mp_size<List>::value);
  }
  bool found = false;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
      [&](auto d) { found = found || d.value == e; });
  return found;
}
template <class E>
std::string enum_text(E e) {
  const char* name = boost::describe::enum_to_string(e, nullptr);
  return name ? std::string(name) : std::to_string(static_cast<long long>(e));
}

constexpr int kOrgs = 0, kDispatches = 1, kRects = 2;

// Hashing for the tables below: ids are short (most under 16 bytes), and std::hash
// (a byte loop) was a tenth of validation. A string is read as at most two overlapping
// 8-byte words per 16 bytes, each pair folded by two multiply-xorshift rounds (the
// finalizer of splitmix64). Not keyed: like std::hash, the same on every run.
inline std::uint64_t fold(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t x = (a ^ ((b << 31) | (b >> 33))) * 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint64_t load4(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline std::size_t hash_id(std::string_view s) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  const char* const end = p + n;
  const std::uint64_t h = 0x8EBC6AF09C88C6E3ull ^ n;
  if (n > 16) {
    std::uint64_t x = h;
    for (; end - p > 16; p += 16) x = fold(x ^ load8(p), load8(p + 8));
    return fold(x ^ load8(end - 16), load8(end - 8));
  }
  if (n >= 8) return fold(h ^ load8(p), load8(end - 8));
  if (n >= 4) return fold(h ^ load4(p), load4(end - 4));
  if (n > 0)
    return fold(h ^ (static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
                     static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                     static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16),
                0);
  return fold(h, 0);
}

// The ids of one list (views into the model), in one of two ways:
// - sorted: the ids ascend strictly (exported and generated snapshots have them so); no
//   table at all, a look-up searches outward from the previous hit (references are
//   local: the rectifications of one dispatch, the dispatches of one town), and only
//   when look-ups keep landing far away is a hash table built after all;
// - hashed: open addressing, one flat array, no allocation per id.
// At scale the table was the cost of validation: a random access per id, inserted and
// looked up, in a table of tens of megabytes.
class IdTable {
 public:
  // Sorted mode; the caller has checked that the ids ascend strictly.
  void assign_sorted(std::vector<std::string_view> ids) {
    sorted_ = std::move(ids);
    is_sorted_ = true;
  }
  bool ascending() const noexcept { return is_sorted_; }
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
  }
  // Hashed mode: adds id -> i; when the id is already there, returns the index it has
  // (and adds nothing).
  std::int32_t insert(std::string_view id, std::int32_t i) {
    const std::size_t h = hash_id(id);
    for (std::size_t k = h & mask_;; k = (k + 1) & mask_) {
      Slot& s = slots_[k];
      if (s.index < 0) {
        s = {h, i, id};
        return -1;
      }
      if (s.hash == h && s.id == id) return s.index;
    }
  }
  std::int32_t find(std::string_view id) const {
    if (is_sorted_) return find_sorted(id);
    if (slots_.empty()) return -1;
    // Records usually refer to the same target several times in a row (the
    // rectifications of one dispatch): remember the last hit.
    if (last_ >= 0 && id == last_id_) return last_;
    return find_hashed(id);
  }

 private:
  std::int32_t find_hashed(std::string_view id) const {
    const std::size_t h = hash_id(id);
    for (std::size_t k = h & mask_;; k = (k + 1) & mask_) {
      const Slot& s = slots_[k];
      if (s.index < 0) return -1;
      if (s.hash == h && s.id == id) {
        last_ = s.index;
        last_id_ = s.id;
        return s.index;
      }
    }
  }

  // Galloping from the previous hit: O(log distance) compares. Past kNear positions a
  // look-up is "far"; after kFarLimit far ones the hash table is built and far look-ups
  // use it, so that random references cost no more than hashing (and a few compares).
  std::int32_t find_sorted(std::string_view id) const {
    constexpr std::size_t kNear = 256;
    constexpr int kFarLimit = 64;
    const std::size_t n = sorted_.size();
    if (n == 0) return -1;
    const std::size_t f = finger_;
    const int c = id.compare(sorted_[f]);
    if (c == 0) return static_cast<std::int32_t>(f);
    // Bracket the id in [lo, hi): from the finger outward, doubling the step.
    std::size_t lo, hi;
    bool far = false;
    if (c > 0) {
      lo = f + 1;
      hi = n;
      for (std::size_t step = 1; lo < n; step *= 2) {
        if (step > kNear) {
          far = true;
          break;
        }
        const std::size_t probe = std::min(f + step, n - 1);
        const int d = id.compare(sorted_[probe]);
        if (d == 0) return hit(probe);
        if (d < 0) {
          hi = probe;
          break;
        }
        lo = probe + 1;
        if (probe == n - 1) break;
      }
    } else {
      lo = 0;
      hi = f;
      for (std::size_t step = 1; hi > 0; step *= 2) {
        if (step > kNear) {
          far = true;
          break;
        }
        const std::size_t probe = f >= step ? f - step : 0;
        const int d = id.compare(sorted_[probe]);
        if (d == 0) return hit(probe);
        if (d > 0) {
          lo = probe + 1;
          break;
        }
        hi = probe;
        if (probe == 0) break;
      }
    }
    if (far) {
      if (slots_.empty() && ++far_count_ > kFarLimit) {
        // A cache, built once (no IdTable is a const object: this is defined).
        auto* self = const_cast<IdTable*>(this);
        self->reserve(n);
        for (std::size_t i = 0; i < n; ++i) self->insert(sorted_[i], static_cast<std::int32_t>(i));
      }
      if (!slots_.empty()) {
        const std::int32_t at = find_hashed(id);
        return at >= 0 ? hit(static_cast<std::size_t>(at)) : at;
      }
    }
    const auto it = std::lower_bound(sorted_.begin() + static_cast<std::ptrdiff_t>(lo),
                                     sorted_.begin() + static_cast<std::ptrdiff_t>(hi), id);
    if (it == sorted_.begin() + static_cast<std::ptrdiff_t>(hi) || *it != id) return -1;
    return hit(static_cast<std::size_t>(it - sorted_.begin()));
  }
  std::int32_t hit(std::size_t at) const {
    finger_ = at;
    return static_cast<std::int32_t>(at);
  }

  bool is_sorted_ = false;
  std::vector<std::string_view> sorted_;
  mutable std::size_t finger_ = 0;
  mutable int far_count_ = 0;
  mutable std::int32_t last_ = -1;
  mutable std::string_view last_id_;
  struct Slot {
    std::size_t hash = 0;
    std::int32_t index = -1;
    std::string_view id;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

class SnapshotChecker {
 public:
  SnapshotChecker(const Snapshot& s, const Suppress& sup, Resolved* resolved = nullptr)
      : s_(s), sup_(sup), res_(resolved) {}

  std::vector<Error> run() {
    if (s_.period_start) day(*s_.period_start, At{"period_start"}, Who{this, -1, 0});
    organizations();
    dispatches();
    rectifications();
    submissions();
    look_backs();
    if (res_) {
      res_->org_parent = std::move(parent_);
      res_->rect_dispatch = std::move(rect_dispatch_);
      res_->orgs_ascend = org_ix_.ascending();
      res_->dispatches_ascend = disp_ix_.ascending();
      res_->rects_ascend = rect_ix_.ascending();
    }
    return std::move(out_);
  }

 private:
  const Snapshot& s_;
  const Suppress& sup_;
  Resolved* res_;  // where the look-ups go, for the Index; may be null
  const bool clean_ = sup_.empty();  // nothing failed in the reader (always, for validate())
  std::vector<Error> out_;

  // Who a message is about, named only when there is a message to write.
  struct Who {
    const SnapshotChecker* c;
    int list;  // 0 organizations, 1 dispatches, 2 rectifications, 3 submissions, 4 look-backs, -1 top
    std::size_t i;
    std::string str() const { return c->name_of(list, i); }
  };
  std::string name_of(int list, std::size_t i) const {
    switch (list) {
      case 0: return org_label(i);
      case 1: return disp_label(i);
      case 2: return rect_label(i);
      case 3: {
        const auto& s = each(s_.ledger_submissions)[i];
        std::string out = "ledger submission #" + std::to_string(i);
        if (!s.dispatch.empty() && !bad(At{"ledger_submissions", i, "dispatch"}))
          out += " (dispatch " + quote(s.dispatch) + ")";
        return out;
      }
      case 4: {
        const auto& l = each(s_.look_backs)[i];
        return label("look-back", l.id, !bad(At{"look_backs", i, "id"}), i);
      }
      default: return "the snapshot";
    }
  }

  // --- helpers
  // The helpers below are asked for every field of every record: each has an inline
  // fast path for the common case (nothing failed in the reader, the value is fine), a
  // few instructions, and an out-of-line full check that writes the message.
  template <class L>
  bool bad(const L& l) const { return !clean_ && bad_slow(Loc(l)); }
  [[gnu::noinline]] bool bad_slow(const Loc& l) const { return sup_.bad(l.str()); }
  void error(const Loc& l, ErrorCode code, std::string message) {
    out_.push_back({l.str(), code, std::move(message)});
  }
  static std::string label(std::string_view entity, const std::string& id, bool id_ok, std::size_t i) {
    std::string out(entity);
    out += ' ';
    if (id_ok && !id.empty()) out += quote(id);
    else out += '#' + std::to_string(i);
    return out;
  }

  // A model date as a Day; nullopt when it failed in the reader (silently) or is not a
  // supported date (an error: only a hand-built model can get here with one).
  template <class L>
  std::optional<Day> day(const Date& d, const L& l, const Who& who) {
    if (clean_ && !d.is_special()) {
      const Day x = day_of(d);
      if (x >= kMinSupported && x <= kMaxSupported) return x;
    }
    return day_slow(d, Loc(l), who);
  }
  [[gnu::noinline]] std::optional<Day> day_slow(const Date& d, const Loc& l, const Who& who) {
    if (bad(l)) return std::nullopt;
    if (d.is_special()) {
      error(l, ErrorCode::date, who.str() + ": " + l.field() + " is not a date (not-a-date-time)");
      return std::nullopt;
    }
    const Day x = day_of(d);
    if (x < kMinSupported || x > kMaxSupported) {
      error(l, ErrorCode::date,
            who.str() + ": " + l.field() + " " + format_date(x) +
                " is not a date (YYYY-MM-DD, 1400-01-01 to 9899-12-31)");
      return std::nullopt;
    }
    return x;
  }
  template <class L>
  void non_empty(const std::string& v, const L& l, const Who& who) {
    if (v.empty() && !bad(l))
      error(l, ErrorCode::empty, who.str() + ": " + l.field() + " must not be empty");
  }
  template <class E, class L>
  bool check_enum(E e, const L& l, const Who& who) {
    if (clean_ && valid_enum(e)) return true;
    return check_enum_slow(e, Loc(l), who);
  }
  template <class E>
  [[gnu::noinline]] bool check_enum_slow(E e, const Loc& l, const Who& who) {
    if (bad(l)) return false;
    if (valid_enum(e)) return true;
    error(l, ErrorCode::enum_value,
          who.str() + ": " + l.field() + " " + std::to_string(static_cast<long long>(e)) +
              " is not a value of its enumeration");
    return false;
  }

  // Interns the ids of one list: index of the first occurrence; reports empty and
  // duplicate ids. Returns, per element, whether its id is usable.
  template <class T>
  std::vector<char> intern(std::span<const T> list, const char* name, std::string_view entity,
                           IdTable& ix) {
    if (clean_) {
      // Ids that ascend strictly are neither empty (but perhaps the first) nor repeated:
      // nothing to report, and no table to build.
      std::vector<std::string_view> ids;
      ids.reserve(list.size());
      bool ascending = true;
      for (const T& x : list) {
        const std::string_view id = x.id;
        if (id.empty() || (!ids.empty() && !(ids.back() < id))) {
          ascending = false;
          break;
        }
        ids.push_back(id);
      }
      if (ascending) {
        ix.assign_sorted(std::move(ids));
        return std::vector<char>(list.size(), 1);
      }
    }
    std::vector<char> first(list.size(), 0);
    ix.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      const At l{name, i, "id"};
      if (bad(l)) continue;
      const std::string& id = list[i].id;
      if (id.empty()) {
        error(l, ErrorCode::empty, std::string(entity) + " #" + std::to_string(i) + ": id must not be empty");
        continue;
      }
      const std::int32_t earlier = ix.insert(id, static_cast<std::int32_t>(i));
      if (earlier < 0) {
        first[i] = 1;
      } else {
        error(l, ErrorCode::duplicate_id,
              std::string(entity) + " id " + quote(id) + " is used twice (first at /" + name + "/" +
                  std::to_string(earlier) + ")");
      }
    }
    return first;
  }

  // A reference: the index of its target, or -1 (reported, or not reportable because
  // the target's list or id failed to read).
  template <class L>
  std::int32_t resolve(const std::string& ref, const L& l, int space, const char* list,
                       const IdTable& ix,
                       const Who& who) {
    const bool searched = clean_ && !ref.empty();
    if (searched)
      if (const std::int32_t at = ix.find(ref); at >= 0) return at;
    return resolve_slow(ref, Loc(l), space, list, ix, who, searched);
  }
  // `searched`: the id has been looked up, in vain.
  [[gnu::noinline]] std::int32_t resolve_slow(const std::string& ref, const Loc& l, int space,
                                              const char* list, const IdTable& ix, const Who& who,
                                              bool searched) {
    if (bad(l)) return -1;
    if (ref.empty()) {
      error(l, ErrorCode::empty, who.str() + ": " + l.field() + " must not be empty");
      return -1;
    }
    if (!searched)
      if (const std::int32_t at = ix.find(ref); at >= 0) return at;
    if (!sup_.empty() && (sup_.bad(std::string("/") + list) || sup_.poisoned[space].count(ref)))
      return -1;
    error(l, ErrorCode::unknown_ref, who.str() + ": " + l.field() + " " + quote(ref) + " does not exist");
    return -1;
  }

  // --- organizations: ids, names, the tree
  IdTable org_ix_;
  std::vector<std::int32_t> parent_;       // >= 0 resolved, -1 none, -2 broken
  std::vector<char> in_tree_;              // first occurrence of its id (or id unusable)
  std::vector<std::optional<Day>> from_, until_;  // valid, consistent active periods only
  std::vector<char> reached_;              // under a parentless org by a sound chain
  std::vector<std::int32_t> tree_of_;      // the parentless org it hangs from
  std::vector<std::int32_t> enter_, leave_;
  std::int32_t root_ = -1;
  std::vector<char> is_root_;

  std::string org_label(std::size_t i) const {
    const auto& o = each(s_.organizations)[i];
    return label("organization", o.id, !bad(At{"organizations", i, "id"}), i);
  }

  void organizations() {
    const auto orgs = each(s_.organizations);
    const std::size_t n = orgs.size();
    const auto first = intern(orgs, "organizations", "organization", org_ix_);
    parent_.assign(n, -1);
    in_tree_.assign(n, 1);
    from_.assign(n, std::nullopt);
    until_.assign(n, std::nullopt);
    bool any_unread = false;  // a parent that could not be read: it may have been absent
    for (std::size_t i = 0; i < n; ++i) {
      const Organization& o = orgs[i];
      const Who who{this, 0, i};
      // A duplicate of an earlier id stays out of the tree (references mean the first).
      if (!first[i] && !bad(At{"organizations", i, "id"}) && !o.id.empty()) in_tree_[i] = 0;
      non_empty(o.name, At{"organizations", i, "name"}, who);
      check_enum(o.kind, At{"organizations", i, "kind"}, who);
      if (!bad(At{"organizations", i, "secretary"})) {
        non_empty(o.secretary.id, At{"organizations", i, "secretary", "id"}, who);
        non_empty(o.secretary.name, At{"organizations", i, "secretary", "name"}, who);
      }
      std::optional<Day> from, until;
      if (o.active_from) from = day(*o.active_from, At{"organizations", i, "active_from"}, who);
      if (o.active_until) until = day(*o.active_until, At{"organizations", i, "active_until"}, who);
      bool period_ok = !(o.active_from && !from) && !(o.active_until && !until);
      if (from && until && *until < *from) {
        error(At{"organizations", i, "active_until"}, ErrorCode::date_order,
              who.str() + ": active_until " + format_date(*until) + " is before active_from " + format_date(*from));
        period_ok = false;
      }
      if (period_ok) {
        from_[i] = from ? from : std::optional<Day>(kMinSupported - 1);
        until_[i] = until ? until : std::optional<Day>(kMaxSupported + 1);
      }
      const At pl{"organizations", i, "parent"};
      if (bad(pl)) {
        parent_[i] = -2;
        any_unread = any_unread || in_tree_[i];
      } else if (o.parent) {
        const auto p = resolve(*o.parent, pl, kOrgs, "organizations", org_ix_, who);
        parent_[i] = p >= 0 ? p : -2;
      }
    }

    // Roots: the first parentless organization is the town committee; any other is an
    // error at its element.
    is_root_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (!in_tree_[i] || parent_[i] != -1) continue;
      is_root_[i] = 1;
      if (root_ < 0) {
        root_ = static_cast<std::int32_t>(i);
      } else {
        error(At{"organizations", i}, ErrorCode::root,
              org_label(i) + " has no parent, but " + org_label(static_cast<std::size_t>(root_)) +
                  " is already the root; only the town committee has none");
      }
    }

    cycles();
    // Literally the spec's "no organization without a parent": also for an empty list,
    // and also when a cycle or an unknown parent explains it (each is a fact of its own);
    // not when a parent could not be read (it may have been absent), nor when the list
    // itself could not be read.
    if (root_ < 0 && !any_unread && !(sup_.bad("/organizations")))
      error(Loc{}, ErrorCode::root,
            "no organization is without a parent: the town committee (the root) must have none");
    tree();
  }

  // Three colours, no recursion: white (unseen), grey (on the walk in progress), black.
  void cycles() {
    const std::size_t n = parent_.size();
    std::vector<std::uint8_t> colour(n, 0);
    std::vector<std::int32_t> walk;
    for (std::size_t s = 0; s < n; ++s) {
      if (colour[s] != 0 || !in_tree_[s]) continue;
      walk.clear();
      std::int32_t cur = static_cast<std::int32_t>(s);
      while (cur >= 0 && colour[static_cast<std::size_t>(cur)] == 0) {
        colour[static_cast<std::size_t>(cur)] = 1;
        walk.push_back(cur);
        cur = parent_[static_cast<std::size_t>(cur)];
      }
      if (cur >= 0 && colour[static_cast<std::size_t>(cur)] == 1) {
        // The loop is the tail of the walk from `cur` on.
        std::size_t k = walk.size();
        while (walk[k - 1] != cur) --k;
        --k;
        const auto loop = std::span<const std::int32_t>(walk).subspan(k);
        const std::int32_t first = *std::min_element(loop.begin(), loop.end());
        // Name the loop starting from its first org in document order.
        const auto at = static_cast<std::size_t>(std::find(loop.begin(), loop.end(), first) - loop.begin());
        std::string chain;
        const auto& orgs = each(s_.organizations);
        for (std::size_t j = 0; j <= loop.size() && j <= 8; ++j) {
          if (j) chain += " \xE2\x86\x92 ";  // →
          if (j == 8 && j < loop.size()) {
            chain += "\xE2\x80\xA6";
            break;
          }
          chain += quote(orgs[static_cast<std::size_t>(loop[(at + j) % loop.size()])].id);
        }
        error(At{"organizations", static_cast<std::size_t>(first), "parent"}, ErrorCode::cycle,
              org_label(static_cast<std::size_t>(first)) + ": its chain of parents loops: " + chain);
      }
      for (std::int32_t x : walk) colour[static_cast<std::size_t>(x)] = 2;
    }
  }

  // Euler-tour intervals of every tree hanging from a parentless organization.
  void tree() {
    const std::size_t n = parent_.size();
    std::vector<std::int32_t> offsets(n + 1, 0), kids;
    for (std::size_t i = 0; i < n; ++i)
      if (in_tree_[i] && parent_[i] >= 0) ++offsets[static_cast<std::size_t>(parent_[i]) + 1];
    for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
    kids.resize(static_cast<std::size_t>(offsets[n]));
    std::vector<std::int32_t> fill(offsets.begin(), offsets.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      if (in_tree_[i] && parent_[i] >= 0)
        kids[static_cast<std::size_t>(fill[static_cast<std::size_t>(parent_[i])]++)] = static_cast<std::int32_t>(i);
    reached_.assign(n, 0);
    tree_of_.assign(n, -1);
    enter_.assign(n, 0);
    leave_.assign(n, 0);
    std::int32_t clock = 0;
    std::vector<std::pair<std::int32_t, std::int32_t>> stack;
    for (std::size_t r = 0; r < n; ++r) {
      if (!is_root_[r]) continue;
      stack.emplace_back(static_cast<std::int32_t>(r), offsets[r]);
      reached_[r] = 1;
      tree_of_[r] = static_cast<std::int32_t>(r);
      enter_[r] = clock++;
      while (!stack.empty()) {
        auto& [o, next] = stack.back();
        if (next < offsets[static_cast<std::size_t>(o) + 1]) {
          const std::int32_t c = kids[static_cast<std::size_t>(next++)];
          reached_[static_cast<std::size_t>(c)] = 1;
          tree_of_[static_cast<std::size_t>(c)] = static_cast<std::int32_t>(r);
          enter_[static_cast<std::size_t>(c)] = clock++;
          stack.emplace_back(c, offsets[static_cast<std::size_t>(c)]);
        } else {
          leave_[static_cast<std::size_t>(o)] = clock++;
          stack.pop_back();
        }
      }
    }
  }
  bool is_ancestor(std::int32_t a, std::int32_t b) const {
    const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
    return a != b && enter_[ua] <= enter_[ub] && leave_[ub] <= leave_[ua];
  }

  // --- dispatches
  IdTable disp_ix_;
  std::vector<std::optional<Day>> disp_date_;
  std::vector<std::bitset<kCheckItemCount>> problems_;
  std::vector<char> checks_complete_;

  std::string disp_label(std::size_t i) const {
    const auto& d = each(s_.dispatches)[i];
    return label("dispatch", d.id, !bad(At{"dispatches", i, "id"}), i);
  }

  void dispatches() {
    const auto list = each(s_.dispatches);
    const std::size_t n = list.size();
    intern(list, "dispatches", "dispatch", disp_ix_);
    disp_date_.assign(n, std::nullopt);
    problems_.assign(n, {});
    checks_complete_.assign(n, 1);
    if (res_) res_->dispatch_object.assign(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
      const Dispatch& d = list[i];
      const Who who{this, 1, i};
      const auto date = day(d.date, At{"dispatches", i, "date"}, who);
      disp_date_[i] = date;
      std::optional<Day> end;
      bool end_ok = false;  // end_date given, valid and not before date
      if (d.end_date) {
        end = day(*d.end_date, At{"dispatches", i, "end_date"}, who);
        if (end && date && *end < *date) {
          error(At{"dispatches", i, "end_date"}, ErrorCode::date_order,
                who.str() + ": end_date " + format_date(*end) + " is before its date " + format_date(*date));
        } else {
          end_ok = end.has_value();
        }
      }
      const auto dispatcher = resolve(d.dispatcher, At{"dispatches", i, "dispatcher"}, kOrgs,
                                      "organizations", org_ix_, who);
      const auto object = resolve(d.object, At{"dispatches", i, "object"}, kOrgs, "organizations",
                                  org_ix_, who);
      if (res_) res_->dispatch_object[i] = object;
      check_enum(d.form, At{"dispatches", i, "form"}, who);
      if (object >= 0) {
        const auto uo = static_cast<std::size_t>(object);
        if (object == root_) {
          error(At{"dispatches", i, "object"}, ErrorCode::dispatch_of_root,
                who.str() + ": its object " + quote(d.object) +
                    " is the town committee (the root), which is not dispatched");
        } else if (dispatcher >= 0 && reached_[uo] && !is_root_[uo] &&
                   reached_[static_cast<std::size_t>(dispatcher)] &&
                   // Under a second root (itself an error) only a dispatcher of that same
                   // tree can be judged: where the tree belongs is unknown.
                   (tree_of_[uo] == root_ || tree_of_[static_cast<std::size_t>(dispatcher)] == tree_of_[uo]) &&
                   !is_ancestor(dispatcher, object)) {
          error(At{"dispatches", i, "dispatcher"}, ErrorCode::dispatcher_not_superior,
                who.str() + ": dispatcher " + quote(d.dispatcher) + " is not a superior of its object " +
                    quote(d.object) + (dispatcher == object ? " (it is the object itself)" : ""));
        }
        // 3.1: a dispatch lies within its object's active period.
        if (from_[uo] && date && *date < *from_[uo]) {
          error(At{"dispatches", i, "date"}, ErrorCode::date_order,
                who.str() + ": date " + format_date(*date) + " is before its object " + quote(d.object) +
                    " is active (active_from " + format_date(*from_[uo]) + ")");
        } else if (until_[uo] && date) {
          const Day last = end_ok ? *end : *date;
          if (last > *until_[uo])
            error(At{"dispatches", i, end_ok ? "end_date" : "date"}, ErrorCode::date_order,
                  who.str() + ": " + (end_ok ? "end_date " : "date ") + format_date(last) +
                      " is after its object " + quote(d.object) + " stops being active (active_until " +
                      format_date(*until_[uo]) + ")");
        }
      }
      checks(i, d, who);
      const auto gps = each(d.good_practices);
      for (std::size_t k = 0; k < gps.size(); ++k)
        non_empty(gps[k], At{"dispatches", i, "good_practices", k}, who);
      const auto srs = each(d.support_requests);
      for (std::size_t k = 0; k < srs.size(); ++k)
        non_empty(srs[k].text, At{"dispatches", i, "support_requests", k, "text"}, who);
    }
  }

  void checks(std::size_t i, const Dispatch& d, const Who& who) {
    if (!sup_.empty() && sup_.touched(At{"dispatches", i, "checks"}.str())) checks_complete_[i] = 0;
    std::bitset<kCheckItemCount> seen;
    const auto list = each(d.checks);
    for (std::size_t k = 0; k < list.size(); ++k) {
      const Check& c = list[k];
      const At il{"dispatches", i, "checks", k, "item"};
      const bool item_ok = check_enum(c.item, il, who);
      const bool result_ok = check_enum(c.result, At{"dispatches", i, "checks", k, "result"}, who);
      if (!item_ok || !result_ok) checks_complete_[i] = 0;
      if (!item_ok) continue;
      const auto bit = static_cast<std::size_t>(c.item);
      if (seen[bit]) {
        error(il, ErrorCode::duplicate_check,
              who.str() + ": check item " + enum_text(c.item) + " is listed twice");
        continue;
      }
      seen[bit] = true;
      if (result_ok && c.result == CheckResult::problem) problems_[i][bit] = true;
    }
  }

  // --- rectifications
  IdTable rect_ix_;
  std::vector<std::int32_t> rect_dispatch_;

  std::string rect_label(std::size_t i) const {
    const auto& r = each(s_.rectifications)[i];
    return label("rectification", r.id, !bad(At{"rectifications", i, "id"}), i);
  }

  // (dispatch, seq) -> the first rectification with them: open addressing in one flat
  // array, not a node per rectification.
  class SeqTable {
   public:
    explicit SeqTable(std::size_t n) {
      std::size_t cap = 16;
      while (cap < 2 * n) cap *= 2;
      slots_.assign(cap, Slot{});
      mask_ = cap - 1;
    }
    // Adds (dispatch, seq) -> i; when they are already there, returns the index they have.
    std::int32_t insert(std::int32_t dispatch, std::int64_t seq, std::int32_t i) {
      // Unsigned: seq may be any int64, and signed overflow is undefined.
      const std::uint64_t h = fold(static_cast<std::uint64_t>(seq), static_cast<std::uint64_t>(dispatch));
      for (std::size_t k = h & mask_;; k = (k + 1) & mask_) {
        Slot& s = slots_[k];
        if (s.index < 0) {
          s = {seq, dispatch, i};
          return -1;
        }
        if (s.seq == seq && s.dispatch == dispatch) return s.index;
      }
    }

   private:
    struct Slot {
      std::int64_t seq = 0;
      std::int32_t dispatch = -1;
      std::int32_t index = -1;
    };
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
  };

  void rectifications() {
    const auto list = each(s_.rectifications);
    const std::size_t n = list.size();
    intern(list, "rectifications", "rectification", rect_ix_);
    rect_dispatch_.assign(n, -1);
    SeqTable seqs(n);
    const auto dlist = each(s_.dispatches);
    for (std::size_t i = 0; i < n; ++i) {
      const Rectification& r = list[i];
      const Who who{this, 2, i};
      const auto dx = resolve(r.dispatch, At{"rectifications", i, "dispatch"}, kDispatches,
                              "dispatches", disp_ix_, who);
      rect_dispatch_[i] = dx;
      const At sl{"rectifications", i, "seq"};
      if (!bad(sl)) {
        if (r.seq < 1) {
          error(sl, ErrorCode::seq, who.str() + ": seq " + std::to_string(r.seq) + " is not an integer \xE2\x89\xA5 1");
        } else if (dx >= 0) {
          const std::int32_t earlier = seqs.insert(dx, r.seq, static_cast<std::int32_t>(i));
          if (earlier >= 0)
            error(sl, ErrorCode::duplicate_seq,
                  who.str() + ": seq " + std::to_string(r.seq) + " is already used by " +
                      rect_label(static_cast<std::size_t>(earlier)) + " of dispatch " + quote(r.dispatch));
        }
      }
      const At il{"rectifications", i, "item"};
      if (check_enum(r.item, il, who) && dx >= 0) {
        const auto ux = static_cast<std::size_t>(dx);
        if (!problems_[ux][static_cast<std::size_t>(r.item)] && checks_complete_[ux])
          error(il, ErrorCode::item_not_problem,
                who.str() + ": item " + enum_text(r.item) + " is not a problem check of dispatch " +
                    quote(dlist[ux].id));
      }
      non_empty(r.problem, At{"rectifications", i, "problem"}, who);
      std::optional<Day> since;
      if (dx >= 0) since = disp_date_[static_cast<std::size_t>(dx)];
      const auto deadline = day(r.deadline, At{"rectifications", i, "deadline"}, who);
      if (deadline && since && *deadline < *since)
        error(At{"rectifications", i, "deadline"}, ErrorCode::date_order,
              who.str() + ": deadline " + format_date(*deadline) + " is before the date " +
                  format_date(*since) + " of its dispatch " + quote(r.dispatch));
      const auto ups = each(r.updates);
      for (std::size_t k = 0; k < ups.size(); ++k) {
        const At dl{"rectifications", i, "updates", k, "date"};
        const auto t = day(ups[k].date, dl, who);
        if (t && since && *t < *since)
          error(dl, ErrorCode::date_order,
                who.str() + ": " + dl.field() + " " + format_date(*t) + " is before the date " +
                    format_date(*since) + " of its dispatch " + quote(r.dispatch));
        check_enum(ups[k].status, At{"rectifications", i, "updates", k, "status"}, who);
      }
    }
  }

  // --- ledger submissions (A2)
  void submissions() {
    const auto list = each(s_.ledger_submissions);
    // Per dispatch, the first submission for it (or -1).
    std::vector<std::int32_t> first(each(s_.dispatches).size(), -1);
    if (res_) res_->submission_dispatch.assign(list.size(), -1);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const LedgerSubmission& s = list[i];
      const Who who{this, 3, i};
      const auto dx = resolve(s.dispatch, At{"ledger_submissions", i, "dispatch"}, kDispatches,
                              "dispatches", disp_ix_, who);
      if (res_) res_->submission_dispatch[i] = dx;
      const auto t = day(s.date, At{"ledger_submissions", i, "date"}, who);
      if (dx < 0) continue;
      std::int32_t& earlier = first[static_cast<std::size_t>(dx)];
      if (earlier < 0)
        earlier = static_cast<std::int32_t>(i);
      else
        error(At{"ledger_submissions", i}, ErrorCode::duplicate_submission,
              "a second ledger submission for dispatch " + quote(s.dispatch) +
                  " (the first is /ledger_submissions/" + std::to_string(earlier) + ")");
      const auto since = disp_date_[static_cast<std::size_t>(dx)];
      if (t && since && *t < *since)
        error(At{"ledger_submissions", i, "date"}, ErrorCode::date_order,
              who.str() + ": date " + format_date(*t) + " is before the dispatch's date " + format_date(*since));
    }
  }

  // --- look-backs (5.1)
  void look_backs() {
    const auto list = each(s_.look_backs);
    IdTable ix;
    intern(list, "look_backs", "look-back", ix);
    if (res_) res_->look_backs_ascend = ix.ascending();
    const auto rects = each(s_.rectifications);
    if (res_) res_->look_back_rect.assign(list.size(), -1);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const LookBack& l = list[i];
      const Who who{this, 4, i};
      const auto t = day(l.date, At{"look_backs", i, "date"}, who);
      const auto rx = resolve(l.rectification, At{"look_backs", i, "rectification"}, kRects,
                              "rectifications", rect_ix_, who);
      if (res_) res_->look_back_rect[i] = rx;
      check_enum(l.kind, At{"look_backs", i, "kind"}, who);
      check_enum(l.finding, At{"look_backs", i, "finding"}, who);
      if (rx < 0) continue;
      const auto dx = rect_dispatch_[static_cast<std::size_t>(rx)];
      if (dx < 0) continue;
      const auto since = disp_date_[static_cast<std::size_t>(dx)];
      if (t && since && *t < *since)
        error(At{"look_backs", i, "date"}, ErrorCode::date_order,
              who.str() + ": date " + format_date(*t) + " is before the date " + format_date(*since) +
                  " of dispatch " + quote(rects[static_cast<std::size_t>(rx)].dispatch) +
                  " of its rectification " + quote(l.rectification));
    }
  }
};

}  // namespace

std::vector<Error> validate_snapshot(const Snapshot& snapshot, const Suppress& suppress) {
  return SnapshotChecker(snapshot, suppress).run();
}

std::vector<Error> validate_resolved(const Snapshot& snapshot, Resolved& out) {
  out = Resolved{};
  const Suppress none;
  auto errors = SnapshotChecker(snapshot, none, &out).run();
  sort_errors(errors);
  return errors;
}

std::vector<Error> validate_policy(const PolicyDraft& draft) {
  std::vector<Error> out;
  std::array<bool, kParamCount> failed = draft.failed;
  auto where = [](const ParameterInfo& p, std::size_t i, const char* field) {
    return "/parameters/" + std::string(p.name) + "/" + std::to_string(i) + "/" + field;
  };
  for (const ParameterInfo& p : parameters) {
    const auto u = static_cast<std::size_t>(p.param);
    const auto& entries = draft.entries[u];
    std::optional<Day> prev;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      const std::string who = std::string(p.name) + " #" + std::to_string(i);
      if (e.from) {
        const bool special = e.from->is_special();
        const Day d = special ? 0 : to_day(*e.from);
        if (special || d < kMinSupported || d > kMaxSupported) {
          out.push_back({where(p, i, "from"), ErrorCode::date,
                         who + ": from " + (special ? std::string("(not-a-date-time)") : format_date(d)) +
                             " is not a date (YYYY-MM-DD, 1400-01-01 to 9899-12-31)"});
          failed[u] = true;
        } else if (prev && d <= *prev) {
          out.push_back({where(p, i, "from"), ErrorCode::from_order,
                         who + ": from " + format_date(d) + " is not after the previous entry's " +
                             format_date(*prev) + " (from dates must be strictly ascending)"});
          failed[u] = true;
        } else {
          prev = d;
        }
      }
      if (e.value) {
        const double v = *e.value;
        std::string why;
        if (!std::isfinite(v)) why = "is not a finite number";
        else if (p.kind == ValueKind::integer && v != std::floor(v)) why = "is not a whole number";
        else if (v < p.min || v > p.max)
          why = "is outside " + format_number(p.min) + " to " + format_number(p.max);
        if (!why.empty()) {
          out.push_back({where(p, i, "value"), ErrorCode::parameter_range,
                         who + ": value " + format_number(v) + " " + why});
          failed[u] = true;
        }
      }
    }
  }

  // 5.4 ladder: inquiry <= talk <= notice on every date from which one of them changes.
  constexpr Param ladder[] = {Param::inquiry_threshold, Param::talk_threshold, Param::notice_threshold};
  std::vector<Day> dates;
  for (Param q : ladder)
    for (const auto& e : draft.entries[static_cast<std::size_t>(q)])
      if (e.from && !e.from->is_special()) dates.push_back(to_day(*e.from));
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  // The value in force at t and the index of the entry dated exactly t (or -1).
  auto at = [&](Param q, Day t, std::ptrdiff_t& changed) {
    double v = info(q).default_value;
    changed = -1;
    const auto& entries = draft.entries[static_cast<std::size_t>(q)];
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].from || !entries[i].value || to_day(*entries[i].from) > t) continue;
      v = *entries[i].value;
      if (to_day(*entries[i].from) == t) changed = static_cast<std::ptrdiff_t>(i);
    }
    return v;
  };
  std::set<std::string> blamed;
  for (const Day t : dates) {
    for (int pair = 0; pair < 2; ++pair) {
      const Param a = ladder[pair], b = ladder[pair + 1];
      if (failed[static_cast<std::size_t>(a)] || failed[static_cast<std::size_t>(b)]) continue;
      std::ptrdiff_t ca = -1, cb = -1;
      const double va = at(a, t, ca), vb = at(b, t, cb);
      if ((ca < 0 && cb < 0) || va <= vb) continue;
      const Param culprit = cb >= 0 ? b : a;
      const auto index = static_cast<std::size_t>(cb >= 0 ? cb : ca);
      // The entry whose `from` starts the broken order (tests/data/README.md).
      std::string path = "/parameters/" + std::string(info(culprit).name) + "/" + std::to_string(index);
      if (!blamed.insert(path).second) continue;
      out.push_back({std::move(path), ErrorCode::parameter_range,
                     "from " + format_date(t) + " " + std::string(info(a).name) + " would be " +
                         format_number(va) + ", above " + std::string(info(b).name) + " " +
                         format_number(vb) + " (the thresholds must keep inquiry \xE2\x89\xA4 talk \xE2\x89\xA4 notice)"});
    }
  }
  return out;
}

}  // namespace detail

std::vector<Error> validate(const Snapshot& snapshot) {
  auto errors = detail::validate_snapshot(snapshot, detail::Suppress{});
  detail::sort_errors(errors);
  return errors;
}

std::vector<Error> validate(const Policy& policy) {
  detail::PolicyDraft draft;
  for (const ParameterInfo& p : parameters)
    for (const DatedValue& v : policy.values(p.param))
      draft.entries[static_cast<std::size_t>(p.param)].push_back({v.from, v.value});
  auto errors = detail::validate_policy(draft);
  detail::sort_errors(errors);
  return errors;
}

}  // namespace tiaodu

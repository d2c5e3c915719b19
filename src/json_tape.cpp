// The SAX handler that turns a JSON text into a Tape (src/detail/tape.hpp).
#include "detail/tape.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <charconv>
#include <limits>

namespace tiaodu::detail {

namespace {

constexpr std::size_t kMaxText = std::numeric_limits<std::uint32_t>::max();

class TapeHandler {
 public:
  static constexpr std::size_t max_array_size = kMaxText;
  static constexpr std::size_t max_object_size = kMaxText;
  static constexpr std::size_t max_string_size = kMaxText;
  static constexpr std::size_t max_key_size = kMaxText;

  explicit TapeHandler(Tape& t) : t_(t) {}

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }

  bool on_array_begin(boost::json::error_code&) { return open(Node::array_v); }
  bool on_array_end(std::size_t n, boost::json::error_code&) { return close(n); }
  bool on_object_begin(boost::json::error_code&) { return open(Node::object_v); }
  bool on_object_end(std::size_t n, boost::json::error_code&) { return close(n); }

  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    part(s);
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    text(Node::string_v, s);
    return true;
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    part(s);
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    text(Node::key_v, s);
    return true;
  }

  bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
    part(s);
    return true;
  }
  bool on_int64(std::int64_t, boost::json::string_view s, boost::json::error_code&) {
    Node& n = text(Node::int_v, s);
    n.flag = true;
    return true;
  }
  bool on_uint64(std::uint64_t, boost::json::string_view s, boost::json::error_code&) {
    Node& n = text(Node::uint_v, s);
    n.flag = true;
    return true;
  }
  bool on_double(double, boost::json::string_view s, boost::json::error_code&) {
    Node& n = text(Node::double_v, s);
    // Boost reports integers beyond 64 bits as doubles: remember they were integers.
    const std::string_view lit = t_.text(n);
    n.flag = lit.find_first_of(".eE") == std::string_view::npos;
    return true;
  }
  bool on_bool(bool b, boost::json::error_code&) {
    Node& n = push(Node::bool_v);
    n.flag = b;
    return true;
  }
  bool on_null(boost::json::error_code&) {
    push(Node::null_v);
    return true;
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  Node& push(Node::Kind k) {
    Node& n = t_.nodes.emplace_back();
    n.kind = k;
    return n;
  }
  bool open(Node::Kind k) {
    open_.push_back(static_cast<std::uint32_t>(t_.nodes.size()));
    push(k);
    return true;
  }
  bool close(std::size_t count) {
    Node& n = t_.nodes[open_.back()];
    open_.pop_back();
    n.len = static_cast<std::uint32_t>(count);
    n.off = static_cast<std::uint32_t>(t_.nodes.size());
    return true;
  }
  // A piece of a string, key or number that arrives in several calls.
  void part(boost::json::string_view s) {
    if (!in_part_) {
      in_part_ = true;
      part_start_ = t_.arena.size();
    }
    t_.arena.append(s.data(), s.size());
  }
  Node& text(Node::Kind k, boost::json::string_view s) {
    Node& n = push(k);
    const char* in = t_.input.data();
    if (in_part_) {
      t_.arena.append(s.data(), s.size());
      n.in_arena = true;
      n.off = static_cast<std::uint32_t>(part_start_);
      n.len = static_cast<std::uint32_t>(t_.arena.size() - part_start_);
      in_part_ = false;
    } else if (s.data() >= in && s.data() + s.size() <= in + t_.input.size()) {
      // Unescaped text: a view into the input, no copy.
      n.off = static_cast<std::uint32_t>(s.data() - in);
      n.len = static_cast<std::uint32_t>(s.size());
    } else {
      n.in_arena = true;
      n.off = static_cast<std::uint32_t>(t_.arena.size());
      n.len = static_cast<std::uint32_t>(s.size());
      t_.arena.append(s.data(), s.size());
    }
    return n;
  }

  Tape& t_;
  std::vector<std::uint32_t> open_;
  bool in_part_ = false;
  std::size_t part_start_ = 0;
};

std::string where(std::size_t line, std::size_t column) {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

std::int64_t Tape::number_int64(const Node& n) const noexcept {
  const std::string_view s = text(n);
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

double Tape::number_double(const Node& n) const noexcept {
  const std::string_view s = text(n);
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc::result_out_of_range) {
    // Too large is ±inf; too small (1e-999) is 0: from_chars leaves v alone for both.
    const auto e = s.find_first_of("eE");
    const bool negative_exponent = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
    const bool negative = !s.empty() && s[0] == '-';
    if (negative_exponent) v = negative ? -0.0 : 0.0;
    else v = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  return v;
}

void locate(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& column) {
  if (offset > text.size()) offset = text.size();
  line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  column = 1;
  // Count code points, not bytes: continuation bytes (10xxxxxx) do not start a character.
  for (std::size_t i = line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
}

std::optional<SyntaxFailure> build_tape(std::string_view json, Tape& tape, std::size_t max_depth) {
  tape.input = json;
  tape.arena.clear();
  tape.nodes.clear();
  auto fail = [&](std::size_t offset, std::string what) {
    SyntaxFailure f;
    f.offset = offset;
    locate(json, offset, f.line, f.column);
    f.message = "invalid JSON at " + where(f.line, f.column) + ": " + what;
    return f;
  };
  if (json.size() >= kMaxText) {
    SyntaxFailure f;
    f.message = "the document is too large (" + std::to_string(json.size()) +
                " bytes; at most 4 GiB - 2 are read)";
    return f;
  }
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return fail(json.size(), "the document is empty");
  // A rough guess of one node per 12 bytes avoids most reallocations.
  tape.nodes.reserve(json.size() / 12 + 16);

  boost::json::parse_options opt;
  opt.max_depth = max_depth;
  boost::json::basic_parser<TapeHandler> parser(opt, tape);
  boost::json::error_code ec;
  const std::size_t used = parser.write_some(false, json.data(), json.size(), ec);
  if (ec) {
    std::string what;
    if (ec == boost::json::error::too_deep)
      what = "nesting deeper than " + std::to_string(max_depth) + " levels";
    else if (ec == boost::json::error::syntax && used < json.size() &&
             static_cast<unsigned char>(json[used]) >= 0x80)
      what = "invalid UTF-8 or a character outside a string";
    else if (ec == boost::json::error::syntax && used < json.size() &&
             static_cast<unsigned char>(json[used]) < 0x20)
      what = "a control character (byte 0x" +
             std::string{"0123456789abcdef"[static_cast<unsigned char>(json[used]) >> 4],
                         "0123456789abcdef"[static_cast<unsigned char>(json[used]) & 15]} +
             ") where it is not allowed; in a string write it as \\u00XX";
    else if (ec == boost::json::error::incomplete)
      what = "the document ends before its value is complete";
    else if (used < json.size() && static_cast<unsigned char>(json[used]) > 0x20 &&
             static_cast<unsigned char>(json[used]) < 0x7F)
      what = std::string("unexpected '") + json[used] + "'" +
             (ec == boost::json::error::syntax ? std::string() : " (" + ec.message() + ")");
    else
      what = ec.message();
    return fail(used, std::move(what));
  }
  if (used < json.size()) return fail(used, "unexpected data after the end of the document");
  return std::nullopt;
}

}  // namespace tiaodu::detail

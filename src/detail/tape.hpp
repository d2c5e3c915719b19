// src/detail/tape.hpp — a JSON document as a flat array of nodes (internal).
//
// The reader does not build a boost::json::value: a DOM would silently keep the last of
// two equal keys, and it costs an allocation per node. Instead Boost.JSON's SAX parser
// (basic_parser) fills one vector of nodes in document order, a "tape": a container node
// is followed by its contents and records where they end, so a reader can skip any
// subtree in O(1). Strings that need no unescaping are views into the input (no copy);
// the others live in one arena string.
//
// Interface:
//   struct Node              one value or key
//   class Tape               nodes + text; text(node), skip(i), members / elements
//   struct SyntaxFailure     byte offset, line, column, message
//   build_tape(json, tape)   nullopt on success, else the syntax failure
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tiaodu::detail {

// 12 bytes: the tape of a big snapshot is as many nodes as values and keys, so its size
// is memory traffic. Numbers keep only their text and kind (they are rare in the formats:
// seq and policy values); number_int64 / number_double convert on demand.
struct Node {
  enum Kind : std::uint8_t { null_v, bool_v, int_v, uint_v, double_v, string_v, key_v, array_v, object_v };
  Kind kind = null_v;
  // bool_v: the value. Numbers: the literal has neither fraction nor exponent (an
  // integer, maybe beyond 64 bits).
  bool flag = false;
  // Strings, keys and numbers: the text is in the arena, not in the input.
  bool in_arena = false;
  // Strings, keys and numbers: where their text is (offset, length).
  // Arrays and objects: `off` = index one past the subtree, `len` = element/member count.
  std::uint32_t off = 0;
  std::uint32_t len = 0;
};
static_assert(sizeof(Node) == 12);

class Tape {
 public:
  std::string_view input;
  std::string arena;
  std::vector<Node> nodes;

  // The text of a string, key or number node.
  std::string_view text(const Node& n) const noexcept {
    return (n.in_arena ? std::string_view(arena) : input).substr(n.off, n.len);
  }
  std::string_view text(std::uint32_t i) const noexcept { return text(nodes[i]); }
  // The value of an int_v node (Boost has checked that it fits).
  std::int64_t number_int64(const Node& n) const noexcept;
  // The value of any number node as a double (±inf beyond the double range).
  double number_double(const Node& n) const noexcept;
  // The index just past the value at i.
  std::uint32_t skip(std::uint32_t i) const noexcept {
    const Node& n = nodes[i];
    return n.kind == Node::array_v || n.kind == Node::object_v ? n.off : i + 1;
  }
};

struct SyntaxFailure {
  std::size_t offset = 0;  // bytes from the start of the (BOM-less) text
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters (Unicode code points)
  std::string message;     // a sentence with line and column
};

// Parses `json` (which must outlive the tape) into `tape`. Refuses: anything that is not
// one RFC 8259 JSON text, invalid UTF-8, nesting deeper than max_depth, raw control
// characters in strings, and texts of 4 GiB or more.
std::optional<SyntaxFailure> build_tape(std::string_view json, Tape& tape, std::size_t max_depth);

// Line and column (1-based; column in code points) of a byte offset.
void locate(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& column);

}  // namespace tiaodu::detail

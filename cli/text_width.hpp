// cli/text_width.hpp — UTF-8 decoding and terminal display width, for a report whose
// columns must line up when half of the text is Chinese.
//
// A terminal gives East Asian Wide and Fullwidth characters (汉字, ，。、《》, ＡＢ, 한글)
// two columns, combining marks none and everything else one. Byte counts are wrong for
// all of it, so column padding and truncation go through display_width(). Decoding is
// done here, strictly (RFC 3629): an invalid byte becomes U+FFFD and never swallows
// the bytes after it, so no input can make the report split or drop a character.
//
// Interface:
//   decode(text, pos)            one code point at pos, advancing pos (U+FFFD on error)
//   code_point_width(cp)         0, 1 or 2 columns
//   display_width(text)          the columns text takes
//   truncate_to_width(text, w)   at most w columns, cut at a character boundary, "…" added
//   pad_right(text, w), pad_left(text, w)   padded with spaces to w columns
//   terminal_safe(text)          valid UTF-8, no control characters (ESC, CR, ...) and no
//                                line breaks: a user string printed on a terminal cannot
//                                move the cursor or forge report lines
//   valid_utf8(text)             the text with invalid sequences replaced by U+FFFD
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tiaodu::cli {

inline constexpr char32_t kReplacement = 0xFFFD;

char32_t decode(std::string_view text, std::size_t& pos) noexcept;
void append_utf8(std::string& out, char32_t cp);

int code_point_width(char32_t cp) noexcept;
std::size_t display_width(std::string_view text) noexcept;

std::string truncate_to_width(std::string_view text, std::size_t width,
                              std::string_view ellipsis = "\u2026");
std::string pad_right(std::string_view text, std::size_t width);
std::string pad_left(std::string_view text, std::size_t width);

std::string terminal_safe(std::string_view text);
std::string valid_utf8(std::string_view text);

}  // namespace tiaodu::cli

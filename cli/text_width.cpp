#include "text_width.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace tiaodu::cli {

namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// East Asian Wide (W) and Fullwidth (F) blocks of Unicode 15 that occur in Chinese,
// Japanese and Korean text, plus the emoji blocks terminals draw two columns wide.
// Sorted, non-overlapping: looked up by binary search.
constexpr std::array<Range, 30> kWide{{
    {0x1100, 0x115F},    // Hangul Jamo initial consonants
    {0x231A, 0x231B},    // watch, hourglass
    {0x2329, 0x232A},    // angle brackets
    {0x23E9, 0x23EC},    // media controls
    {0x23F0, 0x23F0},    // alarm clock
    {0x23F3, 0x23F3},    // hourglass
    {0x25FD, 0x25FE},    // medium small squares
    {0x2614, 0x2615},    // umbrella, hot beverage
    {0x2E80, 0x303E},    // CJK radicals, Kangxi, ideographic description, CJK punctuation 、。《》「」
    {0x3041, 0x33FF},    // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, CJK compatibility
    {0x3400, 0x4DBF},    // CJK Unified Ideographs Extension A
    {0x4E00, 0x9FFF},    // CJK Unified Ideographs
    {0xA000, 0xA4CF},    // Yi
    {0xA960, 0xA97F},    // Hangul Jamo Extended-A
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0xF900, 0xFAFF},    // CJK compatibility ideographs
    {0xFE10, 0xFE19},    // vertical forms
    {0xFE30, 0xFE6F},    // CJK compatibility forms, small form variants
    {0xFF00, 0xFF60},    // fullwidth ASCII and punctuation ，（）：
    {0xFFE0, 0xFFE6},    // fullwidth signs ￥
    {0x16FE0, 0x16FE4},  // ideographic symbols
    {0x17000, 0x18AFF},  // Tangut
    {0x1B000, 0x1B2FF},  // Kana supplement and extensions
    {0x1F004, 0x1F004},  // mahjong tile
    {0x1F200, 0x1F251},  // enclosed ideographic supplement
    {0x1F300, 0x1F64F},  // pictographs, emoticons
    {0x1F680, 0x1F6FF},  // transport and map symbols
    {0x1F900, 0x1F9FF},  // supplemental pictographs
    {0x20000, 0x2FFFD},  // CJK Unified Ideographs Extensions B–F, compatibility supplement
    {0x30000, 0x3FFFD},  // Extensions G, H
}};

// Characters that take no column of their own: combining marks, joiners, variation
// selectors, Hangul medial/final jamo.
constexpr std::array<Range, 14> kZero{{
    {0x0300, 0x036F},    // combining diacritical marks
    {0x0483, 0x0489},    // Cyrillic combining
    {0x0591, 0x05BD},    // Hebrew points
    {0x1160, 0x11FF},    // Hangul Jamo medial vowels, final consonants
    {0x1AB0, 0x1AFF},    // combining diacritical marks extended
    {0x1DC0, 0x1DFF},    // combining diacritical marks supplement
    {0x200B, 0x200F},    // zero-width space, joiners, direction marks
    {0x2060, 0x2064},    // word joiner, invisible operators
    {0x20D0, 0x20FF},    // combining marks for symbols
    {0x302A, 0x302D},    // ideographic tone marks (inside the wide block above: checked first)
    {0xFE00, 0xFE0F},    // variation selectors
    {0xFE20, 0xFE2F},    // combining half marks
    {0xFEFF, 0xFEFF},    // zero-width no-break space (BOM)
    {0xE0100, 0xE01EF},  // variation selectors supplement
}};

template <std::size_t N>
bool in(const std::array<Range, N>& table, char32_t cp) noexcept {
  auto it = std::upper_bound(table.begin(), table.end(), cp,
                             [](char32_t v, const Range& r) { return v < r.first; });
  if (it == table.begin()) return false;
  --it;
  return cp <= it->last;
}

bool continuation(unsigned char b) noexcept { return (b & 0xC0) == 0x80; }

}  // namespace

char32_t decode(std::string_view s, std::size_t& pos) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[pos + k]); };
  const std::size_t left = s.size() - pos;
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  // RFC 3629 table 3.9: the second byte's range depends on the first, which excludes
  // overlong forms, surrogates and code points above U+10FFFF.
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  }
  if (len == 0 || left < len || byte(1) < lo || byte(1) > hi) {
    ++pos;  // one bad byte, one U+FFFD; the next byte is decoded afresh
    return kReplacement;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if (!continuation(byte(k))) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  pos += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int code_point_width(char32_t cp) noexcept {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;  // controls draw nothing
  if (cp < 0x300) return 1;                                // fast path: ASCII, Latin-1
  if (in(kZero, cp)) return 0;
  if (in(kWide, cp)) return 2;
  return 1;
}

std::size_t display_width(std::string_view text) noexcept {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size();)
    width += static_cast<std::size_t>(code_point_width(decode(text, pos)));
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width,
                              std::string_view ellipsis) {
  if (display_width(text) <= width) return valid_utf8(text);
  const std::size_t room = width >= display_width(ellipsis) ? width - display_width(ellipsis) : 0;
  std::string out;
  std::size_t used = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode(text, pos);
    const auto w = static_cast<std::size_t>(code_point_width(cp));
    if (used + w > room) break;  // a wide character that does not fit is left out whole
    used += w;
    if (cp == kReplacement && text.substr(start, pos - start) != "\uFFFD")
      append_utf8(out, cp);  // never copy an invalid byte
    else
      out.append(text.substr(start, pos - start));
  }
  if (display_width(ellipsis) <= width) out.append(ellipsis);
  return out;
}

std::string pad_right(std::string_view text, std::size_t width) {
  std::string out(text);
  const std::size_t w = display_width(text);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  std::string out(w < width ? width - w : 0, ' ');
  out.append(text);
  return out;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) append_utf8(out, decode(text, pos));
  return out;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = decode(text, pos);
    if (cp == '\n' || cp == '\r' || cp == '\t' || cp == 0x2028 || cp == 0x2029)
      cp = ' ';  // a line break inside a value would forge a line of the report
    else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
      cp = kReplacement;  // ESC and friends: terminal control sequences
    else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
      cp = kReplacement;  // bidirectional overrides would reorder the line as displayed
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace tiaodu::cli

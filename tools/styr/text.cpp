#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace styr::text {

std::optional<std::size_t> find_invalid_utf8(std::string_view text)
{
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Most text is ASCII: skip eight bytes at a time while no high bit is set.
    while (i + 8 <= n) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ull) != 0) {
        break;
      }
      i += 8;
    }
    if (i >= n) {
      break;
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) {
      return i;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        return i;
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

char32_t decode_utf8(std::string_view text, std::size_t& offset)
{
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c < 0x80) {
    ++offset;
    return c;
  }
  std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (len == 1 || offset + len > text.size()) {
    ++offset;
    return 0xFFFD;
  }
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[offset + k]) & 0x3F);
  }
  offset += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp)
{
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

std::size_t length(std::string_view text)
{
  // Every byte but a continuation byte (10xxxxxx) starts a code point; count those eight at
  // a time: bit 7 set where bit 6, shifted up beside it, is not. The marks are summed by a
  // multiplication into the top byte (std::popcount is a library call on baseline x86-64).
  std::size_t continuations = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    const std::uint64_t marks = (word & ~(word << 1) & 0x8080808080808080ull) >> 7;
    continuations += static_cast<std::size_t>((marks * 0x0101010101010101ull) >> 56);
  }
  for (; i < text.size(); ++i) {
    continuations += (text[i] & 0xC0) == 0x80 ? 1 : 0;
  }
  return text.size() - continuations;
}

namespace {

char32_t fold_code_point(char32_t cp)
{
  if (cp >= 'A' && cp <= 'Z') {
    return cp + 32;
  }
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
    return cp + 32;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A pairs upper/lower case as even/odd, with an offset block in the middle.
    const bool odd_block = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_block) {
      return (cp % 2 == 1) ? cp + 1 : cp;
    }
    if (cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
      return (cp % 2 == 0) ? cp + 1 : cp;
    }
  }
  return cp;
}

char32_t ascii_base(char32_t cp)
{
  switch (cp) {
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: return 'a';
    case 0xE6: return 'a';
    case 0xE7: return 'c';
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: return 'e';
    case 0xEC: case 0xED: case 0xEE: case 0xEF: return 'i';
    case 0xF1: return 'n';
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8: return 'o';
    case 0xF9: case 0xFA: case 0xFB: case 0xFC: return 'u';
    case 0xFD: case 0xFF: return 'y';
    default: return cp;
  }
}

}  // namespace

std::string fold_case(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    // Eight ASCII bytes at a time: each of A-Z gains 0x20. Adding 0x3F sets a byte's high bit
    // from 'A' up, adding 0x25 from past 'Z'; below 0x80 no byte carries into the next.
    if (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        const std::uint64_t upper =
          (word + 0x3F3F3F3F3F3F3F3Full) & ~(word + 0x2525252525252525ull) & 0x8080808080808080ull;
        word |= upper >> 2;
        out.append(reinterpret_cast<const char*>(&word), 8);
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
    } else {
      append_utf8(out, fold_code_point(decode_utf8(text, i)));
    }
  }
  return out;
}

std::string_view trim(std::string_view text)
{
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

namespace {

// The Latin-1 letter that an ASCII `base` and a combining `mark` make, or 0.
char32_t composed(char32_t base, char32_t mark)
{
  struct Pair
  {
    char base;
    char32_t mark;
    char32_t lower;
  };
  static constexpr Pair k_pairs[] = {
    {'a', 0x300, 0xE0}, {'e', 0x300, 0xE8}, {'i', 0x300, 0xEC}, {'o', 0x300, 0xF2}, {'u', 0x300, 0xF9},
    {'a', 0x301, 0xE1}, {'e', 0x301, 0xE9}, {'i', 0x301, 0xED}, {'o', 0x301, 0xF3}, {'u', 0x301, 0xFA},
    {'y', 0x301, 0xFD}, {'a', 0x302, 0xE2}, {'e', 0x302, 0xEA}, {'i', 0x302, 0xEE}, {'o', 0x302, 0xF4},
    {'u', 0x302, 0xFB}, {'a', 0x303, 0xE3}, {'n', 0x303, 0xF1}, {'o', 0x303, 0xF5}, {'a', 0x308, 0xE4},
    {'e', 0x308, 0xEB}, {'i', 0x308, 0xEF}, {'o', 0x308, 0xF6}, {'u', 0x308, 0xFC}, {'y', 0x308, 0xFF},
    {'a', 0x30A, 0xE5}, {'c', 0x327, 0xE7},
  };
  const bool upper = base >= 'A' && base <= 'Z';
  const char32_t lower = upper ? base + 32 : base;
  for (const Pair& p : k_pairs) {
    if (static_cast<char32_t>(p.base) == lower && p.mark == mark) {
      return !upper ? p.lower : p.lower == 0xFF ? 0 : p.lower - 32;  // Ÿ is not Latin-1
    }
  }
  return 0;
}

bool is_space_like(char32_t c)
{
  return c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool is_invisible(char32_t c)
{
  return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

// Whether canonical() would change anything: the lead bytes of what it rewrites.
bool may_need_canonical(std::string_view text)
{
  char previous = 0;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b == 0xC2 || b == 0xCC || b == 0xCD || b == 0xE2 || b == 0xE3 || b == 0xEF || c == '\t' ||
        (c == ' ' && previous == ' ')) {
      return true;
    }
    previous = c;
  }
  return false;
}

}  // namespace

std::string canonical(std::string_view text)
{
  if (!may_need_canonical(text) || find_invalid_utf8(text)) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  char32_t last = 0;  // the code point last written
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = decode_utf8(text, i);
    if (is_invisible(c)) {
      continue;
    }
    if (is_space_like(c)) {
      if (last != ' ') {
        out += ' ';
        last = ' ';
      }
      continue;
    }
    if (const char32_t letter = c >= 0x300 && c <= 0x36F && last < 0x80 ? composed(last, c) : 0; letter != 0) {
      out.pop_back();  // the ASCII base letter
      append_utf8(out, letter);
      last = letter;
      continue;
    }
    append_utf8(out, c);
    last = c;
  }
  return out;
}

namespace {

// Code points a terminal would act on or that reorder or break the visible line.
bool unsafe_code_point(char32_t cp)
{
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

// Appends the text with unsafe characters escaped; `also` lists ASCII characters to
// escape with a backslash. True when anything was escaped.
bool append_escaped(std::string& out, std::string_view text, std::string_view also)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  bool escaped = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      if (also.find(static_cast<char>(c)) != std::string_view::npos) {
        out += '\\';
        out += static_cast<char>(c);
        escaped = true;
      } else if (c == '\n' || c == '\t' || c == '\r') {
        out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";
        escaped = true;
      } else if (c < 0x20 || c == 0x7F) {
        out += "\\x";
        out += k_hex[c >> 4];
        out += k_hex[c & 15];
        escaped = true;
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    // A valid sequence is decoded; an invalid byte is shown as \xNN.
    const auto bad = find_invalid_utf8(text.substr(i, std::min<std::size_t>(4, text.size() - i)));
    if (bad && *bad == 0) {
      out += "\\x";
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
      ++i;
      escaped = true;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = decode_utf8(text, i);
    if (unsafe_code_point(cp)) {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(cp));
      escaped = true;
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return escaped;
}

}  // namespace

std::string escape_controls(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text, {});
  return out;
}

std::string quote_path(std::string_view path)
{
  std::string out = "\"";
  if (!append_escaped(out, path, "\"\\")) {
    return std::string(path);
  }
  return out + '"';
}

std::u32string swedish_sort_key(std::string_view text)
{
  std::u32string key;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = fold_code_point(decode_utf8(text, i));
    switch (cp) {
      case U'å': key += U'z' + 1; break;
      case U'ä': case U'æ': key += U'z' + 2; break;
      case U'ö': case U'ø': key += U'z' + 3; break;
      default: key += ascii_base(cp);
    }
  }
  return key;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::u32string x;
  std::u32string y;
  for (std::size_t i = 0; i < a.size();) {
    x += decode_utf8(a, i);
  }
  for (std::size_t i = 0; i < b.size();) {
    y += decode_utf8(b, i);
  }
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

namespace {

// Lower-case ASCII letters and digits, with a hyphen for each run of the other characters
// that `separates` words; the others are dropped.
template <class Separates>
std::string ascii_words(std::string_view text, Separates separates)
{
  std::string out;
  bool dash = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = ascii_base(fold_code_point(decode_utf8(text, i)));
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      if (dash && !out.empty()) {
        out += '-';
      }
      dash = false;
      out += static_cast<char>(cp);
    } else if (separates(cp)) {
      dash = true;
    }
  }
  return out;
}

}  // namespace

std::string slugify(std::string_view text)
{
  return ascii_words(text, [](char32_t) { return true; });
}

std::string anchor(std::string_view text)
{
  return ascii_words(text, [](char32_t c) { return c == ' ' || c == '\t' || c == '-' || c == '_' || c == 0xA0; });
}

namespace {

constexpr std::size_t k_block = 256;

}  // namespace

LineIndex::LineIndex(std::string_view text) : m_text(text)
{
  m_starts.push_back(0);
  for (std::size_t nl = text.find('\n'); nl != std::string_view::npos && nl + 1 < text.size();
       nl = text.find('\n', nl + 1)) {
    m_starts.push_back(nl + 1);
  }
  m_block_chars.reserve(text.size() / k_block + 2);
  std::size_t chars = 0;
  for (std::size_t block = 0; block < text.size(); block += k_block) {
    m_block_chars.push_back(chars);
    chars += length(text.substr(block, k_block));
  }
  m_block_chars.push_back(chars);
}

std::size_t LineIndex::chars_before(std::size_t offset) const
{
  const std::size_t block = offset / k_block;
  return m_block_chars[block] + length(m_text.substr(block * k_block, offset - block * k_block));
}

Position LineIndex::position(std::size_t offset) const
{
  offset = std::min(offset, m_text.size());
  const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  const auto line = static_cast<int>(it - m_starts.begin());
  const std::size_t start = m_starts[static_cast<std::size_t>(line - 1)];
  return Position{line, static_cast<int>(chars_before(offset) - chars_before(start)) + 1};
}

Position LineIndex::from_byte_column(int line, int byte_column) const
{
  if (line < 1 || line > line_count()) {
    return Position{std::max(line, 0), std::max(byte_column, 0)};
  }
  const std::size_t start = m_starts[static_cast<std::size_t>(line - 1)];
  return position(start + static_cast<std::size_t>(std::max(byte_column, 1) - 1));
}

std::size_t LineIndex::line_start(int line) const
{
  if (line < 1) {
    return 0;
  }
  if (line > line_count()) {
    return m_text.size();
  }
  return m_starts[static_cast<std::size_t>(line - 1)];
}

std::string_view LineIndex::line_text(int line) const
{
  if (line < 1 || line > line_count()) {
    return {};
  }
  const std::size_t start = line_start(line);
  std::size_t end = m_text.find('\n', start);
  if (end == std::string_view::npos) {
    end = m_text.size();
  }
  if (end > start && m_text[end - 1] == '\r') {
    --end;
  }
  return m_text.substr(start, end - start);
}

}  // namespace styr::text

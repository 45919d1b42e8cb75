// Text helpers shared by every module: UTF-8, line/column mapping, case folding, slugs.
#pragma once

#include "styr/diagnostic.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr::text {

// Hashes strings as views, so that a hash map of strings (with std::equal_to<>) is looked up
// with a string_view or a literal without making a string.
struct StringHash
{
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Decodes one code point at `offset` (which must start a valid sequence) and advances it.
char32_t decode_utf8(std::string_view text, std::size_t& offset);
void append_utf8(std::string& out, char32_t code_point);

// Number of code points.
std::size_t length(std::string_view text);

// Lower-case for comparisons: ASCII, Latin-1 and Latin Extended-A (å ä ö é ü …).
std::string fold_case(std::string_view text);

std::string_view trim(std::string_view text);

// Text as a reader sees it, for comparing and searching what was pasted from a word
// processor: no-break and other spaces become spaces, runs of them one; soft hyphens and
// zero-width characters go; a Latin letter followed by a combining accent becomes the
// composed Latin-1 letter ("o" + U+0308 -> "ö"), as NFC has it. Lines stay as they are;
// text that is not UTF-8 is returned unchanged.
std::string canonical(std::string_view text);

// Text made safe to print on one line of a terminal: control characters become C escapes
// (\n, \t, \x1b …), and so do bytes that are not UTF-8, C1 controls, line separators and
// bidirectional overrides (\u202e), which could otherwise rewrite or reorder what is shown.
std::string escape_controls(std::string_view text);

// A path for one line of output: as it is when it needs no escape, else quoted in the C
// style as git does, "policies/a\nb.md", so that a quote or backslash in it stays readable.
std::string quote_path(std::string_view path);

// A key that sorts text as a Swedish reader expects: case folded, å, ä and ö (æ, ø) after z,
// other accented letters with their base letter (é with e).
std::u32string swedish_sort_key(std::string_view text);

// Levenshtein distance in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// A lower-case ASCII slug for URLs and anchors: "Roller och ansvar" -> "roller-och-ansvar",
// "Säkerhetskopiering" -> "sakerhetskopiering".
std::string slugify(std::string_view text);

// The anchor of a heading, and of a link's #fragment: like slugify, but other punctuation
// than spaces, hyphens and underscores is dropped rather than made a hyphen, as GitHub and
// GitLab do, so that a link written for a git web interface finds the heading:
// "4.2 Lösenord" and "#42-lösenord" both give "42-losenord".
std::string anchor(std::string_view text);

// Maps byte offsets to 1-based lines and character columns. Lines end at "\n"; a "\r"
// before it belongs to the line.
class LineIndex
{
public:
  explicit LineIndex(std::string_view text);

  Position position(std::size_t offset) const;
  // Converts a line and a 1-based byte column (as cmark and toml++ report them).
  Position from_byte_column(int line, int byte_column) const;
  // Byte offset where `line` starts (1-based); the text size past the last line.
  std::size_t line_start(int line) const;
  int line_count() const { return static_cast<int>(m_starts.size()); }
  std::string_view line_text(int line) const;  // without the line ending

private:
  // Code points before the byte offset, counted from the nearest block start, so that a
  // column costs a short scan even on a megabyte-long line with many links.
  std::size_t chars_before(std::size_t offset) const;

  std::string_view m_text;
  std::vector<std::size_t> m_starts;
  std::vector<std::size_t> m_block_chars;  // code points before each k_block bytes of the text
};

}  // namespace styr::text

// A steering document: Markdown with TOML front matter, loaded from bytes and a path.
// Loading never throws: every problem becomes a positioned diagnostic in `problems`.
#pragma once

#include "styr/diagnostic.hpp"
#include "styr/git.hpp"
#include "styr/toml_text.hpp"

#include <toml++/toml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

// Limits that keep hostile input from exhausting memory or the stack.
inline constexpr std::size_t k_max_document_bytes = 8 * 1024 * 1024;
inline constexpr std::size_t k_max_front_matter_bytes = 256 * 1024;

struct Heading
{
  int level = 0;
  std::string text;
  Position position;
  bool has_content = false;  // any text before the next heading of the same or a higher level
};

struct Link
{
  std::string destination;  // as written, percent-decoded
  Position position;        // of the destination in the source
  bool image = false;
  bool has_text = true;  // a link's text, a picture's description (its alt text), is not empty
};

struct TableRow
{
  Position position;
  // Each cell's plain text; a footnote reference is the text of its note, in parentheses, so
  // that a requirement read from the row keeps what its note adds.
  std::vector<std::string> cells;
};

struct Table
{
  Position position;
  std::vector<std::string> header;
  std::vector<TableRow> rows;
};

struct Document
{
  std::string path;  // relative to the repository root, '/' separated
  std::string text;  // the file's contents without a byte-order mark
  bool bom = false;  // the file started with one
  // Git's id for the bytes as read, set by collect_documents: the decisions name documents
  // by blob, so a document whose blob a decision names need not be read from git again.
  std::optional<git::Oid> blob;

  // The file's bytes as read.
  std::string bytes() const;

  std::optional<toml::table> front_matter;  // absent when missing or invalid; set by set_front_matter
  std::size_t body_offset = 0;              // byte offset where the Markdown body starts
  int body_line = 1;

  std::vector<Heading> headings;  // top-level headings, in order
  // The text of headings inside block quotes, lists and notes: no sections, but places on
  // the page that a link may name.
  std::vector<std::string> inner_headings;
  std::vector<Link> links;
  std::vector<Table> tables;

  Diagnostics problems;  // found while loading

  // Sets the front matter and keeps its id, title and type at hand: they are read for
  // every document in every pass, and a table lookup compares keys one by one.
  void set_front_matter(toml::table table);

  // A string field of the front matter, or empty when missing or not a string.
  std::string_view string_field(std::string_view key) const;
  std::string_view id() const { return m_id; }
  std::string_view title() const { return m_title; }
  std::string_view type() const { return m_type; }
  bool retired() const;

  // Where a key or its value is written; the start of the front matter when absent.
  Position key_position(std::string_view key) const;
  Position value_position(std::string_view key) const;

  // The text with the front matter blanked out, so that Markdown lines match file lines.
  std::string markdown_source() const;

private:
  std::string m_id;
  std::string m_title;
  std::string m_type;
};

// What to load: the front matter alone is enough for status and the ledger, and skips the
// Markdown parse that dominates loading.
enum class Parts { front_matter, all };

Document load_document(std::string path, std::string bytes, Parts parts = Parts::all);

// A loaded document as a cache entry, and back. Only the front matter is parsed again on
// the way back; the Markdown body, the costly part, is not. Null when `entry` is damaged.
std::string save_document(const Document& doc);
std::optional<Document> restore_document(std::string path, std::string_view entry);

// Percent-decodes a URL path ("s%C3%A4k.md" -> "säk.md").
std::string percent_decode(std::string_view text);

}  // namespace styr

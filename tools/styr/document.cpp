#include "styr/document.hpp"

#include "styr/markdown.hpp"
#include "styr/record.hpp"
#include "styr/text.hpp"
#include "styr/toml_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace styr {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_fence = "+++";

// The line starting at `offset` without its ending, and the offset of the next line.
std::string_view line_at(std::string_view text, std::size_t offset, std::size_t& next)
{
  std::size_t end = text.find('\n', offset);
  next = end == std::string_view::npos ? text.size() : end + 1;
  if (end == std::string_view::npos) {
    end = text.size();
  }
  std::string_view line = text.substr(offset, end - offset);
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line;
}

class Loader
{
public:
  Loader(Document& doc) : m_doc(doc) {}

  // The front matter of a restored document, whose problems are already known.
  void reparse_front_matter()
  {
    Diagnostics known = std::move(m_doc.problems);
    if (split_front_matter()) {
      parse_front_matter();
    }
    m_doc.problems = std::move(known);
  }

  void run(Parts parts)
  {
    if (!check_encoding()) {
      return;
    }
    if (!split_front_matter()) {
      return;
    }
    parse_front_matter();
    if (parts == Parts::all) {
      parse_body();
    }
  }

private:
  const text::LineIndex& lines()
  {
    if (!m_lines) {
      m_lines.emplace(m_doc.text);
    }
    return *m_lines;
  }

  void report(Position pos, std::string_view rule, std::string message, std::string hint = {})
  {
    m_doc.problems.push_back(make_diagnostic(m_doc.path, pos, rule, std::move(message), std::move(hint)));
  }

  bool check_encoding()
  {
    const std::string_view text = m_doc.text;
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
      report(lines().position(nul), "encoding", "the file contains a NUL byte; it is not a text file");
      return false;
    }
    if (const auto bad = text::find_invalid_utf8(text)) {
      report(lines().position(*bad), "encoding",
             fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                         static_cast<unsigned char>(text[*bad])));
      return false;
    }
    // A lone CR anywhere, even after CRLF lines: Markdown ends a line there and the file's
    // lines do not, so positions would point past them.
    for (auto cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1)) {
      if (cr + 1 == text.size() || text[cr + 1] != '\n') {
        report(lines().position(cr), "encoding",
               "the file uses CR line endings; use LF or CRLF");
        return false;
      }
    }
    return true;
  }

  bool split_front_matter()
  {
    const std::string_view text = m_doc.text;
    std::size_t next = 0;
    if (text.empty() || line_at(text, 0, next) != k_fence) {
      report(Position{1, 1}, "front-matter-missing",
             "the document must start with a line \"+++\" that opens the TOML front matter");
      return false;
    }
    m_front_start = next;
    for (std::size_t offset = next; offset < text.size();) {
      const std::size_t line_offset = offset;
      if (line_at(text, offset, next) == k_fence) {
        m_front_end = line_offset;
        m_doc.body_offset = next;
        m_doc.body_line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(line_offset), '\n')) + 2;
        return true;
      }
      offset = next;
    }
    report(Position{1, 1}, "front-matter-unterminated",
           "the front matter opened on line 1 has no closing \"+++\" line");
    return false;
  }

  void parse_front_matter()
  {
    if (m_front_end - m_front_start > k_max_front_matter_bytes) {
      report(Position{2, 1}, "front-matter-syntax",
             fmt::format("the front matter is larger than {} KiB", k_max_front_matter_bytes / 1024));
      return;
    }
    // Blank the opening line so that toml++ counts lines of the whole file.
    std::string toml(m_front_start - 1, ' ');
    toml += '\n';
    toml.append(m_doc.text, m_front_start, m_front_end - m_front_start);
    // No source path: toml++ would give every key and value a reference to it, counted
    // atomically, and positions are reported against the document anyway.
    auto parsed = parse_toml(toml, "");
    if (!parsed) {
      const Position pos = parsed.error().position.line > 1 ? parsed.error().position : Position{2, 1};
      report(pos, "front-matter-syntax", parsed.error().message, parsed.error().hint);
      return;
    }
    m_doc.set_front_matter(std::move(*parsed));
  }

  void parse_body()
  {
    const Markdown markdown = Markdown::parse(m_doc.markdown_source());
    if (const auto& refusal = markdown.refusal()) {
      report(Position{refusal->line > 0 ? refusal->line : m_doc.body_line, 1}, "file-unreadable", refusal->message);
      return;
    }
    collect_outline(markdown.root());
    for (MarkdownNode block = markdown.root().first_child(); block; block = block.next()) {
      if (block.kind() == NodeKind::footnote_definition) {
        m_notes.push_back(block);  // the last blocks, in the order of their numbers
      }
    }
    markdown.walk([&](MarkdownNode node, bool entering) {
      if (!entering) {
        return;
      }
      if (node.kind() == NodeKind::link || node.kind() == NodeKind::image) {
        add_link(node);
      } else if (node.kind() == NodeKind::table) {
        add_table(node);
      } else if (node.kind() == NodeKind::heading && node.parent() != markdown.root()) {
        m_doc.inner_headings.emplace_back(text::trim(node.plain_text()));
      }
    });
    m_notes.clear();
  }

  // An HTML block of nothing but comments, such as a template's "<!-- Beskriv … -->".
  static bool only_comments(MarkdownNode block)
  {
    if (block.kind() != NodeKind::html_block) {
      return false;
    }
    std::string_view rest = text::trim(block.literal());
    while (rest.starts_with("<!--")) {
      const std::size_t end = rest.find("-->", 4);
      if (end == std::string_view::npos) {
        return false;
      }
      rest = text::trim(rest.substr(end + 3));
    }
    return rest.empty();
  }

  void collect_outline(MarkdownNode root)
  {
    for (MarkdownNode block = root.first_child(); block; block = block.next()) {
      if (block.kind() == NodeKind::footnote_definition) {
        break;  // moved after the text by the parser: no part of the last section
      }
      if (block.kind() == NodeKind::heading) {
        m_doc.headings.push_back(Heading{block.heading_level(), std::string(text::trim(block.plain_text())),
                                         position(block), false});
        continue;
      }
      if (!m_doc.headings.empty() && !only_comments(block)) {
        m_doc.headings.back().has_content = true;
      }
    }
    // A heading's content ends at the next heading of the same or a higher level; a
    // subsection's text belongs to its parents too.
    for (std::size_t i = m_doc.headings.size(); i-- > 0;) {
      Heading& h = m_doc.headings[i];
      for (std::size_t j = i + 1; j < m_doc.headings.size() && m_doc.headings[j].level > h.level; ++j) {
        h.has_content = h.has_content || m_doc.headings[j].has_content;
      }
    }
  }

  Position position(MarkdownNode node)
  {
    return lines().from_byte_column(node.start_line(), node.start_column());
  }

  MarkdownNode enclosing_block(MarkdownNode node) const
  {
    while (node && !node.is_block()) {
      node = node.parent();
    }
    return node;
  }

  void add_link(MarkdownNode node)
  {
    Link link{percent_decode(node.url()), {}, node.kind() == NodeKind::image,
              !text::trim(node.plain_text()).empty()};
    const MarkdownNode block = enclosing_block(node);
    link.position = block ? position(block) : Position{m_doc.body_line, 1};
    if (block && !link.destination.empty()) {
      // Inline positions from cmark are unreliable: find the destination in the text, as
      // "](dest" in the block, else in a reference definition "[x]: dest", else anywhere
      // in the block.
      const std::size_t from = lines().line_start(block.start_line());
      const std::size_t to = lines().line_start(block.end_line() + 1);
      std::optional<std::size_t> found;
      for (const std::string_view needle : {node.url(), std::string_view(link.destination)}) {
        found = find_inline_destination(from, to, needle);
        found = found ? found : find_reference_definition(needle);
        if (found) {
          break;
        }
      }
      for (const std::string_view needle : {node.url(), std::string_view(link.destination)}) {
        found = found ? found : find_in_block(from, to, needle, {});
      }
      if (found) {
        link.position = lines().position(*found);
      }
    }
    m_doc.links.push_back(std::move(link));
  }

  // The offset of the next `needle` in the block [from, to) that follows `prefix`, after
  // the ones earlier links of the block took; the search restarts at the block's start
  // when nothing is left after them.
  std::optional<std::size_t> find_in_block(std::size_t from, std::size_t to, std::string_view needle,
                                           std::string_view prefix)
  {
    const std::string_view block = std::string_view(m_doc.text).substr(from, to - from);
    const std::string pattern = std::string(prefix) + std::string(needle);
    std::size_t& next = m_link_search[from];
    std::size_t at = block.find(pattern, next);
    if (at == std::string_view::npos) {
      at = block.find(pattern);
    }
    if (at == std::string_view::npos) {
      return std::nullopt;
    }
    next = at + pattern.size();
    return from + at + prefix.size();
  }

  std::optional<std::size_t> find_inline_destination(std::size_t from, std::size_t to, std::string_view needle)
  {
    for (const std::string_view prefix : {"](", "](<", "]( ", "](\t"}) {
      if (auto at = find_in_block(from, to, needle, prefix)) {
        return at;
      }
    }
    return std::nullopt;
  }

  // A line "[label]: dest" (up to three spaces of indent, `dest` perhaps in <>) in the body.
  std::optional<std::size_t> find_reference_definition(std::string_view needle)
  {
    const auto [known, inserted] = m_definitions.try_emplace(std::string(needle));
    if (inserted) {
      known->second = search_reference_definition(needle);
    }
    return known->second;
  }

  std::optional<std::size_t> search_reference_definition(std::string_view needle) const
  {
    const std::string_view text = m_doc.text;
    for (std::size_t at = text.find(needle, m_front_end); at != std::string_view::npos;
         at = text.find(needle, at + 1)) {
      std::size_t before = at;
      if (before > 0 && text[before - 1] == '<') {
        --before;
      }
      while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) {
        --before;
      }
      if (before >= 2 && text.substr(before - 2, 2) == "]:") {
        return at;
      }
    }
    return std::nullopt;
  }

  void add_table(MarkdownNode node)
  {
    Table table{position(node), {}, {}};
    for (MarkdownNode row = node.first_child(); row; row = row.next()) {
      std::vector<std::string> cells;
      for (MarkdownNode cell = row.first_child(); cell; cell = cell.next()) {
        cells.emplace_back(text::trim(cell.plain_text([this](std::string& text, int number) {
          add_note(text, number);
        })));
      }
      if (row.header_row()) {
        table.header = std::move(cells);
      } else {
        table.rows.push_back(TableRow{position(row), std::move(cells)});
      }
    }
    m_doc.tables.push_back(std::move(table));
  }

  // A footnote's text in parentheses, where a table cell refers to it.
  void add_note(std::string& text, int number) const
  {
    if (number < 1 || static_cast<std::size_t>(number) > m_notes.size()) {
      return;
    }
    const std::string note(text::trim(m_notes[static_cast<std::size_t>(number - 1)].plain_text()));
    if (!note.empty()) {
      text += text.empty() || text.back() == ' ' ? "(" : " (";
      text += note;
      text += ')';
    }
  }

  Document& m_doc;
  std::vector<MarkdownNode> m_notes;  // the footnote definitions, valid while the body is parsed
  std::optional<text::LineIndex> m_lines;  // built when a position is first needed
  std::size_t m_front_start = 0;
  std::size_t m_front_end = 0;
  std::unordered_map<std::size_t, std::size_t> m_link_search;  // block start -> next search offset
  std::unordered_map<std::string, std::optional<std::size_t>> m_definitions;  // destination -> its definition
};

}  // namespace

std::string percent_decode(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex(text[i + 1]);
      const int lo = hex(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

void Document::set_front_matter(toml::table table)
{
  front_matter = std::move(table);
  m_id = string_field("id");
  m_title = string_field("title");
  m_type = string_field("type");
}

std::string_view Document::string_field(std::string_view key) const
{
  if (!front_matter) {
    return {};
  }
  if (const auto* value = front_matter->get_as<std::string>(key)) {
    return value->get();
  }
  return {};
}

bool Document::retired() const
{
  if (!front_matter) {
    return false;
  }
  const auto* value = front_matter->get_as<bool>("retired");
  return value != nullptr && value->get();
}

Position Document::key_position(std::string_view key) const
{
  if (front_matter) {
    const auto it = front_matter->find(key);
    if (it != front_matter->end()) {
      return position_of(it->first.source());
    }
  }
  return Position{1, 1};
}

Position Document::value_position(std::string_view key) const
{
  if (front_matter) {
    if (const toml::node* node = front_matter->get(key)) {
      return position_of(node->source());
    }
  }
  return Position{1, 1};
}

std::string Document::bytes() const
{
  return bom ? std::string(k_bom) + text : text;
}

std::string Document::markdown_source() const
{
  std::string source = text;
  for (std::size_t i = 0; i < body_offset && i < source.size(); ++i) {
    if (source[i] != '\n' && source[i] != '\r') {
      source[i] = ' ';
    }
  }
  return source;
}

Document load_document(std::string path, std::string bytes, Parts parts)
{
  Document doc;
  doc.path = std::move(path);
  if (std::string_view(bytes).starts_with(k_bom)) {
    bytes.erase(0, k_bom.size());
    doc.bom = true;
  }
  doc.text = std::move(bytes);
  Loader(doc).run(parts);
  return doc;
}

namespace {

void save_position(RecordWriter& out, Position p)
{
  out.number(p.line).number(p.column);
}

Position restore_position(RecordReader& in)
{
  const auto line = static_cast<int>(in.number());
  return Position{line, static_cast<int>(in.number())};
}

void save_cells(RecordWriter& out, const std::vector<std::string>& cells)
{
  out.number(static_cast<std::int64_t>(cells.size()));
  for (const std::string& cell : cells) {
    out.text(cell);
  }
}

std::vector<std::string> restore_cells(RecordReader& in)
{
  std::vector<std::string> cells;
  for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
    cells.push_back(in.text());
  }
  return cells;
}

}  // namespace

std::string save_document(const Document& doc)
{
  RecordWriter out(doc.text.size() + 256);
  out.text(doc.text).number(doc.bom).number(doc.front_matter.has_value());
  out.number(static_cast<std::int64_t>(doc.body_offset)).number(doc.body_line);
  out.number(static_cast<std::int64_t>(doc.headings.size()));
  for (const Heading& h : doc.headings) {
    out.number(h.level).text(h.text).number(h.has_content);
    save_position(out, h.position);
  }
  save_cells(out, doc.inner_headings);
  out.number(static_cast<std::int64_t>(doc.links.size()));
  for (const Link& l : doc.links) {
    out.text(l.destination).number(l.image).number(l.has_text);
    save_position(out, l.position);
  }
  out.number(static_cast<std::int64_t>(doc.tables.size()));
  for (const Table& t : doc.tables) {
    save_position(out, t.position);
    save_cells(out, t.header);
    out.number(static_cast<std::int64_t>(t.rows.size()));
    for (const TableRow& row : t.rows) {
      save_position(out, row.position);
      save_cells(out, row.cells);
    }
  }
  out.number(static_cast<std::int64_t>(doc.problems.size()));
  for (const Diagnostic& d : doc.problems) {
    save_position(out, d.position);
    out.number(d.severity == Severity::error).text(d.rule).text(d.message).text(d.hint);
  }
  return out.take();
}

std::optional<Document> restore_document(std::string path, std::string_view entry)
{
  RecordReader in(entry);
  Document doc;
  doc.path = std::move(path);
  doc.text = in.text();
  doc.bom = in.number() != 0;
  const bool front_matter = in.number() != 0;
  const std::int64_t body_offset = in.number();
  doc.body_line = static_cast<int>(in.number());
  for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
    Heading h;
    h.level = static_cast<int>(in.number());
    h.text = in.text();
    h.has_content = in.number() != 0;
    h.position = restore_position(in);
    doc.headings.push_back(std::move(h));
  }
  doc.inner_headings = restore_cells(in);
  for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
    Link l;
    l.destination = in.text();
    l.image = in.number() != 0;
    l.has_text = in.number() != 0;
    l.position = restore_position(in);
    doc.links.push_back(std::move(l));
  }
  for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
    Table t;
    t.position = restore_position(in);
    t.header = restore_cells(in);
    for (std::int64_t rows = in.number(); rows > 0 && in.ok(); --rows) {
      const Position position = restore_position(in);
      t.rows.push_back(TableRow{position, restore_cells(in)});
    }
    doc.tables.push_back(std::move(t));
  }
  for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
    Diagnostic d;
    d.path = doc.path;
    d.position = restore_position(in);
    d.severity = in.number() != 0 ? Severity::error : Severity::warning;
    d.rule = in.text();
    d.message = in.text();
    d.hint = in.text();
    doc.problems.push_back(std::move(d));
  }
  if (!in.done() || body_offset < 0 || static_cast<std::size_t>(body_offset) > doc.text.size()) {
    return std::nullopt;
  }
  doc.body_offset = static_cast<std::size_t>(body_offset);
  if (front_matter) {
    Loader(doc).reparse_front_matter();
    if (!doc.front_matter) {
      return std::nullopt;  // not what was saved
    }
  }
  return doc;
}

}  // namespace styr

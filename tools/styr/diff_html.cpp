#include "styr/diff_html.hpp"

#include "styr/render.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace styr {

namespace {

// Unchanged blocks shown before and after a change.
constexpr std::size_t k_diff_context = 1;

// The table a front-matter line opens ("[[action]]" -> "action"), or empty.
std::string table_name(std::string_view line)
{
  std::string name;
  for (const char c : line) {
    if (c != '[' && c != ']' && c != ' ') {
      name += c;
    }
  }
  return line.starts_with('[') ? name : std::string();
}

// Words of the interface that a value may show instead of what is written.
struct ValueWords
{
  std::string yes;
  std::string no;
  std::string not_published;  // put in place of an id the site may not name (SiteBuilder::diff_blocks)
};

// What a value shows besides numbers and dates.
struct ValueKinds
{
  bool text = false;   // a string of the document's
  bool words = false;  // a word of the interface
};

// A TOML value on one line as a reader writes it: "IT-chef" as IT-chef, ["a", "b"] as
// a, b, true and false as the labels `yes` and `no`. Anything else is left as written.
std::string readable_value(std::string_view value, const ValueWords& words, ValueKinds& kinds)
{
  value = text::trim(value);
  if (value == "true" || value == "false") {
    kinds.words = true;
    return value == "true" ? words.yes : words.no;
  }
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
    std::vector<std::string> items;
    std::string_view rest = value.substr(1, value.size() - 2);
    while (!text::trim(rest).empty()) {
      rest = text::trim(rest);
      // An item ends at the first comma outside quotes.
      std::size_t end = 0;
      for (bool quoted = false; end < rest.size() && (quoted || rest[end] != ','); ++end) {
        if (rest[end] == '\\' && quoted) {
          ++end;
        } else if (rest[end] == '"') {
          quoted = !quoted;
        }
      }
      items.push_back(readable_value(rest.substr(0, std::min(end, rest.size())), words, kinds));
      rest = end < rest.size() ? rest.substr(end + 1) : std::string_view();
    }
    return fmt::format("{}", fmt::join(items, ", "));
  }
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < value.size(); ++i) {
      if (value[i] == '\\' && i + 2 < value.size() && (value[i + 1] == '"' || value[i + 1] == '\\')) {
        ++i;
      }
      out += value[i];
    }
    (out == words.not_published ? kinds.words : kinds.text) = true;
    return out;
  }
  return std::string(value);
}

// A front-matter line as the diff shows it.
struct ShownField
{
  std::string label;
  std::string value;
  ValueKinds kinds;
};

// Front-matter lines by the labels of their fields, in the interface's language: the theme's
// ("fields.owner", and "fields.action.state" inside [[action]]), else the schema's. A value
// the schema allows from a list is named by the theme's "values.<value>" when it has one.
class FieldLabels
{
public:
  FieldLabels(const Schema& schema, const Theme& theme)
      : m_schema(schema), m_theme(theme),
        m_words{theme.label("value_true"), theme.label("value_false"), theme.label("not_published")}
  {
  }

  // The label and readable value of a front-matter line inside `table` ("" outside any
  // [[table]]). A line of a multi-line array is its item alone, without a label; the line
  // that opens a [[table]] is a label without a value.
  ShownField of(const std::string& line, std::string_view table) const
  {
    if (const std::string opened = table_name(line); !opened.empty()) {
      return {label(opened, "", find(opened, "")), {}, {}};
    }
    const std::size_t eq = line.find('=');
    ShownField shown;
    if (eq == std::string::npos) {
      std::string_view item = text::trim(line);
      if (item.ends_with(',')) {
        item.remove_suffix(1);
      }
      shown.value = readable_value(item, m_words, shown.kinds);
      return shown;
    }
    const std::string key(text::trim(std::string_view(line).substr(0, eq)));
    shown.value = readable_value(std::string_view(line).substr(eq + 1), m_words, shown.kinds);
    const FieldSpec* f = find(key, table);
    if (f != nullptr && std::find(f->allowed.begin(), f->allowed.end(), shown.value) != f->allowed.end()) {
      if (const auto it = m_theme.labels.find("values." + shown.value); it != m_theme.labels.end()) {
        shown.value = it->second;
        shown.kinds = {false, true};
      }
    }
    shown.label = label(key, table, f);
    return shown;
  }

private:
  std::string label(std::string_view name, std::string_view table, const FieldSpec* f) const
  {
    const std::string key = table.empty() ? fmt::format("fields.{}", name) : fmt::format("fields.{}.{}", table, name);
    if (const auto it = m_theme.labels.find(key); it != m_theme.labels.end()) {
      return it->second;
    }
    return f != nullptr && !f->label.empty() ? f->label : std::string(name);
  }

  // A field by name: a common one or a type's; within a [[table]] of the front matter (an
  // action plan's [[action]]), one of that table's fields.
  const FieldSpec* find(std::string_view name, std::string_view table) const
  {
    const auto in = [&](const std::vector<FieldSpec>& fields) -> const FieldSpec* {
      const auto it = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == name; });
      return it != fields.end() ? &*it : nullptr;
    };
    if (!table.empty()) {
      for (const DocumentType& t : m_schema.types) {
        for (const FieldSpec& f : t.fields) {
          if (f.name == table) {
            return in(f.fields);
          }
        }
      }
      return nullptr;
    }
    if (const FieldSpec* f = in(m_schema.fields)) {
      return f;
    }
    for (const DocumentType& t : m_schema.types) {
      if (const FieldSpec* f = in(t.fields)) {
        return f;
      }
    }
    return nullptr;
  }

  const Schema& m_schema;
  const Theme& m_theme;
  ValueWords m_words;
};

// Per block: the [[table]] of the front matter it lies in, and the block that opens it.
struct TableOfBlocks
{
  std::vector<std::string> names;
  std::vector<std::optional<std::size_t>> starts;
};

TableOfBlocks tables_of(const textdiff::Diff& diff)
{
  const std::size_t n = diff.blocks.size();
  TableOfBlocks t{std::vector<std::string>(n), std::vector<std::optional<std::size_t>>(n)};
  std::string current;
  std::optional<std::size_t> start;
  for (std::size_t i = 0; i < n; ++i) {
    const textdiff::BlockChange& b = diff.blocks[i];
    const textdiff::Block& block = b.change == textdiff::Change::removed ? b.before : b.after;
    if (block.kind != textdiff::BlockKind::field) {
      current.clear();
      start.reset();
      continue;
    }
    if (const std::string opened = table_name(block.source); !opened.empty()) {
      current = opened;
      start = i;
      continue;
    }
    t.names[i] = current;
    t.starts[i] = start;
  }
  return t;
}

// Which blocks are shown: each change with its context, the heading of its section (a note
// has none), and for a change in a front-matter table, the entry's opening line, id and title.
std::vector<bool> blocks_shown(const textdiff::Diff& diff, const TableOfBlocks& tables)
{
  const std::size_t n = diff.blocks.size();
  std::vector<bool> show(n, false);
  std::optional<std::size_t> heading;  // the last heading before the block
  for (std::size_t i = 0; i < n; ++i) {
    const textdiff::BlockChange& b = diff.blocks[i];
    if (b.change != textdiff::Change::unchanged) {
      for (std::size_t k = i >= k_diff_context ? i - k_diff_context : 0; k < n && k <= i + k_diff_context; ++k) {
        show[k] = true;
      }
      // The notes follow the last section but are not part of it.
      const textdiff::Block& block = b.change == textdiff::Change::removed ? b.before : b.after;
      if (heading && block.kind != textdiff::BlockKind::footnote) {
        show[*heading] = true;
      }
      if (const auto start = tables.starts[i]) {
        show[*start] = true;
        for (std::size_t k = *start + 1; k < n && tables.starts[k] == start; ++k) {
          const auto key = text::trim(std::string_view(diff.blocks[k].after.source).substr(
            0, diff.blocks[k].after.source.find('=')));
          if (key == "id" || key == "title") {
            show[k] = true;
          }
        }
      }
    }
    if (b.after.kind == textdiff::BlockKind::heading && b.change != textdiff::Change::removed) {
      heading = i;
    }
  }
  return show;
}

std::string_view kind_class(textdiff::BlockKind k)
{
  switch (k) {
    case textdiff::BlockKind::field: return "field";
    case textdiff::BlockKind::heading: return "heading";
    case textdiff::BlockKind::paragraph: return "paragraph";
    case textdiff::BlockKind::list_item: return "item";
    case textdiff::BlockKind::table_row: return "row";
    case textdiff::BlockKind::code: return "code";
    case textdiff::BlockKind::quote: return "quote";
    case textdiff::BlockKind::footnote: return "footnote";
    case textdiff::BlockKind::other: break;
  }
  return "other";
}

// Writes the shown blocks in order: skipped runs as one line, consecutive added (or
// removed) blocks in one box with one label.
class DiffWriter
{
public:
  DiffWriter(const textdiff::Diff& diff, const Schema& schema, const Theme& theme)
      : m_diff(diff), m_fields(schema, theme), m_theme(theme), m_tables(tables_of(diff)),
        m_text_lang(text_lang_attribute(theme.language)),
        // Inside the document's text, the interface's words keep the interface's language.
        m_words_lang(m_text_lang.empty() ? std::string() : fmt::format(" lang=\"{}\"", theme.language)),
        m_ins_open(fmt::format("<ins><span class=\"visually-hidden\"{}>{} </span>", m_words_lang,
                               html_escape(l("diff_added_words")))),
        m_del_open(fmt::format("<del><span class=\"visually-hidden\"{}>{} </span>", m_words_lang,
                               html_escape(l("diff_removed_words"))))
  {
  }

  std::string write()
  {
    std::size_t added = 0;
    std::size_t removed = 0;
    std::size_t modified = 0;
    for (const textdiff::BlockChange& b : m_diff.blocks) {
      added += b.change == textdiff::Change::added ? 1 : 0;
      removed += b.change == textdiff::Change::removed ? 1 : 0;
      modified += b.change == textdiff::Change::modified ? 1 : 0;
    }
    m_out = "<div class=\"diff\">\n";
    if (added + removed + modified == 0) {
      m_out += "<p class=\"diff-none\">" + html_escape(l("diff_no_changes")) + "</p>\n</div>\n";
      return std::move(m_out);
    }
    // "3 ändrade", but "1 tillagt".
    const auto count = [&](std::size_t n, std::string_view label) {
      return fmt::format("{} {}", n, html_escape(m_theme.label(label, n)));
    };
    m_out += fmt::format("<p class=\"diff-summary\">{}: {}, {}, {}.</p>\n", html_escape(l("diff_summary")),
                         count(modified, "diff_count_modified"), count(added, "diff_count_added"),
                         count(removed, "diff_count_removed"));
    const std::vector<bool> show = blocks_shown(m_diff, m_tables);
    for (std::size_t i = 0; i < show.size(); ++i) {
      if (show[i]) {
        flush_skipped();
        block(i);
      } else {
        ++m_skipped;
      }
    }
    close_group();
    flush_skipped();
    m_out += "</div>\n";
    return std::move(m_out);
  }

private:
  const std::string& l(std::string_view key) const { return m_theme.label(key); }

  void block(std::size_t i)
  {
    const textdiff::BlockChange& b = m_diff.blocks[i];
    const textdiff::Block& block = b.change == textdiff::Change::removed ? b.before : b.after;
    const bool field = block.kind == textdiff::BlockKind::field;
    // A field's line is labelled in the interface's language; the rest is the document's text.
    const std::string attributes =
      fmt::format("class=\"diff-{}{}\"{}", kind_class(block.kind),
                  block.kind == textdiff::BlockKind::heading ? fmt::format(" diff-h{}", block.level) : "",
                  field ? "" : m_text_lang);
    if (m_group && b.change != *m_group) {
      close_group();
    }
    switch (b.change) {
      case textdiff::Change::unchanged:
        m_out += fmt::format("<div class=\"diff-block diff-unchanged\"><p {}>{}</p></div>\n", attributes,
                             shown(block, i));
        break;
      case textdiff::Change::added:
        m_group = b.change;
        m_grouped.push_back(fmt::format("<p {}><ins>{}</ins></p>\n", attributes, shown(block, i)));
        break;
      case textdiff::Change::removed:
        m_group = b.change;
        m_grouped.push_back(fmt::format("<p {}><del>{}</del></p>\n", attributes, shown(block, i)));
        break;
      case textdiff::Change::modified: {
        std::string body;
        if (field) {
          const ShownField before = m_fields.of(b.before.source, m_tables.names[i]);
          const ShownField after = m_fields.of(b.after.source, m_tables.names[i]);
          body = labelled(before.label, words(textdiff::diff_words(before.value, after.value)),
                          before.kinds.text && after.kinds.text && !before.kinds.words && !after.kinds.words);
        } else {
          body = words(b.words);
          if (std::none_of(b.words.begin(), b.words.end(),
                           [](const textdiff::Segment& s) { return s.op != textdiff::Op::equal; })) {
            body += fmt::format(" <span class=\"diff-note\"{}>({})</span>", m_words_lang,
                                html_escape(l("diff_format_only")));
          }
        }
        m_out += fmt::format(
          "<div class=\"diff-block diff-modified\"><p class=\"diff-tag\">{}</p><p {}>{}</p></div>\n",
          html_escape(l("diff_modified_block")), attributes, body);
        break;
      }
    }
  }

  // A block's text as shown: a field as "Label: value", anything else as its plain text.
  std::string shown(const textdiff::Block& b, std::size_t i) const
  {
    if (b.kind == textdiff::BlockKind::field) {
      const ShownField f = m_fields.of(b.source, m_tables.names[i]);
      return labelled(f.label, html_escape(f.value), f.kinds.text && !f.kinds.words);
    }
    return html_escape(b.text);
  }

  // "Label: value" (either may be empty), the value marked as the document's text when it is
  // (a string, not a word of the interface, nor a number or a date alone).
  std::string labelled(const std::string& label, const std::string& value_html, bool text) const
  {
    std::string out = html_escape(label);
    if (value_html.empty()) {
      return out;
    }
    if (!out.empty()) {
      out += ": ";
    }
    return out + (!text || m_text_lang.empty() ? value_html
                                               : fmt::format("<span{}>{}</span>", m_text_lang, value_html));
  }

  std::string words(const std::vector<textdiff::Segment>& segments) const
  {
    std::string out;
    std::optional<textdiff::Op> previous;
    for (const textdiff::Segment& s : segments) {
      switch (s.op) {
        case textdiff::Op::equal: out += html_escape(s.text); break;
        case textdiff::Op::removed: out += m_del_open + html_escape(s.text) + "</del>"; break;
        case textdiff::Op::added:
          // Replaced text: a space keeps "pågår" and "klar" two words, also as plain text.
          out += (previous == textdiff::Op::removed ? " " : "") + m_ins_open + html_escape(s.text) + "</ins>";
          break;
      }
      previous = s.op;
    }
    return out;
  }

  void close_group()
  {
    if (!m_group) {
      return;
    }
    const bool added = *m_group == textdiff::Change::added;
    const std::string& label = m_grouped.size() == 1 ? l(added ? "diff_added_block" : "diff_removed_block")
                                                     : l(added ? "diff_added_blocks" : "diff_removed_blocks");
    m_out += fmt::format("<div class=\"diff-block {}\"><p class=\"diff-tag\">{}</p>\n",
                         added ? "diff-added" : "diff-removed", html_escape(label));
    for (const std::string& p : m_grouped) {
      m_out += p;
    }
    m_out += "</div>\n";
    m_group.reset();
    m_grouped.clear();
  }

  void flush_skipped()
  {
    if (m_skipped > 0) {
      close_group();
      m_out += fmt::format("<p class=\"diff-skip\">… {} {} …</p>\n", m_skipped,
                           html_escape(l(m_skipped == 1 ? "diff_unchanged_block" : "diff_unchanged_blocks")));
      m_skipped = 0;
    }
  }

  const textdiff::Diff& m_diff;
  const FieldLabels m_fields;
  const Theme& m_theme;
  const TableOfBlocks m_tables;
  const std::string m_text_lang;   // ` lang="sv"` on the document's text, or empty
  const std::string m_words_lang;  // ` lang="en"` on the interface's words inside it, or empty
  const std::string m_ins_open;
  const std::string m_del_open;
  std::string m_out;
  std::size_t m_skipped = 0;
  std::optional<textdiff::Change> m_group;  // of the open box of added or removed blocks
  std::vector<std::string> m_grouped;
};

}  // namespace

std::string diff_html(const textdiff::Diff& diff, const Schema& schema, const Theme& theme)
{
  return DiffWriter(diff, schema, theme).write();
}

}  // namespace styr

#include "styr/render.hpp"

#include "styr/config.hpp"
#include "styr/document.hpp"
#include "styr/markdown.hpp"
#include "styr/requirements.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace styr {

namespace {

bool is_url_space(char c)
{
  return static_cast<unsigned char>(c) <= 0x20;
}

std::string_view alignment(Alignment a)
{
  switch (a) {
    case Alignment::left: return "align-left";
    case Alignment::center: return "align-center";
    case Alignment::right: return "align-right";
    case Alignment::none: break;
  }
  return "";
}

// The class attribute of a cell: its alignment, and whether it holds a requirement's id.
std::string cell_class(Alignment a, bool requirement_id)
{
  const std::string_view align = alignment(a);
  const std::string_view id = requirement_id ? "requirement-id" : "";
  if (align.empty() && id.empty()) {
    return {};
  }
  return fmt::format(" class=\"{}{}{}\"", align, !align.empty() && !id.empty() ? " " : "", id);
}

// A comment or a line break written as HTML; anything else is shown as text.
enum class RawHtml { comment, line_break, other };

RawHtml classify_raw_html(std::string_view html)
{
  const std::string_view t = text::trim(html);
  if (t.starts_with("<!--")) {
    return RawHtml::comment;
  }
  const std::string folded = text::fold_case(t);
  if (folded == "<br>" || folded == "<br/>" || folded == "<br />") {
    return RawHtml::line_break;
  }
  return RawHtml::other;
}

class Renderer
{
public:
  explicit Renderer(const RenderOptions& options) : m_options(options), m_used_ids(options.reserved_ids) {}

  RenderedMarkdown run(const Markdown& markdown)
  {
    const MarkdownNode first = markdown.root().first_child();
    if (first && first.kind() == NodeKind::heading && first.heading_level() == 1 && !m_options.title.empty() &&
        text::trim(text::canonical(first.plain_text())) == text::trim(text::canonical(m_options.title))) {
      m_skipped_title = first;
    }
    for (MarkdownNode block = first; block; block = block.next()) {
      if (block.kind() == NodeKind::footnote_definition) {
        ++m_notes;
      }
    }
    m_references.assign(static_cast<std::size_t>(m_notes), 0);
    markdown.walk([this](MarkdownNode node, bool entering) {
      if (entering && node.kind() == NodeKind::table) {
        reserve_requirement_anchors(node);
      }
    });
    markdown.walk([this](MarkdownNode node, bool entering) { visit(node, entering); });
    fill_footnote_holes();
    // Kept for the search index while the site is written, as a reader sees it: a word with
    // a soft hyphen or a decomposed "ö" is found by the word typed.
    m_result.text = text::canonical(m_result.text);
    return std::move(m_result);
  }

private:
  // A place in the HTML where a footnote's id or back links go (see fill_footnote_holes).
  struct Hole
  {
    enum Kind { none, notes_heading_id, note_id, reference_id, back_links_inline, back_links_block };
    std::size_t at = 0;  // in m_result.html
    Kind kind = none;
    int note = 0;
    int reference = 0;  // the note's first, second … reference
  };

  struct Closer
  {
    std::string tag;
    bool suppressed = false;
    bool link = false;
    Hole::Kind back_links = Hole::none;  // of the note being written, put in before the tag
  };

  void out(std::string_view s)
  {
    if (m_suppress == 0) {
      m_result.html += s;
    }
  }

  void text_out(std::string_view s)
  {
    if (m_suppress == 0) {
      append_html_escaped(m_result.html, s);
      m_result.text += s;
    }
  }

  void end_text_block()
  {
    if (m_suppress == 0 && !m_result.text.empty() && m_result.text.back() != '\n') {
      m_result.text += '\n';
    }
  }

  // Opens a container: writes `open` now and `close` when the node is left.
  void open(std::string_view open_tag, std::string close_tag, bool suppress_children = false)
  {
    out(open_tag);
    m_closers.push_back(Closer{std::move(close_tag), suppress_children});
    if (suppress_children) {
      ++m_suppress;
    }
  }

  // Opens an <a> element: a footnote reference inside it cannot be a link of its own. A link
  // with no text to show (an empty one, or a picture without a description) shows its address
  // instead, rather than nothing that could be seen or read out.
  void open_link(std::string_view open_tag, MarkdownNode node)
  {
    const bool empty = text::trim(node.plain_text()).empty();
    open(empty ? std::string(open_tag) + html_escape(node.url()) : std::string(open_tag), "</a>", empty);
    m_closers.back().link = true;
    ++m_links;
  }

  void close()
  {
    if (m_closers.empty()) {
      return;
    }
    Closer c = std::move(m_closers.back());
    m_closers.pop_back();
    if (c.suppressed) {
      --m_suppress;
    }
    if (c.link) {
      --m_links;
    }
    if (c.back_links != Hole::none) {
      hole(c.back_links, m_note);
    }
    out(c.tag);
  }

  // --- Footnotes ---------------------------------------------------------------------------
  // A note's id and its references' are given once the whole body is written, after every
  // heading's, so that a note never changes the id of a heading (a link into the page).
  // Until then the HTML holds a hole where each goes.

  void hole(Hole::Kind kind, int note, int reference = 0)
  {
    if (m_suppress == 0) {
      m_holes.push_back(Hole{m_result.html.size(), kind, note, reference});
    }
  }

  void footnote_reference(MarkdownNode node)
  {
    const int note = node.footnote_number();
    if (note < 1 || note > m_notes) {
      text_out(fmt::format("[{}]", node.literal()));  // not made by cmark-gfm: shown as written
      return;
    }
    out("<sup class=\"footnote-ref\">");
    if (m_links > 0 || m_suppress > 0) {
      out(std::to_string(note));
    } else {
      const int reference = ++m_references[static_cast<std::size_t>(note - 1)];
      out("<a href=\"#");
      hole(Hole::note_id, note);
      out("\" id=\"");
      hole(Hole::reference_id, note, reference);
      out(fmt::format("\" aria-label=\"{} {}\">{}</a>", html_escape(m_options.footnote_label), note, note));
    }
    out("</sup>");
  }

  // The definitions are the last blocks of the document, in the order of their numbers.
  void enter_footnote(MarkdownNode node)
  {
    ++m_note;
    if (m_note == 1) {
      out("<section class=\"footnotes\" aria-labelledby=\"");
      hole(Hole::notes_heading_id, 0);
      out("\">\n<h2 id=\"");
      hole(Hole::notes_heading_id, 0);
      out("\">" + html_escape(m_options.footnotes_heading) + "</h2>\n<ol>\n");
    }
    out("<li id=\"");
    hole(Hole::note_id, m_note);
    out("\">\n");
    MarkdownNode last = node.first_child();
    while (last && last.next()) {
      last = last.next();
    }
    open("", node.next() ? "</li>\n" : "</li>\n</ol>\n</section>\n");
    if (!last || last.kind() != NodeKind::paragraph) {
      m_closers.back().back_links = Hole::back_links_block;  // else they end its last paragraph
    }
  }

  // A paragraph that ends a note ends with the links back to the note's references.
  bool ends_note(MarkdownNode paragraph) const
  {
    const MarkdownNode parent = paragraph.parent();
    return m_note > 0 && parent && parent.kind() == NodeKind::footnote_definition && !paragraph.next();
  }

  // Links to a note's references: in a paragraph of their own (`block`), or ending its last.
  std::string back_links(const std::vector<std::string>& references, bool block) const
  {
    std::string links;
    for (std::size_t k = 0; k < references.size(); ++k) {
      const std::string label = references.size() == 1 ? m_options.footnote_back
                                                        : fmt::format("{} {}", m_options.footnote_back_to, k + 1);
      links += fmt::format("{}<a href=\"#{}\" class=\"footnote-back\" aria-label=\"{}\">\u21A9\uFE0E{}</a>",
                           k > 0 || !block ? " " : "", references[k], html_escape(label),
                           k > 0 ? fmt::format("<sup>{}</sup>", k + 1) : "");
    }
    return links.empty() || !block ? links : "<p>" + links + "</p>\n";
  }

  void fill_footnote_holes()
  {
    if (m_holes.empty()) {
      return;
    }
    const std::string heading_id = unique_id("fotnoter");
    std::vector<std::string> note_ids;
    std::vector<std::vector<std::string>> reference_ids;
    for (int n = 1; n <= m_notes; ++n) {
      note_ids.push_back(unique_id(fmt::format("fotnot-{}", n)));
      reference_ids.emplace_back();
      for (int k = 1; k <= m_references[static_cast<std::size_t>(n - 1)]; ++k) {
        reference_ids.back().push_back(
          unique_id(k == 1 ? fmt::format("fotnot-{}-ref", n) : fmt::format("fotnot-{}-ref-{}", n, k)));
      }
    }
    std::string html;
    html.reserve(m_result.html.size() + m_holes.size() * 24);
    std::size_t from = 0;
    for (const Hole& h : m_holes) {
      html.append(m_result.html, from, h.at - from);
      from = h.at;
      const auto n = static_cast<std::size_t>(h.note - 1);
      switch (h.kind) {
        case Hole::notes_heading_id: html += heading_id; break;
        case Hole::note_id: html += note_ids[n]; break;
        case Hole::reference_id: html += reference_ids[n][static_cast<std::size_t>(h.reference - 1)]; break;
        case Hole::back_links_inline: html += back_links(reference_ids[n], false); break;
        case Hole::back_links_block: html += back_links(reference_ids[n], true); break;
        case Hole::none: break;
      }
    }
    html.append(m_result.html, from);
    m_result.html = std::move(html);
  }

  // The column of a requirement table (ID | Krav | Nivå) that holds the ids, read from its
  // header row; none for any other table.
  static std::optional<std::size_t> requirement_id_column(MarkdownNode table)
  {
    Table header;
    for (MarkdownNode cell = table.first_child().first_child(); cell; cell = cell.next()) {
      header.header.emplace_back(text::trim(cell.plain_text()));
    }
    const auto columns = requirement_columns(header);
    return columns ? std::optional<std::size_t>(columns->id) : std::nullopt;
  }

  // The address of a requirement table's row: its id's (requirement_anchor); empty without one.
  static std::string row_anchor(MarkdownNode row, std::size_t id_column)
  {
    MarkdownNode cell = row.first_child();
    for (std::size_t i = 0; cell && i < id_column; ++i) {
      cell = cell.next();
    }
    return cell ? requirement_anchor(cell.plain_text()) : std::string();
  }

  // A requirement's row keeps the address the catalogue links to even when a heading before
  // it would have the same ("## Krav BKP-01"): other ids go around the rows' addresses.
  void reserve_requirement_anchors(MarkdownNode table)
  {
    if (const auto column = requirement_id_column(table)) {
      for (MarkdownNode row = table.first_child(); row; row = row.next()) {
        if (std::string anchor = row_anchor(row, *column); !row.header_row() && !anchor.empty()) {
          m_row_anchors.insert(std::move(anchor));
        }
      }
    }
  }

  // The opening tag of a body row: in a requirement table, with the id the catalogue links to.
  std::string requirement_row(MarkdownNode row)
  {
    m_row_id.clear();
    if (!m_requirement_ids) {
      return "<tr>";
    }
    if (const std::string anchor = row_anchor(row, *m_requirement_ids); !anchor.empty()) {
      m_row_id = unique_id(anchor, true);
    }
    return m_row_id.empty() ? "<tr>" : fmt::format("<tr id=\"{}\">", m_row_id);
  }

  // A requirement's id, when it is plain text, links to its own row: the address to copy
  // and cite.
  bool links_to_row(MarkdownNode cell) const
  {
    const MarkdownNode only = cell.first_child();
    return !m_row_id.empty() && only && only.kind() == NodeKind::text && !only.next();
  }

  // `row`: for a requirement's row, which may take an address kept for the rows.
  std::string unique_id(std::string base, bool row = false)
  {
    if (base.empty()) {
      base = "avsnitt";
    }
    std::string id = base;
    // Numbering goes on from the last number this base got (every smaller one is taken),
    // so that a page of many equal headings costs linear time, not quadratic.
    int& n = m_last_number[base];
    while (m_used_ids.contains(id) || (!row && m_row_anchors.contains(id))) {
      id = fmt::format("{}-{}", base, ++n);
    }
    m_used_ids.insert(id);
    return id;
  }

  static bool tight_paragraph(MarkdownNode paragraph)
  {
    const MarkdownNode item = paragraph.parent();
    if (!item || item.kind() != NodeKind::item) {
      return false;
    }
    const MarkdownNode list = item.parent();
    return list && list.kind() == NodeKind::list && list.tight_list();
  }

  // The href for a link or image, or nullopt when it must not be a link.
  std::optional<std::string> href(std::string_view url, bool image)
  {
    switch (classify_url(url)) {
      case UrlKind::empty:
        return std::nullopt;
      case UrlKind::fragment: {
        std::string fragment(1, '#');
        fragment += text::anchor(percent_decode(url.substr(1)));
        return fragment;
      }
      case UrlKind::relative:
        if (m_options.relative_link) {
          return m_options.relative_link(url, image);
        }
        return std::string(url);
      case UrlKind::web:
      case UrlKind::mail:
      case UrlKind::phone:
        return as_browsers_read(url);  // the scheme first, as it was classified
      case UrlKind::unsafe:
        break;
    }
    m_result.unsafe_urls.emplace_back(url);
    return std::nullopt;
  }

  void enter_container(MarkdownNode node)
  {
    switch (node.kind()) {
      case NodeKind::document:
        open("", "");
        break;
      case NodeKind::block_quote:
        open("<blockquote>\n", "</blockquote>\n");
        break;
      case NodeKind::list:
        if (node.ordered_list()) {
          open(node.list_start() != 1 ? fmt::format("<ol start=\"{}\">\n", node.list_start()) : "<ol>\n", "</ol>\n");
        } else {
          open("<ul>\n", "</ul>\n");
        }
        break;
      case NodeKind::item:
        m_task_id.clear();
        if (node.task_item()) {
          m_task_id = unique_id(fmt::format("uppgift-{}", ++m_tasks));
          open(fmt::format("<li class=\"task\"><input type=\"checkbox\" disabled{} id=\"{}\"> ",
                           node.task_checked() ? " checked" : "", m_task_id),
               "</li>\n");
        } else {
          open("<li>", "</li>\n");
        }
        break;
      case NodeKind::paragraph: {
        const MarkdownNode item = node.parent();
        const bool task_label = item && item.kind() == NodeKind::item && item.task_item() &&
                                item.first_child() == node && !m_task_id.empty();
        const std::string label_open = task_label ? fmt::format("<label for=\"{}\">", m_task_id) : "";
        const std::string label_close = task_label ? "</label>" : "";
        if (task_label) {
          m_task_id.clear();
        }
        if (tight_paragraph(node)) {
          open(label_open, label_close);
        } else {
          open("<p>" + label_open, label_close + "</p>\n");
        }
        if (ends_note(node)) {
          m_closers.back().back_links = Hole::back_links_inline;
        }
        break;
      }
      case NodeKind::heading: {
        if (node == m_skipped_title) {
          open("", "", true);
          break;
        }
        const std::string text(text::trim(node.plain_text()));
        const std::string id = unique_id(text::anchor(text));
        if (m_note == 0) {  // a heading inside a note is no section of the document
          m_result.headings.push_back(RenderedHeading{node.heading_level(), text, id});
          m_section = text;
        }
        open(fmt::format("<h{} id=\"{}\">", node.heading_level(), id), fmt::format("</h{}>\n", node.heading_level()));
        break;
      }
      case NodeKind::table:
        m_alignments = node.table_alignments();
        m_in_body = false;
        m_requirement_ids = requirement_id_column(node);
        // Named by its number and its section ("Tabell 2: Krav"), so that a list of the
        // page's regions tells the tables apart.
        open(fmt::format("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{} {}{}{}\">\n"
                         "<table>\n",
                         html_escape(m_options.table_label), ++m_tables, m_section.empty() ? "" : ": ",
                         html_escape(m_section)),
             "</table>\n</div>\n");
        break;
      case NodeKind::table_row: {
        m_cell = 0;
        m_header_row = node.header_row();
        const std::string tr = m_header_row ? "<tr>" : requirement_row(node);
        if (m_header_row) {
          open("<thead>\n<tr>", "</tr>\n</thead>\n");
        } else if (!m_in_body && !node.next()) {
          m_in_body = true;
          open("<tbody>\n" + tr, "</tr>\n</tbody>\n");
        } else if (!m_in_body) {
          m_in_body = true;
          open("<tbody>\n" + tr, "</tr>\n");
        } else if (!node.next()) {
          open(tr, "</tr>\n</tbody>\n");
        } else {
          open(tr, "</tr>\n");
        }
        break;
      }
      case NodeKind::table_cell: {
        const Alignment a = m_cell < m_alignments.size() ? m_alignments[m_cell] : Alignment::none;
        const bool requirement_id = !m_header_row && m_requirement_ids == m_cell;
        ++m_cell;
        if (m_header_row) {
          open(fmt::format("<th scope=\"col\"{}>", cell_class(a, false)), "</th>");
        } else if (requirement_id && links_to_row(node)) {
          open(fmt::format("<td{}><a href=\"#{}\">", cell_class(a, true), m_row_id), "</a></td>");
        } else {
          open(fmt::format("<td{}>", cell_class(a, requirement_id)), "</td>");
        }
        break;
      }
      case NodeKind::emph:
        open("<em>", "</em>");
        break;
      case NodeKind::strong:
        open("<strong>", "</strong>");
        break;
      case NodeKind::strikethrough:
        open("<s>", "</s>");
        break;
      case NodeKind::link: {
        const auto target = href(node.url(), false);
        if (!target) {
          open("", "");
          break;
        }
        std::string tag = "<a href=\"" + escape_href(*target) + "\"";
        if (!node.title().empty()) {
          tag += " title=\"" + html_escape(node.title()) + "\"";
        }
        open_link(tag + ">", node);
        break;
      }
      case NodeKind::image: {
        const std::string alt(text::trim(node.plain_text()));
        const UrlKind kind = classify_url(node.url());
        const auto target = href(node.url(), true);
        if (!target) {
          // No picture: its description stands in for it.
          open("", "");
          break;
        }
        if (kind != UrlKind::relative) {
          // Only the site's own files are shown as pictures (the page's security policy
          // blocks others); a picture elsewhere becomes a link to it.
          open_link("<a href=\"" + escape_href(*target) + "\">", node);
          break;
        }
        std::string tag = "<img src=\"" + escape_href(*target) + "\" alt=\"" + html_escape(alt) + "\"";
        if (!node.title().empty()) {
          tag += " title=\"" + html_escape(node.title()) + "\"";
        }
        m_result.text += alt;
        open(tag + ">", "", true);
        break;
      }
      case NodeKind::footnote_definition:
        enter_footnote(node);
        break;
      default:
        open("", "");
        break;
    }
  }

  void leaf(MarkdownNode node)
  {
    switch (node.kind()) {
      case NodeKind::text:
        text_out(node.literal());
        break;
      case NodeKind::softbreak:
        out("\n");
        if (m_suppress == 0) {
          m_result.text += ' ';
        }
        break;
      case NodeKind::linebreak:
        out("<br>\n");
        if (m_suppress == 0) {
          m_result.text += ' ';
        }
        break;
      case NodeKind::code:
        out("<code>");
        text_out(node.literal());
        out("</code>");
        break;
      case NodeKind::code_block: {
        const std::string_view info = node.fence_info();
        std::string language;
        for (const char c : info.substr(0, info.find(' '))) {
          if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
            language += c;
          }
        }
        // Like a table, a long line scrolls inside a region that the keyboard can reach.
        out(fmt::format("<div class=\"code-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{} {}\">\n",
                        html_escape(m_options.code_label), ++m_code_blocks));
        out(language.empty() ? "<pre><code>" : "<pre><code class=\"language-" + language + "\">");
        text_out(node.literal());
        out("</code></pre>\n</div>\n");
        end_text_block();
        break;
      }
      case NodeKind::html_block:
        // Raw HTML is never passed through: comments are the author's notes and are left
        // out; anything else is shown as the text it is.
        if (classify_raw_html(node.literal()) == RawHtml::other) {
          out("<pre class=\"raw-html\">");
          text_out(text::trim(node.literal()));
          out("</pre>\n");
          end_text_block();
        }
        break;
      case NodeKind::html_inline:
        switch (classify_raw_html(node.literal())) {
          case RawHtml::comment: break;
          case RawHtml::line_break: out("<br>\n"); break;
          case RawHtml::other: text_out(node.literal()); break;
        }
        break;
      case NodeKind::thematic_break:
        out("<hr>\n");
        break;
      case NodeKind::footnote_reference:
        footnote_reference(node);
        break;
      default:
        break;
    }
  }

  static bool is_leaf(NodeKind kind)
  {
    switch (kind) {
      case NodeKind::text:
      case NodeKind::softbreak:
      case NodeKind::linebreak:
      case NodeKind::code:
      case NodeKind::code_block:
      case NodeKind::html_block:
      case NodeKind::html_inline:
      case NodeKind::thematic_break:
      case NodeKind::footnote_reference:
        return true;
      default:
        return false;
    }
  }

  void visit(MarkdownNode node, bool entering)
  {
    const NodeKind kind = node.kind();
    if (is_leaf(kind)) {
      if (entering) {
        leaf(node);
      }
      return;
    }
    if (entering) {
      enter_container(node);
      return;
    }
    close();
    if (node.is_block()) {
      end_text_block();
    }
  }

  const RenderOptions& m_options;
  RenderedMarkdown m_result;
  std::set<std::string> m_used_ids;
  std::set<std::string> m_row_anchors;  // the requirement rows' addresses (reserve_requirement_anchors)
  std::map<std::string, int> m_last_number;  // of the ids made from a base: "syfte-3" -> 3
  std::vector<Closer> m_closers;
  int m_suppress = 0;
  MarkdownNode m_skipped_title;
  std::vector<Alignment> m_alignments;
  std::size_t m_cell = 0;
  bool m_header_row = false;
  bool m_in_body = false;
  int m_tables = 0;
  std::string m_section;  // the text of the last heading outside a note, for the tables under it
  std::optional<std::size_t> m_requirement_ids;  // in a requirement table: the column of its ids
  std::string m_row_id;                          // the id of the requirement row being rendered
  int m_code_blocks = 0;
  int m_tasks = 0;
  std::string m_task_id;
  int m_links = 0;               // <a> elements open
  int m_notes = 0;               // footnote definitions in the document
  int m_note = 0;                // the one being written, from 1; 0 before the notes
  std::vector<int> m_references;  // per note: its references written as links
  std::vector<Hole> m_holes;     // in the order of their places
};

}  // namespace

std::string text_lang_attribute(std::string_view language)
{
  return language == k_text_language ? std::string() : fmt::format(" lang=\"{}\"", k_text_language);
}

std::string html_escape(std::string_view text)
{
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(out, text);
  return out;
}

void append_html_escaped(std::string& out, std::string_view text)
{
  std::size_t plain = 0;  // where the run of characters that need no escaping starts
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(text.substr(plain, i - plain));
    out.append(entity);
    plain = i + 1;
  }
  out.append(text.substr(plain));
}

std::string as_browsers_read(std::string_view url)
{
  std::string cleaned;
  for (const char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') {
      cleaned += c;
    }
  }
  const auto start = std::find_if_not(cleaned.begin(), cleaned.end(), is_url_space);
  return std::string(start, cleaned.end());
}

UrlKind classify_url(std::string_view url)
{
  const std::string cleaned = as_browsers_read(url);
  const std::string_view u = cleaned;
  if (u.empty()) {
    return UrlKind::empty;
  }
  if (u.front() == '#') {
    return UrlKind::fragment;
  }
  if (u.starts_with("//") || u.starts_with("\\\\") || u.starts_with("/\\") || u.starts_with("\\/")) {
    return UrlKind::web;
  }
  const std::size_t colon = u.find(':');
  const std::size_t delimiter = u.find_first_of("/?#\\");
  if (colon == std::string_view::npos || (delimiter != std::string_view::npos && delimiter < colon)) {
    return UrlKind::relative;
  }
  const std::string scheme = text::fold_case(u.substr(0, colon));
  if (scheme == "http" || scheme == "https") {
    return UrlKind::web;
  }
  if (scheme == "mailto") {
    return UrlKind::mail;
  }
  if (scheme == "tel") {
    return UrlKind::phone;
  }
  return UrlKind::unsafe;
}

std::string escape_href(std::string_view url)
{
  std::string encoded;
  for (const char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
        c == '{' || c == '|' || c == '}' || c == '\'') {
      encoded += fmt::format("%{:02X}", u);
    } else {
      encoded += c;
    }
  }
  return html_escape(encoded);
}

RenderedMarkdown render_markdown(std::string_view markdown, const RenderOptions& options)
{
  const Markdown parsed = Markdown::parse(markdown);
  return Renderer(options).run(parsed);
}

}  // namespace styr

#include "styr/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstring>
#include <utility>

namespace styr {

namespace {

constexpr const char* k_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

bool type_is(cmark_node* node, const char* name)
{
  const char* type = cmark_node_get_type_string(node);
  return type != nullptr && std::strcmp(type, name) == 0;
}

std::string_view view(const char* s)
{
  return s != nullptr ? std::string_view(s) : std::string_view();
}

}  // namespace

void initialize_markdown()
{
  cmark_gfm_core_extensions_ensure_registered();
}

NodeKind MarkdownNode::kind() const
{
  switch (cmark_node_get_type(m_node)) {
    case CMARK_NODE_DOCUMENT: return NodeKind::document;
    case CMARK_NODE_BLOCK_QUOTE: return NodeKind::block_quote;
    case CMARK_NODE_LIST: return NodeKind::list;
    case CMARK_NODE_ITEM: return NodeKind::item;
    case CMARK_NODE_CODE_BLOCK: return NodeKind::code_block;
    case CMARK_NODE_HTML_BLOCK: return NodeKind::html_block;
    case CMARK_NODE_PARAGRAPH: return NodeKind::paragraph;
    case CMARK_NODE_HEADING: return NodeKind::heading;
    case CMARK_NODE_THEMATIC_BREAK: return NodeKind::thematic_break;
    case CMARK_NODE_FOOTNOTE_DEFINITION: return NodeKind::footnote_definition;
    case CMARK_NODE_TEXT: return NodeKind::text;
    case CMARK_NODE_SOFTBREAK: return NodeKind::softbreak;
    case CMARK_NODE_LINEBREAK: return NodeKind::linebreak;
    case CMARK_NODE_CODE: return NodeKind::code;
    case CMARK_NODE_HTML_INLINE: return NodeKind::html_inline;
    case CMARK_NODE_EMPH: return NodeKind::emph;
    case CMARK_NODE_STRONG: return NodeKind::strong;
    case CMARK_NODE_LINK: return NodeKind::link;
    case CMARK_NODE_IMAGE: return NodeKind::image;
    case CMARK_NODE_FOOTNOTE_REFERENCE: return NodeKind::footnote_reference;
    default: break;
  }
  // Extension node types are registered at run time; tell them apart by name.
  if (type_is(m_node, "table")) {
    return NodeKind::table;
  }
  if (type_is(m_node, "table_row") || type_is(m_node, "table_header")) {
    return NodeKind::table_row;
  }
  if (type_is(m_node, "table_cell")) {
    return NodeKind::table_cell;
  }
  if (type_is(m_node, "strikethrough")) {
    return NodeKind::strikethrough;
  }
  if (type_is(m_node, "tasklist")) {
    return NodeKind::item;
  }
  return is_block() ? NodeKind::other_block : NodeKind::other_inline;
}

bool MarkdownNode::is_block() const
{
  return (cmark_node_get_type(m_node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

MarkdownNode MarkdownNode::first_child() const { return MarkdownNode(cmark_node_first_child(m_node)); }
MarkdownNode MarkdownNode::next() const { return MarkdownNode(cmark_node_next(m_node)); }
MarkdownNode MarkdownNode::parent() const { return MarkdownNode(cmark_node_parent(m_node)); }
int MarkdownNode::heading_level() const { return cmark_node_get_heading_level(m_node); }
std::string_view MarkdownNode::literal() const { return view(cmark_node_get_literal(m_node)); }
std::string_view MarkdownNode::url() const { return view(cmark_node_get_url(m_node)); }
std::string_view MarkdownNode::title() const { return view(cmark_node_get_title(m_node)); }
std::string_view MarkdownNode::fence_info() const { return view(cmark_node_get_fence_info(m_node)); }
bool MarkdownNode::ordered_list() const { return cmark_node_get_list_type(m_node) == CMARK_ORDERED_LIST; }
int MarkdownNode::list_start() const { return cmark_node_get_list_start(m_node); }
bool MarkdownNode::tight_list() const { return cmark_node_get_list_tight(m_node) != 0; }
bool MarkdownNode::task_item() const { return type_is(m_node, "tasklist"); }
bool MarkdownNode::task_checked() const
{
  return task_item() && cmark_gfm_extensions_get_tasklist_item_checked(m_node);
}
bool MarkdownNode::header_row() const { return cmark_gfm_extensions_get_table_row_is_header(m_node) != 0; }

std::vector<Alignment> MarkdownNode::table_alignments() const
{
  std::vector<Alignment> result;
  const uint16_t columns = cmark_gfm_extensions_get_table_columns(m_node);
  const uint8_t* align = cmark_gfm_extensions_get_table_alignments(m_node);
  for (uint16_t i = 0; i < columns; ++i) {
    const uint8_t a = align != nullptr ? align[i] : 0;
    result.push_back(a == 'l' ? Alignment::left : a == 'c' ? Alignment::center
                     : a == 'r' ? Alignment::right : Alignment::none);
  }
  return result;
}

int MarkdownNode::start_line() const { return cmark_node_get_start_line(m_node); }
int MarkdownNode::start_column() const { return cmark_node_get_start_column(m_node); }
int MarkdownNode::end_line() const { return cmark_node_get_end_line(m_node); }
int MarkdownNode::end_column() const { return cmark_node_get_end_column(m_node); }

std::string MarkdownNode::plain_text() const
{
  std::string out;
  cmark_iter* it = cmark_iter_new(m_node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) {
      continue;
    }
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out += view(cmark_node_get_literal(n));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  return out;
}

Markdown Markdown::parse(std::string_view text)
{
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES);
  for (const char* name : k_extensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  cmark_parser_feed(parser, text.data(), text.size());
  cmark_node* root = cmark_parser_finish(parser);
  return Markdown(parser, root);
}

Markdown::Markdown(Markdown&& other) noexcept
    : m_parser(std::exchange(other.m_parser, nullptr)), m_root(std::exchange(other.m_root, nullptr))
{
}

Markdown& Markdown::operator=(Markdown&& other) noexcept
{
  if (this != &other) {
    reset();
    m_parser = std::exchange(other.m_parser, nullptr);
    m_root = std::exchange(other.m_root, nullptr);
  }
  return *this;
}

Markdown::~Markdown()
{
  reset();
}

void Markdown::reset()
{
  if (m_root != nullptr) {
    cmark_node_free(m_root);
  }
  if (m_parser != nullptr) {
    cmark_parser_free(m_parser);
  }
  m_root = nullptr;
  m_parser = nullptr;
}

void Markdown::walk(const std::function<void(MarkdownNode, bool)>& visit) const
{
  cmark_iter* it = cmark_iter_new(m_root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    visit(MarkdownNode(cmark_iter_get_node(it)), ev == CMARK_EVENT_ENTER);
  }
  cmark_iter_free(it);
}

}  // namespace styr

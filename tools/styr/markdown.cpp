#include "styr/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>
#include <utility>

// The node types of the GFM extensions: exported by libcmark-gfm-extensions, though not
// declared in its installed headers. Comparing with them is much cheaper than comparing
// type names on every node.
extern "C" {
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;
}

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

// A bump allocator per thread for cmark. Parsing allocates a node or buffer for nearly
// every line and inline; taking them from large blocks and dropping them together when
// the thread's last tree goes is several times cheaper than malloc and free for each.
class Arena
{
public:
  void* allocate(std::size_t size)
  {
    // Each allocation remembers its size in front, for realloc.
    const std::size_t needed = footprint(size);
    if (m_blocks.empty() || m_used + needed > m_blocks.back().size) {
      const std::size_t block = std::max(needed, k_block_size);
      m_blocks.push_back(Block{std::make_unique_for_overwrite<char[]>(block), block});
      m_used = 0;
    }
    char* p = m_blocks.back().data.get() + m_used;
    m_used += needed;
    std::memcpy(p, &size, sizeof size);
    return p + sizeof(std::size_t);
  }

  // Grows the last allocation where it lies when its block has room: cmark's buffers grow
  // a line at a time, and moving them each time copied most of what a parse allocated.
  bool grow_in_place(void* p, std::size_t size)
  {
    if (m_blocks.empty()) {
      return false;
    }
    const Block& last = m_blocks.back();
    const auto start = reinterpret_cast<std::uintptr_t>(p) - sizeof(std::size_t);
    const auto base = reinterpret_cast<std::uintptr_t>(last.data.get());
    if (start < base || start - base + footprint(size_of(p)) != m_used || start - base + footprint(size) > last.size) {
      return false;
    }
    m_used = start - base + footprint(size);
    std::memcpy(reinterpret_cast<void*>(start), &size, sizeof size);
    return true;
  }

  static std::size_t size_of(void* p)
  {
    std::size_t size = 0;
    std::memcpy(&size, static_cast<char*>(p) - sizeof size, sizeof size);
    return size;
  }

  void tree_created() { ++m_trees; }

  void tree_destroyed()
  {
    if (--m_trees == 0 && !m_blocks.empty()) {
      m_blocks.resize(1);  // keep one block for the next document
      m_used = 0;
    }
  }

private:
  static constexpr std::size_t k_block_size = 1 << 20;
  static std::size_t footprint(std::size_t size) { return (size + sizeof(std::size_t) + 15) & ~std::size_t{15}; }

  struct Block
  {
    std::unique_ptr<char[]> data;
    std::size_t size;
  };
  std::vector<Block> m_blocks;
  std::size_t m_used = 0;
  std::size_t m_trees = 0;
};

thread_local Arena t_arena;

// The memory one parse may still take. cmark cannot fail an allocation gracefully, so a
// parse over its budget is abandoned with longjmp back to Markdown::parse: only C frames
// and the allocator below lie in between, and everything the parse allocated is in the
// arena, released with the thread's trees.
struct ParseBudget
{
  std::size_t left = 0;
  std::jmp_buf* bail = nullptr;  // null outside a parse: no limit
};

thread_local ParseBudget t_budget;

void charge(std::size_t bytes)
{
  if (t_budget.bail == nullptr) {
    return;
  }
  if (bytes > t_budget.left) {
    std::jmp_buf* bail = t_budget.bail;
    t_budget = ParseBudget{};
    std::longjmp(*bail, 1);
  }
  t_budget.left -= bytes;
}

void* arena_calloc(std::size_t count, std::size_t size)
{
  if (size != 0 && count > SIZE_MAX / size) {
    std::abort();  // as cmark's own allocator does on overflow
  }
  charge(count * size);
  void* p = t_arena.allocate(count * size);
  std::memset(p, 0, count * size);
  return p;
}

void* arena_realloc(void* old, std::size_t size)
{
  if (old == nullptr) {
    charge(size);
    return t_arena.allocate(size);
  }
  const std::size_t old_size = Arena::size_of(old);
  if (size <= old_size) {
    return old;
  }
  charge(size);
  if (t_arena.grow_in_place(old, size)) {
    return old;
  }
  void* p = t_arena.allocate(size);
  std::memcpy(p, old, old_size);
  return p;
}

void arena_free(void*) {}

cmark_mem k_arena_mem = {arena_calloc, arena_realloc, arena_free};

cmark_parser* new_parser()
{
  cmark_parser* parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES, &k_arena_mem);
  for (const char* name : k_extensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  return parser;
}

// Parses the text within k_max_markdown_memory; false (and no tree) when it ran out. Kept
// apart so that no C++ object lives between setjmp and the longjmp in charge().
bool feed_within_budget(cmark_parser* parser, std::string_view text, cmark_node** root)
{
  std::jmp_buf bail;
  if (setjmp(bail) != 0) {
    return false;
  }
  t_budget = ParseBudget{k_max_markdown_memory, &bail};
  cmark_parser_feed(parser, text.data(), text.size());
  *root = cmark_parser_finish(parser);
  t_budget = ParseBudget{};
  return true;
}

// What parsing costs beyond cmark's linear pass, in steps of its three quadratic loops:
//  - a bracket that closes a link or image walks every run of * _ ~ before it in its
//    paragraph, and every image bracket still open;
//  - the table extension takes time quadratic in the cells of a row, and pads each row to
//    the header's width;
//  - each inline node is added to its paragraph past every container around it (lists and
//    quotes nested thousands deep on one line: "- - - … x").
// A paragraph is approximated by a run of non-blank lines, which can only overestimate:
// block structure splits such a run into several inline parses, never joins two.
struct Paragraph
{
  int line = 0;
  std::uint64_t links = 0;     // brackets that close with ]( or ][ (or any ] when references are defined)
  std::uint64_t markers = 0;   // runs of * _ ~, and [ — what a closing bracket may walk past
  std::uint64_t delimiters = 0;
  std::uint64_t open_brackets = 0;
  std::uint64_t link_work = 0;
  std::uint64_t cells = 0;     // the most cells in one line
  std::uint64_t table_work = 0;
  std::uint64_t depth = 0;     // containers around its lines: list items count twice (list and item)
  int deepest_line = 0;
  std::uint64_t nodes = 0;     // characters that may start an inline node, and line breaks
  std::uint64_t work() const { return link_work + table_work + nodes * depth; }
};

// How many containers a paragraph starting with this line sits in, at most: its quote and
// list markers, and its indentation, which may continue list items opened above.
std::uint64_t container_depth(std::string_view line)
{
  std::uint64_t depth = 0;
  std::uint64_t indent = 0;  // an item's content is indented by two or more
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      indent += line[i] == ' ' ? 1 : 4;
      ++i;
    } else if (line[i] == '>') {
      ++depth;
      ++i;
    } else if ((line[i] == '-' || line[i] == '*' || line[i] == '+') && i + 1 < line.size() && line[i + 1] == ' ') {
      depth += 2;
      i += 2;
    } else {
      const std::size_t digits = line.find_first_not_of("0123456789", i);
      if (digits == i || digits == std::string_view::npos || digits + 1 >= line.size() ||
          (line[digits] != '.' && line[digits] != ')') || line[digits + 1] != ' ') {
        break;
      }
      depth += 2;
      i = digits + 2;
    }
  }
  return depth + indent / 2;
}

// An ATX heading ("## Syfte") ends the paragraph before it and is an inline parse of its own.
bool atx_heading(std::string_view line)
{
  const std::size_t hashes = line.find_first_not_of(' ');
  if (hashes == std::string_view::npos || hashes > 3 || line[hashes] != '#') {
    return false;
  }
  const std::size_t after = line.find_first_not_of('#', hashes);
  return after - hashes <= 6 && (after == std::string_view::npos || line[after] == ' ' || line[after] == '\t' ||
                                 line[after] == '\r');
}

bool delimiter_row(std::string_view line)
{
  return line.find('-') != std::string_view::npos && line.find('|') != std::string_view::npos &&
         line.find_first_not_of(" \t\r|:->") == std::string_view::npos;
}

MarkdownRefusal work_refusal(const Paragraph& p)
{
  if (p.nodes * p.depth >= std::max(p.link_work, p.table_work)) {
    return MarkdownRefusal{p.deepest_line, fmt::format(
      "the paragraph is too costly to parse: {} pieces of inline markup inside {} nested lists and quotes (the "
      "limit is {} parser steps per document); nest less deeply or split the paragraph", p.nodes, p.depth,
      k_max_markdown_work)};
  }
  if (p.link_work >= p.table_work) {
    return MarkdownRefusal{p.line, fmt::format(
      "the paragraph is too costly to parse: {} links among {} brackets and emphasis markers (the limit is {} "
      "parser steps per document); split it into shorter paragraphs", p.links, p.markers, k_max_markdown_work)};
  }
  return MarkdownRefusal{p.line, fmt::format(
    "the table is too costly to parse: rows of up to {} cells (the limit is {} parser steps per document); use "
    "fewer columns or rows", p.cells, k_max_markdown_work)};
}

}  // namespace

// The characters markdown_work_refusal() counts: those of links, emphasis and tables, and
// others that start an inline node of their own.
constexpr std::array<bool, 256> k_counted = [] {
  std::array<bool, 256> counted{};
  for (const unsigned char c : {'|', '[', ']', '*', '_', '~', '\\', '`', '&', '<', '!', ':', '@'}) {
    counted[c] = true;
  }
  return counted;
}();

std::optional<MarkdownRefusal> markdown_work_refusal(std::string_view text)
{
  // Without reference definitions ("[x]: …", "[^1]: …") only inline links and full
  // references close a bracket with the costly walk.
  const bool definitions = text.find("]:") != std::string_view::npos;
  std::uint64_t work = 0;  // of the paragraphs before this one
  Paragraph p;
  std::uint64_t previous_cells = 0;
  std::uint64_t table_width = 0;  // of the table in this paragraph, once its delimiter row is seen
  int number = 0;
  for (std::size_t start = 0; start < text.size();) {
    ++number;
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const bool heading = atx_heading(line);
    if (heading || line.find_first_not_of(" \t\r") == std::string_view::npos) {
      work += p.work();
      p = Paragraph{};
      previous_cells = table_width = 0;
      if (!heading) {
        continue;
      }
    }
    if (p.line == 0) {
      p.line = number;
    }
    if (const std::uint64_t depth = container_depth(line); depth > p.depth) {  // a marker may start a deeper block
      p.depth = depth;
      p.deepest_line = number;
    }
    ++p.nodes;
    std::uint64_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (!k_counted[static_cast<unsigned char>(c)]) {
        continue;  // most of a line: one lookup instead of many comparisons
      }
      ++p.nodes;
      if (c == '|') {
        ++pipes;
      } else if (c == '[') {
        ++p.open_brackets;
        ++p.markers;
      } else if (c == ']') {
        if (definitions || (i + 1 < line.size() && (line[i + 1] == '(' || line[i + 1] == '['))) {
          ++p.links;
          p.link_work += p.delimiters + p.open_brackets;
        }
        p.open_brackets -= p.open_brackets > 0 ? 1 : 0;
      } else if ((c == '*' || c == '_' || c == '~') && (i == 0 || line[i - 1] != c)) {  // the first of a run
        ++p.delimiters;
        ++p.markers;
      }
    }
    if (table_width == 0 && previous_cells > 0 && delimiter_row(line)) {
      table_width = previous_cells;
    }
    p.table_work += pipes * pipes + table_width;
    p.cells = std::max(p.cells, pipes + 1);
    previous_cells = pipes + 1;
    if (work + p.work() > k_max_markdown_work) {
      return work_refusal(p);
    }
    if (heading) {
      work += p.work();
      p = Paragraph{};
      previous_cells = table_width = 0;
    }
  }
  return std::nullopt;
}

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
  // The table and strikethrough extensions register their node types at run time.
  const cmark_node_type type = cmark_node_get_type(m_node);
  if (type == CMARK_NODE_TABLE) {
    return NodeKind::table;
  }
  if (type == CMARK_NODE_TABLE_ROW) {
    return NodeKind::table_row;  // the header row too
  }
  if (type == CMARK_NODE_TABLE_CELL) {
    return NodeKind::table_cell;
  }
  if (type == CMARK_NODE_STRIKETHROUGH) {
    return NodeKind::strikethrough;
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

int MarkdownNode::footnote_number() const
{
  if (cmark_node_get_type(m_node) != CMARK_NODE_FOOTNOTE_REFERENCE) {
    return 0;
  }
  // The parser replaced the label with the number (cmark-gfm's process_footnotes).
  int number = 0;
  for (const char c : literal()) {
    if (c < '0' || c > '9' || number > 100'000'000) {
      return 0;
    }
    number = number * 10 + (c - '0');
  }
  return number;
}
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

std::string MarkdownNode::plain_text(const std::function<void(std::string& text, int number)>& footnote) const
{
  std::string out;
  cmark_iter* it = cmark_iter_new(m_node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) {
      continue;
    }
    cmark_node* n = cmark_iter_get_node(it);
    if (n != m_node && !out.empty() && out.back() != ' ' && MarkdownNode(n).is_block()) {
      out += ' ';  // two paragraphs of a quote or a note are not one word where they meet
    }
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out += view(cmark_node_get_literal(n));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_FOOTNOTE_REFERENCE:
        if (footnote) {
          footnote(out, MarkdownNode(n).footnote_number());
        }
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  return out;
}

MarkdownWalker::MarkdownWalker(MarkdownNode root) : m_iter(cmark_iter_new(root.m_node)) {}

MarkdownWalker::~MarkdownWalker()
{
  cmark_iter_free(m_iter);
}

bool MarkdownWalker::next(MarkdownNode& node, bool& entering)
{
  const cmark_event_type ev = cmark_iter_next(m_iter);
  if (ev == CMARK_EVENT_DONE) {
    return false;
  }
  node = MarkdownNode(cmark_iter_get_node(m_iter));
  entering = ev == CMARK_EVENT_ENTER;
  return true;
}

Markdown Markdown::parse(std::string_view text)
{
  if (auto refusal = markdown_work_refusal(text)) {
    return refused(std::move(*refusal));
  }
  t_arena.tree_created();
  cmark_parser* parser = new_parser();
  cmark_node* root = nullptr;
  if (!feed_within_budget(parser, text, &root)) {
    t_arena.tree_destroyed();  // the abandoned parse's memory goes with the thread's last tree
    return refused(MarkdownRefusal{0, fmt::format(
      "the Markdown needs more than {} MiB of memory to parse (the limit); split the document or use less markup",
      k_max_markdown_memory >> 20)});
  }
  return Markdown(parser, root);
}

Markdown Markdown::refused(MarkdownRefusal refusal)
{
  t_arena.tree_created();
  cmark_parser* parser = new_parser();
  Markdown empty(parser, cmark_parser_finish(parser));
  empty.m_refusal = std::move(refusal);
  return empty;
}

Markdown::Markdown(Markdown&& other) noexcept
    : m_parser(std::exchange(other.m_parser, nullptr)), m_root(std::exchange(other.m_root, nullptr)),
      m_refusal(std::exchange(other.m_refusal, std::nullopt))
{
}

Markdown& Markdown::operator=(Markdown&& other) noexcept
{
  if (this != &other) {
    reset();
    m_parser = std::exchange(other.m_parser, nullptr);
    m_root = std::exchange(other.m_root, nullptr);
    m_refusal = std::exchange(other.m_refusal, std::nullopt);
  }
  return *this;
}

Markdown::~Markdown()
{
  reset();
}

void Markdown::reset()
{
  // The tree and the parser live in the thread's arena: nothing to free one by one.
  if (m_parser != nullptr) {
    t_arena.tree_destroyed();
  }
  m_root = nullptr;
  m_parser = nullptr;
}

}  // namespace styr

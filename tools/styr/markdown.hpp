// The one wrapper around cmark-gfm: parsing with the GFM extensions and source positions,
// and a small, non-owning view of the nodes. Nothing else includes cmark headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct cmark_node;
struct cmark_parser;
struct cmark_iter;

namespace styr {

enum class NodeKind {
  document, block_quote, list, item, code_block, html_block, paragraph, heading,
  thematic_break, footnote_definition, table, table_row, table_cell, other_block,
  text, softbreak, linebreak, code, html_inline, emph, strong, link, image,
  footnote_reference, strikethrough, other_inline,
};

enum class Alignment { none, left, center, right };

// A view of one node; valid while the Markdown that owns it lives.
class MarkdownNode
{
public:
  MarkdownNode() = default;
  explicit MarkdownNode(cmark_node* node) : m_node(node) {}
  friend class MarkdownWalker;

  explicit operator bool() const { return m_node != nullptr; }
  // The same node (views of one node compare equal).
  friend bool operator==(const MarkdownNode&, const MarkdownNode&) = default;
  NodeKind kind() const;
  bool is_block() const;

  MarkdownNode first_child() const;
  MarkdownNode next() const;
  MarkdownNode parent() const;

  int heading_level() const;
  std::string_view literal() const;     // text, code, code block, html
  std::string_view url() const;         // link, image
  std::string_view title() const;       // link, image
  std::string_view fence_info() const;  // code block
  // A footnote reference's note number (1, 2, …): cmark-gfm numbers the notes in the order of
  // their first reference, and moves their definitions to the end of the document in that
  // order, leaving out those no reference names. A reference to no definition is left as text.
  int footnote_number() const;
  bool ordered_list() const;
  int list_start() const;
  bool tight_list() const;
  bool task_item() const;  // a list item with a [ ] or [x] box
  bool task_checked() const;
  bool header_row() const;  // table row
  std::vector<Alignment> table_alignments() const;

  int start_line() const;
  int start_column() const;  // in bytes, as cmark counts
  int end_line() const;
  int end_column() const;

  // The text of the node's descendants, with soft and hard breaks as spaces and a space
  // between blocks. At a footnote reference, `footnote` may add to the text so far what
  // stands for note `number`; by default nothing does.
  std::string plain_text(const std::function<void(std::string& text, int number)>& footnote = {}) const;

private:
  cmark_node* m_node = nullptr;
};

// Walks a tree in document order: each node is returned entering and, unless it is a
// leaf, exiting.
class MarkdownWalker
{
public:
  explicit MarkdownWalker(MarkdownNode root);
  ~MarkdownWalker();
  MarkdownWalker(const MarkdownWalker&) = delete;
  MarkdownWalker& operator=(const MarkdownWalker&) = delete;

  bool next(MarkdownNode& node, bool& entering);

private:
  cmark_iter* m_iter = nullptr;
};

// Limits that keep cmark-gfm 0.29.0.gfm.6 (the Debian bookworm package) within bounds on
// hostile text. It takes time quadratic in the links and emphasis markers of one paragraph
// (CVE-2023-22486, fixed upstream in 0.29.0.gfm.7) and in the cells of one table row, and
// up to a few hundred bytes of memory per byte of densely marked-up text. A text that would
// exceed either limit is not parsed; its tree is empty and `refusal()` says why.
inline constexpr std::uint64_t k_max_markdown_work = 25'000'000;        // estimated parser steps
inline constexpr std::size_t k_max_markdown_memory = std::size_t{256} << 20;  // bytes per parse

struct MarkdownRefusal
{
  int line = 0;  // where the costly part starts (1-based), or 0 for the whole text
  std::string message;
};

// A parsed Markdown document (GFM: tables, strikethrough, autolinks, task lists).
// Its memory comes from an arena of the thread that parsed it, released when the thread's
// last tree is destroyed; so a tree is used and destroyed on the thread that parsed it.
class Markdown
{
public:
  static Markdown parse(std::string_view text);

  Markdown(Markdown&& other) noexcept;
  Markdown& operator=(Markdown&& other) noexcept;
  Markdown(const Markdown&) = delete;
  Markdown& operator=(const Markdown&) = delete;
  ~Markdown();

  MarkdownNode root() const { return MarkdownNode(m_root); }

  // Why the text was not parsed (the tree is then empty): it is over a limit above.
  const std::optional<MarkdownRefusal>& refusal() const { return m_refusal; }

  // Visits every node in document order; leaf nodes are visited once, with entering = true.
  template <typename Visit>
  void walk(Visit&& visit) const
  {
    MarkdownWalker walker(root());
    MarkdownNode node;
    bool entering = false;
    while (walker.next(node, entering)) {
      visit(node, entering);
    }
  }

private:
  Markdown(cmark_parser* parser, cmark_node* root) : m_parser(parser), m_root(root) {}
  static Markdown refused(MarkdownRefusal refusal);
  void reset();

  cmark_parser* m_parser = nullptr;
  cmark_node* m_root = nullptr;
  std::optional<MarkdownRefusal> m_refusal;
};

// What parsing the text would cost beyond the parser's linear pass, estimated in one linear
// scan; a refusal when it is over k_max_markdown_work.
std::optional<MarkdownRefusal> markdown_work_refusal(std::string_view text);

// Registers the GFM extensions. Must run once, before any thread parses Markdown.
void initialize_markdown();

}  // namespace styr

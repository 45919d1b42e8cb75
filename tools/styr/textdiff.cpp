#include "styr/textdiff.hpp"

#include "styr/markdown.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

namespace styr::textdiff {

namespace {

// Beyond this many differences the shortest edit script is not worth its quadratic cost:
// the texts are unrelated, and "all removed, all added" says so just as well.
constexpr int k_max_edit_distance = 2000;

// The shortest edit script from `a` to `b` (Myers, "An O(ND) difference algorithm", 1986):
// one op per element of a (equal or removed) and of b (added), in order.
std::vector<Op> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const int n = static_cast<int>(a.size() - prefix - suffix);
  const int m = static_cast<int>(b.size() - prefix - suffix);
  const auto same = [&](int x, int y) { return a[prefix + static_cast<std::size_t>(x)] == b[prefix + static_cast<std::size_t>(y)]; };

  std::vector<Op> middle;
  // trace[d][k + d] is the furthest x on diagonal k after d edits.
  std::vector<std::vector<int>> trace;
  bool found = n == 0 || m == 0;
  if (!found) {
    for (int d = 0; d <= std::min(n + m, k_max_edit_distance) && !found; ++d) {
      std::vector<int> current(static_cast<std::size_t>(2 * d + 1), 0);
      const std::vector<int>* previous = trace.empty() ? nullptr : &trace.back();
      const auto at = [&](int k) { return (*previous)[static_cast<std::size_t>(k + d - 1)]; };
      for (int k = -d; k <= d; k += 2) {
        int x = 0;
        if (d > 0) {
          x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
        }
        int y = x - k;
        while (x < n && y < m && same(x, y)) {
          ++x;
          ++y;
        }
        current[static_cast<std::size_t>(k + d)] = x;
        if (x >= n && y >= m) {
          found = true;
        }
      }
      trace.push_back(std::move(current));
    }
    if (found) {
      int x = n;
      int y = m;
      for (int d = static_cast<int>(trace.size()) - 1; d > 0; --d) {
        const std::vector<int>& previous = trace[static_cast<std::size_t>(d - 1)];
        const auto at = [&](int k) { return previous[static_cast<std::size_t>(k + d - 1)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const int previous_k = down ? k + 1 : k - 1;
        const int previous_x = at(previous_k);
        const int previous_y = previous_x - previous_k;
        while (x > previous_x && y > previous_y) {
          middle.push_back(Op::equal);
          --x;
          --y;
        }
        middle.push_back(down ? Op::added : Op::removed);
        x = previous_x;
        y = previous_y;
      }
      while (x > 0 && y > 0) {
        middle.push_back(Op::equal);
        --x;
        --y;
      }
      std::reverse(middle.begin(), middle.end());
    }
  }
  if (middle.empty() && (n > 0 || m > 0)) {
    middle.insert(middle.end(), static_cast<std::size_t>(n), Op::removed);
    middle.insert(middle.end(), static_cast<std::size_t>(m), Op::added);
  }

  std::vector<Op> ops(prefix, Op::equal);
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), suffix, Op::equal);
  return ops;
}

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_word_byte(char c)
{
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Words, runs of whitespace, and single punctuation characters.
std::vector<std::string> tokenize(std::string_view text)
{
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = i + 1;
    if (is_space(text[i])) {
      while (j < text.size() && is_space(text[j])) {
        ++j;
      }
    } else if (is_word_byte(text[i])) {
      while (j < text.size() && is_word_byte(text[j])) {
        ++j;
      }
    }
    tokens.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return tokens;
}

std::string token_key(const std::string& token)
{
  return !token.empty() && is_space(token.front()) ? std::string(" ") : token;
}

bool is_filler(std::string_view text)
{
  return std::all_of(text.begin(), text.end(), [](char c) { return !is_word_byte(c); });
}

void append_segment(std::vector<Segment>& segments, Op op, std::string_view text)
{
  if (text.empty()) {
    return;
  }
  if (!segments.empty() && segments.back().op == op) {
    segments.back().text += text;
  } else {
    segments.push_back(Segment{op, std::string(text)});
  }
}

// Groups each run of changes into one removal followed by one addition, absorbing the
// whitespace and punctuation between changes so that phrases are replaced as a whole.
std::vector<Segment> tidy(std::vector<Segment> segments)
{
  for (std::size_t i = 1; i + 1 < segments.size(); ++i) {
    if (segments[i].op == Op::equal && segments[i - 1].op != Op::equal && segments[i + 1].op != Op::equal &&
        is_filler(segments[i].text)) {
      const std::string gap = segments[i].text;
      segments[i] = Segment{Op::removed, gap};
      segments.insert(segments.begin() + static_cast<std::ptrdiff_t>(i) + 1, Segment{Op::added, gap});
      ++i;
    }
  }
  std::vector<Segment> out;
  for (std::size_t i = 0; i < segments.size();) {
    if (segments[i].op == Op::equal) {
      append_segment(out, Op::equal, segments[i].text);
      ++i;
      continue;
    }
    std::string removed;
    std::string added;
    for (; i < segments.size() && segments[i].op != Op::equal; ++i) {
      (segments[i].op == Op::removed ? removed : added) += segments[i].text;
    }
    if (removed == added) {
      append_segment(out, Op::equal, added);
      continue;
    }
    // Spaces both sides share at their ends are unchanged: "dagligen" -> "varje timme",
    // not "dagligen " -> "varje timme ".
    std::size_t lead = 0;
    while (lead < removed.size() && lead < added.size() && removed[lead] == added[lead] && is_space(removed[lead])) {
      ++lead;
    }
    std::size_t trail = 0;
    while (trail < removed.size() - lead && trail < added.size() - lead &&
           removed[removed.size() - 1 - trail] == added[added.size() - 1 - trail] &&
           is_space(removed[removed.size() - 1 - trail])) {
      ++trail;
    }
    append_segment(out, Op::equal, added.substr(0, lead));
    if (removed.size() > lead + trail) {
      out.push_back(Segment{Op::removed, removed.substr(lead, removed.size() - lead - trail)});
    }
    if (added.size() > lead + trail) {
      out.push_back(Segment{Op::added, added.substr(lead, added.size() - lead - trail)});
    }
    append_segment(out, Op::equal, added.substr(added.size() - trail));
  }
  return out;
}

std::string collapse_space(std::string_view text)
{
  std::string out;
  bool space = false;
  for (const char c : text::trim(text)) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return out;
}

std::string block_key(const Block& block)
{
  return std::to_string(static_cast<int>(block.kind)) + ":" + std::to_string(block.level) + ":" +
         collapse_space(block.source);
}

// Share of words the two texts have in common (0 … 1), counting repeated words.
double similarity(const Block& a, const Block& b)
{
  if (a.kind != b.kind) {
    return 0;
  }
  if (a.kind == BlockKind::field) {
    const auto key = [](const std::string& s) { return collapse_space(s.substr(0, s.find('='))); };
    return key(a.source) == key(b.source) ? 1.0 : 0.0;
  }
  std::map<std::string, int> words;
  std::size_t total = 0;
  for (const std::string& t : tokenize(a.text)) {
    if (!is_filler(t)) {
      ++words[text::fold_case(t)];
      ++total;
    }
  }
  std::size_t common = 0;
  for (const std::string& t : tokenize(b.text)) {
    if (!is_filler(t)) {
      ++total;
      auto it = words.find(text::fold_case(t));
      if (it != words.end() && it->second > 0) {
        --it->second;
        ++common;
      }
    }
  }
  if (total == 0) {
    return a.level == b.level ? 1.0 : 0.0;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(total);
}

constexpr double k_same_block = 0.4;  // at least this similar to count as one changed block
constexpr std::size_t k_lookahead = 8;

const std::string& words_of(const Block& block, Words words)
{
  return words == Words::source ? block.source : block.text;
}

// --- Splitting into blocks ---------------------------------------------------------------

class Splitter
{
public:
  Splitter(std::string_view text, std::vector<Block>& out) : m_lines(text), m_out(out) {}

  void blocks(MarkdownNode parent, int depth)
  {
    for (MarkdownNode node = parent.first_child(); node; node = node.next()) {
      block(node, depth);
    }
  }

private:
  std::string lines(int first, int last) const
  {
    last = std::max(first, std::min(last, m_lines.line_count()));
    std::string out;
    for (int line = first; line <= last; ++line) {
      if (line > first) {
        out += '\n';
      }
      out += m_lines.line_text(line);
    }
    return std::string(text::trim(out));
  }

  // A node's text as the page shows it, footnote references by their numbers.
  static std::string shown_text(MarkdownNode node)
  {
    return node.plain_text(
      [](std::string& text, int number) { fmt::format_to(std::back_inserter(text), "[{}]", number); });
  }

  void add(BlockKind kind, int level, MarkdownNode node, std::string text)
  {
    add(kind, level, node.start_line(), lines(node.start_line(), node.end_line()), std::move(text));
  }

  void add(BlockKind kind, int level, int line, std::string source, std::string text)
  {
    m_out.push_back(Block{kind, level, line, std::move(source), collapse_space(text)});
  }

  void block(MarkdownNode node, int depth)
  {
    switch (node.kind()) {
      case NodeKind::heading:
        add(BlockKind::heading, node.heading_level(), node, shown_text(node));
        break;
      case NodeKind::paragraph:
        add(BlockKind::paragraph, 0, node, shown_text(node));
        break;
      case NodeKind::list:
        for (MarkdownNode item = node.first_child(); item; item = item.next()) {
          list_item(item, depth + 1);
        }
        break;
      case NodeKind::table:
        for (MarkdownNode row = node.first_child(); row; row = row.next()) {
          std::string text;
          bool first = true;
          for (MarkdownNode cell = row.first_child(); cell; cell = cell.next()) {
            if (!first) {
              text += " | ";
            }
            first = false;
            text += collapse_space(shown_text(cell));
          }
          add(BlockKind::table_row, row.header_row() ? 1 : 0, row.start_line(),
              lines(row.start_line(), row.start_line()), std::move(text));
        }
        break;
      case NodeKind::code_block:
        m_out.push_back(Block{BlockKind::code, 0, node.start_line(), lines(node.start_line(), node.end_line()),
                              std::string(text::trim(node.literal()))});
        break;
      case NodeKind::block_quote:
        add(BlockKind::quote, 0, node, shown_text(node));
        break;
      case NodeKind::footnote_definition:
        add(BlockKind::footnote, 0, node, fmt::format("[{}] {}", ++m_notes, shown_text(node)));
        break;
      case NodeKind::thematic_break:
        break;
      case NodeKind::html_block:
        add(BlockKind::other, 0, node, std::string(node.literal()));
        break;
      default:
        add(BlockKind::other, 0, node, shown_text(node));
        break;
    }
  }

  // An item's own text is one block; nested lists follow as blocks of their own.
  void list_item(MarkdownNode item, int depth)
  {
    std::string text = item.task_item() ? (item.task_checked() ? "[x] " : "[ ] ") : "";
    int last_line = item.end_line();
    std::vector<MarkdownNode> nested;
    for (MarkdownNode child = item.first_child(); child; child = child.next()) {
      if (child.kind() == NodeKind::list) {
        if (nested.empty()) {
          last_line = child.start_line() - 1;
        }
        nested.push_back(child);
        continue;
      }
      if (!nested.empty()) {
        nested.push_back(child);  // text after a nested list stays in order, as its own block
        continue;
      }
      if (!text.empty() && text.back() != ' ') {
        text += ' ';
      }
      text += child.kind() == NodeKind::code_block ? std::string(child.literal()) : shown_text(child);
    }
    add(BlockKind::list_item, depth, item.start_line(), lines(item.start_line(), last_line), std::move(text));
    for (MarkdownNode child : nested) {
      if (child.kind() == NodeKind::list) {
        for (MarkdownNode sub = child.first_child(); sub; sub = sub.next()) {
          list_item(sub, depth + 1);
        }
      } else {
        block(child, depth);
      }
    }
  }

  text::LineIndex m_lines;
  std::vector<Block>& m_out;
  int m_notes = 0;  // footnote definitions so far: the last blocks, in the order of their numbers
};

}  // namespace

std::vector<Block> split_blocks(std::string_view document)
{
  std::vector<Block> out;
  std::string body(document);
  if (std::string_view(body).starts_with("\xEF\xBB\xBF")) {
    body.erase(0, 3);
  }
  // Front matter: one block per non-blank line, then blanked so that Markdown lines keep
  // their numbers.
  const text::LineIndex index(body);
  if (index.line_count() > 0 && text::trim(index.line_text(1)) == "+++") {
    int close = 0;
    for (int line = 2; line <= index.line_count(); ++line) {
      if (index.line_text(line) == "+++" || index.line_text(line) == "+++\r") {
        close = line;
        break;
      }
    }
    if (close > 0) {
      for (int line = 2; line < close; ++line) {
        const std::string_view text = text::trim(index.line_text(line));
        if (!text.empty() && !text.starts_with('#')) {
          out.push_back(Block{BlockKind::field, 0, line, std::string(text), std::string(text)});
        }
      }
      const std::size_t end = index.line_start(close + 1);
      for (std::size_t i = 0; i < end && i < body.size(); ++i) {
        if (body[i] != '\n') {
          body[i] = ' ';
        }
      }
    }
  }
  const Markdown markdown = Markdown::parse(body);
  Splitter(body, out).blocks(markdown.root(), 0);
  return out;
}

bool Diff::identical() const
{
  return changed_blocks() == 0;
}

std::size_t Diff::changed_blocks() const
{
  return static_cast<std::size_t>(std::count_if(blocks.begin(), blocks.end(),
                                                [](const BlockChange& b) { return b.change != Change::unchanged; }));
}

std::vector<Segment> diff_words(std::string_view before, std::string_view after)
{
  const std::vector<std::string> a = tokenize(before);
  const std::vector<std::string> b = tokenize(after);
  std::vector<std::string> ka;
  std::vector<std::string> kb;
  ka.reserve(a.size());
  kb.reserve(b.size());
  std::transform(a.begin(), a.end(), std::back_inserter(ka), token_key);
  std::transform(b.begin(), b.end(), std::back_inserter(kb), token_key);
  std::vector<Segment> segments;
  std::size_t i = 0;
  std::size_t j = 0;
  for (const Op op : edit_script(ka, kb)) {
    switch (op) {
      case Op::equal: append_segment(segments, Op::equal, b[j]); ++i; ++j; break;
      case Op::removed: append_segment(segments, Op::removed, a[i]); ++i; break;
      case Op::added: append_segment(segments, Op::added, b[j]); ++j; break;
    }
  }
  return tidy(std::move(segments));
}

Diff diff_blocks(const std::vector<Block>& before, const std::vector<Block>& after, Words words)
{
  std::vector<std::string> ka;
  std::vector<std::string> kb;
  std::transform(before.begin(), before.end(), std::back_inserter(ka), block_key);
  std::transform(after.begin(), after.end(), std::back_inserter(kb), block_key);
  const std::vector<Op> ops = edit_script(ka, kb);

  Diff diff;
  diff.words = words;
  std::vector<const Block*> removed;
  std::vector<const Block*> added;
  // Pairs the blocks of one run of changes: a removed block and a later-added similar one
  // are one modified block; the rest stay removed or added.
  const auto flush = [&] {
    std::size_t next_added = 0;
    for (const Block* r : removed) {
      std::optional<std::size_t> match;
      // Looks a few blocks ahead only: far apart, a "modification" would not read as one.
      for (std::size_t k = next_added; k < added.size() && k < next_added + k_lookahead; ++k) {
        if (similarity(*r, *added[k]) >= k_same_block) {
          match = k;
          break;
        }
      }
      if (!match) {
        diff.blocks.push_back(BlockChange{Change::removed, *r, {}, {}});
        continue;
      }
      for (; next_added < *match; ++next_added) {
        diff.blocks.push_back(BlockChange{Change::added, {}, *added[next_added], {}});
      }
      BlockChange change{Change::modified, *r, *added[*match], {}};
      change.words = diff_words(words_of(*r, words), words_of(*added[*match], words));
      diff.blocks.push_back(std::move(change));
      next_added = *match + 1;
    }
    for (; next_added < added.size(); ++next_added) {
      diff.blocks.push_back(BlockChange{Change::added, {}, *added[next_added], {}});
    }
    removed.clear();
    added.clear();
  };
  std::size_t i = 0;
  std::size_t j = 0;
  for (const Op op : ops) {
    switch (op) {
      case Op::equal:
        flush();
        diff.blocks.push_back(BlockChange{Change::unchanged, before[i], after[j], {}});
        ++i;
        ++j;
        break;
      case Op::removed: removed.push_back(&before[i++]); break;
      case Op::added: added.push_back(&after[j++]); break;
    }
  }
  flush();
  return diff;
}

Diff diff_documents(std::string_view before, std::string_view after, Words words)
{
  return diff_blocks(split_blocks(before), split_blocks(after), words);
}

std::string to_marked_text(const Diff& diff, Words words, std::size_t context)
{
  const std::size_t n = diff.blocks.size();
  std::vector<bool> shown(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (diff.blocks[i].change != Change::unchanged) {
      const std::size_t from = i >= context ? i - context : 0;
      for (std::size_t k = from; k < n && k <= i + context; ++k) {
        shown[k] = true;
      }
    }
  }
  std::string out;
  bool gap = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (!shown[i]) {
      gap = true;
      continue;
    }
    if (!out.empty()) {
      out += "\n\n";
    }
    if (gap && !out.empty()) {
      out += "…\n\n";
    }
    gap = false;
    const BlockChange& b = diff.blocks[i];
    switch (b.change) {
      case Change::unchanged: out += words_of(b.after, words); break;
      case Change::added: out += "{+" + words_of(b.after, words) + "+}"; break;
      case Change::removed: out += "[-" + words_of(b.before, words) + "-]"; break;
      case Change::modified:
        for (const Segment& s : words == diff.words ? b.words
                                                    : diff_words(words_of(b.before, words), words_of(b.after, words))) {
          out += s.op == Op::equal ? s.text : s.op == Op::removed ? "[-" + s.text + "-]" : "{+" + s.text + "+}";
        }
        break;
    }
  }
  if (!out.empty()) {
    out += '\n';
  }
  return out;
}

}  // namespace styr::textdiff

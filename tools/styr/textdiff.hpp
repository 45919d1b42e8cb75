// What changed between two versions of a document, in a form both the site (HTML with
// <ins>/<del>) and the terminal ([-…-]{+…+}) can show: the texts are split into blocks
// (front-matter lines, headings, paragraphs, list items, table rows, code blocks, footnotes), the block
// sequences are compared, and inside a changed block the words are compared.
// Knows nothing of the site or the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace styr::textdiff {

enum class BlockKind { field, heading, paragraph, list_item, table_row, code, quote, footnote, other };

struct Block
{
  BlockKind kind = BlockKind::paragraph;
  int level = 0;       // heading level; list nesting depth (1 = top level)
  int line = 0;        // first line in the text it came from, counting from 1
  std::string source;  // the block as written (Markdown, or the TOML line of a field)
  // What a reader sees: the plain text, table cells joined by " | ", a footnote reference as
  // its note's number in brackets ("[1]"), a note as its number and its text ("[1] Lagen …").
  // Notes come last, in the order of their numbers, as the page shows them.
  std::string text;
};

// Splits a document (front matter between "+++" lines, then Markdown) into blocks.
// Without a "+++" first line the whole text is Markdown.
std::vector<Block> split_blocks(std::string_view document);

enum class Op { equal, removed, added };

struct Segment
{
  Op op = Op::equal;
  std::string text;
};

enum class Change { unchanged, added, removed, modified };

struct BlockChange
{
  Change change = Change::unchanged;
  Block before;  // empty for an added block
  Block after;   // empty for a removed block
  // For a modified block, the words of the compared representation, removed text before
  // added text in each place of change. Empty for the other kinds.
  std::vector<Segment> words;
};

// Which representation of a changed block the words are taken from: the source (for
// officers: link targets and emphasis show) or the plain text (for readers).
enum class Words { source, text };

struct Diff
{
  std::vector<BlockChange> blocks;  // in the order of the newer text, removed blocks in place
  Words words = Words::text;        // the representation the blocks' words were compared in

  bool identical() const;
  std::size_t changed_blocks() const;  // added + removed + modified
};

Diff diff_documents(std::string_view before, std::string_view after, Words words = Words::text);
Diff diff_blocks(const std::vector<Block>& before, const std::vector<Block>& after, Words words = Words::text);

// The word-level difference of two texts. Whitespace compares equal to whitespace (a
// re-wrapped paragraph is unchanged); neighbouring changes separated only by spaces or
// punctuation are merged so that the result reads as phrases rather than fragments.
std::vector<Segment> diff_words(std::string_view before, std::string_view after);

// The changed blocks as plain text with wdiff markers: [-removed-]{+added+}, one block per
// paragraph, `context` unchanged blocks around each change, "…" where blocks are left out.
// Blocks are shown in `words`; modified blocks compared in the other representation are
// compared again.
std::string to_marked_text(const Diff& diff, Words words = Words::source, std::size_t context = 0);

}  // namespace styr::textdiff

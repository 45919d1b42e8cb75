#include "styr/textdiff.hpp"

#include "styr/text.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace styr;
using namespace styr::textdiff;

namespace {

std::string squeeze(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (!(c == ' ' && !out.empty() && out.back() == ' ')) {
      out += c;
    }
  }
  return out;
}

// One side of a word diff, with runs of spaces as one (whitespace compares equal).
std::string join(const std::vector<Segment>& segments, bool before)
{
  std::string out;
  for (const Segment& s : segments) {
    if (s.op == Op::equal || s.op == (before ? Op::removed : Op::added)) {
      out += s.text;
    }
  }
  return squeeze(out);
}

const char* k_doc = R"(+++
id = "IS-RL-004"
owner = "IT-chef"
+++

# Riktlinje för säkerhetskopiering

## Syfte

Säkerhetskopior tas varje dag och
sparas i minst 30 dagar.

## Krav

- Kopior ska testas.
- Kopior ska krypteras.
  - Nycklar förvaras separat.

| ID | Krav | Nivå |
|---|---|---|
| K1 | Dagliga kopior | ska |
| K2 | Veckovisa kopior | bör |
)";

}  // namespace

TEST_CASE("split_blocks gives fields, headings, paragraphs, list items and table rows")
{
  const std::vector<Block> blocks = split_blocks(k_doc);
  std::vector<std::pair<BlockKind, std::string>> got;
  for (const Block& b : blocks) {
    got.emplace_back(b.kind, b.text);
  }
  const std::vector<std::pair<BlockKind, std::string>> expected = {
    {BlockKind::field, "id = \"IS-RL-004\""},
    {BlockKind::field, "owner = \"IT-chef\""},
    {BlockKind::heading, "Riktlinje för säkerhetskopiering"},
    {BlockKind::heading, "Syfte"},
    {BlockKind::paragraph, "Säkerhetskopior tas varje dag och sparas i minst 30 dagar."},
    {BlockKind::heading, "Krav"},
    {BlockKind::list_item, "Kopior ska testas."},
    {BlockKind::list_item, "Kopior ska krypteras."},
    {BlockKind::list_item, "Nycklar förvaras separat."},
    {BlockKind::table_row, "ID | Krav | Nivå"},
    {BlockKind::table_row, "K1 | Dagliga kopior | ska"},
    {BlockKind::table_row, "K2 | Veckovisa kopior | bör"},
  };
  CHECK(got == expected);
  CHECK(blocks[4].line == 10);
  CHECK(blocks[4].source == "Säkerhetskopior tas varje dag och\nsparas i minst 30 dagar.");
  CHECK(blocks[8].level == 2);
  CHECK(blocks[10].source == "| K1 | Dagliga kopior | ska |");
}

TEST_CASE("a footnote shows as its number where it is referenced, and its note as a block after the text")
{
  const std::vector<Block> blocks = split_blocks("## Syfte\n\nKommunen omfattas av lagen.[^csl]\n\n"
                                                 "[^csl]: Cybersäkerhetslagen\n    (2025:1506).\n\n"
                                                 "    Den genomför NIS 2-direktivet.\n\n## Ansvar\n\nText.\n");
  std::vector<std::pair<BlockKind, std::string>> got;
  for (const Block& b : blocks) {
    got.emplace_back(b.kind, b.text);
  }
  const std::vector<std::pair<BlockKind, std::string>> expected = {
    {BlockKind::heading, "Syfte"},
    {BlockKind::paragraph, "Kommunen omfattas av lagen.[1]"},
    {BlockKind::heading, "Ansvar"},
    {BlockKind::paragraph, "Text."},
    {BlockKind::footnote, "[1] Cybersäkerhetslagen (2025:1506). Den genomför NIS 2-direktivet."},
  };
  CHECK(got == expected);
  CHECK(blocks[4].line == 5);
  CHECK(blocks[4].source == "[^csl]: Cybersäkerhetslagen\n    (2025:1506).\n\n    Den genomför NIS 2-direktivet.");
}

TEST_CASE("a changed note is a modified block")
{
  const Diff d = diff_documents("Text.[^1]\n\n[^1]: Lagen (2025:1506).\n", "Text.[^1]\n\n[^1]: Lagen (2025:1507).\n");
  REQUIRE(d.changed_blocks() == 1);
  CHECK(d.blocks[1].change == Change::modified);
  CHECK(d.blocks[1].after.kind == BlockKind::footnote);
  CHECK(to_marked_text(d, Words::text) == "[1] Lagen (2025:[-1506-]{+1507+}).\n");
}

TEST_CASE("the paragraphs of a quote are words apart")
{
  const std::vector<Block> blocks = split_blocks("> Första stycket.\n>\n> Andra stycket.\n");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].kind == BlockKind::quote);
  CHECK(blocks[0].text == "Första stycket. Andra stycket.");
}

TEST_CASE("identical texts, and a re-wrapped paragraph, have no differences")
{
  CHECK(diff_documents(k_doc, k_doc).identical());
  std::string rewrapped = k_doc;
  rewrapped.replace(rewrapped.find("dag och\nsparas"), 14, "dag och sparas");
  const Diff d = diff_documents(k_doc, rewrapped);
  CHECK(d.identical());
  CHECK(d.blocks.size() == 12);
}

TEST_CASE("a changed word is a modified block with the word removed and added")
{
  std::string after = k_doc;
  after.replace(after.find("30 dagar"), 2, "90");
  const Diff d = diff_documents(k_doc, after);
  REQUIRE(d.changed_blocks() == 1);
  const BlockChange& b = d.blocks[4];
  CHECK(b.change == Change::modified);
  const std::vector<Segment> expected = {{Op::equal, "Säkerhetskopior tas varje dag och sparas i minst "},
                                         {Op::removed, "30"},
                                         {Op::added, "90"},
                                         {Op::equal, " dagar."}};
  CHECK(b.words.size() == expected.size());
  for (std::size_t i = 0; i < expected.size() && i < b.words.size(); ++i) {
    CHECK(b.words[i].op == expected[i].op);
    CHECK(b.words[i].text == expected[i].text);
  }
}

TEST_CASE("added, removed and changed fields and paragraphs")
{
  std::string after = k_doc;
  after.replace(after.find("owner = \"IT-chef\""), 17, "owner = \"säkerhetschef\"");
  after.replace(after.find("- Kopior ska testas.\n"), 21, "");
  after += "\n## Uppföljning\n\nIT-chefen följer upp årligen.\n";
  const Diff d = diff_documents(k_doc, after);
  CHECK(d.changed_blocks() == 4);
  CHECK(d.blocks[1].change == Change::modified);
  CHECK(d.blocks[1].before.kind == BlockKind::field);
  CHECK(d.blocks[6].change == Change::removed);
  CHECK(d.blocks[6].before.text == "Kopior ska testas.");
  CHECK(d.blocks[d.blocks.size() - 2].change == Change::added);
  CHECK(d.blocks.back().change == Change::added);
  CHECK(d.blocks.back().after.text == "IT-chefen följer upp årligen.");
}

TEST_CASE("a rewritten paragraph is removed and added, not a modification")
{
  const Diff d = diff_documents("Gammal text om något.\n", "Helt annan formulering här nu.\n");
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].change == Change::removed);
  CHECK(d.blocks[1].change == Change::added);
}

TEST_CASE("diff_words merges neighbouring changes into phrases")
{
  const auto w = diff_words("Kopior tas dagligen av IT.", "Kopior tas varje timme av driften.");
  // Two places of change, each one removal and one addition, not word by word.
  std::vector<std::string> removed;
  std::vector<std::string> added;
  for (const Segment& s : w) {
    if (s.op == Op::removed) {
      removed.emplace_back(text::trim(s.text));
    } else if (s.op == Op::added) {
      added.emplace_back(text::trim(s.text));
    }
  }
  CHECK(removed == std::vector<std::string>{"dagligen", "IT"});
  CHECK(added == std::vector<std::string>{"varje timme", "driften"});
  CHECK(w.front().text.starts_with("Kopior tas "));
  CHECK(w.back().text == ".");
}

TEST_CASE("diff_words reproduces both texts")
{
  std::mt19937 random(42);
  const std::vector<std::string> words = {"ska", "bör", "kopior", "dagligen", "IT-chef", "säkerhet", "och", ",", "."};
  for (int round = 0; round < 200; ++round) {
    std::string a;
    std::string b;
    for (int i = 0; i < 30; ++i) {
      a += words[random() % words.size()] + " ";
      b += words[random() % words.size()] + " ";
      if (random() % 3 == 0) {
        b += a.substr(a.size() / 2);
      }
    }
    const auto w = diff_words(a, b);
    CHECK(join(w, true) == squeeze(a));
    CHECK(join(w, false) == squeeze(b));
  }
}

// How fast is for bench/; here, that a long rewrite is compared block by block at all
// (CTest's timeout catches a comparison that never ends).
TEST_CASE("unrelated long texts are compared as removed and added blocks")
{
  std::string a;
  std::string b;
  for (int i = 0; i < 3000; ++i) {
    a += "Stycke nummer " + std::to_string(i) + " med text.\n\n";
    b += "Annat " + std::to_string(i * 7) + " innehåll.\n\n";
  }
  const Diff d = diff_documents(a, b);
  CHECK(d.changed_blocks() == 6000);
}

TEST_CASE("to_marked_text shows changes with wdiff markers")
{
  std::string after = k_doc;
  after.replace(after.find("30 dagar"), 2, "90");
  after += "\nNytt stycke.\n";
  const std::string text = to_marked_text(diff_documents(k_doc, after), Words::text);
  CHECK(text ==
        "Säkerhetskopior tas varje dag och sparas i minst [-30-]{+90+} dagar.\n\n"
        "…\n\n"
        "{+Nytt stycke.+}\n");
  // For officers, the source: line breaks and Markdown as written.
  CHECK(to_marked_text(diff_documents(k_doc, after), Words::source, 1).starts_with(
    "## Syfte\n\nSäkerhetskopior tas varje dag och\nsparas i minst [-30-]{+90+} dagar.\n\n## Krav\n\n…"));
  CHECK(to_marked_text(diff_documents(k_doc, k_doc)).empty());
}

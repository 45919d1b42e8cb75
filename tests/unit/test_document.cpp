#include "styr/document.hpp"
#include "styr/requirements.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace styr;

namespace {

const std::string k_front = "+++\nid = \"IS-RL-004\"\ntitle = \"Riktlinje för säkerhetskopiering\"\ntype = \"riktlinje\"\n+++\n";

Document load(std::string text)
{
  return load_document("policies/test.md", std::move(text));
}

bool has_rule(const Document& d, std::string_view rule)
{
  for (const Diagnostic& p : d.problems) {
    if (p.rule == rule) {
      return true;
    }
  }
  return false;
}

Diagnostic only_problem(const Document& d)
{
  REQUIRE(d.problems.size() == 1);
  return d.problems.front();
}

}  // namespace

TEST_CASE("a valid document loads front matter and outline")
{
  const Document d = load(k_front + "\n# Riktlinje för säkerhetskopiering\n\n## Syfte\n\nText.\n");
  CHECK(d.problems.empty());
  CHECK(d.id() == "IS-RL-004");
  CHECK(d.title() == "Riktlinje för säkerhetskopiering");
  REQUIRE(d.headings.size() == 2);
  CHECK(d.headings[0].level == 1);
  CHECK(d.headings[0].position == Position{7, 1});
  CHECK(d.headings[1].text == "Syfte");
  CHECK(d.headings[1].position == Position{9, 1});
  CHECK(d.headings[1].has_content);
  CHECK(d.body_line == 6);
}

TEST_CASE("front-matter keys and values carry file positions")
{
  const Document d = load(k_front);
  CHECK(d.key_position("id") == Position{2, 1});
  CHECK(d.value_position("id") == Position{2, 6});
  CHECK(d.value_position("type") == Position{4, 8});
  CHECK(d.key_position("missing") == Position{1, 1});
}

TEST_CASE("a byte-order mark is tolerated")
{
  const Document d = load("\xEF\xBB\xBF" + k_front + "# T\n");
  CHECK(d.problems.empty());
  CHECK(d.id() == "IS-RL-004");
  CHECK(d.headings.at(0).position == Position{6, 1});
}

TEST_CASE("CRLF line endings give the same outline and positions")
{
  std::string crlf;
  for (const char c : k_front + "# T\n\n## Syfte\n\nText.\n") {
    if (c == '\n') {
      crlf += '\r';
    }
    crlf += c;
  }
  const Document d = load(crlf);
  CHECK(d.problems.empty());
  CHECK(d.title() == "Riktlinje för säkerhetskopiering");
  REQUIRE(d.headings.size() == 2);
  CHECK(d.headings[1].text == "Syfte");
  CHECK(d.headings[1].position == Position{8, 1});
  CHECK(d.value_position("type") == Position{4, 8});
}

TEST_CASE("CR-only line endings are an encoding problem")
{
  const Diagnostic p = only_problem(load("+++\rid = \"x\"\r+++\r"));
  CHECK(p.rule == "encoding");
  CHECK(p.position == Position{1, 4});
}

TEST_CASE("an empty file has no front matter")
{
  CHECK(only_problem(load("")).rule == "front-matter-missing");
}

TEST_CASE("a file without +++ has no front matter")
{
  const Diagnostic p = only_problem(load("# Rubrik\n\nText\n"));
  CHECK(p.rule == "front-matter-missing");
  CHECK(p.position == Position{1, 1});
}

TEST_CASE("YAML front matter is not TOML front matter")
{
  CHECK(only_problem(load("---\ntitle: x\n---\n")).rule == "front-matter-missing");
}

TEST_CASE("a +++ line with trailing text does not open front matter")
{
  CHECK(only_problem(load("+++ toml\nid = \"x\"\n+++\n")).rule == "front-matter-missing");
}

TEST_CASE("unterminated front matter")
{
  const Diagnostic p = only_problem(load("+++\nid = \"x\"\ntitle = \"y\"\n"));
  CHECK(p.rule == "front-matter-unterminated");
}

TEST_CASE("the closing fence must be exactly +++")
{
  CHECK(only_problem(load("+++\nid = \"x\"\n++++\n")).rule == "front-matter-unterminated");
}

TEST_CASE("TOML syntax errors point into the file")
{
  const Diagnostic p = only_problem(load("+++\nid = \"x\"\nretired = trU\n+++\n"));
  CHECK(p.rule == "front-matter-syntax");
  CHECK(p.position == Position{3, 13});  // at the offending character
  CHECK(p.message.find("invalid TOML") != std::string::npos);
}

TEST_CASE("an unterminated TOML string is a syntax error on its line")
{
  const Diagnostic p = only_problem(load("+++\ntitle = \"öppen\nid = \"x\"\n+++\n"));
  CHECK(p.rule == "front-matter-syntax");
  CHECK(p.position.line == 2);
}

TEST_CASE("duplicate TOML keys are a syntax error")
{
  const Diagnostic p = only_problem(load("+++\nid = \"a\"\nid = \"b\"\n+++\n"));
  CHECK(p.rule == "front-matter-syntax");
  CHECK(p.position.line == 3);
}

TEST_CASE("a body is still parsed when the front matter is invalid")
{
  const Document d = load("+++\nid = = 1\n+++\n# Titel\n");
  CHECK(has_rule(d, "front-matter-syntax"));
  CHECK_FALSE(d.front_matter.has_value());
  CHECK(d.headings.size() == 1);
}

TEST_CASE("deeply nested TOML arrays are refused before parsing")
{
  const std::string deep = "+++\nx = " + std::string(100000, '[') + std::string(100000, ']') + "\n+++\n";
  const Diagnostic p = only_problem(load(deep));
  CHECK(p.rule == "front-matter-syntax");
  CHECK(p.message.find("nested") != std::string::npos);
}

TEST_CASE("brackets inside TOML strings do not count as nesting")
{
  const Document d = load("+++\ntitle = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n+++\n");
  CHECK(d.problems.empty());
}

TEST_CASE("a NUL byte is reported with its position")
{
  std::string t = k_front + "Text";
  t += '\0';
  const Diagnostic p = only_problem(load(t));
  CHECK(p.rule == "encoding");
  CHECK(p.position == Position{6, 5});
}

TEST_CASE("invalid UTF-8 is reported with its position")
{
  const Diagnostic p = only_problem(load(k_front + "ok\nbad \xE5 byte\n"));
  CHECK(p.rule == "encoding");
  CHECK(p.position == Position{7, 5});
  CHECK(p.message.find("0xE5") != std::string::npos);
}

TEST_CASE("Latin-1 text (a common mistake) is invalid UTF-8")
{
  CHECK(only_problem(load("+++\ntitle = \"S\xE4kerhet\"\n+++\n")).rule == "encoding");
}

TEST_CASE("headings with numbering and inline markup keep their text")
{
  const Document d = load(k_front + "## 2. *Omfattning* och `kod`\n\ntext\n");
  REQUIRE(d.headings.size() == 1);
  CHECK(d.headings[0].text == "2. Omfattning och kod");
}

TEST_CASE("setext headings are headings")
{
  const Document d = load(k_front + "Syfte\n-----\n\ntext\n");
  REQUIRE(d.headings.size() == 1);
  CHECK(d.headings[0].level == 2);
}

TEST_CASE("a section with only subheadings and no text has no content")
{
  const Document d = load(k_front + "## Syfte\n\n### Del\n\n## Omfattning\n\ntext\n");
  REQUIRE(d.headings.size() == 3);
  CHECK_FALSE(d.headings[0].has_content);
  CHECK(d.headings[2].has_content);
}

TEST_CASE("text under a subheading counts for the section")
{
  const Document d = load(k_front + "## Krav\n\n### Lösenord\n\nText.\n");
  CHECK(d.headings[0].has_content);
}

TEST_CASE("a footnote gives no content to the last section, wherever it is written")
{
  const Document d = load(k_front + "## Syfte\n\nText.[^1]\n\n[^1]: Noten.\n\n## Uppföljning\n");
  REQUIRE(d.headings.size() == 2);
  CHECK(d.headings[0].has_content);
  CHECK_FALSE(d.headings[1].has_content);
}

TEST_CASE("headings inside block quotes are not sections")
{
  const Document d = load(k_front + "> ## Citat\n");
  CHECK(d.headings.empty());
}

TEST_CASE("links are found with their positions and decoded destinations")
{
  const Document d = load(k_front + "Se [policyn](../policy/sak%C3%A4rhet.md) och\n[x](b.md) samt ![bild](bild.png).\n");
  REQUIRE(d.links.size() == 3);
  CHECK(d.links[0].destination == "../policy/sakärhet.md");
  CHECK(d.links[0].position == Position{6, 14});
  CHECK(d.links[1].destination == "b.md");
  CHECK(d.links[1].position == Position{7, 5});
  CHECK(d.links[2].image);
}

TEST_CASE("the same destination twice in a paragraph gets two positions")
{
  const Document d = load(k_front + "[a](x.md) och [b](x.md)\n");
  REQUIRE(d.links.size() == 2);
  CHECK(d.links[0].position.column == 5);
  CHECK(d.links[1].position.column == 19);
}

TEST_CASE("autolinks are links")
{
  const Document d = load(k_front + "Läs www.msb.se och https://www.imy.se/.\n");
  CHECK(d.links.size() == 2);
}

TEST_CASE("GFM tables are extracted with header and rows")
{
  const Document d = load(k_front + "| ID | Krav | Nivå |\n|---|---|---|\n| BKP-01 | Data *ska* kopieras. | ska |\n| BKP-02 | Test | bör |\n");
  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].header == std::vector<std::string>{"ID", "Krav", "Nivå"});
  REQUIRE(d.tables[0].rows.size() == 2);
  CHECK(d.tables[0].rows[0].cells[1] == "Data ska kopieras.");
  CHECK(d.tables[0].rows[1].position.line == 9);
}

TEST_CASE("Requirement rows are read by their columns' names, in any order, beside other columns")
{
  const Document d = load(k_front + "| Nivå | Källa | id | KRAV |\n|---|---|---|---|\n| Bör | ISO 8.13 | BKP-01 | Kopiera. |\n\n"
                                    "| ID | Krav |\n|---|---|\n| X | Utan nivå: ingen kravtabell. |\n");
  const std::vector<Requirement> found = extract_requirements(d);
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "BKP-01");
  CHECK(found[0].text == "Kopiera.");
  CHECK(found[0].level == "bör");
  CHECK(found[0].position.line == 8);
}

TEST_CASE("a requirement keeps the text of its footnotes, in parentheses where they are referenced")
{
  const Document d = load(k_front + "| ID | Krav | Nivå |\n|---|---|---|\n"
                                    "| BKP-01 | Kopior tas dagligen[^skydd] och testas.[^test] | ska |\n"
                                    "| BKP-02 | Kopior krypteras [^skydd] | bör |\n\n"
                                    "[^skydd]: Gäller system med\n    skyddsvärde *högt*.\n"
                                    "[^test]: Se rutinen.[^skydd]\n");
  const std::vector<Requirement> found = extract_requirements(d);
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "Kopior tas dagligen (Gäller system med skyddsvärde högt.) och testas. (Se rutinen.)");
  CHECK(found[1].text == "Kopior krypteras (Gäller system med skyddsvärde högt.)");
}

TEST_CASE("raw HTML in the body does not break loading")
{
  const Document d = load(k_front + "<script>alert(1)</script>\n\n## Syfte\n\ntext\n");
  CHECK(d.problems.empty());
  CHECK(d.headings.size() == 1);
}

TEST_CASE("markdown_source blanks the front matter but keeps its lines")
{
  const Document d = load(k_front + "# T\n");
  const std::string src = d.markdown_source();
  CHECK(src.size() == d.text.size());
  CHECK(src.find("IS-RL-004") == std::string::npos);
  CHECK(std::count(src.begin(), src.end(), '\n') == std::count(d.text.begin(), d.text.end(), '\n'));
}

TEST_CASE("an oversized front matter is refused")
{
  std::string big = "+++\n";
  for (int i = 0; i < 20000; ++i) {
    big += "key" + std::to_string(i) + " = \"value value value\"\n";
  }
  big += "+++\n";
  CHECK(only_problem(load(big)).rule == "front-matter-syntax");
}

TEST_CASE("pathological emphasis and many brackets load quickly")
{
  const Document d = load(k_front + std::string(200000, '[') + "\n\n" + std::string(100000, '*') + "a\n");
  CHECK(d.problems.empty());
}

TEST_CASE("percent_decode leaves invalid escapes alone")
{
  CHECK(percent_decode("a%20b") == "a b");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz") == "%zz");
}

namespace {

// Every field of two documents, the front matter by value.
void check_same(const Document& a, const Document& b)
{
  CHECK(a.path == b.path);
  CHECK(a.text == b.text);
  CHECK(a.bom == b.bom);
  REQUIRE(a.front_matter.has_value() == b.front_matter.has_value());
  if (a.front_matter) {
    CHECK(*a.front_matter == *b.front_matter);
    for (const auto& [key, value] : *a.front_matter) {
      CHECK(a.key_position(key.str()) == b.key_position(key.str()));
      CHECK(a.value_position(key.str()) == b.value_position(key.str()));
    }
  }
  CHECK(a.body_offset == b.body_offset);
  CHECK(a.body_line == b.body_line);
  REQUIRE(a.headings.size() == b.headings.size());
  for (std::size_t i = 0; i < a.headings.size(); ++i) {
    CHECK(a.headings[i].level == b.headings[i].level);
    CHECK(a.headings[i].text == b.headings[i].text);
    CHECK(a.headings[i].position == b.headings[i].position);
    CHECK(a.headings[i].has_content == b.headings[i].has_content);
  }
  REQUIRE(a.links.size() == b.links.size());
  for (std::size_t i = 0; i < a.links.size(); ++i) {
    CHECK(a.links[i].destination == b.links[i].destination);
    CHECK(a.links[i].position == b.links[i].position);
    CHECK(a.links[i].image == b.links[i].image);
  }
  REQUIRE(a.tables.size() == b.tables.size());
  for (std::size_t i = 0; i < a.tables.size(); ++i) {
    CHECK(a.tables[i].position == b.tables[i].position);
    CHECK(a.tables[i].header == b.tables[i].header);
    REQUIRE(a.tables[i].rows.size() == b.tables[i].rows.size());
    for (std::size_t r = 0; r < a.tables[i].rows.size(); ++r) {
      CHECK(a.tables[i].rows[r].position == b.tables[i].rows[r].position);
      CHECK(a.tables[i].rows[r].cells == b.tables[i].rows[r].cells);
    }
  }
  REQUIRE(a.problems.size() == b.problems.size());
  for (std::size_t i = 0; i < a.problems.size(); ++i) {
    CHECK(a.problems[i].path == b.problems[i].path);
    CHECK(a.problems[i].position == b.problems[i].position);
    CHECK(a.problems[i].severity == b.problems[i].severity);
    CHECK(a.problems[i].rule == b.problems[i].rule);
    CHECK(a.problems[i].message == b.problems[i].message);
    CHECK(a.problems[i].hint == b.problems[i].hint);
  }
}

}  // namespace

TEST_CASE("a saved document is restored field for field")
{
  const std::string body = "# Riktlinje\n\n## Syfte\n\nSe [policyn](../policy/p%C3%A5.md) och ![bild](b.png).\n\n"
                           "| ID | Krav |\n|---|---|\n| K-1 | Data *ska* kopieras. |\n\n## Tom\n";
  const std::string crlf = [&] {
    std::string s;
    for (const char c : k_front + body) {
      s += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    return s;
  }();
  for (const std::string& text : {k_front + body, "\xEF\xBB\xBF" + k_front + body, crlf,
                                  "+++\nid = = 1\n+++\n" + body,  // invalid front matter, body parsed
                                  body,                           // no front matter
                                  k_front + "\x01\xFF",          // invalid UTF-8
                                  k_front + "<!-- x -->\n" + std::string(300, '>') + "deep\n",
                                  std::string()}) {
    CAPTURE(text);
    const Document loaded = load(text);
    const auto restored = restore_document(loaded.path, save_document(loaded));
    REQUIRE(restored.has_value());
    check_same(loaded, *restored);
  }
}

TEST_CASE("a document with only its front matter loaded is restored as such")
{
  const Document loaded = load_document("policies/test.md", k_front + "# Titel\n", Parts::front_matter);
  const auto restored = restore_document(loaded.path, save_document(loaded));
  REQUIRE(restored.has_value());
  CHECK(restored->headings.empty());
  check_same(loaded, *restored);
}

TEST_CASE("a cut-off saved document is refused, never half restored")
{
  const std::string saved = save_document(load(k_front + "# Titel\n\n## Syfte\n\n[a](b.md)\n"));
  for (std::size_t n = 0; n < saved.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(restore_document("policies/test.md", saved.substr(0, n)).has_value());
  }
  CHECK_FALSE(restore_document("policies/test.md", saved + "1:x").has_value());
}

#include "styr/text.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace styr;

TEST_CASE("find_invalid_utf8 accepts valid text and finds the first bad byte")
{
  CHECK_FALSE(text::find_invalid_utf8("Säkerhetskopiering – åäö €").has_value());
  CHECK(text::find_invalid_utf8("ab\xC3").value() == 2);           // truncated sequence
  CHECK(text::find_invalid_utf8("a\xFF").value() == 1);            // never valid
  CHECK(text::find_invalid_utf8("\xC0\xAF").value() == 0);         // overlong
  CHECK(text::find_invalid_utf8("x\xED\xA0\x80").value() == 1);    // surrogate
}

TEST_CASE("fold_case lowers Swedish letters")
{
  CHECK(text::fold_case("ÅÄÖ Omfattning É") == "åäö omfattning é");
  CHECK(text::fold_case("IT-chef") == "it-chef");
  // Every ASCII character, at every place in a run long enough to be folded eight at a time.
  for (int c = 0; c < 0x80; ++c) {
    for (std::size_t at = 0; at < 17; ++at) {
      std::string t(17, 'Q');
      t[at] = static_cast<char>(c);
      std::string expected(17, 'q');
      expected[at] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      CHECK(text::fold_case(t) == expected);
    }
  }
}

TEST_CASE("canonical gives text as a reader sees it")
{
  CHECK(text::canonical("Roller och\u00a0ansvar") == "Roller och ansvar");
  CHECK(text::canonical("säkerhets\u00adkopiering\u200b") == "säkerhetskopiering");
  CHECK(text::canonical("Uppfo\u0308ljning av A\u030Atga\u0308rder") == "Uppföljning av Åtgärder");
  CHECK(text::canonical("Cafe\u0301 Y\u0308") == "Café Y\u0308");  // no Latin-1 capital Ÿ
  CHECK(text::canonical("a\t \u2009 b\nc  d") == "a b\nc d");  // spaces collapse; lines stay
  CHECK(text::canonical("\u0308x") == "\u0308x");                // nothing to put it on
  CHECK(text::canonical("helt vanlig text") == "helt vanlig text");
  CHECK(text::canonical("bad \xff\u00a0byte") == "bad \xff\u00a0byte");  // not UTF-8: as it was
}

TEST_CASE("anchor agrees with the anchors GitHub and GitLab make, whichever is given")
{
  // A heading and the fragment a git web interface gives it end the same.
  const std::pair<std::string_view, std::string_view> pairs[] = {
    {"4.2 Lösenord", "42-lösenord"},
    {"IT-chef/säkerhetschef", "it-chefsäkerhetschef"},
    {"GDPR:s krav", "gdprs-krav"},
    {"Roller & ansvar", "roller--ansvar"},
    {"Roller och ansvar", "roller-och-ansvar"},
  };
  for (const auto& [heading, fragment] : pairs) {
    CAPTURE(heading);
    CHECK(text::anchor(heading) == text::anchor(fragment));
  }
  CHECK(text::anchor("4.2 Lösenord") == "42-losenord");
  CHECK(text::anchor("  Syfte ") == "syfte");
}

TEST_CASE("edit_distance counts characters, not bytes")
{
  CHECK(text::edit_distance("Omfattning", "Omfatning") == 1);
  CHECK(text::edit_distance("mål", "mal") == 1);
  CHECK(text::edit_distance("", "abc") == 3);
}

TEST_CASE("slugify makes ASCII anchors")
{
  CHECK(text::slugify("Roller och ansvar") == "roller-och-ansvar");
  CHECK(text::slugify("Säkerhetskopiering för ÅÄÖ!") == "sakerhetskopiering-for-aao");
  CHECK(text::slugify("  2.1 Mål  ") == "2-1-mal");
}

TEST_CASE("LineIndex maps byte offsets to lines and character columns")
{
  const std::string t = "ab\r\nåäö x\nlast";
  const text::LineIndex lines(t);
  CHECK(lines.line_count() == 3);
  CHECK(lines.position(0) == Position{1, 1});
  CHECK(lines.position(4) == Position{2, 1});
  CHECK(lines.position(t.find('x')) == Position{2, 5});  // å ä ö are one column each
  CHECK(lines.from_byte_column(2, 8) == Position{2, 5});
  CHECK(lines.line_text(1) == "ab");
  CHECK(lines.line_text(3) == "last");
}

TEST_CASE("length and LineIndex count code points across long lines of mixed text")
{
  CHECK(text::length("") == 0);
  CHECK(text::length("åäö") == 3);
  CHECK(text::length("säkerhetskopiering, 🔒 och ÅÄÖ") == 29);
  // Hundreds of bytes per line, so that columns span LineIndex's blocks, with multi-byte
  // characters at every alignment.
  std::string t;
  for (int i = 0; i < 300; ++i) {
    t += i % 7 == 0 ? "\n" : i % 3 == 0 ? "å" : i % 5 == 0 ? "€" : "x";
  }
  const text::LineIndex lines(t);
  int line = 1;
  std::size_t start = 0;
  for (std::size_t offset = 0; offset <= t.size(); ++offset) {
    if ((t[offset] & 0xC0) == 0x80) {
      continue;  // inside a character
    }
    const int column = static_cast<int>(text::length(std::string_view(t).substr(start, offset - start))) + 1;
    CHECK(lines.position(offset) == Position{line, column});
    if (offset < t.size() && t[offset] == '\n' && offset + 1 < t.size()) {
      ++line;
      start = offset + 1;
    }
  }
  CHECK(lines.line_count() == line);
}

TEST_CASE("swedish_sort_key puts å, ä and ö after z, and é with e")
{
  std::vector<std::string> words = {"övervakning", "Åtkomst", "ändring", "anställning", "zon", "éxtra", "Ex", "öl"};
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return text::swedish_sort_key(a) < text::swedish_sort_key(b);
  });
  CHECK(words == std::vector<std::string>{"anställning", "Ex", "éxtra", "zon", "Åtkomst", "ändring", "öl", "övervakning"});
}

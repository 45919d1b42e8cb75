// Fuzz target: loading one document (TOML front matter and Markdown body) from any bytes.
// Beyond not crashing, the loader must give back the bytes it was given and place every
// finding, heading, link and table inside the file.
#include "expect.hpp"
#include "styr/document.hpp"
#include "styr/runtime.hpp"
#include "styr/text.hpp"

#include <cstdint>
#include <string>

namespace {

using styr::fuzz::expect;

void expect_inside(const styr::text::LineIndex& lines, styr::Position p, const char* what)
{
  if (p == styr::Position{0, 0}) {
    return;  // the whole file
  }
  expect(p.line >= 1 && p.line <= lines.line_count() + 1, what);
  expect(p.column >= 1, what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const styr::Runtime runtime;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const styr::Document doc = styr::load_document("policies/dokument.md", bytes);

  expect(doc.bytes() == bytes, "bytes() gives back the file");
  expect(doc.body_offset <= doc.text.size(), "the body starts inside the text");
  expect(doc.markdown_source().size() == doc.text.size(), "the Markdown source keeps the file's lines");
  const styr::text::LineIndex lines(doc.text);
  for (const styr::Diagnostic& d : doc.problems) {
    expect(d.path == doc.path && !d.message.empty(), "a finding names the file and says something");
    expect_inside(lines, d.position, "a finding is inside the file");
  }
  for (const styr::Heading& h : doc.headings) {
    expect(h.level >= 1 && h.level <= 6, "heading levels are 1 to 6");
    expect_inside(lines, h.position, "a heading is inside the file");
  }
  for (const styr::Link& l : doc.links) {
    expect_inside(lines, l.position, "a link is inside the file");
  }
  for (const styr::Table& t : doc.tables) {
    expect_inside(lines, t.position, "a table is inside the file");
    for (const styr::TableRow& r : t.rows) {
      expect_inside(lines, r.position, "a table row is inside the file");
    }
  }
  (void)doc.id();
  (void)doc.retired();
  expect_inside(lines, doc.key_position("id"), "a key is inside the file");
  expect_inside(lines, doc.value_position("title"), "a value is inside the file");

  // Reading the front matter alone gives the same front matter.
  const styr::Document head = styr::load_document("policies/dokument.md", bytes, styr::Parts::front_matter);
  expect(head.front_matter.has_value() == doc.front_matter.has_value(), "the front matter does not depend on Parts");
  expect(head.id() == doc.id() && head.body_offset == doc.body_offset, "the front matter does not depend on Parts");
  return 0;
}

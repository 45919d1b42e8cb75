// Fuzz target: the HTML of one document's body, rendered as `styr build` renders it (the
// body after the front matter, the title's H1 left out, relative links rewritten or
// dropped). Beyond not crashing, the page must hold only the tags the renderer writes,
// no event-handler attribute, no link or picture with an unsafe scheme, and ids (of
// headings, notes, references) that are unique and that the page does not use elsewhere.
#include "expect.hpp"
#include "styr/document.hpp"
#include "styr/render.hpp"
#include "styr/runtime.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace {

using styr::fuzz::expect;

const std::set<std::string> k_page_ids = {"main", "metadata-heading", "toc-heading", "text", "changes",
                                          "changes-heading", "version-text-heading"};

const std::set<std::string_view> k_tags = {
  "a", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "input", "label",
  "li", "ol", "p", "pre", "s", "section", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"};

std::string html_unescape(std::string_view s)
{
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool replaced = false;
    for (const auto& [entity, c] : {std::pair{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                                    {"&#39;", '\''}}) {
      if (s.substr(i).starts_with(entity)) {
        out += c;
        i += std::string_view(entity).size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out += s[i];
    }
  }
  return out;
}

bool is_name_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// Reads the tags of the page: text never holds a raw '<', and attribute values are quoted
// without '"' in them, so a plain scan finds every tag and attribute.
void expect_safe_html(std::string_view html)
{
  std::set<std::string> ids = k_page_ids;
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    std::size_t i = at + 1;
    if (i < html.size() && html[i] == '/') {
      ++i;
    }
    const std::size_t name_start = i;
    while (i < html.size() && is_name_char(html[i])) {
      ++i;
    }
    expect(k_tags.contains(html.substr(name_start, i - name_start)), "only the renderer's own tags");
    while (i < html.size() && html[i] != '>') {
      if (html[i] == ' ') {
        ++i;
        continue;
      }
      const std::size_t attr_start = i;
      while (i < html.size() && is_name_char(html[i])) {
        ++i;
      }
      const std::string_view attr = html.substr(attr_start, i - attr_start);
      expect(!attr.empty(), "attributes are well formed");
      expect(!attr.starts_with("on"), "no event-handler attributes");
      if (i < html.size() && html[i] == '=') {
        expect(i + 1 < html.size() && html[i + 1] == '"', "attribute values are quoted");
        const std::size_t end = html.find('"', i + 2);
        expect(end != std::string_view::npos, "attribute values are closed");
        const std::string value = html_unescape(html.substr(i + 2, end - i - 2));
        if (attr == "href" || attr == "src") {
          expect(styr::classify_url(value) != styr::UrlKind::unsafe, "no link or picture with an unsafe scheme");
        }
        if (attr == "id") {
          expect(!value.empty() && ids.insert(value).second, "ids are unique and not the page's own");
        }
        i = end + 1;
      }
    }
    expect(i < html.size(), "tags are closed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const styr::Runtime runtime;
  const styr::Document doc =
    styr::load_document("policies/dokument.md", std::string(reinterpret_cast<const char*>(data), size));

  styr::RenderOptions options;
  options.title = doc.title();
  options.reserved_ids = k_page_ids;
  options.table_label = "Tabell";
  // The site links documents and attachments it found and drops the rest; which is which
  // does not matter here, so keep every other destination.
  options.relative_link = [](std::string_view destination, bool image) -> std::optional<std::string> {
    if ((destination.size() + (image ? 1 : 0)) % 2 == 0) {
      return std::nullopt;
    }
    return "../../" + styr::percent_decode(destination);
  };
  const std::string source = doc.markdown_source();
  const styr::RenderedMarkdown page =
    styr::render_markdown(std::string_view(source).substr(std::min(doc.body_offset, source.size())), options);

  expect_safe_html(page.html);
  std::set<std::string> ids = k_page_ids;
  for (const styr::RenderedHeading& h : page.headings) {
    expect(!h.id.empty(), "every heading has an id");
    expect(ids.insert(h.id).second, "heading ids are unique and not the page's own");
  }
  return 0;
}

// The HTML renderer for document bodies, written over the MarkdownNode view so that the site
// decides what reaches the page: raw HTML is never passed through, every text is escaped,
// only safe URLs survive, relative links are handed to the caller to rewrite or drop,
// headings get stable ids for the table of contents, and footnotes become numbered notes in
// a section of their own after the text, linked both ways.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);
void append_html_escaped(std::string& out, std::string_view text);

// ` lang="sv"` for an element that holds the documents' text (k_text_language) on a page
// whose interface is in `language`; empty when the two are the same.
std::string text_lang_attribute(std::string_view language);

enum class UrlKind {
  empty,     // ""
  fragment,  // "#syfte"
  relative,  // "../riktlinjer/backup.md#syfte", "bild.png"
  web,       // http:, https:, or "//host/…"
  mail,      // mailto:
  phone,     // tel:
  unsafe,    // any other scheme: javascript:, data:, vbscript:, file: …
};

// A URL as a browser reads it: tabs and newlines removed anywhere, leading spaces and control
// characters dropped (so "java\tscript:" and " javascript:" are javascript:).
std::string as_browsers_read(std::string_view url);

// What kind of URL a browser would take it for (as_browsers_read), the scheme compared
// without case.
UrlKind classify_url(std::string_view url);

// A URL made safe to put in an attribute: spaces, quotes and control characters
// percent-encoded (non-ASCII letters are left as they are), then HTML-escaped.
std::string escape_href(std::string_view url);

struct RenderedHeading
{
  int level = 0;
  std::string text;  // plain text
  std::string id;    // unique within the page
};

struct RenderOptions
{
  // Given a relative link or image source as written (not percent-decoded), returns the
  // href to use, or nullopt to show the link's text (the image's description) without a link.
  std::function<std::optional<std::string>(std::string_view destination, bool image)> relative_link;
  // Leave out an H1 that opens the body when it repeats the page title (the page has one).
  std::string_view title;
  // Ids the page uses elsewhere; headings get other ids.
  std::set<std::string> reserved_ids;
  // Accessible name of a table's scrolling region, followed by its number and the heading it
  // is under: "Tabell 1: Krav".
  std::string table_label = "Tabell";
  // The same for a code block's: "Kodblock 1".
  std::string code_label = "Kodblock";
  // The notes: the heading of their section after the text; a reference's accessible name,
  // followed by the note's number ("Fotnot 1"); a back link's, when the note has one
  // reference ("Tillbaka till texten"), and when it has several, followed by the reference's
  // number ("Tillbaka till hänvisning 2").
  std::string footnotes_heading = "Fotnoter";
  std::string footnote_label = "Fotnot";
  std::string footnote_back = "Tillbaka till texten";
  std::string footnote_back_to = "Tillbaka till hänvisning";
};

struct RenderedMarkdown
{
  std::string html;
  std::vector<RenderedHeading> headings;  // every heading rendered, in order
  std::string text;                       // the plain text, one block per line (for search)
  std::vector<std::string> unsafe_urls;   // links and images that were neutralised
};

RenderedMarkdown render_markdown(std::string_view markdown, const RenderOptions& options = {});

}  // namespace styr

#include "styr/page_anchors.hpp"

#include "styr/diagnostic.hpp"
#include "styr/requirements.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace styr {

namespace {

std::string heading_anchor(std::string_view heading)
{
  std::string anchor = text::anchor(heading);
  return anchor.empty() ? std::string("avsnitt") : anchor;
}

}  // namespace

// Looked up link by link, the first match ending the search: most links name a heading near
// the top, and a site has many more links than documents linked to.
bool lands_on_page(const Document& doc, std::string_view anchor)
{
  std::string_view unnumbered;
  if (const std::size_t dash = anchor.rfind('-'); dash != std::string_view::npos && dash + 1 < anchor.size() &&
                                                  anchor.find_first_not_of("0123456789", dash + 1) == std::string_view::npos) {
    unnumbered = anchor.substr(0, dash);
  }
  const auto names = [&](const std::string& a) { return !a.empty() && (a == anchor || a == unnumbered); };
  for (const Heading& h : doc.headings) {
    if (names(heading_anchor(h.text))) {
      return true;
    }
  }
  const std::vector<std::string_view> ids = requirement_ids(doc);
  return std::any_of(ids.begin(), ids.end(), [&](std::string_view id) { return names(requirement_anchor(id)); }) ||
         std::any_of(doc.inner_headings.begin(), doc.inner_headings.end(),
                     [&](const std::string& h) { return names(heading_anchor(h)); });
}

std::vector<std::string> page_anchors(const Document& doc)
{
  std::vector<std::string> anchors;
  std::map<std::string, int, std::less<>> before;  // how many headings had each anchor
  const auto add_heading = [&](std::string_view heading) {
    std::string anchor = heading_anchor(heading);
    const int n = before[anchor]++;
    anchors.push_back(n == 0 ? std::move(anchor) : fmt::format("{}-{}", anchor, n));
  };
  for (const Heading& h : doc.headings) {
    add_heading(h.text);
  }
  for (const std::string& h : doc.inner_headings) {
    add_heading(h);
  }
  for (const std::string_view id : requirement_ids(doc)) {
    if (std::string anchor = requirement_anchor(id); !anchor.empty()) {
      anchors.push_back(std::move(anchor));
    }
  }
  return anchors;
}

std::string nearest_anchor_hint(const Document& doc, std::string_view anchor)
{
  std::vector<std::string> fragments;
  for (const std::string& a : page_anchors(doc)) {
    fragments.push_back("#" + a);
  }
  return did_you_mean(fmt::format("#{}", anchor), fragments);
}

}  // namespace styr

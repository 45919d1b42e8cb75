// The places on a document's page that a link's #fragment may name, for `check` and the
// site's links alike: the anchors the site's renderer (render.cpp) gives the document's
// headings, numbered on when repeated ("ansvar", "ansvar-1"), and its requirement rows
// ("krav-bkp-01").
#pragma once

#include "styr/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace styr {

// Whether `anchor` (a #fragment as text::anchor spells it) lands on the page of `doc`. The
// page numbers an anchor on where it is taken, by the page itself or a requirement row as
// well, so a heading's or row's anchor with a number after it is taken to land.
bool lands_on_page(const Document& doc, std::string_view anchor);

// The page's anchors: its sections' headings, the headings inside block quotes, lists and
// notes, then its requirement rows.
std::vector<std::string> page_anchors(const Document& doc);

// "did you mean "#roller-och-ansvar"?" for an anchor that does not land, or empty.
std::string nearest_anchor_hint(const Document& doc, std::string_view anchor);

}  // namespace styr

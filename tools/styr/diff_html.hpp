// The readable diff between two approved versions of a document, as its history page shows
// it: the changed blocks with a little context, front-matter fields by their labels in the
// interface's language, and every change marked in words as well as by <ins>/<del>, so that
// it reads without colour and to a screen reader.
#pragma once

#include "styr/schema.hpp"
#include "styr/textdiff.hpp"
#include "styr/theme.hpp"

#include <string>

namespace styr {

std::string diff_html(const textdiff::Diff& diff, const Schema& schema, const Theme& theme);

}  // namespace styr

// The static search index of the published site, read by site/search.js in the browser: a
// small manifest, the inverted index in shards by term prefix, and the documents' result
// metadata in chunks, so that a query loads only a small part of a large site. Every file is
// a script (not JSON), so that search also works from file://. The format is described at
// the top of search_index.cpp.
#pragma once

#include "styr/synonyms.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

// A section of a document that a result may link to directly: a heading and its anchor.
struct SearchSection
{
  std::string title;   // the heading's plain text
  std::string anchor;  // its id on the document's page
};

struct SearchEntry
{
  std::string url;         // relative to the site root, e.g. "dokument/is-rl-004.html"
  std::string title;
  std::string id;          // e.g. "IS-RL-004"
  std::string type_label;  // e.g. "Riktlinje"
  std::string excerpt;     // shown under the title; shortened to about 160 characters
  std::string text;        // the searchable body text
  // The words of `text` as counted_search_words() gives them, when the caller has them
  // (held elsewhere, e.g. in the cache); then `text` is read only for an empty excerpt.
  std::optional<std::string_view> text_words = std::nullopt;
  std::vector<std::string> tags = {};  // its ämnen: like the title, what the document is about
  // Its sections, in order: a result links to those whose heading holds a query word.
  std::vector<SearchSection> sections = {};
  // Its requirement rows, by id and the row's anchor: a result links to those whose id the
  // query names whole.
  std::vector<SearchSection> requirements = {};
  // Shown beside the type when the document is not simply in force: "Upphävd", "Revideras".
  std::string status = {};
};

// The words of a text (search_words in stemmer.hpp), each once in order of first appearance
// with how often it occurs, a line each ("kopia 3\n"): as SearchEntry::text_words holds them.
std::string counted_search_words(std::string_view text);

struct SiteFile
{
  std::string path;  // relative to the site root, e.g. "search/index.js"
  std::string content;
};

// The files of the index, under "search/", with the synonym groups a query is expanded with.
// Deterministic: the same entries and groups (in the same order) give byte-identical files.
std::vector<SiteFile> build_search_index(const std::vector<SearchEntry>& entries,
                                         const std::vector<SynonymGroup>& synonyms = {});

}  // namespace styr

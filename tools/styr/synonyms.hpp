// Synonyms for the site search: the everyday words staff type ("backup", "mejl") for the
// words the documents use ("säkerhetskopiering", "e-post"). A group lists equivalent terms of
// one or more words; search_index.cpp puts the groups in the index and site/search.js
// expands a query with them. The built-in Swedish groups are tools/styr/data/synonyms/sv.toml;
// a municipality adds its own in styr.toml ([site] synonyms).
#pragma once

#include <toml++/toml.h>
#include <tl/expected.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

// Equivalent terms, as written: "backup", "säkerhetskopiering", "skadlig kod".
using SynonymGroup = std::vector<std::string>;

// Reads synonym groups from `node`, which must be an array of arrays of at least two
// non-empty strings; `name` names the setting in messages. Each fault is reported through
// `error` with the node it is about, and that group is left out.
std::vector<SynonymGroup> read_synonym_groups(const toml::node& node, std::string_view name,
                                              const std::function<void(const toml::node&, std::string)>& error);

// A list of groups in a file of its own: `groups = [[…], …]`, as the built-in lists are
// written. Gives the first fault found, with its position.
tl::expected<std::vector<SynonymGroup>, std::string> parse_synonym_list(std::string_view text, std::string_view path);

// The built-in groups for documents written in `language`: Swedish ("sv") has a list, other
// languages none.
const std::vector<SynonymGroup>& builtin_synonyms(std::string_view language);

}  // namespace styr

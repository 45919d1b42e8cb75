// Swedish words for search: the tokenizer and the Snowball Swedish stemmer. site/search.js
// carries a JavaScript copy of both, because a query must be cut and stemmed exactly as the
// index was; tests/search/stemmer_parity.test.mjs checks that the two agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace styr {

// The stem of a lower-case Swedish word, by the Snowball Swedish algorithm as published
// with Snowball 3.0 (snowballstem.org/algorithms/swedish): "riktlinjerna" -> "riktlinj",
// "lösenordet" -> "lösenord", "incidenter" -> "incident". Snowball stems are always a
// prefix of the word, which is what lets a prefix search start from the typed word.
std::string stem_swedish(std::string_view lower_case_word);

// A lower-case word as it is typed without Swedish letters: å and ä as a, ö as o, é as e,
// ü as u ("lösenord" -> "losenord"). Staff on a keyboard or phone without them, or in a
// hurry, type the word so; the index holds both spellings' stems.
std::string plain_letters(std::string_view lower_case_word);

// The words of `text` for the search index, in order: lower-cased with text::fold_case and
// cut at every character that is not a letter or a digit (so "IS-RL-004" gives "is", "rl",
// "004"). Letters of every script are kept (å, ä, ö, é, ü …); one-letter words are dropped.
// A single letter joined by a hyphen to the letters after it is one word with them:
// "e-post" gives "epost", "e-tjänst" "etjänst" and "A-kassa" "akassa".
std::vector<std::string> search_words(std::string_view text);

// The same words, as views into `folded`, which is set to the folded text: for callers that
// only count or compare them.
std::vector<std::string_view> search_words(std::string_view text, std::string& folded);

// A document id as the search index keys it: folded, cut at every character that is not a
// letter or a digit (one-letter parts kept), numbers without leading zeros, joined by '-'.
// "IS-RL-004", "is-rl-4" and "IS RL 04" all give "is-rl-4".
std::string search_id(std::string_view id);

}  // namespace styr

#include "styr/search_index.hpp"

#include "styr/json.hpp"
#include "styr/parallel.hpp"
#include "styr/stemmer.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

// Index format 7 (search.js refuses other formats). Each file calls
// window.styrSearch.add(name, data): browsers let a page from file:// load scripts, but not
// fetch() files, and the calls need no eval.
//
// search/index.js, name "index", the manifest:
//   {"format":7, "documents":N, "chunkSize":25, "shards":["","ak","ansv",…], "prefixShards":2,
//    "headingWeight":21, "tagWeight":16, "etStemLength":6, "stopWords":["och","det",…],
//    "suffixStems":["het","ing",…],
//    "types":["Policy","Riktlinje",…], "typeOf":"ABBC…",
//    "synonyms":[["säkerhetskopiering","backup",…],["skadlig kod","virus",…],…]}
//   A term lives in the last shard whose key in "shards" sorts before or equal to it.
//   "suffixStems" are the stems that are never the last part of a compound (see
//   k_suffix_stems): search.js does not mark a word for holding one of them.
//   "typeOf" holds one base64url digit per document, its type's place in "types", so that
//   results can be counted and filtered by type before their metadata is loaded; both are
//   left out when there are more than 64 types.
//   "synonyms" holds the groups of equivalent terms a query is expanded with (synonyms.hpp),
//   each term as its search words, stop words left out, joined by spaces ("E-post" -> "post",
//   "jobba på distans" -> "jobba distans"). A term is there once (by the stems of its words),
//   groups that share a term are joined, and a group is left out unless one of its terms has
//   every word in the index: the others then find nothing. Left out when no group is left;
//   search.js then expands nothing.
// search/t<i>.js, name "t<i>", shard i of the inverted index, terms in sorted order:
//   {"terms":["incident","incidenthantering",…], "postings":["BgCf…",…]}
//   A posting list holds, per document in increasing order, the document number minus the
//   previous one (the first minus 0) and then one weight digit. Digits are base64url
//   ("A"=0 … "_"=63); a number is written as 5-bit groups, low group first, with 32 added
//   to every digit but the last. The weight digit is the document's BM25 weight for the term
//   in its body, quantised to 0..15, plus 32 when the term is in the title or the id, else
//   plus 16 when it is in a tag (the manifest's "headingWeight" and "tagWeight" say what
//   each adds to the body weight in the ranking).
// search/d<i>.js, name "d<i>", result metadata of documents i*chunkSize and on:
//   [[url, title, id, type label, excerpt, [[heading, anchor], …], [[requirement id, anchor], …], status], …]
//   The headings are the document's sections (at most k_max_sections, each shortened), for
//   links straight to a section whose heading holds a query word. The requirement ids (at
//   most k_max_requirements; left out when there are none) are for links straight to a
//   requirement's row when the query names it. The status (left out for a document in
//   force) says what a result is when it is not: "Upphävd", "Revideras"; the requirements are
//   then written, if empty, to keep its place.
//
// Terms are Snowball stems of the words (stemmer.hpp), stop words left out. On top of that:
// - a stem that still ends in "et" (Snowball keeps it in "lösenordet", "dokumentet") is also
//   indexed without it, and search.js asks for both, so the definite form finds the bare one;
// - a compound word is also indexed under its parts when they are words of the collection
//   (see CompoundSplitter), so "kopiering" finds "säkerhetskopieringen";
// - a noun made from a verb with -ing or -ning ("rapportering", "lagringen", "utbildning") is
//   also indexed under the verb's stem ("rapporter", "lagr", "utbild"), so "rapportera",
//   "lagra" and "utbilda" find it;
// - a word with å, ä, ö, é or ü is also indexed as typed without them (plain_letters in
//   stemmer.hpp), so "losenord" finds "lösenordet"; the client needs nothing for that;
// - the id as a whole is a term of its own, for exact id searches, spelt as search_id() in
//   stemmer.hpp spells it ("is-rl-4"), so that "IS-RL-004" and "is-rl-4" both find it.

namespace styr {

namespace {

constexpr int k_format = 7;

// BM25 with the usual constants; the body weight tf·(k1+1)/(tf + k1·(1−b+b·len/avglen))
// lies in (0, k1+1) and is stored in k_body_levels steps.
constexpr double k_bm25_k1 = 1.2;
constexpr double k_bm25_b = 0.75;
constexpr int k_body_levels = 15;
constexpr int k_tag_flag = 16;
constexpr int k_heading_flag = 32;
// What a title or id match adds, in body weight steps: more than the heaviest body match,
// so that a document about a word ranks above one that only mentions it often.
constexpr int k_heading_weight = 21;
// What a tag match adds: also more than any body match, but less than the title's, so that
// "distansarbete" lists the instruction titled with it before a guideline tagged with it.
constexpr int k_tag_weight = 16;

// A first page of ten results may need ten chunks; 25 documents a chunk (some 9 KB with
// 160-character excerpts and a dozen section headings each) keeps that under 100 KB, well
// inside the 300 KB that a first query may transfer on a 10,000-document site. Chunks of
// 50 came near 200 KB.
constexpr std::size_t k_docs_per_chunk = 25;
// Shards grow to about this size; a term whose postings are larger gets a shard of its own.
constexpr std::size_t k_shard_bytes = 16 * 1024;
// How many shards search.js loads to complete the last query word as a prefix.
constexpr int k_prefix_shards = 2;

constexpr std::size_t k_excerpt_chars = 160;
// Sections a result may link to: enough for a document's chapters, few enough that ten
// results' chunks stay well inside the first query's budget.
constexpr std::size_t k_max_sections = 24;
constexpr std::size_t k_section_chars = 80;
constexpr std::size_t k_max_requirements = 60;
constexpr std::size_t k_et_stem_chars = 6;  // "syftet" -> also "syft"; not "paket" -> "pak"
constexpr std::size_t k_min_compound_chars = 8;
// Splitting stems every tail of a word, which grows with the square of its length: longer
// "words" (a line of one letter, a long address) are no compounds, and are left whole.
constexpr std::size_t k_max_compound_chars = 64;
constexpr std::size_t k_min_part_chars = 3;
// Without a known tail a split needs a linking "s" and longer parts (see CompoundSplitter).
constexpr std::size_t k_min_unknown_tail_chars = 5;
constexpr std::size_t k_min_linked_head_chars = 4;  // also the shortest known start of such a tail
// The stems of word-forming suffixes that are words as well ("ring", "inga", "het"): such a
// last part makes a derived word, not a compound. "lagringen" is lagr-ingen, not lag-ringen,
// "värdering" värder-ing, "beredskap" bered-skap; so "ringa" and "lag" do not find them.
constexpr std::array<std::string_view, 5> k_suffix_stems = {"het", "ing", "kap", "ning", "ring"};
// Without a linking "s", a short head before a tail with a short stem is more often a word
// cut in two than a compound ("leda|möter", "förs|laget", "fel|aktig"): one of them must be
// longer ("tid|plan", "mål|gruppen", "lagrings|tid").
constexpr std::size_t k_min_unlinked_head_chars = 5;
constexpr std::size_t k_min_unlinked_tail_stem_chars = 4;
// A noun in -ing or -ning is also found by its verb's stem when that has this many letters
// or more: "lagring" by "lagr" (lagra), "utbildning" by "utbild" (utbilda), not "ordning" by
// "ord".
constexpr std::size_t k_min_verb_stem_chars = 4;

constexpr std::string_view k_digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Snowball's Swedish stop word list (snowballstem.org/algorithms/swedish/stop.txt).
constexpr std::array<std::string_view, 114> k_stop_words = {
  "och",    "det",    "att",    "i",      "en",     "jag",   "hon",    "som",    "han",    "på",
  "den",    "med",    "var",    "sig",    "för",    "så",    "till",   "är",     "men",    "ett",
  "om",     "hade",   "de",     "av",     "icke",   "mig",   "du",     "henne",  "då",     "sin",
  "nu",     "har",    "inte",   "hans",   "honom",  "skulle", "hennes", "där",    "min",    "man",
  "ej",     "vid",    "kunde",  "något",  "från",   "ut",    "när",    "efter",  "upp",    "vi",
  "dem",    "vara",   "vad",    "över",   "än",     "dig",   "kan",    "sina",   "här",    "ha",
  "mot",    "alla",   "under",  "någon",  "eller",  "allt",  "mycket", "sedan",  "ju",     "denna",
  "själv",  "detta",  "åt",     "utan",   "varit",  "hur",   "ingen",  "mitt",   "ni",     "bli",
  "blev",   "oss",    "din",    "dessa",  "några",  "deras", "blir",   "mina",   "samma",  "vilken",
  "er",     "sådan",  "vår",    "blivit", "dess",   "inom",  "mellan", "sådant", "varför", "varje",
  "vilka",  "ditt",   "vem",    "vilket", "sitta",  "sådana", "vart",  "dina",   "vars",   "vårt",
  "våra",   "ert",    "era",    "vilkas",
};

bool is_stop_word(std::string_view word)
{
  return std::find(k_stop_words.begin(), k_stop_words.end(), word) != k_stop_words.end();
}

// Words a linking "s" never follows, besides the stop words, which hold most of them:
// prepositions and particles. "genomslag" is genom|slag, not genoms|lag, so "lag" does not
// find it.
constexpr std::array<std::string_view, 18> k_particles = {
  "bak", "bakom", "bland", "bort", "emot", "fram", "förbi", "genom", "hem",
  "hos", "in", "inför", "kring", "längs", "ned", "ner", "utom", "åter",
};

bool is_particle(std::string_view word)
{
  return is_stop_word(word) || std::find(k_particles.begin(), k_particles.end(), word) != k_particles.end();
}

bool is_suffix_stem(std::string_view stem)
{
  return std::find(k_suffix_stems.begin(), k_suffix_stems.end(), stem) != k_suffix_stems.end();
}

std::vector<std::size_t> code_point_starts(std::string_view word)
{
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < word.size();) {
    starts.push_back(i);
    text::decode_utf8(word, i);
  }
  starts.push_back(word.size());
  return starts;
}

// Finds the parts of compound words ("säkerhetskopieringen" -> "säkerhet", "kopieringen"),
// so that a search for a part finds the whole. A part is known when the collection has a
// word with its stem. Candidate splits, from the longest head down, rank:
//   1. a head that is a word of the collection before a linking "s", or without one, and a
//      known tail: "informations|säkerhet", "incident|hantering", "konsekvens|analys";
//   2. a head known by its stem before a linking "s", and a known tail: "arbets|miljö";
//   3. a known head before a linking "s", the surest sign of a compound, and an unknown tail
//      that starts with a known word: "säkerhets|kopieringen" (kopi- as in "kopia").
// Other splits are no sign of a compound: "säkerhetskopie|ring", "verks|amheten". Nor is a
// last part that is a suffix's stem (k_suffix_stems): "lag|ringen", "rapporter|ing"; nor,
// in the first rank without a linking "s", two short parts (k_min_unlinked_head_chars).
class CompoundSplitter
{
public:
  CompoundSplitter(const std::unordered_set<std::string>& words, const std::unordered_set<std::string>& stems)
      : m_words(words), m_stems(stems)
  {
  }

  // The parts of `word`, each split again; empty when `word` is not a compound.
  std::vector<std::string> parts(std::string_view word) const
  {
    const std::vector<std::size_t> starts = code_point_starts(word);
    const std::size_t chars = starts.size() - 1;
    if (chars < k_min_compound_chars || chars > k_max_compound_chars) {
      return {};
    }
    std::optional<std::pair<std::string_view, std::string_view>> second_best;
    std::optional<std::pair<std::string_view, std::string_view>> third_best;
    for (std::size_t cut = chars - k_min_part_chars; cut >= k_min_part_chars; --cut) {
      const std::string_view head = word.substr(0, starts[cut]);
      const std::string_view tail = word.substr(starts[cut]);
      const std::string_view unlinked = head.substr(0, head.size() - 1);
      const bool linked =
        head.back() == 's' && cut - 1 >= k_min_part_chars && !is_particle(unlinked) && known(unlinked);
      const std::string tail_stem = stem_swedish(tail);
      const bool tail_known = m_stems.contains(tail_stem) && !is_suffix_stem(tail_stem);
      if (tail_known && linked && is_word(unlinked)) {
        return split_again(unlinked, tail);
      }
      if (tail_known && is_word(head) &&
          (cut >= k_min_unlinked_head_chars || text::length(tail_stem) >= k_min_unlinked_tail_stem_chars)) {
        return split_again(head, tail);
      }
      if (tail_known && linked && !second_best) {
        second_best.emplace(unlinked, tail);
      }
      if (!tail_known && linked && !third_best && cut - 1 >= k_min_linked_head_chars &&
          chars - cut >= k_min_unknown_tail_chars && starts_with_known_word(tail)) {
        third_best.emplace(unlinked, tail);
      }
    }
    for (const auto& split : {second_best, third_best}) {
      if (split) {
        return split_again(split->first, split->second);
      }
    }
    return {};
  }

private:
  bool is_word(std::string_view word) const { return m_words.contains(std::string(word)); }
  bool known(std::string_view word) const { return m_stems.contains(stem_swedish(word)); }

  bool starts_with_known_word(std::string_view tail) const
  {
    const std::vector<std::size_t> starts = code_point_starts(tail);
    for (std::size_t chars = k_min_linked_head_chars; chars + 1 < starts.size(); ++chars) {
      if (known(tail.substr(0, starts[chars]))) {
        return true;
      }
    }
    return false;
  }

  std::vector<std::string> split_again(std::string_view first, std::string_view second) const
  {
    std::vector<std::string> result;
    for (const std::string_view part : {first, second}) {
      result.emplace_back(part);
      const std::vector<std::string> inner = parts(part);
      result.insert(result.end(), inner.begin(), inner.end());
    }
    return result;
  }

  const std::unordered_set<std::string>& m_words;
  const std::unordered_set<std::string>& m_stems;
};

// Strings numbered in order of first appearance. A site's millions of words are looked up
// as views: only a new string is copied.
class StringTable
{
public:
  std::uint32_t id(std::string_view text)
  {
    if (const auto it = m_ids.find(text); it != m_ids.end()) {
      return it->second;
    }
    const auto id = static_cast<std::uint32_t>(m_strings.size());
    m_strings.emplace_back(text);
    m_ids.emplace(std::string(text), id);
    return id;
  }
  const std::vector<std::string>& strings() const { return m_strings; }
  bool contains(std::string_view text) const { return m_ids.find(text) != m_ids.end(); }

private:
  std::unordered_map<std::string, std::uint32_t, text::StringHash, std::equal_to<>> m_ids;
  std::vector<std::string> m_strings;
};

// A word of a body and how often it occurs there.
struct WordCount
{
  std::uint32_t word = 0;
  std::uint32_t count = 0;
};

struct DocumentWords
{
  std::vector<std::uint32_t> heading;  // words of the title and the id
  std::vector<std::uint32_t> tags;     // words of its tags
  std::span<const WordCount> body;     // words of the type label and the text
  std::string id_term;                 // the whole id as search_id() gives it, e.g. "is-rl-4"
};

// Every document's words, numbered in a StringTable. The bodies' millions of words are kept
// a block of documents to an array, which the documents' spans point into.
struct CollectionWords
{
  std::vector<DocumentWords> documents;
  std::vector<std::vector<WordCount>> blocks;
};

// Which terms each distinct word is indexed under (none for stop words).
std::vector<std::vector<std::uint32_t>> terms_of_words(const std::vector<std::string>& words, StringTable& terms)
{
  std::vector<std::string> stems(words.size());
  std::unordered_set<std::string> known_words;
  std::unordered_set<std::string> known_stems;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (!is_stop_word(words[w])) {
      stems[w] = stem_swedish(words[w]);
      known_words.insert(words[w]);
      known_stems.insert(stems[w]);
    }
  }
  const CompoundSplitter splitter(known_words, known_stems);
  const auto add_stem = [&](std::vector<std::uint32_t>& out, const std::string& stem) {
    out.push_back(terms.id(stem));
    if (stem.ends_with("et") && text::length(stem) >= k_et_stem_chars) {
      out.push_back(terms.id(std::string_view(stem).substr(0, stem.size() - 2)));
    }
    // The verb's stem: "kryptering" -> "krypter", "behandling" -> "behandl"; for -ning also
    // "styrning" -> "styr", "utbildning" -> "utbild".
    for (const std::string_view suffix : {"ing", "ning"}) {
      if (stem.ends_with(suffix) && text::length(stem) >= k_min_verb_stem_chars + suffix.size()) {
        out.push_back(terms.id(std::string_view(stem).substr(0, stem.size() - suffix.size())));
      }
    }
  };

  // A word with å, ä or ö is also found as typed without them, stemmed as the client stems
  // that spelling ("lösenordet" -> "losenordet" -> also "losenord").
  const auto add_plain = [&](std::vector<std::uint32_t>& out, std::string_view word) {
    if (std::string plain = plain_letters(word); plain != word) {
      add_stem(out, stem_swedish(plain));
    }
  };

  std::vector<std::vector<std::uint32_t>> result(words.size());
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (stems[w].empty()) {
      continue;
    }
    add_stem(result[w], stems[w]);
    add_plain(result[w], words[w]);
    for (const std::string& part : splitter.parts(words[w])) {
      add_stem(result[w], stem_swedish(part));
      add_plain(result[w], part);
    }
    std::sort(result[w].begin(), result[w].end());
    result[w].erase(std::unique(result[w].begin(), result[w].end()), result[w].end());
  }
  return result;
}

// The terms a word is found under exactly, as search.js's exactTerms gives them: its stem,
// and the stem without a definite "-et", as terms_of_words indexes them.
std::vector<std::string> exact_terms(std::string_view word)
{
  std::vector<std::string> result{stem_swedish(word)};
  if (result[0].ends_with("et") && text::length(result[0]) >= k_et_stem_chars) {
    result.push_back(result[0].substr(0, result[0].size() - 2));
  }
  return result;
}

// The synonym groups for the manifest (see the format at the top): each term as its words,
// once; groups that share a term joined, so that a municipality's group extends a built-in
// one it names a term of; and only the groups that can help a query, with a term in the index.
std::vector<std::vector<std::string>> manifest_synonyms(const std::vector<SynonymGroup>& groups,
                                                        const StringTable& terms)
{
  struct Term
  {
    std::string words;  // "skadlig kod"
    std::string stems;  // "skad kod": a term once, whichever of its forms is written
    bool indexed = true;
  };
  std::vector<std::vector<Term>> normal(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const std::string& written : groups[g]) {
      Term term;
      for (const std::string& word : search_words(written)) {
        if (is_stop_word(word)) {
          continue;  // as in a query
        }
        const std::vector<std::string> exact = exact_terms(word);
        term.words += (term.words.empty() ? "" : " ") + word;
        term.stems += (term.stems.empty() ? "" : " ") + exact[0];
        term.indexed = term.indexed && std::any_of(exact.begin(), exact.end(), [&](const std::string& t) {
          return terms.contains(t);
        });
      }
      if (!term.words.empty()) {
        normal[g].push_back(std::move(term));
      }
    }
  }

  // Groups that share a term become one, kept in the place of the first of them.
  std::vector<std::size_t> first(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    first[g] = g;
  }
  const auto root = [&](std::size_t g) {
    while (first[g] != g) {
      g = first[g] = first[first[g]];
    }
    return g;
  };
  std::unordered_map<std::string, std::size_t> group_of;  // a term's stems -> a group that has it
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const Term& term : normal[g]) {
      if (const auto [it, added] = group_of.emplace(term.stems, g); !added) {
        const std::size_t a = root(it->second);
        const std::size_t b = root(g);
        first[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  std::vector<std::vector<const Term*>> joined(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<const Term*>& into = joined[root(g)];
    for (const Term& term : normal[g]) {
      if (std::none_of(into.begin(), into.end(), [&](const Term* t) { return t->stems == term.stems; })) {
        into.push_back(&term);
      }
    }
  }

  std::vector<std::vector<std::string>> result;
  for (const std::vector<const Term*>& group : joined) {
    if (group.size() >= 2 && std::any_of(group.begin(), group.end(), [](const Term* t) { return t->indexed; })) {
      std::vector<std::string>& out = result.emplace_back();
      for (const Term* term : group) {
        out.push_back(term->words);
      }
    }
  }
  return result;
}

// Posting lists, encoded while the documents are added in order.
class PostingLists
{
public:
  explicit PostingLists(std::size_t terms) : m_lists(terms) {}

  void add(std::uint32_t term, std::uint32_t document, int weight)
  {
    List& list = m_lists[term];
    append_number(list.encoded, document - list.last_document);
    list.encoded += k_digits[static_cast<std::size_t>(weight)];
    list.last_document = document;
  }
  const std::string& encoded(std::uint32_t term) const { return m_lists[term].encoded; }

private:
  struct List
  {
    std::string encoded;
    std::uint32_t last_document = 0;
  };

  static void append_number(std::string& out, std::uint32_t n)
  {
    for (; n >= 32; n >>= 5) {
      out += k_digits[32 | (n & 31)];
    }
    out += k_digits[n];
  }

  std::vector<List> m_lists;
};

int body_level(int frequency, double length_ratio)
{
  if (frequency == 0) {
    return 0;
  }
  const double norm = k_bm25_k1 * (1 - k_bm25_b + k_bm25_b * length_ratio);
  const double weight = frequency * (k_bm25_k1 + 1) / (frequency + norm);
  return std::clamp(static_cast<int>(std::lround(weight / (k_bm25_k1 + 1) * k_body_levels)), 1, k_body_levels);
}

// One line of text: runs of white space, line breaks and no-break spaces become one space.
// This also keeps U+2028 and U+2029 out of the scripts, where browsers before 2019 took them
// for line breaks inside a string.
std::string single_line(std::string_view text)
{
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = text::decode_utf8(text, i);
    if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x2028 || c == 0x2029) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out.append(text, start, i - start);
  }
  return out;
}

// `text` on one line, cut at about `chars` characters with an ellipsis.
std::string shortened(std::string_view text, std::size_t chars)
{
  std::string line = single_line(text);
  const std::vector<std::size_t> starts = code_point_starts(line);
  if (starts.size() - 1 <= chars) {
    return line;
  }
  std::size_t cut = starts[chars];
  const std::size_t space = line.rfind(' ', cut);
  if (space != std::string::npos && space > cut / 2) {
    cut = space;  // end at a word, unless that loses half the text
  }
  line.resize(cut);
  return line + "\u2026";
}

std::string excerpt_of(const SearchEntry& entry)
{
  return shortened(entry.excerpt.empty() ? entry.text : entry.excerpt, k_excerpt_chars);
}

// The words of entries [first, last): one block, numbered in a table of its own.
struct BlockWords
{
  std::vector<DocumentWords> documents;
  std::vector<WordCount> body;
  StringTable words;
};

BlockWords read_block(const std::vector<SearchEntry>& entries, std::size_t first, std::size_t last)
{
  BlockWords result;
  result.documents.resize(last - first);
  std::vector<std::size_t> body_ends;  // the spans are made once the array stops growing
  for (std::size_t d = first; d < last; ++d) {
    const SearchEntry& entry = entries[d];
    DocumentWords& document = result.documents[d - first];
    for (const std::string& word : search_words(entry.title)) {
      document.heading.push_back(result.words.id(word));
    }
    for (const std::string& word : search_words(entry.id)) {
      document.heading.push_back(result.words.id(word));
    }
    document.id_term = search_id(entry.id);
    for (const std::string& tag : entry.tags) {
      for (const std::string& word : search_words(tag)) {
        document.tags.push_back(result.words.id(word));
      }
    }
    for (const std::string& word : search_words(entry.type_label)) {
      result.body.push_back(WordCount{result.words.id(word), 1});
    }
    const std::string own_words = entry.text_words ? std::string() : counted_search_words(entry.text);
    std::string_view rest = entry.text_words ? *entry.text_words : own_words;
    while (!rest.empty()) {
      const std::size_t end = std::min(rest.find('\n'), rest.size());
      const std::string_view line = rest.substr(0, end);
      const std::size_t space = line.rfind(' ');
      std::uint32_t count = 0;
      if (space == std::string_view::npos ||
          std::from_chars(line.data() + space + 1, line.data() + line.size(), count).ec != std::errc()) {
        count = 1;  // not counted: a word alone
      }
      result.body.push_back(WordCount{result.words.id(line.substr(0, std::min(space, line.size()))), count});
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    body_ends.push_back(result.body.size());
  }
  for (std::size_t i = 0, begin = 0; i < result.documents.size(); begin = body_ends[i++]) {
    result.documents[i].body = std::span(result.body).subspan(begin, body_ends[i] - begin);
  }
  return result;  // moving the block keeps its array, and so the spans
}

// Every entry's words, numbered in `words` in order of first appearance. Blocks of entries
// are read on every core, each into a table of its own; then each block's words are
// numbered in `words`, in order, and the blocks renumbered in place.
CollectionWords read_words(const std::vector<SearchEntry>& entries, StringTable& words)
{
  constexpr std::size_t k_block = 256;
  const std::size_t blocks = (entries.size() + k_block - 1) / k_block;
  std::vector<BlockWords> read(blocks);
  parallel_for(blocks, [&](std::size_t b) {
    read[b] = read_block(entries, b * k_block, std::min(entries.size(), (b + 1) * k_block));
  });
  std::vector<std::vector<std::uint32_t>> numbers(blocks);  // per block: local number -> number in `words`
  for (std::size_t b = 0; b < blocks; ++b) {
    numbers[b].reserve(read[b].words.strings().size());
    for (const std::string& word : read[b].words.strings()) {
      numbers[b].push_back(words.id(word));
    }
  }
  parallel_for(blocks, [&](std::size_t b) {
    for (WordCount& w : read[b].body) {
      w.word = numbers[b][w.word];
    }
    for (DocumentWords& document : read[b].documents) {
      for (std::uint32_t& w : document.heading) {
        w = numbers[b][w];
      }
      for (std::uint32_t& w : document.tags) {
        w = numbers[b][w];
      }
    }
  });

  CollectionWords result;
  result.documents.reserve(entries.size());
  result.blocks.reserve(blocks);
  for (BlockWords& block : read) {
    std::move(block.documents.begin(), block.documents.end(), std::back_inserter(result.documents));
    result.blocks.push_back(std::move(block.body));
  }
  return result;
}

// The key of a shard in the manifest: the shortest prefix of its first term that sorts
// after the last term of the shard before (whole code points, so JavaScript compares alike).
std::string shard_key(std::string_view previous_last, std::string_view first)
{
  const auto differ = std::mismatch(previous_last.begin(), previous_last.end(), first.begin(), first.end()).second;
  auto end = static_cast<std::size_t>(differ - first.begin());
  for (++end; end < first.size() && (static_cast<unsigned char>(first[end]) & 0xC0) == 0x80; ++end) {
  }
  return std::string(first.substr(0, end));
}

// search/<name>.js, which hands `json` to search.js.
SiteFile index_file(const std::string& name, const JsonWriter& json)
{
  std::string data = json.str();
  data.pop_back();  // the newline after the value
  return SiteFile{fmt::format("search/{}.js", name),
                  fmt::format("window.styrSearch.add({},{});\n", json_quote(name), data)};
}

}  // namespace

std::string counted_search_words(std::string_view text)
{
  std::string folded;
  const std::vector<std::string_view> words = search_words(text, folded);
  // The distinct words in order of first appearance, each with its count, found through an
  // open-addressed table of their places: a node-based map allocated once for every distinct
  // word of every document.
  std::vector<std::string_view> order;
  std::vector<std::uint32_t> counts;
  order.reserve(words.size());
  counts.reserve(words.size());
  constexpr std::uint32_t k_free = UINT32_MAX;
  const std::size_t mask = std::bit_ceil(words.size() * 2 + 1) - 1;
  std::vector<std::uint32_t> places(mask + 1, k_free);
  const std::hash<std::string_view> hash;
  for (const std::string_view word : words) {
    std::size_t slot = hash(word) & mask;
    while (places[slot] != k_free && order[places[slot]] != word) {
      slot = (slot + 1) & mask;
    }
    if (places[slot] == k_free) {
      places[slot] = static_cast<std::uint32_t>(order.size());
      order.push_back(word);
      counts.push_back(0);
    }
    ++counts[places[slot]];
  }
  std::string out;
  char number[16];
  for (std::size_t i = 0; i < order.size(); ++i) {
    out += order[i];
    out += ' ';
    out.append(number, std::to_chars(number, number + sizeof number, counts[i]).ptr);
    out += '\n';
  }
  return out;
}

std::vector<SiteFile> build_search_index(const std::vector<SearchEntry>& entries,
                                         const std::vector<SynonymGroup>& synonyms)
{
  StringTable words;
  const CollectionWords collection = read_words(entries, words);
  const std::vector<DocumentWords>& documents = collection.documents;
  StringTable terms;
  const std::vector<std::vector<std::uint32_t>> word_terms = terms_of_words(words.strings(), terms);

  // Body lengths for BM25, counted in indexed words.
  std::vector<std::size_t> lengths(documents.size());
  std::size_t total_length = 0;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    for (const WordCount& w : documents[d].body) {
      lengths[d] += word_terms[w.word].empty() ? 0 : w.count;
    }
    total_length += lengths[d];
  }
  const double average_length =
    documents.empty() || total_length == 0 ? 1.0 : static_cast<double>(total_length) / documents.size();

  // Whole ids are terms of their own, numbered before the posting lists are made.
  std::vector<std::optional<std::uint32_t>> id_terms(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) {
    if (!documents[d].id_term.empty()) {
      id_terms[d] = terms.id(documents[d].id_term);
    }
  }
  PostingLists postings(terms.strings().size());
  // Per document: how often each term is in the body, and whether in the title or id, or
  // in a tag. The counters are kept for every term and reset for the terms a document touched.
  struct Counts
  {
    int body = 0;
    bool heading = false;
    bool tag = false;
  };
  std::vector<Counts> counts(terms.strings().size());
  std::vector<std::uint32_t> touched;
  const auto count = [&](std::uint32_t t) -> Counts& {
    if (counts[t].body == 0 && !counts[t].heading && !counts[t].tag) {
      touched.push_back(t);
    }
    return counts[t];
  };
  for (std::size_t d = 0; d < documents.size(); ++d) {
    touched.clear();
    for (const WordCount& w : documents[d].body) {
      for (const std::uint32_t t : word_terms[w.word]) {
        count(t).body += static_cast<int>(w.count);
      }
    }
    for (const std::uint32_t w : documents[d].heading) {
      for (const std::uint32_t t : word_terms[w]) {
        count(t).heading = true;
      }
    }
    for (const std::uint32_t w : documents[d].tags) {
      for (const std::uint32_t t : word_terms[w]) {
        count(t).tag = true;
      }
    }
    if (id_terms[d]) {
      count(*id_terms[d]).heading = true;
    }
    const double length_ratio = static_cast<double>(lengths[d]) / average_length;
    for (const std::uint32_t t : touched) {
      const int flag = counts[t].heading ? k_heading_flag : counts[t].tag ? k_tag_flag : 0;
      const int weight = body_level(counts[t].body, length_ratio) + flag;
      postings.add(t, static_cast<std::uint32_t>(d), weight);
      counts[t] = Counts{};
    }
  }

  std::vector<std::uint32_t> sorted(terms.strings().size());
  for (std::uint32_t t = 0; t < sorted.size(); ++t) {
    sorted[t] = t;
  }
  const auto& names = terms.strings();
  std::sort(sorted.begin(), sorted.end(), [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });

  // Shards: runs of sorted terms of about k_shard_bytes each.
  std::vector<std::size_t> shard_starts;  // positions in `sorted`
  std::size_t shard_bytes = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const std::size_t bytes = names[sorted[i]].size() + postings.encoded(sorted[i]).size() + 6;  // quotes, commas
    if (shard_starts.empty() || shard_bytes + bytes > k_shard_bytes) {
      shard_starts.push_back(i);
      shard_bytes = 0;
    }
    shard_bytes += bytes;
  }
  std::vector<SiteFile> files;
  std::vector<std::string> shard_keys;
  for (std::size_t s = 0; s < shard_starts.size(); ++s) {
    const std::size_t begin = shard_starts[s];
    const std::size_t end = s + 1 < shard_starts.size() ? shard_starts[s + 1] : sorted.size();
    shard_keys.push_back(s == 0 ? std::string() : shard_key(names[sorted[begin - 1]], names[sorted[begin]]));
    std::vector<std::string> shard_terms;
    std::vector<std::string> shard_postings;
    for (std::size_t i = begin; i < end; ++i) {
      shard_terms.push_back(names[sorted[i]]);
      shard_postings.push_back(postings.encoded(sorted[i]));
    }
    JsonWriter json(0);
    json.begin_object().key("terms").string_array(shard_terms).key("postings").string_array(shard_postings).end_object();
    files.push_back(index_file(fmt::format("t{}", s), json));
  }

  // The documents' chunks, made on every core: each shortens its entries' excerpts.
  std::vector<SiteFile> chunks((entries.size() + k_docs_per_chunk - 1) / k_docs_per_chunk);
  parallel_for(chunks.size(), [&](std::size_t c) {
    const std::size_t first = c * k_docs_per_chunk;
    JsonWriter json(0);
    json.begin_array();
    for (std::size_t d = first; d < std::min(entries.size(), first + k_docs_per_chunk); ++d) {
      const SearchEntry& entry = entries[d];
      json.begin_array()
        .value(entry.url)
        .value(single_line(entry.title))
        .value(entry.id)
        .value(single_line(entry.type_label))
        .value(excerpt_of(entry))
        .begin_array();
      for (std::size_t k = 0; k < std::min(entry.sections.size(), k_max_sections); ++k) {
        const SearchSection& section = entry.sections[k];
        json.begin_array().value(shortened(section.title, k_section_chars)).value(section.anchor).end_array();
      }
      json.end_array();
      if (!entry.requirements.empty() || !entry.status.empty()) {
        json.begin_array();
        for (std::size_t k = 0; k < std::min(entry.requirements.size(), k_max_requirements); ++k) {
          const SearchSection& requirement = entry.requirements[k];
          json.begin_array().value(single_line(requirement.title)).value(requirement.anchor).end_array();
        }
        json.end_array();
      }
      if (!entry.status.empty()) {
        json.value(single_line(entry.status));
      }
      json.end_array();
    }
    json.end_array();
    chunks[c] = index_file(fmt::format("d{}", c), json);
  });
  std::move(chunks.begin(), chunks.end(), std::back_inserter(files));

  JsonWriter manifest(0);
  manifest.begin_object()
    .field("format", k_format)
    .field("documents", entries.size())
    .field("chunkSize", k_docs_per_chunk)
    .key("shards")
    .string_array(shard_keys)
    .field("prefixShards", k_prefix_shards)
    .field("headingWeight", k_heading_weight)
    .field("tagWeight", k_tag_weight)
    .field("etStemLength", k_et_stem_chars)
    .key("stopWords")
    .string_array(std::vector<std::string>(k_stop_words.begin(), k_stop_words.end()))
    .key("suffixStems")
    .string_array(std::vector<std::string>(k_suffix_stems.begin(), k_suffix_stems.end()));
  std::vector<std::string> types;  // in order of first appearance
  std::string type_of;
  for (const SearchEntry& entry : entries) {
    auto type = std::find(types.begin(), types.end(), entry.type_label);
    if (type == types.end()) {
      type = types.insert(types.end(), entry.type_label);
    }
    type_of += k_digits[std::min<std::size_t>(type - types.begin(), k_digits.size() - 1)];
  }
  if (types.size() <= k_digits.size()) {
    manifest.key("types").string_array(types).field("typeOf", type_of);
  }
  if (const auto groups = manifest_synonyms(synonyms, terms); !groups.empty()) {
    manifest.key("synonyms").begin_array();
    for (const std::vector<std::string>& group : groups) {
      manifest.string_array(group);
    }
    manifest.end_array();
  }
  manifest.end_object();
  files.insert(files.begin(), index_file("index", manifest));
  return files;
}

}  // namespace styr

#include "styr/search_index.hpp"

#include "styr/resources.hpp"
#include "styr/stemmer.hpp"
#include "styr/synonyms.hpp"
#include "styr/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace styr;

namespace {

const SiteFile* find_file(const std::vector<SiteFile>& files, std::string_view path)
{
  const auto it = std::find_if(files.begin(), files.end(), [&](const SiteFile& f) { return f.path == path; });
  return it != files.end() ? &*it : nullptr;
}

// The strings of the array after "key": in an index file. Those arrays hold terms and
// postings, which never need escapes, so a plain scan reads them.
std::vector<std::string> string_array(std::string_view text, std::string_view key)
{
  std::vector<std::string> items;
  std::string start = "\"";
  start.append(key).append("\":[");
  std::size_t i = text.find(start);
  REQUIRE(i != std::string_view::npos);
  i += start.size();
  while (text[i] == '"') {
    const std::size_t end = text.find('"', i + 1);
    items.emplace_back(text.substr(i + 1, end - i - 1));
    i = end + 1;
    if (text[i] == ',') {
      ++i;
    }
  }
  return items;
}

std::vector<const SiteFile*> shard_files(const std::vector<SiteFile>& files)
{
  std::vector<const SiteFile*> shards;
  for (std::size_t i = 0; const SiteFile* file = find_file(files, "search/t" + std::to_string(i) + ".js"); ++i) {
    shards.push_back(file);
  }
  return shards;
}

// (document, weight digit) pairs of a posting list, decoded as search.js decodes them.
std::vector<std::pair<std::uint32_t, int>> postings_of(const std::vector<SiteFile>& files, std::string_view term)
{
  const std::string_view digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (const SiteFile* shard : shard_files(files)) {
    const std::vector<std::string> terms = string_array(shard->content, "terms");
    const auto it = std::find(terms.begin(), terms.end(), term);
    if (it == terms.end()) {
      continue;
    }
    const std::string encoded = string_array(shard->content, "postings")[static_cast<std::size_t>(it - terms.begin())];
    std::vector<std::pair<std::uint32_t, int>> postings;
    std::uint32_t document = 0;
    for (std::size_t i = 0; i < encoded.size();) {
      std::uint32_t delta = 0;
      for (int shift = 0;; shift += 5) {
        const auto digit = static_cast<std::uint32_t>(digits.find(encoded[i++]));
        delta |= (digit & 31) << shift;
        if (digit < 32) {
          break;
        }
      }
      document += delta;
      postings.emplace_back(document, static_cast<int>(digits.find(encoded[i++])));
    }
    return postings;
  }
  return {};
}

std::set<std::string> all_terms(const std::vector<SiteFile>& files)
{
  std::set<std::string> terms;
  for (const SiteFile* shard : shard_files(files)) {
    for (std::string& term : string_array(shard->content, "terms")) {
      terms.insert(std::move(term));
    }
  }
  return terms;
}

// Many documents with many different made-up words, enough for several shards and chunks.
std::vector<SearchEntry> many_entries()
{
  std::vector<SearchEntry> entries;
  for (int d = 0; d < 120; ++d) {
    std::string text;
    for (int w = 0; w < 300; ++w) {
      const int n = (d * 7 + w * 13) % 2000;
      text += std::string("ord") + static_cast<char>('a' + n % 26) + static_cast<char>('a' + n / 26 % 26) +
              static_cast<char>('a' + n / 676) + " ";
    }
    const std::string number = std::to_string(100 + d);
    entries.push_back(SearchEntry{"dokument/" + number + ".html", "Dokument " + number, "IS-RL-" + number,
                                  "Riktlinje", "", text});
  }
  return entries;
}

void check_same_files(const std::vector<SiteFile>& files, const std::vector<SiteFile>& again)
{
  REQUIRE(files.size() == again.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    CHECK(files[i].path == again[i].path);
    CHECK(files[i].content == again[i].content);
  }
}

}  // namespace

TEST_CASE("build_search_index is deterministic and writes manifest, shards and chunks as scripts")
{
  const std::vector<SearchEntry> entries = many_entries();
  const std::vector<SiteFile> files = build_search_index(entries);
  check_same_files(files, build_search_index(entries));

  REQUIRE(!files.empty());
  CHECK(files.front().path == "search/index.js");
  CHECK(shard_files(files).size() > 1);
  CHECK(find_file(files, "search/d4.js") != nullptr);  // 120 documents, 25 a chunk
  CHECK(find_file(files, "search/d5.js") == nullptr);
  for (const SiteFile& file : files) {
    CAPTURE(file.path);
    CHECK(file.content.starts_with("window.styrSearch.add(\""));
    CHECK(file.content.ends_with(");\n"));
  }
  CHECK(files.front().content.find("\"documents\":120,\"chunkSize\":25,") != std::string::npos);
}

TEST_CASE("entries given their words instead of their text make the same index")
{
  const std::vector<SearchEntry> entries = many_entries();
  std::vector<SearchEntry> worded = entries;
  std::vector<std::string> words;
  words.reserve(worded.size());
  for (SearchEntry& e : worded) {
    e.text_words = words.emplace_back(counted_search_words(e.text));
    e.excerpt = e.excerpt.empty() ? e.text : e.excerpt;
    e.text = "ignoreras";
  }
  CHECK(counted_search_words("Säkerhetskopiering, och IS-RL-004! Och kopiering.") ==
        "säkerhetskopiering 1\noch 2\nis 1\nrl 1\n004 1\nkopiering 1\n");
  check_same_files(build_search_index(entries), build_search_index(worded));
}

TEST_CASE("counted words keep the order of first appearance in a long text")
{
  // 3,000 words of 300 kinds, some only once: the counting table wraps and fills up.
  std::string text;
  std::vector<std::string> first_seen;
  std::map<std::string, int> counts;
  for (int i = 0; i < 3000; ++i) {
    const int kind = i < 300 ? (i * 7) % 300 : (i * i) % 251;
    const std::string word = "ord" + std::string(1, static_cast<char>('a' + kind % 26)) + std::to_string(kind);
    if (counts[word]++ == 0) {
      first_seen.push_back(word);
    }
    text += (i % 5 == 0 ? "Ord" + word.substr(3) : word) + (i % 9 == 0 ? ", " : " ");  // case is folded
  }
  std::string expected;
  for (const std::string& word : first_seen) {
    expected += word + " " + std::to_string(counts[word]) + "\n";
  }
  CHECK(counted_search_words(text) == expected);
}

TEST_CASE("a large collection, read in blocks on several cores, is indexed as one")
{
  // 700 documents: each has a word of its own, every seventh shares one, and all share one.
  const auto letters = [](int n) {
    std::string word = "kod";
    for (int i = 0; i < 3; ++i, n /= 26) {
      word += static_cast<char>('a' + n % 26);
    }
    return word;
  };
  std::vector<SearchEntry> entries;
  for (int d = 0; d < 700; ++d) {
    const std::string text = fmt::format("Gemensam text med {}{}.", letters(d), d % 7 == 3 ? " och kvartal" : "");
    entries.push_back(SearchEntry{fmt::format("d{}.html", d), "Dokument", fmt::format("D-{}", d), "Riktlinje", "", text});
  }
  const std::vector<SiteFile> files = build_search_index(entries);
  for (const int d : {0, 255, 256, 511, 512, 699}) {
    const auto own = postings_of(files, stem_swedish(letters(d)));
    REQUIRE(own.size() == 1);
    CHECK(own[0].first == static_cast<std::uint32_t>(d));
  }
  const auto shared = postings_of(files, stem_swedish("gemensam"));
  REQUIRE(shared.size() == 700);
  CHECK(shared.back().first == 699);
  const auto seventh = postings_of(files, stem_swedish("kvartal"));
  REQUIRE(seventh.size() == 100);
  for (std::size_t i = 0; i < seventh.size(); ++i) {
    CHECK(seventh[i].first == 7 * i + 3);
  }
}

TEST_CASE("the manifest's shard keys lead every term to the shard that holds it")
{
  const std::vector<SiteFile> files = build_search_index(many_entries());
  const std::vector<std::string> keys = string_array(files.front().content, "shards");
  const std::vector<const SiteFile*> shards = shard_files(files);
  REQUIRE(keys.size() == shards.size());
  CHECK(keys.front().empty());
  std::string previous;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    for (const std::string& term : string_array(shards[s]->content, "terms")) {
      CAPTURE(term);
      CHECK(previous < term);  // sorted across shards
      CHECK(keys[s] <= term);
      if (s + 1 < keys.size()) {
        CHECK(term < keys[s + 1]);
      }
      previous = term;
    }
  }
}

TEST_CASE("postings list the documents in order, with BM25 weights and the title flag")
{
  const std::vector<SiteFile> files = build_search_index({
    {"a.html", "Riktlinje för loggning", "IS-RL-009", "Riktlinje", "", "Loggning av system och nätverk."},
    {"b.html", "Serverdrift", "IS-INS-007", "Instruktion", "", "Loggning sker centralt. Loggning granskas."},
    {"c.html", "Kontinuitet", "IS-RL-011", "Riktlinje", "", "Reservkraft och reservrutiner."},
  });
  const auto loggning = postings_of(files, "loggning");
  REQUIRE(loggning.size() == 2);
  CHECK(loggning[0].first == 0);
  CHECK(loggning[1].first == 1);
  CHECK(loggning[0].second >= 32);                    // in the title
  CHECK(loggning[1].second > 0);
  CHECK(loggning[1].second < 16);                     // only in the body …
  CHECK(loggning[1].second > loggning[0].second - 32);  // … but there twice

  const auto id = postings_of(files, "is-rl-11");
  REQUIRE(id.size() == 1);
  CHECK(id[0] == std::pair<std::uint32_t, int>(2, 32));  // a whole id is a term of the id alone
  const auto riktlinje = postings_of(files, "riktlinj");  // the type label counts as text
  REQUIRE(riktlinje.size() == 2);
  CHECK(riktlinje[1].first == 2);
}

TEST_CASE("a document's tags weigh almost as its title: it is found by them and ranks as about them")
{
  std::vector<SearchEntry> entries = {
    {"a.html", "Instruktion för distansarbete", "IS-INS-002", "Instruktion", "", "Arbete hemifrån med VPN."},
    {"b.html", "Riktlinje för behörighet", "IS-RL-003", "Riktlinje", "", "Hemarbete nämns. Hemarbete igen."},
  };
  entries[0].tags = {"hemarbete", "Molntjänster"};
  const std::vector<SiteFile> files = build_search_index(entries);
  const auto hemarbete = postings_of(files, "hemarbet");
  REQUIRE(hemarbete.size() == 2);
  CHECK(hemarbete[0] == std::pair<std::uint32_t, int>(0, 16));  // only a tag
  CHECK(hemarbete[1].second < 16);
  CHECK(postings_of(files, "molntjänst").size() == 1);
}

TEST_CASE("terms: stems without stop words, plus bare forms of -et stems and parts of compounds")
{
  const std::set<std::string> terms = all_terms(build_search_index({
    {"a.html", "Lösenord", "IS-INS-003", "Instruktion", "", "Byt lösenordet och hantera incidenten."},
    {"b.html", "Säkerhetskopiering", "IS-RL-004", "Riktlinje", "",
     "Säkerhetskopieringen och en kopia ger säkerhet för informationssäkerheten och information."},
  }));
  CHECK(terms.contains("lösenordet"));
  CHECK(terms.contains("lösenord"));
  CHECK(terms.contains("incident"));
  CHECK(terms.contains("säkerhetskopiering"));
  CHECK(terms.contains("kopiering"));          // säkerhets|kopieringen
  CHECK(terms.contains("informationssäker"));
  CHECK(terms.contains("information"));        // informations|säkerheten
  CHECK(terms.contains("säker"));
  CHECK(terms.contains("is-rl-4"));   // the whole id, as search_id spells it
  CHECK(terms.contains("losenord"));  // as typed without å, ä, ö: "losenordet" less its -et
  CHECK(terms.contains("saker"));     // "säkerhet" so typed, also as a part of a compound
  CHECK(terms.contains("sakerhetskopiering"));
  CHECK_FALSE(terms.contains("och"));
  CHECK_FALSE(terms.contains("för"));
}

TEST_CASE("a linking s follows a noun, never a preposition: genomslag is no genoms|lag")
{
  const std::vector<SiteFile> files = build_search_index({
    {"a.html", "Lag", "IS-RL-001", "Riktlinje", "", "Lagen gäller genom avtal. Arbete och miljö."},
    {"b.html", "Genomslag", "IS-RL-002", "Riktlinje", "", "Policyn får genomslag i arbetsmiljö."},
  });
  const auto lag = postings_of(files, "lag");
  REQUIRE(lag.size() == 1);
  CHECK(lag[0].first == 0);
  const auto miljo = postings_of(files, "miljö");  // arbets|miljö is still a compound
  REQUIRE(miljo.size() == 2);
  CHECK(miljo[1].first == 1);
}

TEST_CASE("a word far longer than any compound is indexed whole, not split")
{
  // Splitting stems every tail: a line of 200,000 letters took minutes. Made of known words,
  // it would be split if its length were not what stops it.
  std::string line;
  while (line.size() < 200'000) {
    line += "kopiering";
  }
  const std::set<std::string> terms = all_terms(build_search_index({
    {"a.html", "Kopiering", "IS-RL-001", "Riktlinje", "", "Kopiering. " + line},
  }));
  CHECK(terms.contains("kopiering"));
  for (const std::string& t : terms) {  // the word and its stem; no part of it
    CHECK((t.size() < 100 || t.size() + 10 > line.size()));
  }
}

TEST_CASE("result metadata: one line, escaped for a script, excerpts shortened")
{
  std::string long_text;
  for (int i = 0; i < 100; ++i) {
    long_text += "Säkerhetskopior testas regelbundet. ";
  }
  const std::vector<SiteFile> files = build_search_index({
    {"a.html", "Titel </script><script>alert(1)</script>", "IS-RL-001", "Riktlinje", "Första\nraden\u2028andra", ""},
    {"b.html", "Lång", "IS-RL-002", "Riktlinje", "", long_text},
  });
  const std::string& chunk = find_file(files, "search/d0.js")->content;
  CHECK(chunk.find("</script>") == std::string::npos);
  CHECK(chunk.find("[\"a.html\",\"Titel \\u003c/script>\\u003cscript>alert(1)\\u003c/script>\",\"IS-RL-001\","
                   "\"Riktlinje\",\"Första raden andra\",[]]") != std::string::npos);
  const std::size_t start = chunk.find("\"Säkerhetskopior testas");
  REQUIRE(start != std::string::npos);
  const std::string excerpt = chunk.substr(start + 1, chunk.find('"', start + 1) - start - 1);
  REQUIRE(excerpt.ends_with("\u2026"));
  const std::string shown = excerpt.substr(0, excerpt.size() - std::string_view("\u2026").size());
  CHECK(long_text.starts_with(shown));
  CHECK(long_text[shown.size()] == ' ');  // ends at a word
  CHECK(text::length(excerpt) <= 161);
}

TEST_CASE("result metadata: the sections a result may link to, capped and shortened")
{
  SearchEntry entry{"a.html", "Titel", "IS-RL-001", "Riktlinje", "Utdrag", "Text om lösenord."};
  for (int i = 1; i <= 30; ++i) {
    entry.sections.push_back(SearchSection{fmt::format("Avsnitt {}", i), fmt::format("avsnitt-{}", i)});
  }
  entry.sections[1].title = std::string(100, 'x');
  SearchEntry plain{"b.html", "Annan", "IS-RL-002", "Riktlinje", "", "Text."};
  const std::string chunk = find_file(build_search_index({entry, plain}), "search/d0.js")->content;
  const std::string shortened = std::string(80, 'x') + "\u2026";
  const std::string first_two = "[[\"Avsnitt 1\",\"avsnitt-1\"],[\"" + shortened + "\",\"avsnitt-2\"],";
  CHECK(chunk.find("\"Utdrag\"," + first_two) != std::string::npos);
  CHECK(chunk.find("[\"Avsnitt 24\",\"avsnitt-24\"]]]") != std::string::npos);  // at most 24
  CHECK(chunk.find("Avsnitt 25") == std::string::npos);
  CHECK(chunk.find("\"Text.\",[]]") != std::string::npos);
}

TEST_CASE("result metadata: the requirement rows a result may link to, capped, left out when none")
{
  SearchEntry entry{"a.html", "Titel", "IS-RL-001", "Riktlinje", "Utdrag", "Text om krav."};
  entry.sections.push_back(SearchSection{"Krav", "krav"});
  for (int i = 1; i <= 70; ++i) {
    entry.requirements.push_back(SearchSection{fmt::format("K-{}", i), fmt::format("krav-k-{}", i)});
  }
  SearchEntry plain{"b.html", "Annan", "IS-RL-002", "Riktlinje", "", "Text."};
  const std::string chunk = find_file(build_search_index({entry, plain}), "search/d0.js")->content;
  CHECK(chunk.find("[[\"Krav\",\"krav\"]],[[\"K-1\",\"krav-k-1\"],[\"K-2\",\"krav-k-2\"],") != std::string::npos);
  CHECK(chunk.find("[\"K-60\",\"krav-k-60\"]]]") != std::string::npos);  // at most 60
  CHECK(chunk.find("K-61") == std::string::npos);
  CHECK(chunk.find("\"Text.\",[]]") != std::string::npos);  // none: no element for them
}

TEST_CASE("an empty site gets a manifest without shards")
{
  const std::vector<SiteFile> files = build_search_index({});
  REQUIRE(files.size() == 1);
  CHECK(files[0].content.find("\"documents\":0,") != std::string::npos);
  CHECK(files[0].content.find("\"shards\":[],") != std::string::npos);
}

TEST_CASE("the manifest carries the synonym groups that can help a query, each term as its words")
{
  const std::vector<SearchEntry> entries = {
    {"a.html", "Riktlinje för säkerhetskopiering", "IS-RL-004", "Riktlinje", "", "Säkerhetskopior testas."},
    {"b.html", "Instruktion för distansarbete", "IS-INS-002", "Instruktion", "", "Skydda din e-post."},
  };
  const std::vector<SynonymGroup> groups = {
    {"Backup", "säkerhetskopia"},
    {"distansarbete", "jobba på distans", "Jobba hemifrån"},
    {"mejl", "E-post", "e-mail"},
    {"nätfiske", "phishing"},                    // no document has either: left out
    {"reservkopior", "säkerhetskopior", "backup"},  // shares terms with the first: joined to it
    {"på", "och"},                               // stop words only: nothing to look for
  };
  const std::string manifest = find_file(build_search_index(entries, groups), "search/index.js")->content;
  CHECK(manifest.find("\"synonyms\":[[\"backup\",\"säkerhetskopia\",\"reservkopior\"],"
                      "[\"distansarbete\",\"jobba distans\",\"jobba hemifrån\"],[\"mejl\",\"epost\",\"email\"]]}") !=
        std::string::npos);

  const std::string without =
    find_file(build_search_index(entries, {{"nätfiske", "phishing"}}), "search/index.js")->content;
  CHECK(without.find("synonyms") == std::string::npos);
  CHECK(without == find_file(build_search_index(entries), "search/index.js")->content);
}

TEST_CASE("the built-in Swedish synonyms are well-formed, and each term is in one group only")
{
  const auto list = parse_synonym_list(find_resource("synonyms/sv.toml").value_or(""), "synonyms/sv.toml");
  REQUIRE_MESSAGE(list.has_value(), list.error());
  CHECK(list->size() >= 20);
  CHECK(builtin_synonyms("sv") == *list);
  CHECK(builtin_synonyms("en").empty());
  // A term in two groups would join them into one, and so make two concepts one.
  std::map<std::string, std::size_t> group_of;  // a term's stems -> its group
  for (std::size_t g = 0; g < list->size(); ++g) {
    for (const std::string& term : (*list)[g]) {
      std::string stems;
      for (const std::string& word : search_words(term)) {
        stems += stem_swedish(word) + " ";
      }
      CHECK_MESSAGE(!stems.empty(), term);
      const auto [it, added] = group_of.emplace(stems, g);
      CHECK_MESSAGE(added, term, " is also in group ", it->second + 1);
    }
  }
}

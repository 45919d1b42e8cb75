// Benchmark of the site search on a large site: generates 10,000 synthetic steering
// documents in Swedish, builds the search index, and reports its size, the build time, and
// (through bench/search_first_query.mjs, which runs the real client under node) what the
// first query transfers. PRODUCT.md §6 asks for less than 300 KB.
//
//   search_index_size [OUT_DIR]    the index is written to OUT_DIR (default: a temporary folder)
//
// The text is words drawn from a Zipf distribution over a vocabulary of about 5,000 real
// Swedish word forms: function words first, then the inflected forms of some 300 words of
// the trade and compounds made of them ("molnavtalet", "säkerhetskopiorna").
#include "styr/search_index.hpp"
#include "styr/synonyms.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr std::size_t k_documents = 10'000;
constexpr std::size_t k_min_words = 400;
constexpr std::size_t k_max_words = 800;  // about 600 on average
constexpr double k_zipf_exponent = 1.0;
constexpr std::uint64_t k_seed = 20260315;

const std::vector<std::string> k_function_words = {
  "och", "att", "i", "som", "en", "på", "det", "av", "för", "med", "till", "den", "är", "om", "ett", "de",
  "ska", "har", "inte", "kan", "vid", "eller", "från", "alla", "samt", "enligt", "inom", "efter", "när",
  "sin", "sina", "detta", "denna", "dessa", "även", "också", "hur", "vad", "vilka", "vilken", "då", "så",
  "mer", "under", "över", "mellan", "genom", "utan", "mot", "före", "hos", "varje", "andra", "bör", "får",
  "måste", "finns", "gäller", "ingår", "sker", "görs", "utförs", "används", "behöver", "ha", "vara",
  "göra", "ges", "tas", "blir", "vi", "vår", "våra", "sig", "där", "redan", "alltid", "minst", "högst",
  "per", "bland", "både", "eftersom", "därför", "dock", "endast", "samma", "egen", "egna", "hela", "helt",
  "nya", "nytt", "stora", "större", "senast", "särskilt", "särskilda", "berörda", "respektive"};

// Words of the trade, by how they inflect.
enum class Paradigm
{
  noun_er,      // incident, incidenten, incidenter, incidenterna, incidentens
  noun_ar,      // hantering, hanteringen, hanteringar, hanteringarna
  noun_or,      // kopia, kopian, kopior, kopiorna
  noun_are,     // användare, användaren, användarna, användares
  noun_neuter,  // lösenord, lösenordet, lösenorden, lösenordets; område, området, områden, områdena
  verb_a,       // hantera, hanterar, hanterade, hanterat, hanteras
  verb_er,      // bedöma, bedömer, bedömde, bedömt, bedöms
  adjective,    // tydlig, tydligt, tydliga
};

struct WordList
{
  Paradigm paradigm;
  std::vector<std::string> words;
};

const std::vector<WordList> k_word_lists = {
  {Paradigm::noun_er,
   {"incident", "rutin", "risk", "kontroll", "funktion", "organisation", "leverantör", "administratör",
    "process", "metod", "analys", "rapport", "tjänst", "åtgärd", "brist", "part", "enhet", "behörighet",
    "säkerhet", "sårbarhet", "tillgänglighet", "riktighet", "verksamhet", "myndighet", "kommun", "nämnd",
    "plan", "modell", "databas", "instruktion", "version", "resurs", "applikation", "uppgift", "person",
    "roll", "licens", "region", "kund", "patient", "elev", "personuppgift", "informationssäkerhet",
    "riskanalys", "kontinuitetsplan", "säkerhetsbrist", "rubrik", "blankett", "tabell", "sektion", "rektor"}},
  {Paradigm::noun_ar,
   {"hantering", "klassning", "loggning", "uppföljning", "utbildning", "förvaltning", "granskning",
    "bedömning", "planering", "rapportering", "lagring", "behandling", "övervakning", "autentisering",
    "kryptering", "uppdatering", "anskaffning", "upphandling", "ändring", "kopiering", "tilldelning",
    "inloggning", "återställning", "säkerhetskopiering", "arkivering", "gallring", "beställning",
    "samordning", "styrning", "ledning", "mätning", "övning", "förordning", "förändring", "lösning",
    "ordning", "avdelning", "incidenthantering", "behörighetstilldelning", "dag", "mapp"}},
  {Paradigm::noun_or, {"kopia", "sida", "lista", "fråga", "skola", "kedja", "bilaga", "vecka", "rutinbeskrivning"}},
  {Paradigm::noun_are,
   {"användare", "ägare", "förvaltare", "samordnare", "medarbetare", "skrivare", "nämndsekreterare"}},
  {Paradigm::noun_neuter,
   {"lösenord", "avtal", "beslut", "dokument", "system", "ansvar", "krav", "intrång", "skydd", "underlag",
    "stöd", "nätverk", "verktyg", "tillstånd", "regelverk", "mål", "förslag", "resultat", "utfall", "konto",
    "arbete", "ärende", "område", "syfte", "meddelande", "larm", "fel", "protokoll", "certifikat", "moln",
    "kort", "gränssnitt", "leverantörsavtal", "personuppgiftsbiträdesavtal"}},
  {Paradigm::verb_a,
   {"hantera", "rapportera", "klassa", "logga", "dokumentera", "granska", "planera", "kontrollera",
    "uppdatera", "kryptera", "autentisera", "informera", "analysera", "testa", "verifiera", "arkivera",
    "radera", "installera", "konfigurera", "övervaka", "skydda", "begränsa", "utvärdera", "samordna",
    "ansvara", "åtgärda", "revidera", "kommunicera", "utbilda", "identifiera", "prioritera", "eskalera",
    "spara", "lagra", "säkerhetskopiera", "ändra", "skicka", "öppna", "tilldela"}},
  {Paradigm::verb_er,
   {"godkänna", "bedöma", "använda", "fastställa", "följa", "anmäla", "återställa", "begära", "stänga",
    "behöva", "ställa", "höra", "läsa", "köpa", "söka"}},
  {Paradigm::adjective,
   {"tydlig", "ansvarig", "känslig", "nödvändig", "tillgänglig", "aktuell", "lämplig", "extern", "intern",
    "personlig", "kritisk", "fysisk", "digital", "teknisk", "skyldig", "behörig", "obehörig", "allvarlig",
    "viktig", "snabb", "rimlig", "årlig", "skriftlig", "muntlig", "central", "lokal", "offentlig",
    "skadlig", "mobil", "trådlös", "regelbunden"}},
};
// First parts of compounds, with their linking "s" where Swedish has one.
const std::vector<std::string> k_compound_heads = {
  "informations", "säkerhets", "incident", "lösenords", "behörighets", "risk", "system", "lednings",
  "verksamhets", "leverantörs", "kontinuitets", "hanterings", "klassnings", "loggnings", "it", "drift",
  "nätverks", "avtals", "besluts", "kommun", "personal", "data", "moln", "krypterings", "åtkomst",
  "kontroll", "rapporterings", "utbildnings", "skydds", "arkiv", "förvaltnings", "användar", "patient"};
constexpr std::size_t k_compounds_per_head = 25;

std::vector<std::string> forms(const std::string& word, Paradigm paradigm)
{
  const std::string stem = word.substr(0, word.size() - 1);  // without the final vowel, where there is one
  switch (paradigm) {
    case Paradigm::noun_er: return {word, word + "en", word + "er", word + "erna", word + "ens"};
    case Paradigm::noun_ar: return {word, word + "en", word + "ar", word + "arna"};
    case Paradigm::noun_or: return {word, stem + "an", stem + "or", stem + "orna"};
    case Paradigm::noun_are: return {word, word + "n", stem + "na", word + "s"};
    case Paradigm::noun_neuter:
      if (word.ends_with("e") || word.ends_with("o")) {
        return {word, word + "t", word + "n", word + "na"};
      }
      return {word, word + "et", word + "en", word + "ets"};
    case Paradigm::verb_a: return {word, word + "r", word + "de", word + "t", word + "s"};
    case Paradigm::verb_er: return {word, stem + "er", stem + "de", stem + "t", stem + "s"};
    case Paradigm::adjective: return {word, word + "t", word + "a"};
  }
  return {word};
}

// The vocabulary, most frequent first: function words, then the other forms in a fixed
// shuffled order, so that frequency does not follow the word class.
std::vector<std::string> vocabulary(std::mt19937_64& random)
{
  std::vector<std::string> content;
  std::vector<std::pair<std::string, Paradigm>> nouns;
  for (const WordList& list : k_word_lists) {
    for (const std::string& word : list.words) {
      for (std::string& form : forms(word, list.paradigm)) {
        content.push_back(std::move(form));
      }
      if (list.paradigm <= Paradigm::noun_neuter) {
        nouns.emplace_back(word, list.paradigm);
      }
    }
  }
  for (const std::string& head : k_compound_heads) {
    for (std::size_t n = 0; n < k_compounds_per_head; ++n) {
      const auto& [tail, paradigm] = nouns[random() % nouns.size()];
      for (const std::string& form : forms(tail, paradigm)) {
        content.push_back(head + form);
      }
    }
  }
  std::sort(content.begin(), content.end());
  content.erase(std::unique(content.begin(), content.end()), content.end());
  std::shuffle(content.begin(), content.end(), random);

  std::vector<std::string> words = k_function_words;
  words.insert(words.end(), content.begin(), content.end());
  return words;
}

class ZipfSampler
{
public:
  explicit ZipfSampler(std::size_t size)
  {
    double sum = 0;
    for (std::size_t rank = 1; rank <= size; ++rank) {
      sum += 1.0 / std::pow(static_cast<double>(rank), k_zipf_exponent);
      m_cumulative.push_back(sum);
    }
    for (double& c : m_cumulative) {
      c /= sum;
    }
  }

  std::size_t operator()(std::mt19937_64& random) const
  {
    const double u = static_cast<double>(random() >> 11) * 0x1.0p-53;
    return static_cast<std::size_t>(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), u) -
                                    m_cumulative.begin());
  }

private:
  std::vector<double> m_cumulative;
};

struct DocumentType
{
  const char* label;
  const char* code;
};

const std::vector<DocumentType> k_types = {
  {"Policy", "POL"}, {"Riktlinje", "RL"}, {"Rutin", "RUT"}, {"Instruktion", "INS"}, {"Handbok", "HB"},
  {"Handlingsplan", "HP"}};

std::vector<styr::SearchEntry> generate_documents(std::mt19937_64& random)
{
  const std::vector<std::string> words = vocabulary(random);
  const ZipfSampler zipf(words.size());
  fmt::print("vocabulary: {} word forms, Zipf exponent {}\n", words.size(), k_zipf_exponent);

  std::vector<styr::SearchEntry> entries;
  std::vector<std::size_t> numbers(k_types.size());
  for (std::size_t d = 0; d < k_documents; ++d) {
    const std::size_t t = random() % k_types.size();
    const DocumentType& type = k_types[t];
    const std::string id = fmt::format("IS-{}-{:04}", type.code, ++numbers[t]);
    const std::string& subject =
      words[k_function_words.size() + zipf(random) % (words.size() - k_function_words.size())];
    std::string text;
    const std::size_t length = k_min_words + random() % (k_max_words - k_min_words + 1);
    std::size_t sentence_words = 0;
    for (std::size_t w = 0; w < length; ++w) {
      std::string word = words[zipf(random)];
      if (sentence_words == 0 && word[0] >= 'a' && word[0] <= 'z') {
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
      }
      text += word;
      ++sentence_words;
      if (sentence_words > 6 && random() % 10 == 0) {
        text += ". ";
        sentence_words = 0;
      } else {
        text += ' ';
      }
    }
    entries.push_back(styr::SearchEntry{fmt::format("dokument/{}.html", styr::text::fold_case(id)),
                                        fmt::format("{} för {}", type.label, subject), id, type.label,
                                        text.substr(0, 400), text});
  }
  return entries;
}

std::string kilobytes(std::size_t bytes)
{
  return fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024);
}

}  // namespace

int main(int argc, char** argv)
{
  const std::filesystem::path out_dir =
    argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::temp_directory_path() / "styr-search-bench";

  std::mt19937_64 random(k_seed);
  const std::vector<styr::SearchEntry> entries = generate_documents(random);
  std::size_t text_bytes = 0;
  for (const styr::SearchEntry& entry : entries) {
    text_bytes += entry.text.size();
  }
  fmt::print("documents: {}, {} of text\n", entries.size(), kilobytes(text_bytes));

  const auto start = std::chrono::steady_clock::now();
  const std::vector<styr::SiteFile> files = styr::build_search_index(entries, styr::builtin_synonyms("sv"));
  const std::chrono::duration<double> build_time = std::chrono::steady_clock::now() - start;

  std::size_t total = 0;
  std::size_t shards = 0;
  std::size_t largest_shard = 0;
  std::size_t chunks = 0;
  std::size_t largest_chunk = 0;
  std::filesystem::remove_all(out_dir);
  for (const styr::SiteFile& file : files) {
    total += file.content.size();
    const std::string name = std::filesystem::path(file.path).filename().string();
    if (name[0] == 't') {
      ++shards;
      largest_shard = std::max(largest_shard, file.content.size());
    } else if (name[0] == 'd') {
      ++chunks;
      largest_chunk = std::max(largest_chunk, file.content.size());
    }
    const std::filesystem::path path = out_dir / file.path;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << file.content;
  }
  fmt::print("index build time: {:.2f} s\n", build_time.count());
  fmt::print("index: {} files, {} in all; manifest {}; {} shards, largest {}; {} metadata chunks, largest {}\n",
             files.size(), kilobytes(total), kilobytes(files.front().content.size()), shards,
             kilobytes(largest_shard), chunks, kilobytes(largest_chunk));
  fmt::print("written to {}\n", out_dir.string());
  std::fflush(stdout);

  const std::string command = fmt::format(
    "node '{}/bench/search_first_query.mjs' '{}' säkerhetskopiering incident lösenordet 'riktlinjer för "
    "informationssäkerhet' IS-RL-0042 behörighet leverantörsavtal kopiering säkerhet 'rapportera incidenter "
    "till ledningen' 'hantering av känsliga personuppgifter' backup password login",
    STYR_SOURCE_DIR, out_dir.string());
  return std::system(command.c_str()) == 0 ? 0 : 1;
}

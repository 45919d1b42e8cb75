// Test helper for the node tests of the search: prints C++ stems and words for the parity
// test, and writes an index built from test documents for the client test.
//
//   styr_search_tool stems            words on stdin, one a line -> their stems on stdout
//   styr_search_tool words            lines of text on stdin -> their search words, space-separated
//   styr_search_tool ids              ids on stdin, one a line -> the index's spelling of each
//   styr_search_tool index OUT_DIR [GROUPS]
//                                     documents on stdin, one a line as tab-separated
//                                     url, title, id, type label, excerpt, text and
//                                     optionally sections ("heading|anchor;…"),
//                                     requirements ("id|anchor;…"), a status and tags
//                                     ("tag;…") -> the
//                                     index files under OUT_DIR, with the built-in Swedish
//                                     synonyms and those of the file GROUPS
//                                     (groups = [["…", "…"], …]), as a site with
//                                     [site] synonyms has them
#include "styr/search_index.hpp"
#include "styr/stemmer.hpp"
#include "styr/synonyms.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

int print_stems()
{
  for (std::string word; std::getline(std::cin, word);) {
    std::cout << styr::stem_swedish(word) << '\n';
  }
  return 0;
}

int print_words()
{
  for (std::string line; std::getline(std::cin, line);) {
    const std::vector<std::string> words = styr::search_words(line);
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::cout << (i > 0 ? " " : "") << words[i];
    }
    std::cout << '\n';
  }
  return 0;
}

int print_ids()
{
  for (std::string id; std::getline(std::cin, id);) {
    std::cout << styr::search_id(id) << '\n';
  }
  return 0;
}

std::vector<std::string> split(const std::string& line, char separator)
{
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t at; (at = line.find(separator, start)) != std::string::npos; start = at + 1) {
    fields.push_back(line.substr(start, at - start));
  }
  fields.push_back(line.substr(start));
  return fields;
}

int write_index(const std::filesystem::path& out_dir, const std::filesystem::path& groups_file)
{
  std::vector<styr::SynonymGroup> synonyms = styr::builtin_synonyms("sv");
  if (!groups_file.empty()) {
    std::ostringstream text;
    text << std::ifstream(groups_file, std::ios::binary).rdbuf();
    const auto groups = styr::parse_synonym_list(text.str(), groups_file.string());
    if (!groups) {
      std::cerr << groups.error() << '\n';
      return 2;
    }
    synonyms.insert(synonyms.end(), groups->begin(), groups->end());
  }
  std::vector<styr::SearchEntry> entries;
  for (std::string line; std::getline(std::cin, line);) {
    std::vector<std::string> fields = split(line, '\t');
    if (fields.size() < 6 || fields.size() > 10) {
      std::cerr << "expected 6 to 10 tab-separated fields, got " << fields.size() << ": " << line << '\n';
      return 2;
    }
    styr::SearchEntry entry{std::move(fields[0]), std::move(fields[1]), std::move(fields[2]),
                            std::move(fields[3]), std::move(fields[4]), std::move(fields[5])};
    const auto pairs = [&](std::size_t field, std::vector<styr::SearchSection>& out) {
      if (fields.size() > field && !fields[field].empty()) {
        for (const std::string& pair : split(fields[field], ';')) {
          const std::vector<std::string> parts = split(pair, '|');
          out.push_back(styr::SearchSection{parts.front(), parts.back()});
        }
      }
    };
    pairs(6, entry.sections);
    pairs(7, entry.requirements);
    if (fields.size() > 8) {
      entry.status = std::move(fields[8]);
    }
    if (fields.size() > 9 && !fields[9].empty()) {
      entry.tags = split(fields[9], ';');
    }
    entries.push_back(std::move(entry));
  }
  for (const styr::SiteFile& file : styr::build_search_index(entries, synonyms)) {
    const std::filesystem::path path = out_dir / file.path;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << file.content;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv)
{
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "stems") {
    return print_stems();
  }
  if (args.size() == 1 && args[0] == "words") {
    return print_words();
  }
  if (args.size() == 1 && args[0] == "ids") {
    return print_ids();
  }
  if ((args.size() == 2 || args.size() == 3) && args[0] == "index") {
    return write_index(args[1], args.size() == 3 ? args[2] : std::string_view());
  }
  std::cerr << "usage: styr_search_tool stems | words | ids | index OUT_DIR [GROUPS]\n";
  return 2;
}

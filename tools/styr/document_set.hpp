// All documents of a repository at one state (working tree or commit), loaded in parallel.
#pragma once

#include "styr/document.hpp"
#include "styr/source.hpp"
#include "styr/text.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace styr {

// Every document is held in memory while a command runs; these bound a whole repository
// (k_max_document_bytes in document.hpp bounds each file).
inline constexpr std::size_t k_max_documents = 100'000;
inline constexpr std::size_t k_max_total_document_bytes = std::size_t{1} << 30;

class DocumentSet
{
public:
  DocumentSet() = default;
  explicit DocumentSet(std::vector<Document> documents, Diagnostics problems = {});

  const std::vector<Document>& documents() const { return m_documents; }
  // Files that could not be read at all (the documents' own problems stay with them).
  const Diagnostics& problems() const { return m_problems; }

  // The first document (by path) with this id, or null.
  const Document* find_id(std::string_view id) const;
  const Document* find_path(std::string_view path) const;

private:
  std::vector<Document> m_documents;  // sorted by path
  Diagnostics m_problems;
  std::unordered_map<std::string, std::size_t, text::StringHash, std::equal_to<>> m_by_id;
  std::unordered_map<std::string, std::size_t, text::StringHash, std::equal_to<>> m_by_path;
};

class SiteCache;

// Reads every *.md under `dir` from the source and loads them, using all cores. With a
// cache, a document whose content the source can name is loaded once and kept there.
DocumentSet collect_documents(const DocumentSource& source, std::string_view dir, Parts parts = Parts::all,
                              SiteCache* cache = nullptr);

// Loads the given files, in parallel; `contents` and the result are in the same order.
std::vector<Document> load_documents(std::vector<std::pair<std::string, std::string>> contents,
                                     Parts parts = Parts::all);

}  // namespace styr

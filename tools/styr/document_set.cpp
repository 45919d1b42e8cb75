#include "styr/document_set.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace styr {

DocumentSet::DocumentSet(std::vector<Document> documents, Diagnostics problems)
    : m_documents(std::move(documents)), m_problems(std::move(problems))
{
  std::sort(m_documents.begin(), m_documents.end(),
            [](const Document& a, const Document& b) { return a.path < b.path; });
  for (std::size_t i = 0; i < m_documents.size(); ++i) {
    m_by_path.emplace(m_documents[i].path, i);
    if (!m_documents[i].id().empty()) {
      m_by_id.emplace(std::string(m_documents[i].id()), i);  // keeps the first
    }
  }
}

const Document* DocumentSet::find_id(std::string_view id) const
{
  const auto it = m_by_id.find(std::string(id));
  return it != m_by_id.end() ? &m_documents[it->second] : nullptr;
}

const Document* DocumentSet::find_path(std::string_view path) const
{
  const auto it = m_by_path.find(std::string(path));
  return it != m_by_path.end() ? &m_documents[it->second] : nullptr;
}

std::vector<Document> load_documents(std::vector<std::pair<std::string, std::string>> contents, Parts parts)
{
  std::vector<Document> documents(contents.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < contents.size();) {
      documents[i] = load_document(std::move(contents[i].first), std::move(contents[i].second), parts);
    }
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned helpers = std::min<std::size_t>(cores, contents.size() / 16 + 1) - 1;
  std::vector<std::jthread> threads;
  for (unsigned t = 0; t < helpers; ++t) {
    threads.emplace_back(work);
  }
  work();
  return documents;
}

DocumentSet collect_documents(const DocumentSource& source, std::string_view dir, Parts parts)
{
  Diagnostics problems;
  std::vector<std::pair<std::string, std::string>> contents;
  for (SourceFile& file : source.markdown_files(dir)) {
    if (!file.problem.empty()) {
      problems.push_back(make_diagnostic(file.path, Position{1, 1}, "file-unreadable", file.path + " " + file.problem));
      continue;
    }
    auto data = source.read(file.path);
    if (!data) {
      problems.push_back(make_diagnostic(file.path, Position{1, 1}, "file-unreadable", file.path + " " + data.error()));
      continue;
    }
    contents.emplace_back(std::move(file.path), std::move(*data));
  }
  return DocumentSet(load_documents(std::move(contents), parts), std::move(problems));
}

}  // namespace styr

#include "styr/document_set.hpp"

#include <fmt/format.h>

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
  std::vector<SourceFile> files = source.markdown_files(dir);
  std::size_t total = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    SourceFile& file = files[i];
    if (i == k_max_documents) {
      problems.push_back(make_diagnostic(file.path, Position{1, 1}, "file-unreadable", fmt::format(
        "{} is not read: there are {} files named *.md under {}/, and styr reads at most {} (the limit); "
        "neither are the {} files after it", file.path, files.size(), dir, k_max_documents, files.size() - i - 1)));
      break;
    }
    if (!file.problem.empty()) {
      problems.push_back(make_diagnostic(file.path, Position{1, 1}, "file-unreadable", file.path + " " + file.problem));
      continue;
    }
    auto data = source.read(file.path);
    if (!data) {
      problems.push_back(make_diagnostic(file.path, Position{1, 1}, "file-unreadable", file.path + " " + data.error()));
      continue;
    }
    total += data->size();
    if (total > k_max_total_document_bytes) {
      problems.push_back(make_diagnostic(file.path, Position{1, 1}, "file-unreadable", fmt::format(
        "{} is not read: the documents under {}/ take more than {} MiB together, the limit; neither are the {} "
        "files after it", file.path, dir, k_max_total_document_bytes >> 20, files.size() - i - 1)));
      break;
    }
    contents.emplace_back(std::move(file.path), std::move(*data));
  }
  return DocumentSet(load_documents(std::move(contents), parts), std::move(problems));
}

}  // namespace styr

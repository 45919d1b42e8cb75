#include "styr/document_set.hpp"

#include "styr/parallel.hpp"
#include "styr/site_cache.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <optional>

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
  parallel_for(contents.size(), [&](std::size_t i) {
    documents[i] = load_document(std::move(contents[i].first), std::move(contents[i].second), parts);
  });
  return documents;
}

DocumentSet collect_documents(const DocumentSource& source, std::string_view dir, Parts parts, SiteCache* cache)
{
  Diagnostics problems;
  std::vector<SourceFile> files = source.markdown_files(dir);
  if (files.size() > k_max_documents) {
    const SourceFile& first = files[k_max_documents];
    problems.push_back(make_diagnostic(first.path, Position{1, 1}, "file-unreadable", fmt::format(
      "{} is not read: there are {} files named *.md under {}/, and styr reads at most {} (the limit); "
      "neither are the {} files after it", first.path, files.size(), dir, k_max_documents,
      files.size() - k_max_documents - 1)));
    files.resize(k_max_documents);
  }

  // Files are read and loaded on every core. Past the byte budget the workers stop reading;
  // the pass after them decides, in path order, exactly where the budget ends.
  struct Slot
  {
    std::optional<Document> document;
    std::size_t size = 0;
    std::string problem;
  };
  std::vector<Slot> slots(files.size());
  std::atomic<std::size_t> read_bytes{0};
  const std::string program = cache != nullptr ? program_identity() : std::string();
  const auto load = [&](std::size_t i) {
    std::string key;
    if (const auto id = program.empty() ? std::nullopt : source.content_id(files[i].path)) {
      key = Hasher().add(program).add(files[i].path).add(*id).add(parts == Parts::all ? "all" : "front matter").hex();
      if (const auto entry = cache->get("document", key)) {
        if (auto restored = restore_document(files[i].path, *entry)) {
          slots[i].size = restored->text.size() + (restored->bom ? 3 : 0);
          read_bytes += slots[i].size;
          slots[i].document = std::move(*restored);
          return;
        }
      }
    }
    auto data = source.read(files[i].path);
    if (!data) {
      slots[i].problem = files[i].path + " " + data.error();
      return;
    }
    slots[i].size = data->size();
    read_bytes += data->size();
    slots[i].document = load_document(files[i].path, std::move(*data), parts);
    if (!key.empty()) {
      cache->put("document", key, save_document(*slots[i].document));
    }
  };
  parallel_for(files.size(), [&](std::size_t i) {
    if (files[i].problem.empty() && read_bytes.load() <= k_max_total_document_bytes) {
      load(i);
    }
  });

  std::vector<Document> documents;
  documents.reserve(files.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    Slot& slot = slots[i];
    if (!files[i].problem.empty()) {
      problems.push_back(make_diagnostic(files[i].path, Position{1, 1}, "file-unreadable",
                                         files[i].path + " " + files[i].problem));
      continue;
    }
    if (!slot.document && slot.problem.empty()) {
      load(i);  // skipped by a worker that saw the budget spent by files after this one
    }
    if (!slot.problem.empty()) {
      problems.push_back(make_diagnostic(files[i].path, Position{1, 1}, "file-unreadable", slot.problem));
      continue;
    }
    total += slot.size;
    if (total > k_max_total_document_bytes) {
      problems.push_back(make_diagnostic(files[i].path, Position{1, 1}, "file-unreadable", fmt::format(
        "{} is not read: the documents under {}/ take more than {} MiB together, the limit; neither are the {} "
        "files after it", files[i].path, dir, k_max_total_document_bytes >> 20, files.size() - i - 1)));
      break;
    }
    documents.push_back(std::move(*slot.document));
  }
  return DocumentSet(std::move(documents), std::move(problems));
}

}  // namespace styr

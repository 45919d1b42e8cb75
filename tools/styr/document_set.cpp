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
  const auto it = m_by_id.find(id);
  return it != m_by_id.end() ? &m_documents[it->second] : nullptr;
}

const Document* DocumentSet::find_path(std::string_view path) const
{
  const auto it = m_by_path.find(path);
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

namespace {

// Reads and loads the files of one collect_documents call; load(i) may run on any thread,
// once for each file.
class FileLoader
{
public:
  struct Slot
  {
    std::optional<Document> document;
    std::size_t size = 0;  // bytes read
    std::string problem;   // why it could not be read
  };

  FileLoader(const DocumentSource& source, const std::vector<SourceFile>& files, Parts parts, SiteCache* cache)
      : m_source(source), m_files(files), m_parts(parts), m_cache(cache), m_slots(files.size()),
        m_program(cache != nullptr ? program_identity() : std::string())
  {
  }

  void load(std::size_t i)
  {
    const std::string& path = m_files[i].path;
    Slot& slot = m_slots[i];
    // A source that names the blob (a commit, or the working tree for a file unchanged since
    // it was last read) lets the document come from the cache without being read.
    const std::optional<git::Oid> named = blob_named(path);
    if (named && restore(slot, path, *named)) {
      m_read_bytes += slot.size;
      return;
    }
    auto data = m_source.read(path);
    if (!data) {
      slot.problem = path + " " + data.error();
      return;
    }
    slot.size = data->size();
    m_read_bytes += data->size();
    // Otherwise the bytes just read are hashed (here, on every core, rather than once per
    // use), unless the source named exactly them: the source may keep the id, and it may
    // name a cached document as well. A file may have changed since it was named.
    const bool exact = named && !m_source.content_may_change();
    const git::Oid blob = exact ? *named : git::Repository::hash_blob(*data);
    if (!exact) {
      m_source.note_content(path, blob);
      if (restore(slot, path, blob)) {
        return;
      }
    }
    slot.document = load_document(path, std::move(*data), m_parts);
    slot.document->blob = blob;
    if (const std::string key = cache_key(path, blob); !key.empty()) {
      m_cache->put("document", key, save_document(*slot.document));
    }
  }

  std::size_t read_bytes() const { return m_read_bytes.load(); }
  Slot& slot(std::size_t i) { return m_slots[i]; }

private:
  std::optional<git::Oid> blob_named(const std::string& path) const
  {
    const auto id = m_source.content_id(path);
    return id ? git::Oid::from_hex(*id) : std::nullopt;
  }

  // Takes the document with this blob from the cache; false when it is not there.
  bool restore(Slot& slot, const std::string& path, const git::Oid& blob)
  {
    const std::string key = cache_key(path, blob);
    const auto entry = key.empty() ? std::nullopt : m_cache->get("document", key);
    auto restored = entry ? restore_document(path, *entry) : std::nullopt;
    if (!restored) {
      return false;
    }
    slot.size = restored->text.size() + (restored->bom ? 3 : 0);  // a byte-order mark is 3 bytes
    slot.document = std::move(*restored);
    slot.document->blob = blob;
    return true;
  }

  // A document is kept under its path, its blob, how much of it was loaded and the program
  // that loaded it; empty when it cannot be kept.
  std::string cache_key(const std::string& path, const git::Oid& blob) const
  {
    if (m_program.empty()) {
      return {};
    }
    return Hasher().add(m_program).add(path).add(blob.hex()).add(m_parts == Parts::all ? "all" : "front matter").hex();
  }

  const DocumentSource& m_source;
  const std::vector<SourceFile>& m_files;
  Parts m_parts;
  SiteCache* m_cache;
  std::vector<Slot> m_slots;
  std::string m_program;
  std::atomic<std::size_t> m_read_bytes{0};
};

}  // namespace

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
  FileLoader loader(source, files, parts, cache);
  parallel_for(files.size(), [&](std::size_t i) {
    if (files[i].problem.empty() && loader.read_bytes() <= k_max_total_document_bytes) {
      loader.load(i);
    }
  });

  std::vector<Document> documents;
  documents.reserve(files.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    FileLoader::Slot& slot = loader.slot(i);
    if (!files[i].problem.empty()) {
      problems.push_back(make_diagnostic(files[i].path, Position{1, 1}, "file-unreadable",
                                         files[i].path + " " + files[i].problem));
      continue;
    }
    if (!slot.document && slot.problem.empty()) {
      loader.load(i);  // skipped by a worker that saw the budget spent by files after this one
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

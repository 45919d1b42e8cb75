#include "styr/site_links.hpp"

#include "styr/page_anchors.hpp"
#include "styr/render.hpp"
#include "styr/site_cache.hpp"
#include "styr/source.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <unordered_map>

namespace styr {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t k_max_attachment_bytes = 32 * 1024 * 1024;

// A link shown as text, at its place in the document. The place is in the version the site
// shows, which for a document changed since its approval is not the file as it is now.
BuildWarning link_warning(const Content& content, const Link& link, std::string_view why)
{
  return BuildWarning{content.document().path,
                      fmt::format("{} \"{}\" {}; shown as text{}", link.image ? "picture" : "link", link.destination,
                                  why, content.read ? " (in the approved version)" : ""),
                      link.position};
}

// Which document a repository path is, in the state of the repository a content comes from:
// a link written before a rename names the old path, which the commit of its approval still
// has. Looked up link by link (a tree lookup, and one read per distinct blob), so the cost
// follows the number of links, not the size of the history.
class LinkIndex
{
public:
  explicit LinkIndex(const Snapshot& snap) : m_snap(snap)
  {
    for (const Document& d : snap.documents.documents()) {
      if (!d.id().empty()) {
        m_current.emplace(d.path, std::string(d.id()));
      }
    }
  }

  // The id of the document at `path` in the commit, else in the current state. Not
  // thread-safe, like the repository it reads.
  std::optional<std::string> id_at(const std::optional<git::Oid>& commit, const std::string& path)
  {
    if (commit && m_snap.repo && commit != m_snap.revision) {
      if (auto id = id_in_commit(*commit, path)) {
        return id;
      }
    }
    const auto it = m_current.find(path);
    return it != m_current.end() ? std::optional<std::string>(it->second) : std::nullopt;
  }

private:
  std::optional<std::string> id_in_commit(const git::Oid& commit, const std::string& path)
  {
    auto& found = m_found[commit];
    const auto memo = found.find(path);
    if (memo != found.end()) {
      return memo->second;
    }
    auto id = lookup(commit, path);
    found.emplace(path, id);
    return id;
  }

  std::optional<git::Oid> tree_of(const git::Oid& commit)
  {
    auto tree = m_trees.find(commit);
    if (tree == m_trees.end()) {
      const auto c = m_snap.repo->commit(commit);
      tree = m_trees.emplace(commit, c ? std::optional<git::Oid>(c->tree) : std::nullopt).first;
    }
    return tree->second;
  }

  std::optional<std::string> lookup(const git::Oid& commit, const std::string& path)
  {
    const auto tree = tree_of(commit);
    if (!tree) {
      return std::nullopt;
    }
    const auto entry = m_snap.repo->entry(*tree, path);
    if (!entry || entry->kind != git::EntryKind::blob) {
      return std::nullopt;
    }
    // Most links name a file that has not changed since: the document read from the
    // current tree is that file, and need not be read and parsed again.
    if (m_snap.revision) {
      if (const auto now = tree_of(*m_snap.revision)) {
        const auto current = m_snap.repo->entry(*now, path);
        const auto id = m_current.find(path);
        if (current && current->id == entry->id && id != m_current.end()) {
          return id->second;
        }
      }
    }
    auto known = m_ids.find(entry->id);
    if (known == m_ids.end()) {
      std::string id;
      if (auto bytes = m_snap.repo->read_blob(entry->id)) {
        id = std::string(load_document(path, std::move(*bytes), Parts::front_matter).id());
      }
      known = m_ids.emplace(entry->id, std::move(id)).first;
    }
    return known->second.empty() ? std::nullopt : std::optional<std::string>(known->second);
  }

  const Snapshot& m_snap;
  // Looked up once or more for every link: hash maps, not ordered ones.
  std::unordered_map<std::string, std::string> m_current;
  std::map<git::Oid, std::optional<git::Oid>> m_trees;
  std::map<git::Oid, std::string> m_ids;
  std::unordered_map<git::Oid, std::unordered_map<std::string, std::optional<std::string>>, git::OidHash> m_found;
};

// Resolves one content's links at a time, keeping what they publish and warn about.
class LinkResolver
{
public:
  LinkResolver(const Workspace& ws, const Snapshot& snap, const Publication& pub)
      : m_ws(ws), m_snap(snap), m_pub(pub), m_index(snap)
  {
  }

  // The href of `link`, a relative link in `content`, or none: shown as text.
  std::optional<std::string> resolve(const Content& content, const Link& link, bool warn);

  ResolvedLinks& out() { return m_out; }

private:
  // `anchor`, the link's #fragment, when it lands on the page that shows `target`; else
  // nothing: the link leads to the top of the page.
  std::string landing(const Content& content, const Link& link, const Document& target, std::string anchor, bool warn);

  const Workspace& m_ws;
  const Snapshot& m_snap;
  const Publication& m_pub;
  LinkIndex m_index;
  ResolvedLinks m_out;
};

std::string LinkResolver::landing(const Content& content, const Link& link, const Document& target, std::string anchor,
                                  bool warn)
{
  if (anchor.empty() || lands_on_page(target, anchor)) {
    return anchor;
  }
  if (warn) {
    const std::string_view name = &target == &content.document() ? "this document" : target.id();
    m_out.warnings.push_back(BuildWarning{
      content.document().path,
      fmt::format("link \"{}\": {} has no heading or requirement \"#{}\"; linked to the top of its page{}",
                  link.destination, name, anchor, content.read ? " (in the approved version)" : ""),
      link.position});
  }
  return {};
}

std::optional<std::string> LinkResolver::resolve(const Content& content, const Link& link, bool warn)
{
  const std::string& destination = link.destination;
  std::string target(destination);
  std::string fragment;
  if (const auto hash = target.find('#'); hash != std::string::npos) {
    fragment = text::anchor(target.substr(hash + 1));
    target.erase(hash);
  }
  if (const auto query = target.find('?'); query != std::string::npos) {
    target.erase(query);
  }
  const std::string& from = content.document().path;
  const auto problem = [&](const std::string& why) -> std::optional<std::string> {
    if (warn) {
      m_out.warnings.push_back(link_warning(content, link, why));
    }
    return std::nullopt;
  };
  if (target.empty()) {
    fragment = landing(content, link, content.document(), std::move(fragment), warn);
    return fragment.empty() ? "index.html" : "#" + fragment;
  }
  const auto path = resolve_link(from, target);
  if (!path || path->empty()) {
    return problem("points outside the repository");
  }
  const std::string& docs = m_ws.config.documents_dir;
  if (path->ends_with(".md")) {
    const auto id = m_index.id_at(content.commit, *path);
    if (!id) {
      return problem(fmt::format("points to {}, which is not a document", *path));
    }
    if (*path == from || (content.document().id() == *id)) {
      fragment = landing(content, link, content.document(), std::move(fragment), warn);
      return fragment.empty() ? "index.html" : "#" + fragment;
    }
    const PublishedDocument* published = m_pub.find(*id);
    if (published == nullptr) {
      const auto why = m_pub.withheld.find(*id);
      const std::string reason = why == m_pub.withheld.end()        ? "which does not exist"
                                 : why->second == "draft"          ? "a draft, which is not published"
                                 : why->second == "sekretess"      ? "which is confidential (sekretess)"
                                 : why->second == "audience"       ? "which is not published for this audience"
                                                                   : "which is not published";
      return problem(fmt::format("points to {}, {}", *id, reason));
    }
    fragment = landing(content, link, m_pub.shown(*published), std::move(fragment), warn);
    return fmt::format("../{}/index.html{}{}", *id, fragment.empty() ? "" : "#", fragment);
  }
  // A file beside the documents: published when it is of a harmless kind.
  if (const auto refused = attachment_refusal(*path, docs)) {
    return problem(fmt::format("points to {}, {}", *path, *refused));
  }
  const std::string name = path->substr(path->rfind('/') + 1);
  // Only a plain file of the repository: a symbolic link could lead anywhere on the machine.
  tl::expected<std::string, std::string> data = tl::unexpected(std::string("cannot be read"));
  if (content.commit && m_snap.repo) {
    if (const auto c = m_snap.repo->commit(*content.commit)) {
      const auto entry = m_snap.repo->entry(c->tree, *path);
      if (entry && entry->kind == git::EntryKind::blob) {
        data = m_snap.repo->read_blob(entry->id);
      }
    }
  } else if (!content.commit) {
    std::error_code ec;
    const fs::path file = m_ws.root / *path;
    const fs::path real = fs::weakly_canonical(file, ec);
    const fs::path root = fs::weakly_canonical(m_ws.root, ec);
    const std::string rel = real.lexically_relative(root).generic_string();
    if (fs::is_regular_file(fs::symlink_status(file, ec)) && !rel.empty() && !rel.starts_with("..")) {
      data = m_snap.source->read(*path);
    }
  }
  if (!data && m_snap.source->is_link(*path)) {
    return problem(fmt::format("points to {}, a symbolic link, which the site does not follow", *path));
  }
  if (!data) {
    return problem(fmt::format("points to {}, which does not exist", *path));
  }
  if (data->size() > k_max_attachment_bytes) {
    return problem(fmt::format("points to {}, which is larger than {} MiB", *path, k_max_attachment_bytes >> 20));
  }
  std::string safe_name;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
    safe_name += ok ? c : '-';
  }
  const std::string url = fmt::format("filer/{}/{}", content_hash(*data).substr(0, 16), safe_name);
  m_out.attachments.emplace(url, Attachment{url, std::move(*data)});
  return "../../" + url;
}

}  // namespace

ResolvedLinks resolve_links(const Workspace& ws, const Snapshot& snap, const Publication& pub,
                            const std::vector<bool>& shown, const std::vector<bool>& current)
{
  LinkResolver resolver(ws, snap, pub);
  ResolvedLinks& out = resolver.out();
  out.by_content.resize(pub.contents.size());
  for (std::size_t i = 0; i < pub.contents.size(); ++i) {
    if (!shown[i]) {
      continue;
    }
    const Content& c = pub.contents[i];
    for (const Link& link : c.document().links) {
      const std::string key = (link.image ? "i:" : "l:") + link.destination;
      if (out.by_content[i].contains(key)) {
        continue;
      }
      const UrlKind kind = classify_url(link.destination);
      if (kind == UrlKind::unsafe && current[i]) {
        out.warnings.push_back(link_warning(c, link, "uses a scheme that is not allowed"));
      }
      if (kind == UrlKind::relative) {
        out.by_content[i].emplace(key, resolver.resolve(c, link, current[i]));
      }
    }
  }
  return std::move(out);
}

}  // namespace styr

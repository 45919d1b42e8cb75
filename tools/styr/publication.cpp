#include "styr/publication.hpp"

#include "styr/document_set.hpp"
#include "styr/site_cache.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace styr {

namespace {

// How restrictive a publicity is; anything unknown is the most restrictive.
int restriction(std::string_view publicity)
{
  return publicity == "offentlig" ? 0 : publicity == "intern" ? 1 : publicity == "sekretess" ? 2 : 3;
}

// A content to load: from the snapshot (already parsed) or from a blob.
struct ContentRequest
{
  const Document* loaded = nullptr;
  git::Oid blob;
  std::string path;
  std::optional<git::Oid> commit;
};

struct PlannedVersion
{
  int number = 0;
  std::size_t approval = 0;
  std::size_t content = 0;
};

struct Planned
{
  PublishedDocument page;
  std::optional<std::string> latest_publicity;  // of the latest text, which also counts
  std::vector<PlannedVersion> versions;
};

class Collector
{
public:
  Collector(const Snapshot& snap, const PublishOptions& options) : m_snap(snap), m_options(options) {}

  Publication run()
  {
    std::set<std::string> seen;
    for (const DocumentStatus& s : m_snap.statuses) {
      const Document* doc = m_snap.documents.find_path(s.path);
      if (doc == nullptr) {
        continue;
      }
      if (s.id.empty()) {
        warn(s.path, "the document has no id; it is not published");
        continue;
      }
      if (!seen.insert(s.id).second) {
        warn(s.path, fmt::format("another document already has the id {}; this one is not published", s.id));
        continue;
      }
      consider(s, *doc);
    }
    if (!m_options.preview && m_snap.repo) {
      for (const std::string& id : m_snap.ledger.approved_ids()) {
        if (!seen.contains(id)) {
          consider_removed(id);
        }
      }
    }
    load_contents();
    return finish();
  }

private:
  void warn(std::string path, std::string message)
  {
    m_out.warnings.push_back(BuildWarning{std::move(path), std::move(message)});
  }

  std::size_t request_loaded(const Document& doc, std::optional<git::Oid> commit)
  {
    m_requests.push_back(ContentRequest{&doc, {}, doc.path, commit});
    return m_requests.size() - 1;
  }

  std::size_t request_blob(const Approval& a)
  {
    const std::string key = a.blob.hex() + '\n' + a.path;
    const auto it = m_blob_requests.find(key);
    if (it != m_blob_requests.end()) {
      return it->second;
    }
    m_requests.push_back(ContentRequest{nullptr, a.blob, a.path, a.commit});
    m_blob_requests.emplace(key, m_requests.size() - 1);
    return m_requests.size() - 1;
  }

  // `shown`: the content the page shows, when it is exactly the approved text of
  // p.page.version (read once, rendered once).
  void plan_versions(Planned& p, std::optional<std::size_t> shown = std::nullopt)
  {
    if (!m_snap.repo) {
      return;
    }
    for (std::size_t i = 0; i < p.page.approvals.size(); ++i) {
      const Approval& a = p.page.approvals[i];
      if (!a.decision) {
        continue;  // a supporting document's publication, not a decision
      }
      if (p.versions.empty() || a.revision) {
        const bool same = shown && a.version == p.page.version && a.path == m_requests[*shown].path;
        p.versions.push_back(PlannedVersion{a.version, i, same ? *shown : request_blob(a)});
      }
    }
  }

  void consider(const DocumentStatus& s, const Document& doc)
  {
    const DocumentType* type = m_snap.schema.find_type(s.type);
    const bool supporting = type != nullptr && !type->decision;
    Planned p;
    p.page.id = s.id;
    p.page.status = s.status;
    p.page.version = s.version;
    if (m_snap.repo) {
      p.page.approvals = m_snap.ledger.approvals(s.id);
    }
    p.latest_publicity = std::string(doc.string_field("publicity"));

    if (m_options.preview) {
      // The working tree as it is; whatever is not approved in this form is a draft.
      p.page.content = request_loaded(doc, std::nullopt);
      switch (s.status) {
        case Status::draft: p.page.state = supporting ? PageState::supporting : PageState::draft; break;
        case Status::approved: p.page.state = supporting ? PageState::supporting : PageState::in_force; break;
        case Status::changed: p.page.state = supporting ? PageState::supporting : PageState::revising; break;
        case Status::retired: p.page.state = PageState::retired; break;
      }
      p.page.unapproved = s.status == Status::draft || s.status == Status::changed;
    } else if (supporting) {
      // Needs no decision: the last commit's text (the snapshot is HEAD, never the work tree).
      p.page.content = request_loaded(doc, m_snap.revision);
      p.page.state = PageState::supporting;
    } else {
      if (s.status == Status::draft || s.last == nullptr) {
        m_out.withheld.emplace(s.id, "draft");
        return;
      }
      // Approved and not moved: the text at HEAD is the approved text (the ledger compared
      // them), so it need not be read again; its links still resolve as of the approval.
      p.page.content = s.status == Status::approved && s.last->path == s.path ? request_loaded(doc, s.last->commit)
                                                                               : request_blob(*s.last);
      p.page.version = s.last->version;
      p.page.state = s.status == Status::retired   ? PageState::retired
                     : s.status == Status::changed ? PageState::revising
                                                   : PageState::in_force;
    }
    if (!supporting) {
      const bool approved_text = m_options.preview ? s.status == Status::approved : true;
      plan_versions(p, approved_text ? std::optional<std::size_t>(p.page.content) : std::nullopt);
    }
    m_planned.push_back(std::move(p));
  }

  // Approved, but gone from the repository: a file deletion is no decision, so the approved
  // version stays in force until a decision retires it.
  void consider_removed(const std::string& id)
  {
    const std::vector<Approval>& approvals = m_snap.ledger.approvals(id);
    if (approvals.empty() || !approvals.back().decision) {
      return;
    }
    const Approval& last = approvals.back();
    Planned p;
    p.page.id = id;
    p.page.approvals = approvals;
    p.page.version = last.version;
    p.page.status = last.retired ? Status::retired : Status::approved;
    p.page.state = last.retired ? PageState::retired : PageState::in_force;
    p.page.content = request_blob(last);
    if (!last.retired) {
      warn(last.path, fmt::format("{} is approved but no longer in the repository; its approved version stays "
                                  "published until a decision retires it (retired = true)",
                                  id));
    }
    plan_versions(p);
    m_planned.push_back(std::move(p));
  }

  void load_contents()
  {
    std::vector<std::pair<std::string, std::string>> blobs;
    std::vector<std::size_t> blob_slots;
    m_out.contents.resize(m_requests.size());
    for (std::size_t i = 0; i < m_requests.size(); ++i) {
      const ContentRequest& r = m_requests[i];
      m_out.contents[i].commit = r.commit;
      if (r.loaded != nullptr) {
        m_out.contents[i].snapshot = r.loaded;
        continue;
      }
      auto bytes = m_snap.repo->read_blob(r.blob);
      if (!bytes) {
        warn(r.path, fmt::format("cannot read the approved version (blob {}): {}", r.blob.short_hex(), bytes.error()));
        bytes = std::string();
      }
      blobs.emplace_back(r.path, std::move(*bytes));
      blob_slots.push_back(i);
    }
    std::vector<Document> loaded = load_documents(std::move(blobs));
    for (std::size_t k = 0; k < loaded.size(); ++k) {
      m_out.contents[blob_slots[k]].read = std::make_shared<const Document>(std::move(loaded[k]));
    }
    for (Content& c : m_out.contents) {
      c.key = content_hash(c.document().text);
    }
  }

  Publication finish()
  {
    const bool intranet = m_options.audience == Audience::intranet;
    for (Planned& p : m_planned) {
      const Document& shown = m_out.contents[p.page.content].document();
      std::string_view publicity = shown.string_field("publicity");
      if (p.latest_publicity && restriction(*p.latest_publicity) > restriction(publicity)) {
        publicity = *p.latest_publicity;
      }
      if (!publishable(publicity, m_options.audience)) {
        const bool secret = publicity == "sekretess";
        m_out.withheld.emplace(p.page.id, secret ? "sekretess" : publicity.empty() ? "no-publicity" : "audience");
        if (secret && intranet && m_options.list_secret_titles && p.page.state != PageState::retired) {
          m_out.secret.push_back(SecretTitle{p.page.id, std::string(shown.title()), std::string(shown.type())});
        }
        if (publicity.empty() || (publicity != "sekretess" && publicity != "intern" && publicity != "offentlig")) {
          warn(shown.path, fmt::format("{} has no valid publicity (offentlig, intern or sekretess); it is not published",
                                       p.page.id));
        }
        continue;
      }
      p.page.type = std::string(shown.type());
      for (const PlannedVersion& v : p.versions) {
        const Document& doc = m_out.contents[v.content].document();
        p.page.versions.push_back(
          PublishedVersion{v.number, v.approval, v.content, publishable(doc.string_field("publicity"), m_options.audience)});
      }
      m_out.documents.push_back(std::move(p.page));
    }
    std::sort(m_out.documents.begin(), m_out.documents.end(),
              [](const PublishedDocument& a, const PublishedDocument& b) { return a.id < b.id; });
    std::sort(m_out.secret.begin(), m_out.secret.end(),
              [](const SecretTitle& a, const SecretTitle& b) { return a.id < b.id; });
    return std::move(m_out);
  }

  const Snapshot& m_snap;
  const PublishOptions& m_options;
  Publication m_out;
  std::vector<ContentRequest> m_requests;
  std::map<std::string, std::size_t> m_blob_requests;
  std::vector<Planned> m_planned;
};

}  // namespace

bool publishable(std::string_view publicity, Audience audience)
{
  if (publicity == "offentlig") {
    return true;
  }
  if (publicity == "intern") {
    return audience == Audience::intranet;
  }
  return false;  // sekretess, and anything that is not a valid publicity
}

const PublishedDocument* Publication::find(std::string_view id) const
{
  const auto it = std::lower_bound(documents.begin(), documents.end(), id,
                                   [](const PublishedDocument& d, std::string_view i) { return d.id < i; });
  return it != documents.end() && it->id == id ? &*it : nullptr;
}

Publication collect_publication(const Snapshot& snap, const PublishOptions& options)
{
  return Collector(snap, options).run();
}

}  // namespace styr

#include "styr/site.hpp"

#include "styr/check.hpp"
#include "styr/diff_html.hpp"
#include "styr/parallel.hpp"
#include "styr/record.hpp"
#include "styr/requirements.hpp"
#include "styr/runtime.hpp"
#include "styr/site_builder.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

namespace styr {

namespace site_build {

namespace fs = std::filesystem;

namespace {

// Bump when the HTML the renderer or the diff produces changes, so old cache entries are
// not reused.
constexpr std::string_view k_render_version = "render-9";
constexpr std::string_view k_diff_version = "diff-8";

// The labels a rendered body shows (RenderOptions), part of its key.
constexpr std::string_view k_body_labels[] = {"table", "code_block", "footnotes", "footnote", "footnote_back",
                                              "footnote_back_to"};

// Ids the templates of pages with document text use; heading ids avoid them.
const std::set<std::string> k_page_ids = {"main", "metadata-heading", "toc-heading", "actions-heading", "text",
                                          "changes", "changes-heading", "version-text-heading"};

std::optional<std::int64_t> integer_field(const Document& doc, std::string_view key)
{
  if (doc.front_matter) {
    if (const auto* v = doc.front_matter->get_as<std::int64_t>(key)) {
      return v->get();
    }
  }
  return std::nullopt;
}

// --- Loading the repository --------------------------------------------------------------

// A content comparer for a repository without git: nothing was ever approved.
class NothingApproved : public ContentComparer
{
public:
  bool same_content(const Document&, const git::Oid&) const override { return false; }
};

tl::expected<Snapshot, BuildError> load_state(const Workspace& ws, const BuildOptions& options, SiteCache& cache)
{
  const auto opened = git::Repository::open(ws.root);
  const bool has_git = static_cast<bool>(opened);
  std::error_code ec;
  if (!has_git && std::filesystem::exists(ws.root / ".git", ec)) {
    // A repository git will not open (owned by another user, damaged): say why.
    return tl::unexpected(BuildError{BuildErrorKind::repository, opened.error()});
  }
  if (!has_git && options.preview) {
    // A preview needs no history: every document is a draft.
    auto schema = load_schema(ws.config);
    if (!schema) {
      return tl::unexpected(BuildError{BuildErrorKind::repository, "the schema is invalid (styr check shows why)"});
    }
    Snapshot snap{ws, std::move(*schema), nullptr, std::nullopt, std::make_unique<WorkingTreeSource>(ws.root),
                  {}, {}, {}, today()};
    snap.documents = collect_documents(*snap.source, ws.config.documents_dir);
    snap.statuses = document_statuses(snap.ledger, snap.documents, snap.schema, NothingApproved(), snap.today);
    return snap;
  }
  if (!has_git) {
    return tl::unexpected(BuildError{
      BuildErrorKind::repository,
      fmt::format("{} is not in a git repository: the site publishes approved versions, which are decided with "
                  "git tags (use --preview to see the working tree)",
                  ws.root.string())});
  }
  // The site publishes committed text only: approved blobs, and supporting documents as of
  // HEAD. In a preview, the working tree.
  std::optional<std::string> revision;
  if (!options.preview) {
    revision = "HEAD";
  }
  auto snap = load_snapshot(ws.root, revision, today(), Parts::all, &cache);
  if (!snap) {
    std::string message = snap.error().message;
    if (revision && message.find("HEAD") != std::string::npos) {
      message += " (the repository has no commits yet; use --preview to see the working tree)";
    }
    return tl::unexpected(BuildError{BuildErrorKind::repository, message});
  }
  return std::move(*snap);
}

}  // namespace

std::vector<std::string> string_array(const Document& doc, std::string_view key)
{
  std::vector<std::string> out;
  if (doc.front_matter) {
    if (const toml::array* a = doc.front_matter->get_as<toml::array>(key)) {
      for (const toml::node& n : *a) {
        if (const auto* s = n.as_string()) {
          out.push_back(s->get());
        }
      }
    }
  }
  return out;
}

std::string utc_timestamp(std::int64_t seconds)
{
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

// --- What the passes and the pages share ---------------------------------------------------

std::string SiteBuilder::type_label(std::string_view type, bool plural) const
{
  return styr::type_label(m_theme.labels, m_snap.schema, type, plural);
}

void SiteBuilder::anchor_decisions()
{
  std::set<std::string> used = k_page_ids;
  for (const Decision& d : m_snap.ledger.decisions()) {  // in the order they were made
    const std::string slug = text::slugify(d.tag);
    std::string anchor = slug.empty() ? "beslut" : slug;
    for (int n = 2; !used.insert(anchor).second; ++n) {
      anchor = fmt::format("{}-{}", slug.empty() ? "beslut" : slug, n);
    }
    m_anchors.emplace(d.tag, std::move(anchor));
  }
}

const Approval* SiteBuilder::version_approval(const PublishedDocument& d, int version) const
{
  for (const PublishedVersion& v : d.versions) {
    if (v.number == version) {
      return &d.approvals[v.approval];
    }
  }
  return nullptr;
}

std::vector<SiteBuilder::PlanAction> SiteBuilder::plan_actions(const PublishedDocument& d) const
{
  std::vector<PlanAction> actions;
  const Document& doc = m_pub.shown(d);
  const auto* array = doc.front_matter ? doc.front_matter->get_as<toml::array>("action") : nullptr;
  if (array == nullptr || d.state == PageState::retired) {
    return actions;
  }
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      continue;
    }
    const auto field = [&](std::string_view key) {
      const auto* value = table->get_as<std::string>(key);
      return value != nullptr ? value->get() : std::string();
    };
    PlanAction a{field("id"), field("title"), field("owner"), {}, field("state"), false};
    if (const auto* due = table->get_as<toml::date>("due")) {
      const toml::date& t = due->get();
      const Date day{std::chrono::year(t.year), std::chrono::month(t.month), std::chrono::day(t.day)};
      a.due = iso_date(day);
      a.overdue = day < m_snap.today && a.state != "klar" && a.state != "stoppad";
    }
    actions.push_back(std::move(a));
  }
  return actions;
}

std::string SiteBuilder::shown_status(const PublishedDocument& d) const
{
  if (d.state == PageState::supporting) {
    return l("status_supporting");
  }
  if (d.state == PageState::revising && !d.unapproved) {
    return l("status_revising");  // the approved text is shown: to a reader it is in force
  }
  return std::string(status_label(d.status, m_ws.config.language));
}

std::optional<Date> SiteBuilder::next_review(const PublishedDocument& d) const
{
  const Approval* last = last_decision(d);
  if (last == nullptr || d.state == PageState::retired || d.unapproved) {
    return std::nullopt;
  }
  const auto months = integer_field(m_pub.shown(d), "review_interval_months");
  return months && *months > 0 ? std::optional(add_months(last->date, static_cast<int>(*months))) : std::nullopt;
}

bool SiteBuilder::review_overdue(const PublishedDocument& d) const
{
  const auto review = next_review(d);
  return review.has_value() && *review < m_snap.today;
}

const Approval* SiteBuilder::last_decision(const PublishedDocument& d) const
{
  for (auto it = d.approvals.rbegin(); it != d.approvals.rend(); ++it) {
    if (it->decision) {
      return &*it;
    }
  }
  return nullptr;
}

// --- Pass: links -------------------------------------------------------------------------

void SiteBuilder::resolve_links()
{
  // Which contents are shown: every page's, and every visible version's.
  m_render.assign(m_pub.contents.size(), false);
  std::vector<bool> current(m_pub.contents.size(), false);
  for (const PublishedDocument& d : m_pub.documents) {
    if (!safe_id(d.id)) {
      continue;
    }
    m_render[d.content] = true;
    current[d.content] = true;
    for (const PublishedVersion& v : d.versions) {
      if (v.visible) {
        m_render[v.content] = true;
      }
    }
  }
  ResolvedLinks links = styr::resolve_links(m_ws, m_snap, m_pub, m_render, current);
  m_link_hrefs = std::move(links.by_content);
  m_attachments = std::move(links.attachments);
  warnings.insert(warnings.end(), links.warnings.begin(), links.warnings.end());
}

// --- Pass: rendering ---------------------------------------------------------------------

// What each shown content's body is made from. The bodies themselves are made when a page
// or the search index first needs them: a rebuild that reuses every page needs none. They
// are not kept in the cache: a rebuild makes few, and rendering one costs less than
// writing all of them on a cold build.
void SiteBuilder::key_bodies()
{
  m_bodies.resize(m_pub.contents.size());
  m_body_made = std::make_unique<std::once_flag[]>(m_pub.contents.size());
  m_body_keys.resize(m_pub.contents.size());
  for (std::size_t i = 0; i < m_render.size(); ++i) {
    if (!m_render[i]) {
      continue;
    }
    const Content& c = m_pub.contents[i];
    Hasher key;
    key.add(k_render_version).add(c.key).add(c.document().path).add(c.document().title());
    for (const std::string_view label : k_body_labels) {
      key.add(l(label));
    }
    for (const auto& [dest, href] : m_link_hrefs[i]) {
      key.add(dest).add(href.value_or("\x01"));
    }
    m_body_keys[i] = key.hex();
  }
}

// Thread-safe.
const RenderedMarkdown& SiteBuilder::body(std::size_t i) const
{
  std::call_once(m_body_made[i], [&] {
    const Content& c = m_pub.contents[i];
    const std::map<std::string, std::optional<std::string>>& links = m_link_hrefs[i];
    RenderOptions options;
    options.title = c.document().title();
    options.reserved_ids = k_page_ids;
    options.table_label = l("table");
    options.code_label = l("code_block");
    options.footnotes_heading = l("footnotes");
    options.footnote_label = l("footnote");
    options.footnote_back = l("footnote_back");
    options.footnote_back_to = l("footnote_back_to");
    options.relative_link = [&links](std::string_view destination, bool image) -> std::optional<std::string> {
      const auto it = links.find((image ? "i:" : "l:") + percent_decode(destination));
      return it != links.end() ? it->second : std::nullopt;
    };
    const std::string source = c.document().markdown_source();
    m_bodies[i] = render_markdown(std::string_view(source).substr(std::min(c.document().body_offset, source.size())),
                                  options);
  });
  return m_bodies[i];
}

void SiteBuilder::compare_versions()
{
  struct Job
  {
    std::size_t doc;
    int version;
    std::size_t before;
    std::size_t after;
  };
  std::vector<Job> jobs;
  for (std::size_t d = 0; d < m_pub.documents.size(); ++d) {
    const PublishedDocument& doc = m_pub.documents[d];
    for (std::size_t v = 1; v < doc.versions.size(); ++v) {
      if (doc.versions[v].visible && doc.versions[v - 1].visible) {
        jobs.push_back(Job{d, doc.versions[v].number, doc.versions[v - 1].content, doc.versions[v].content});
      }
    }
  }
  std::vector<std::string> html(jobs.size());
  parallel_for(jobs.size(), [&](std::size_t k) {
    const Job& job = jobs[k];
    const Content& a = m_pub.contents[job.before];
    const Content& b = m_pub.contents[job.after];
    Hasher key;
    key.add(k_diff_version).add(a.key).add(b.key);
    std::set<std::string> hidden;
    std::vector<textdiff::Block> before = diff_blocks(a.document(), hidden);
    std::vector<textdiff::Block> after = diff_blocks(b.document(), hidden);
    for (const std::string& id : hidden) {
      key.add(id);
    }
    key.add(m_theme.language);
    for (const auto& [name, label] : m_theme.labels) {
      key.add(name).add(label);
    }
    const auto add_fields = [&key](const auto& self, const std::vector<FieldSpec>& fields) -> void {
      for (const FieldSpec& f : fields) {
        key.add(f.name).add(f.label).add(static_cast<std::int64_t>(f.allowed.size()));
        for (const std::string& value : f.allowed) {
          key.add(value);
        }
        self(self, f.fields);
      }
    };
    add_fields(add_fields, m_snap.schema.fields);
    for (const DocumentType& t : m_snap.schema.types) {
      add_fields(add_fields, t.fields);
    }
    const std::string hash = key.hex();
    if (auto cached = m_cache.get("diff", hash)) {
      html[k] = std::string(*cached);
      return;
    }
    html[k] = diff_html(textdiff::diff_blocks(before, after, textdiff::Words::text), m_snap.schema, m_theme);
    m_cache.put("diff", hash, html[k]);
  });
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    m_diffs[{jobs[k].doc, jobs[k].version}] = std::move(html[k]);
  }
}

// --- Pass: what links to what ------------------------------------------------------------

void SiteBuilder::index_site()
{
  std::map<std::string, std::vector<std::size_t>, std::less<>> types;  // type -> its active documents
  std::map<std::string, TagInfo> by_name;                               // by tag_name()
  for (std::size_t i = 0; i < m_pub.documents.size(); ++i) {
    const PublishedDocument& d = m_pub.documents[i];
    if (!safe_id(d.id)) {
      continue;
    }
    const Document& doc = m_pub.shown(d);
    for (const std::string& r : string_array(doc, "replaces")) {
      m_replaced_by[r].push_back(i);
    }
    if (!active(d)) {
      m_repealed.push_back(i);
      continue;
    }
    types[d.type].push_back(i);
    m_listed.push_back(i);
    const std::string parent(doc.string_field("parent"));
    if (!parent.empty()) {
      m_children[parent].push_back(i);
    }
    for (const std::string& tag : string_array(doc, "tags")) {
      const std::string name = tag_name(tag);
      if (name.empty()) {
        continue;
      }
      TagInfo& info = by_name[name];
      if (info.label.empty() || tag < info.label) {
        info.label = tag;  // the same label whichever document is read first
      }
      if (info.documents.empty() || info.documents.back() != i) {
        info.documents.push_back(i);
      }
    }
  }
  // Each tag its page: its name as a slug, made unique ("C++" and "C#" both give "c"), or
  // "amne" for a name without a letter or digit ("🔒").
  for (auto& [name, info] : by_name) {
    const std::string slug = text::slugify(name);
    const std::string base = slug.empty() ? "amne" : slug;
    std::string unique = base;
    for (int n = 2; m_tags.contains(unique) || unique == "index"; ++n) {  // amne/index.html lists the tags
      unique = fmt::format("{}-{}", base, n);
    }
    m_tag_slugs.emplace(name, unique);
    m_tags.emplace(std::move(unique), std::move(info));
  }
  for (const std::string_view t : m_snap.schema.type_names()) {
    if (const auto it = types.find(t); it != types.end()) {
      m_types.emplace_back(t);
      m_type_documents.push_back(std::move(it->second));
      types.erase(it);
    }
  }
  for (auto& [type, docs] : types) {  // types the schema no longer has
    m_types.push_back(type);
    m_type_documents.push_back(std::move(docs));
  }
  // A–Ö, as a Swedish reader looks for a title; documents of one title by id.
  for (std::vector<std::size_t>* list : {&m_listed, &m_repealed}) {
    std::vector<std::pair<std::u32string, std::size_t>> by_title;
    by_title.reserve(list->size());
    for (const std::size_t i : *list) {
      by_title.emplace_back(text::swedish_sort_key(m_pub.shown(m_pub.documents[i]).title()), i);
    }
    std::sort(by_title.begin(), by_title.end());  // one title's documents by index, which is by id
    std::transform(by_title.begin(), by_title.end(), list->begin(), [](const auto& entry) { return entry.second; });
  }

  // The decision log: every decision that approved something.
  std::map<std::size_t, DecisionEntry> by_decision;
  for (const std::string& id : m_snap.ledger.approved_ids()) {
    for (const Approval& a : m_snap.ledger.approvals(id)) {
      if (a.decision) {
        DecisionEntry& e = by_decision[*a.decision];
        e.decision = *a.decision;
        e.approvals.emplace_back(id, &a);
      }
    }
  }
  for (std::size_t i = 0; i < m_snap.ledger.decisions().size(); ++i) {
    if (m_snap.ledger.decisions()[i].approves_roster) {
      by_decision[i].decision = i;
    }
  }
  for (auto it = by_decision.rbegin(); it != by_decision.rend(); ++it) {
    // The public site tells of the decisions on what it publishes; the intranet lists every
    // decision, if only as the number of documents it does not publish.
    const bool shows_something =
      m_snap.ledger.decisions()[it->first].approves_roster ||
      std::any_of(it->second.approvals.begin(), it->second.approvals.end(),
                  [&](const auto& approval) { return m_pub.find(approval.first) != nullptr; });
    if (shows_something || m_options.audience == Audience::intranet) {
      m_decisions.push_back(std::move(it->second));
    }
  }

  // The date the site is as of: the newest decision, or the newest change of a supporting
  // document, which is published as committed. A preview shows every commit.
  if (!m_decisions.empty()) {
    m_generated = iso_date(m_snap.ledger.decisions()[m_decisions.front().decision].date);
  }
  for (const PublishedDocument& d : m_pub.documents) {
    if (d.state == PageState::supporting && !d.approvals.empty()) {
      m_generated = std::max(m_generated, iso_date(d.approvals.back().date));
    }
  }
  if (m_snap.repo && m_options.preview) {
    if (const auto head = m_snap.repo->head()) {
      if (const auto c = m_snap.repo->commit(*head)) {
        const std::string committed = utc_timestamp(c->committer.time).substr(0, 10);
        if (committed > m_generated) {
          m_generated = committed;
        }
      }
    }
  }
}

// --- Pages -------------------------------------------------------------------------------

// The report and the catalogue are computed from the same snapshot as the pages. The report
// tells leadership about drafts, reviews and gaps, so only the intranet has it; the catalogue
// lists what the audience may read of the approved riktlinjer (with --preview, the drafts too).
tl::expected<void, std::string> SiteBuilder::make_report()
{
  if (m_options.audience == Audience::intranet) {
    auto report = build_report(m_snap, m_snap.today, {}, known_approved());
    if (!report) {
      return tl::unexpected(report.error());
    }
    // Titles as the site shows them: the approved one, and none for a document the site
    // does not publish (a draft is listed by its id only, as awaiting a decision).
    for (ReportDocument& d : report->documents) {
      const PublishedDocument* published = m_pub.find(d.id);
      d.title = published != nullptr ? std::string(m_pub.shown(*published).title()) : l("report_unpublished");
      d.title_withheld = published == nullptr;
    }
    m_report = std::move(*report);
    m_report_body = report_html_body(*m_report, ReportHtmlOptions{document_href(depth_of(k_report_url)),
                                                                  m_ws.config.list_secret_titles, true});
  }
  return {};
}

tl::expected<void, std::string> SiteBuilder::make_catalogue()
{
  auto catalogue = requirement_catalogue(m_snap, m_options.preview, known_approved());
  if (!catalogue) {
    return tl::unexpected(catalogue.error());
  }
  const bool public_only = m_options.audience == Audience::public_site;
  std::erase_if(*catalogue, [&](const CatalogueEntry& e) {
    return e.publicity == "sekretess" || (public_only && e.publicity != "offentlig");
  });
  m_catalogue = std::move(*catalogue);
  return {};
}

// The approved contents the publication has read, for the report and the catalogue: the
// version whose approval read the same blob from the same path as the status's last approval.
KnownApproved SiteBuilder::known_approved() const
{
  return [this](const DocumentStatus& s) -> const Document* {
    const PublishedDocument* d = m_pub.find(s.id);
    if (d == nullptr || s.last == nullptr) {
      return nullptr;
    }
    for (const PublishedVersion& v : d->versions) {
      const Approval& a = d->approvals[v.approval];
      if (a.blob == s.last->blob && a.path == s.last->path) {
        return &m_pub.contents[v.content].document();
      }
    }
    // A supporting document has no versions: its page shows the text of HEAD's commit, the
    // one the snapshot read, which is the last one published when its blob is.
    const Content& page = m_pub.contents[d->content];
    if (d->state == PageState::supporting && page.snapshot != nullptr && page.snapshot->path == s.last->path &&
        m_snap.source->content_id(s.last->path) == s.last->blob.hex()) {
      return page.snapshot;
    }
    return nullptr;
  };
}

// Links from the report and the catalogue: to a document's page when the site has one.
std::function<std::optional<std::string>(std::string_view)> SiteBuilder::document_href(int depth) const
{
  return [this, depth](std::string_view id) -> std::optional<std::string> {
    const PublishedDocument* d = m_pub.find(id);
    if (d == nullptr || !safe_id(d->id)) {
      return std::nullopt;
    }
    return root_prefix(depth) + doc_url(d->id);
  };
}

std::vector<SiteBuilder::Page> SiteBuilder::plan_pages() const
{
  using K = Page::Kind;
  std::vector<Page> pages{{K::start, "index.html"}, {K::decisions, "beslut.html"}, {K::search, "sok.html"},
                          {K::not_found, "404.html"}, {K::tag_index, std::string(k_tags_url)},
                          {K::type_index, std::string(k_types_url)},
                          {K::requirements, std::string(k_requirements_url)}};
  if (m_report) {
    pages.push_back(Page{K::report, std::string(k_report_url)});
  }
  if (m_ws.config.accessibility && m_ws.config.accessibility->own()) {
    pages.push_back(Page{K::accessibility, std::string(k_accessibility_url)});
  }
  // The lists are large on a large site: handed out before the documents' many small pages,
  // they do not keep one worker busy after the other has finished.
  pages.push_back(Page{K::document_index, std::string(k_documents_url)});
  for (std::size_t t = 0; t < m_types.size(); ++t) {
    pages.push_back(Page{K::type_list, type_url(m_types[t]), t});
  }
  std::size_t t = 0;
  for (const auto& [slug, info] : m_tags) {
    pages.push_back(Page{K::tag, tag_url(slug), t++});
  }
  for (std::size_t i = 0; i < m_pub.documents.size(); ++i) {
    const PublishedDocument& d = m_pub.documents[i];
    if (!safe_id(d.id)) {
      continue;
    }
    pages.push_back(Page{K::document, doc_url(d.id), i});
    if (!d.versions.empty()) {
      pages.push_back(Page{K::history, history_url(d.id), i});
    }
    for (const PublishedVersion& v : d.versions) {
      if (v.visible) {
        pages.push_back(Page{K::version, version_url(d.id, v.number), i, v.number});
      }
    }
  }
  return pages;
}

// The content whose body a page shows: a document's page shows its published version, a
// version's page that version.
std::optional<std::size_t> SiteBuilder::shown_content(const Page& page) const
{
  if (page.kind == Page::Kind::document) {
    return m_pub.documents[page.index].content;
  }
  if (page.kind == Page::Kind::version) {
    for (const PublishedVersion& v : m_pub.documents[page.index].versions) {
      if (v.number == page.version) {
        return v.content;
      }
    }
  }
  return std::nullopt;
}

// Once the last page that shows a body is written, its HTML goes, and a body in the search
// index gives its words while it is at hand, and its text goes too: a cold build of a large
// site would otherwise hold every document's HTML, or text, until the end.
void SiteBuilder::page_done_with_body(std::size_t content) const
{
  if (m_body_pages[content].fetch_sub(1) == 1) {
    std::string().swap(m_bodies[content].html);
    if (m_indexed[content] && !m_bodies[content].text.empty()) {
      indexed_words(content);
    }
  }
}

// What the page's links to the rest of the site start with. The 404 page is served at
// whatever address was missing, so its links start with "./": a server can anchor them at
// the site's root by replacing that (tools/ci/nginx.conf does), and where none does, they
// still work from the root. A <base href> would anchor them too, but would also take the
// skip link ("#main") off the page.
std::string SiteBuilder::page_root(const Page& page)
{
  return page.kind == Page::Kind::not_found ? std::string("./") : root_prefix(depth_of(page.path));
}

// --- Search ------------------------------------------------------------------------------

// One entry per document in the search index; its text is filled in by search_files().
// Made on every core, in the order of the documents.
std::vector<SearchEntry> SiteBuilder::search_entries() const
{
  std::vector<std::optional<SearchEntry>> made(m_pub.documents.size());
  parallel_for(m_pub.documents.size(), [&](std::size_t i) {
    const PublishedDocument& d = m_pub.documents[i];
    if (!safe_id(d.id)) {
      return;
    }
    const Document& shown = m_pub.shown(d);
    // A result that is not simply in force says what it is. A repealed document is found by
    // its id, title and tags (someone holds an old reference), not by its text.
    std::string status = !active(d) || d.unapproved     ? shown_status(d)
                         : d.state == PageState::revising ? l("revising_badge")
                                                          : std::string();
    SearchEntry& e = made[i].emplace(SearchEntry{doc_url(d.id), std::string(shown.title()), d.id,
                                                 type_label(d.type, false), {}, {}, std::nullopt,
                                                 string_array(shown, "tags")});
    e.status = std::move(status);
    std::set<std::string> anchors;
    for (const std::string_view id : requirement_ids(shown)) {
      if (std::string anchor = requirement_anchor(id); !anchor.empty() && anchors.insert(anchor).second) {
        e.requirements.push_back(SearchSection{std::string(id), std::move(anchor)});
      }
    }
  });
  std::vector<SearchEntry> entries;
  entries.reserve(made.size());
  for (std::optional<SearchEntry>& e : made) {
    if (e) {
      entries.push_back(std::move(*e));
    }
  }
  return entries;
}

// What the search index is made from: the entries, and each one's body by its key (which
// also stands for the requirement rows: they come from the same content).
std::string SiteBuilder::search_key(const std::vector<SearchEntry>& entries) const
{
  Hasher key;
  key.add(m_site_key);
  for (const SearchEntry& e : entries) {
    key.add(e.url).add(e.title).add(e.id).add(e.type_label).add(e.status).add(m_body_keys[m_pub.find(e.id)->content]);
    for (const std::string& tag : e.tags) {
      key.add(tag);
    }
    key.add("|");
  }
  for (const SynonymGroup& group : search_synonyms()) {
    for (const std::string& term : group) {
      key.add(term);
    }
    key.add("|");
  }
  return key.hex();
}

// The groups of synonyms a query is expanded with: the built-in ones for the documents'
// language, then the municipality's own ([site] synonyms).
std::vector<SynonymGroup> SiteBuilder::search_synonyms() const
{
  std::vector<SynonymGroup> groups = builtin_synonyms(k_text_language);
  groups.insert(groups.end(), m_ws.config.synonyms.begin(), m_ws.config.synonyms.end());
  return groups;
}

// An entry's excerpt and words come from its body alone, and are kept in the cache by it.
std::string SiteBuilder::words_key(std::size_t content) const
{
  return m_site_key.empty() ? std::string() : Hasher().add(m_site_key).add("words").add(m_body_keys[content]).hex();
}

// An indexed body's excerpt and words: from the cache, else from the body, whose text then
// goes (the index is its last use). Thread-safe; made once.
const IndexedWords& SiteBuilder::indexed_words(std::size_t content) const
{
  std::call_once(m_words_made[content], [&] {
    IndexedWords& w = m_words[content];
    const std::string key = words_key(content);
    if (auto cached = key.empty() ? std::nullopt : m_cache.get("words", key)) {
      RecordReader in(*cached);
      w.excerpt = in.text();
      w.sections.clear();
      for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
        std::string title = in.text();
        w.sections.push_back(SearchSection{std::move(title), in.text()});
      }
      w.words = in.view();
      if (in.done()) {
        return;
      }
    }
    const RenderedMarkdown& body = this->body(content);
    w.sections.clear();
    for (const RenderedHeading& h : body.headings) {
      if (h.level == 2 || h.level == 3) {
        w.sections.push_back(SearchSection{h.text, h.id});
      }
    }
    w.excerpt.clear();
    std::string_view rest = body.text;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      const std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      const bool heading = std::any_of(body.headings.begin(), body.headings.end(),
                                       [&](const RenderedHeading& h) { return h.text == text::trim(line); });
      if (!heading && !text::trim(line).empty()) {
        w.excerpt = std::string(text::trim(line));
        break;
      }
    }
    if (w.excerpt.empty()) {
      w.excerpt = body.text;  // no paragraph: the index shortens the text itself
    }
    w.made = counted_search_words(body.text);
    w.words = w.made;
    std::string().swap(m_bodies[content].text);
    if (!key.empty()) {
      RecordWriter record;
      record.text(w.excerpt).number(static_cast<std::int64_t>(w.sections.size()));
      for (const SearchSection& section : w.sections) {
        record.text(section.title).text(section.anchor);
      }
      m_cache.put("words", key, record.text(w.made).take());
    }
  });
  return m_words[content];
}

// The index's files: each entry with its excerpt and words, most of them given by their
// bodies while the pages were written.
std::vector<SiteFile> SiteBuilder::search_files(std::vector<SearchEntry> entries)
{
  parallel_for(entries.size(), [&](std::size_t k) {
    SearchEntry& e = entries[k];
    const PublishedDocument& d = *m_pub.find(e.id);
    const IndexedWords& w = indexed_words(d.content);
    e.excerpt = w.excerpt;
    e.sections = w.sections;
    e.text_words = active(d) ? w.words : std::string_view();  // a repealed text is not searched
  });
  return build_search_index(entries, search_synonyms());
}

tl::expected<void, std::string> SiteBuilder::write(SiteWriter& writer, const BuildProgress& progress)
{
  key_documents();
  const std::vector<Page> pages = plan_pages();
  std::vector<SearchEntry> entries = search_entries();
  plan_bodies(pages, entries);
  if (progress) {
    progress(0, pages.size());
  }
  if (auto written = write_pages(writer, pages, progress); !written) {
    return written;
  }
  if (auto written = write_search_index(writer, std::move(entries)); !written) {
    return written;
  }
  // The rest is small and written in order.
  std::vector<std::pair<std::string, std::string>> files;
  for (const Asset& a : m_theme.assets) {
    files.emplace_back("assets/" + a.name, a.data);
  }
  for (const auto& [url, attachment] : m_attachments) {
    files.emplace_back(url, attachment.data);
  }
  files.emplace_back(std::string(k_site_marker),
                     "This folder is written by styr build and replaced as a whole by the next build.\n");
  for (const auto& [path, data] : files) {
    if (auto written = writer.write(path, data); !written) {
      return written;
    }
  }
  if (progress) {
    progress(pages.size(), pages.size());
  }
  return {};
}

void SiteBuilder::key_documents()
{
  m_site_key = site_key();
  m_whole_site_key = m_site_key.empty() ? std::string() : whole_site_key();
  if (!m_site_key.empty()) {
    m_document_keys.resize(m_pub.documents.size());
    parallel_for(m_pub.documents.size(), [&](std::size_t i) {
      if (safe_id(m_pub.documents[i].id)) {
        m_document_keys[i] = document_key(i);
      }
    });
  }
}

// Which bodies the search index takes words from, and how many pages show each body: it
// is let go after the last of them.
void SiteBuilder::plan_bodies(const std::vector<Page>& pages, const std::vector<SearchEntry>& entries)
{
  m_indexed.assign(m_bodies.size(), false);
  for (const SearchEntry& e : entries) {
    m_indexed[m_pub.find(e.id)->content] = true;
  }
  m_words.resize(m_bodies.size());
  m_words_made = std::make_unique<std::once_flag[]>(m_bodies.size());
  m_body_pages = std::make_unique<std::atomic<int>[]>(m_bodies.size());
  for (const Page& page : pages) {
    if (const auto content = shown_content(page)) {
      m_body_pages[*content].fetch_add(1);
    }
  }
}

// Where each worker's job starts in `pages`, and its end: a document's pages are written
// by one worker, one after the other, for two workers on one document would wait for each
// other, for its body and for its folder. Every other page is a job of its own.
std::vector<std::size_t> SiteBuilder::job_starts(const std::vector<Page>& pages)
{
  const auto of_a_document = [](const Page& p) {
    return p.kind == Page::Kind::document || p.kind == Page::Kind::history || p.kind == Page::Kind::version;
  };
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i == 0 || !of_a_document(pages[i]) || !of_a_document(pages[i - 1]) || pages[i].index != pages[i - 1].index) {
      starts.push_back(i);
    }
  }
  starts.push_back(pages.size());
  return starts;
}

// Every page on every core, each one linked from the last build's site when its key is the
// same, and beside them the feed and the catalogue's CSV.
tl::expected<void, std::string> SiteBuilder::write_pages(SiteWriter& writer, const std::vector<Page>& pages,
                                                         const BuildProgress& progress)
{
  std::atomic<std::size_t> done{0};
  std::mutex error_mutex;
  std::optional<std::string> error;
  const auto fail = [&](std::string message) {
    const std::lock_guard lock(error_mutex);
    if (!error) {
      error = std::move(message);
    }
  };
  const auto failed = [&] {
    const std::lock_guard lock(error_mutex);
    return error.has_value();
  };

  // The feed and the catalogue as CSV are large on a large site: they go to the workers
  // first, beside the first pages, and each is made again only when what it shows changed.
  // The feed shows the decisions; the CSV, the catalogue page's rows.
  const auto write_unless_kept = [&](std::string_view path, const std::string& key,
                                     const auto& make) -> tl::expected<void, std::string> {
    const auto kept = writer.reuse_made_from(std::string(path), key);
    if (!kept) {
      return tl::unexpected(kept.error());
    }
    return *kept ? tl::expected<void, std::string>() : writer.write(std::string(path), make(), key);
  };
  const Page catalogue{Page::Kind::requirements, std::string(k_requirements_url)};
  const auto keyed = [&](const std::string& made_from, std::string_view path) {
    return m_site_key.empty() ? std::string() : Hasher().add(made_from).add(path).hex();
  };
  const std::vector<std::function<tl::expected<void, std::string>()>> large_files = {
    [&] { return write_unless_kept(k_feed, keyed(m_whole_site_key, k_feed), [&] { return feed(); }); },
    [&] {
      return write_unless_kept(k_requirements_csv, keyed(summary_key(catalogue), k_requirements_csv),
                               [&] { return catalogue_spreadsheet_csv(m_catalogue, m_ws.config.language); });
    },
  };

  const std::vector<std::size_t> starts = job_starts(pages);
  const auto write_page = [&](Templates& templates, const Page& page) {
    const std::string key = page_key(page);
    const auto reused = writer.reuse_made_from(page.path, key);
    if (!reused) {
      fail(reused.error());
    } else if (!*reused) {
      m_rendered.fetch_add(1);
      if (m_options.on_page_rendered) {
        m_options.on_page_rendered(page.path);
      }
      if (auto written = writer.write(page.path, render_page(templates, page), key); !written) {
        fail(written.error());
      }
    }
    if (const auto content = shown_content(page)) {
      page_done_with_body(*content);
    }
  };
  parallel_workers(
    large_files.size() + starts.size() - 1,
    [&] {
      auto templates = std::make_shared<Templates>(m_theme);
      return [&, templates](std::size_t job) {
        try {
          if (job < large_files.size()) {
            if (auto written = large_files[job](); !written) {
              fail(written.error());
            }
            return;
          }
          const std::size_t first = job - large_files.size();
          for (std::size_t i = starts[first]; i < starts[first + 1] && !failed(); ++i) {
            write_page(*templates, pages[i]);
            done.fetch_add(1);
          }
        } catch (const std::exception& e) {
          fail(e.what());
        }
      };
    },
    [&] {
      if (progress) {
        progress(done.load(), pages.size());
      }
    });
  if (error) {
    return tl::unexpected(*error);
  }
  return {};
}

// The search index, unless the last build wrote it from the same entries and bodies.
tl::expected<void, std::string> SiteBuilder::write_search_index(SiteWriter& writer, std::vector<SearchEntry> entries)
{
  const std::string index_key = m_site_key.empty() ? std::string() : search_key(entries);
  const auto reused = writer.reuse_all_made_from(index_key);
  if (!reused) {
    return tl::unexpected(reused.error());
  }
  if (*reused) {
    for (const SearchEntry& e : entries) {
      m_cache.retain("words", words_key(m_pub.find(e.id)->content));
    }
    return {};
  }
  for (const SiteFile& f : search_files(std::move(entries))) {
    if (auto written = writer.write(f.path, f.content, index_key); !written) {
      return tl::unexpected(written.error());
    }
  }
  return {};
}
}  // namespace site_build

namespace fs = std::filesystem;

tl::expected<BuildResult, BuildError> build_site(const Workspace& workspace, const BuildOptions& options,
                                                 const BuildProgress& progress)
{
  // STYR_TIMINGS=1 prints when each step ends, for the benchmarks (bench/README.md).
  const bool timed = std::getenv("STYR_TIMINGS") != nullptr;
  const auto start = std::chrono::steady_clock::now();
  const auto phase = [&](std::string_view step) {
    if (timed) {
      const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
      fmt::print(stderr, "styr build: {:>7.0f} ms {:>5} MiB  {}\n", spent.count(), resident_mib(), step);
    }
  };
  // 1. Where: the output folder, refused if it touches the sources; then its lock.
  const fs::path requested = options.output.empty() ? fs::path(workspace.config.output_dir) : options.output;
  auto output = check_output_folder(workspace, requested);
  if (!output) {
    return tl::unexpected(BuildError{BuildErrorKind::refused, output.error()});
  }
  auto lock = OutputLock::acquire(*output, options.on_wait);
  if (!lock) {
    return tl::unexpected(BuildError{BuildErrorKind::io, lock.error()});
  }
  // The folder may have changed while we waited for another build.
  if (auto again = check_output_folder(workspace, requested); !again) {
    return tl::unexpected(BuildError{BuildErrorKind::refused, again.error()});
  }

  // 2. What: the repository's state, the look, and what of it is published.
  auto cache = std::make_unique<SiteCache>(workspace.root / k_cache_dir, options.use_cache);
  auto loaded = site_build::load_state(workspace, options, *cache);
  if (!loaded) {
    return tl::unexpected(loaded.error());
  }
  auto snap = std::make_unique<Snapshot>(std::move(*loaded));
  phase("repository read");
  auto theme = load_theme(workspace, workspace.config.language);
  if (!theme) {
    return tl::unexpected(BuildError{BuildErrorKind::theme, theme.error()});
  }
  // The staging folder, and what the last build left for this output so that unchanged files
  // are kept, not rewritten: none of it depends on the repository, so it is made meanwhile.
  using Output = std::pair<StagingFolder, std::unique_ptr<SiteWriter>>;
  auto prepared = std::async(std::launch::async, [&]() -> tl::expected<Output, std::string> {
    const SiteRecords records =
      options.use_cache ? SiteRecords::in(workspace.root / k_cache_dir, *output) : SiteRecords{};
    auto staging = StagingFolder::create(*output, records);
    if (!staging) {
      return tl::unexpected(staging.error());
    }
    auto writer = std::make_unique<SiteWriter>(staging->path(), *output, records, staging->recycled(),
                                               options.fail_after_files);
    return Output{std::move(*staging), std::move(writer)};
  });
  auto publication = std::make_unique<Publication>(collect_publication(
    *snap, PublishOptions{options.preview, options.audience, workspace.config.list_secret_titles}));
  phase("publication decided");

  // 3. Render: links, bodies, diffs, the site's indexes, then the pages into a staging folder.
  auto site = std::make_unique<site_build::SiteBuilder>(workspace, options, *snap, *theme, *publication, *cache);
  // The report and the catalogue need the publication alone: they are made beside the passes
  // that follow, which do not touch them, and beside each other.
  auto reported = std::async(std::launch::async, [&site] { return site->make_report(); });
  auto catalogued = std::async(std::launch::async, [&site] { return site->make_catalogue(); });
  site->resolve_links();
  phase("links resolved");
  site->key_bodies();
  phase("bodies keyed");
  site->compare_versions();
  phase("versions compared");
  site->index_site();
  phase("site indexed");
  for (auto* made : {&reported, &catalogued}) {
    if (auto summary = made->get(); !summary) {
      return tl::unexpected(BuildError{BuildErrorKind::repository, summary.error()});
    }
  }
  phase("report and catalogue made");

  auto out = prepared.get();
  if (!out) {
    return tl::unexpected(BuildError{BuildErrorKind::io, out.error()});
  }
  StagingFolder& staging = out->first;
  std::unique_ptr<SiteWriter>& writer = out->second;
  if (auto written = site->write(*writer, progress); !written) {
    return tl::unexpected(BuildError{BuildErrorKind::io, written.error()});
  }
  if (auto finished = writer->finish(); !finished) {
    return tl::unexpected(BuildError{BuildErrorKind::io, finished.error()});
  }
  phase(fmt::format("pages written, {} of them made", site->rendered_pages()));

  // 4. Swap the new site in.
  if (auto committed = staging.commit(); !committed) {
    return tl::unexpected(BuildError{BuildErrorKind::io, committed.error()});
  }
  phase("site swapped in");
  BuildResult result;
  result.output = *output;
  result.files = writer->files();
  result.unchanged = writer->linked();
  result.reused = cache->hits();
  for (const PublishedDocument& d : publication->documents) {
    result.documents += site_build::safe_id(d.id) ? 1 : 0;
    if (!site_build::safe_id(d.id)) {
      result.warnings.push_back(BuildWarning{publication->shown(d).path,
                                             fmt::format("the id \"{}\" cannot name a web page; not published", d.id)});
    }
  }
  result.decisions = site->decision_count();
  if (!options.preview && snap->ledger.decisions().empty() &&
      std::any_of(snap->statuses.begin(), snap->statuses.end(), [&](const DocumentStatus& s) {
        const DocumentType* type = snap->schema.find_type(s.type);
        return type != nullptr && type->decision;
      })) {
    // Most likely a clone without its tags, as some CI jobs make: it would publish nothing.
    result.warnings.push_back(BuildWarning{{}, fmt::format(
      "no decisions: no annotated tag matches \"{}\", so no document that needs a decision is published; if this "
      "is a clone without tags, fetch them (git fetch --tags)", snap->ledger.roster().settings.tag_pattern)});
  }
  // Tags that look like decisions but are none, and merged decisions that numbered a
  // document's versions anew: the site shows other versions than whoever tagged expects.
  for (const std::string& w : snap->ledger.warnings()) {
    result.warnings.push_back(BuildWarning{{}, w});
  }
  result.warnings.insert(result.warnings.end(), publication->warnings.begin(), publication->warnings.end());
  result.warnings.insert(result.warnings.end(), site->warnings.begin(), site->warnings.end());
  if (!staging.leftover().empty()) {
    result.warnings.push_back(BuildWarning{{}, staging.leftover()});
  }
  for (const std::string& w : theme->warnings) {
    result.warnings.push_back(BuildWarning{{}, w});
  }
  for (BuildWarning& w : site_build::unknown_names(*theme)) {
    result.warnings.push_back(std::move(w));
  }
  std::sort(result.warnings.begin(), result.warnings.end(), [](const BuildWarning& a, const BuildWarning& b) {
    return std::tie(a.path, a.position, a.message) < std::tie(b.path, b.position, b.message);
  });
  result.warnings.erase(std::unique(result.warnings.begin(), result.warnings.end(),
                                    [](const BuildWarning& a, const BuildWarning& b) {
                                      return a.path == b.path && a.position == b.position && a.message == b.message;
                                    }),
                        result.warnings.end());

  // 5. Remember what the new site holds. What the build held (the documents, the pages'
  // data, the git handle's caches) is millions of small blocks on a large site, which take a
  // while to free: that happens meanwhile, or not at all when the process exits next.
  if (options.keep_until_exit) {
    writer->save_manifest(staging.kept_previous());
    cache->save();
    keep_until_exit(std::move(site));
    keep_until_exit(std::move(publication));
    keep_until_exit(std::move(snap));
    keep_until_exit(std::move(writer));
    keep_until_exit(std::move(cache));
  } else {
    const std::jthread release([&] {
      site.reset();
      publication.reset();
      snap.reset();
    });
    writer->save_manifest(staging.kept_previous());
    cache->save();
  }
  phase("output recorded");
  return result;
}

}  // namespace styr

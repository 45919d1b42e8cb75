#include "styr/site.hpp"

#include "styr/check.hpp"
#include "styr/diff_html.hpp"
#include "styr/parallel.hpp"
#include "styr/publication.hpp"
#include "styr/record.hpp"
#include "styr/render.hpp"
#include "styr/report.hpp"
#include "styr/requirement_catalogue.hpp"
#include "styr/requirements.hpp"
#include "styr/runtime.hpp"
#include "styr/search_index.hpp"
#include "styr/site_cache.hpp"
#include "styr/site_links.hpp"
#include "styr/site_output.hpp"
#include "styr/snapshot.hpp"
#include "styr/synonyms.hpp"
#include "styr/template_names.hpp"
#include "styr/text.hpp"
#include "styr/textdiff.hpp"
#include "styr/theme.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

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

namespace fs = std::filesystem;
namespace mstch = kainjow::mustache;

namespace {

// Bump when the HTML the renderer or the diff produces changes, so old cache entries are
// not reused.
constexpr std::string_view k_render_version = "render-6";
constexpr std::string_view k_diff_version = "diff-8";
// Bump when what a document's pages show changes in a way page_key() does not see.
constexpr std::string_view k_page_version = "page-1";

// The labels a rendered body shows (RenderOptions), part of its key.
constexpr std::string_view k_body_labels[] = {"table", "code_block", "footnotes", "footnote", "footnote_back",
                                              "footnote_back_to"};

// Ids the templates of pages with document text use; heading ids avoid them.
const std::set<std::string> k_page_ids = {"main", "metadata-heading", "toc-heading", "actions-heading", "text",
                                          "changes", "changes-heading", "version-text-heading"};

constexpr std::size_t k_latest_decisions = 5;

// --- URLs --------------------------------------------------------------------------------

std::string doc_url(std::string_view id) { return fmt::format("dokument/{}/index.html", id); }
std::string history_url(std::string_view id) { return fmt::format("dokument/{}/historik.html", id); }
std::string version_url(std::string_view id, int n) { return fmt::format("dokument/{}/v{}.html", id, n); }
std::string type_url(std::string_view type) { return fmt::format("typ/{}.html", type_page_name(type)); }
std::string tag_url(std::string_view slug) { return fmt::format("amne/{}.html", slug); }
// The folders' own pages: every document A–Ö, the types, the tags.
constexpr std::string_view k_documents_url = "dokument/index.html";
constexpr std::string_view k_types_url = "typ/index.html";
constexpr std::string_view k_tags_url = "amne/index.html";
constexpr std::string_view k_report_url = "rapport.html";
constexpr std::string_view k_requirements_url = "krav.html";
constexpr std::string_view k_requirements_csv = "krav.csv";
constexpr std::string_view k_feed = "feed.xml";

std::string root_prefix(int depth)
{
  std::string out;
  for (int i = 0; i < depth; ++i) {
    out += "../";
  }
  return out;
}

int depth_of(std::string_view path)
{
  return static_cast<int>(std::count(path.begin(), path.end(), '/'));
}

// An id that can name a folder of the site: no separators, no leading dot, not the name of
// the list of documents beside the folders (dokument/index.html).
bool safe_id(std::string_view id)
{
  return !id.empty() && id.size() <= 128 && id.front() != '.' && id != "index.html" &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == '.';
         });
}

// --- Small helpers -----------------------------------------------------------------------

// Mustache renders a section for any string, even an empty one: an empty text is set as
// false, so that {{#case_number}} … {{/case_number}} leaves out what is not there (and the
// key is still set, so it is not looked up in an enclosing context).
// kainjow's set() and push_back() copy the whole value; these move a (large) one in.
void set_moved(mstch::data& object, const std::string& name, mstch::data value)
{
  object.set(name, mstch::data(false));
  *const_cast<mstch::data*>(object.get(name)) = std::move(value);
}

// kainjow copies a string even when given one to keep; a page's content can be megabytes.
void set_moved(mstch::data& object, const std::string& name, std::string value)
{
  mstch::data text{mstch::data::type::string};
  const_cast<std::string&>(text.string_value()) = std::move(value);
  set_moved(object, name, std::move(text));
}

// A flag or a short text: set() as it is (a literal is text, not a pointer turned into a flag).
void set_moved(mstch::data& object, const std::string& name, bool value)
{
  object.set(name, mstch::data(value));
}

[[maybe_unused]] void set_moved(mstch::data& object, const std::string& name, const char* value)
{
  set_moved(object, name, std::string(value));
}

void push_moved(mstch::data& list, mstch::data value)
{
  list.push_back(mstch::data(false));
  const_cast<mstch::data&>(list.list_value().back()) = std::move(value);
}

// A list with room for `n` items: kainjow's list copies every item whenever it grows.
mstch::data list_of(std::size_t n)
{
  mstch::data list{mstch::data::type::list};
  const_cast<mstch::basic_list<std::string>&>(list.list_value()).reserve(n);
  return list;
}

// kainjow's render() writes through an ostringstream, which grows by copying and copies the
// whole page once more at the end; this appends to one string.
std::string render_text(mstch::mustache& m, const mstch::data& data, std::size_t expected = 0)
{
  std::string out;
  out.reserve(expected);
  m.render(data, [&out](const std::string& part) { out += part; });
  return out;
}

// Appends what kainjow renders through a context, which it writes only to a stream.
struct AppendTo
{
  std::string& out;
  AppendTo& operator<<(const std::string& part)
  {
    out += part;
    return *this;
  }
};

// kainjow's data cannot list an object's keys. add_data_names() reads them, for the tests
// only, through a pointer to the private member, which an explicit instantiation may name.
using DataObject = std::unique_ptr<mstch::basic_object<std::string>> mstch::data::*;
DataObject data_object();
template <DataObject member>
struct DataObjectAccess
{
  friend DataObject data_object() { return member; }
};
template struct DataObjectAccess<&mstch::data::obj_>;

// The names `data` holds, as template_fields() writes them: "rows[].title" for a field of
// the items of the list rows. A list in the items of a list of its name (a tree's children)
// holds the names of the level above once more, and the labels (l) are judged by their keys,
// so neither is added.
void add_data_names(const mstch::data& data, const std::string& prefix, std::set<std::string>& names)
{
  if (data.is_list()) {
    for (const mstch::data& item : data.list_value()) {
      add_data_names(item, prefix, names);
    }
  }
  if (!data.is_object()) {
    return;
  }
  for (const auto& [key, value] : *(data.*data_object())) {
    const std::string name = prefix + key + (value.is_list() ? "[]" : "");
    const bool nested = value.is_list() && (prefix == key + "[]." || prefix.ends_with("." + key + "[]."));
    if (nested || (prefix.empty() && key == "l")) {
      continue;
    }
    names.insert(name);
    add_data_names(value, name + ".", names);
  }
}

// Renders the document tree from the leaves up: each node's HTML goes into "tree_html",
// which {{> tree_node}} then stands for. kainjow parses a partial at every use, and the
// tree template includes itself once per document, so the start page of a large site
// parsed it thousands of times. A node sees `site`'s values under its own.
// `before` sees each node as the template will.
void render_tree(mstch::mustache& node_template, const mstch::data& node, const mstch::data& site,
                 const std::function<void(const mstch::data&)>& before)
{
  if (const mstch::data* children = node.get("children"); children != nullptr && children->is_list()) {
    for (const mstch::data& child : children->list_value()) {
      render_tree(node_template, child, site, before);
    }
  }
  if (before) {
    before(node);
  }
  mstch::context<std::string> context(&site);
  context.push(&node);
  std::string html;
  AppendTo to{html};
  node_template.render(context, to);
  if (!node_template.is_valid()) {
    throw std::runtime_error(fmt::format("template tree: {}", node_template.error_message()));
  }
  set_moved(const_cast<mstch::data&>(node), "tree_html", std::move(html));
}

mstch::data text(std::string value)
{
  return value.empty() ? mstch::data(false) : mstch::data(std::move(value));
}

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

std::optional<std::int64_t> integer_field(const Document& doc, std::string_view key)
{
  if (doc.front_matter) {
    if (const auto* v = doc.front_matter->get_as<std::int64_t>(key)) {
      return v->get();
    }
  }
  return std::nullopt;
}

std::string utc_timestamp(std::int64_t seconds)
{
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

// A RenderedMarkdown as a cache entry.
std::string serialize(const RenderedMarkdown& r)
{
  RecordWriter out;
  out.text(r.html).text(r.text).number(static_cast<std::int64_t>(r.headings.size()));
  for (const RenderedHeading& h : r.headings) {
    out.number(h.level).text(h.id).text(h.text);
  }
  out.number(static_cast<std::int64_t>(r.unsafe_urls.size()));
  for (const std::string& u : r.unsafe_urls) {
    out.text(u);
  }
  return out.take();
}

std::optional<RenderedMarkdown> deserialize(std::string_view entry)
{
  RecordReader in(entry);
  RenderedMarkdown r;
  r.html = in.text();
  r.text = in.text();
  for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
    RenderedHeading h;
    h.level = static_cast<int>(in.number());
    h.id = in.text();
    h.text = in.text();
    r.headings.push_back(std::move(h));
  }
  for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
    r.unsafe_urls.push_back(in.text());
  }
  if (!in.done()) {
    return std::nullopt;
  }
  return r;
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

// --- The site being built ----------------------------------------------------------------

struct TagInfo
{
  std::string label;
  std::vector<std::size_t> documents;
};

struct DecisionEntry
{
  std::size_t decision = 0;
  std::vector<std::pair<std::string, const Approval*>> approvals;  // id, approval; sorted by id
};

// What the search index takes from a body: its excerpt, its sections (the headings of the
// table of contents) and its counted words (counted_search_words), which are either `made`
// or held by the cache.
struct IndexedWords
{
  std::string excerpt;
  std::vector<SearchSection> sections;
  std::string made;
  std::string_view words;
};

class SiteBuilder
{
public:
  SiteBuilder(const Workspace& ws, const BuildOptions& options, const Snapshot& snap, const Theme& theme,
              const Publication& pub, SiteCache& cache)
      : m_ws(ws), m_options(options), m_snap(snap), m_theme(theme), m_pub(pub), m_cache(cache)
  {
    for (const auto& [key, value] : m_theme.labels) {
      if (key.find('.') == std::string::npos) {
        m_labels.set(key, value);
      }
    }
    anchor_decisions();
  }

  std::vector<BuildWarning> warnings;
  std::size_t decision_count() const { return m_decisions.size(); }
  std::size_t rendered_pages() const { return m_rendered.load(); }

  // The passes, in order.
  void resolve_links();
  void key_bodies();
  void compare_versions();
  void index_site();
  tl::expected<void, std::string> make_report();
  tl::expected<void, std::string> make_catalogue();
  tl::expected<void, std::string> write(SiteWriter& writer, const BuildProgress& progress);

private:
  struct Page
  {
    enum class Kind {
      start, document, history, version, type_list, tag, tag_index, decisions, search, not_found, report, requirements,
      document_index, type_index
    };
    Kind kind;
    std::string path;
    std::size_t index = 0;  // document, tag or type
    int version = 0;
  };

  // Per thread: the parsed templates.
  struct Templates
  {
    std::map<std::string, mstch::mustache, std::less<>> parsed;
    explicit Templates(const Theme& theme)
    {
      for (const auto& [name, text] : theme.templates) {
        parsed.emplace(name, mstch::mustache(text));
      }
    }
  };

  const std::string& l(std::string_view key) const { return m_theme.label(key); }
  // The language the pages mark the documents' text with ("sv"), or empty when the interface
  // has it too (k_text_language).
  std::string_view text_lang() const
  {
    return m_theme.language == k_text_language ? std::string_view() : k_text_language;
  }
  static std::string page_root(const Page& page);
  std::string type_label(std::string_view type, bool plural) const;
  const DocumentType* type_of(const PublishedDocument& d) const { return m_snap.schema.find_type(d.type); }
  bool active(const PublishedDocument& d) const { return d.state != PageState::retired; }
  // Where the decision log shows a decision: its tag as a slug, made unique (beslut/kd/60
  // and beslut/kd-60 have the same slug).
  void anchor_decisions();
  const std::string& decision_anchor(const Decision& d) const { return m_anchors.at(d.tag); }
  // A tag as the site groups it: "Molntjänster" and "molntjänster " are one.
  static std::string tag_name(std::string_view tag) { return text::fold_case(text::trim(tag)); }
  // The slug of a tag's page; empty when it has none.
  std::string tag_slug(std::string_view tag) const
  {
    const auto it = m_tag_slugs.find(tag_name(tag));
    return it != m_tag_slugs.end() ? it->second : std::string();
  }
  const Decision* decision_of(const Approval& a) const
  {
    return a.decision ? &m_snap.ledger.decisions().at(*a.decision) : nullptr;
  }
  // The approval that made the version the page shows, and the last (re-)approval.
  const Approval* version_approval(const PublishedDocument& d, int version) const;
  const Approval* last_decision(const PublishedDocument& d) const;
  // The items of an action plan in force, as its page lists them.
  struct PlanAction
  {
    std::string id;
    std::string title;
    std::string owner;
    std::string due;  // ISO date; empty when not a date
    std::string state;
    bool overdue = false;
  };
  std::vector<PlanAction> plan_actions(const PublishedDocument& d) const;
  // Its status as the site shows it: a supporting document is not decided, so not "Fastställd".
  std::string shown_status(const PublishedDocument& d) const;
  // When the document in force is to be reviewed next, if it has a review interval.
  std::optional<Date> next_review(const PublishedDocument& d) const;

  const RenderedMarkdown& body(std::size_t content) const;

  std::vector<Page> plan_pages() const;
  std::optional<std::size_t> shown_content(const Page& page) const;
  void page_done_with_body(std::size_t content) const;
  mstch::data base_data(const Page& page, const std::string& title) const;
  // Whether a page may name this id: a published document, a draft or an id no document
  // has, yes; a document withheld for its publicity only when its title is listed
  // ([site] list_secret_titles).
  bool nameable(std::string_view id) const;
  // A content's blocks for the readable diff, the values that name what may not be named
  // replaced (and added to `hidden`).
  std::vector<textdiff::Block> diff_blocks(const Document& doc, std::set<std::string>& hidden) const;
  mstch::data doc_ref(std::string_view id, int depth) const;
  mstch::data document_rows(const std::vector<std::size_t>& docs, int depth) const;
  // The start page's document tree: its shape, what names its rendering, its template data.
  struct TreeNode
  {
    std::size_t doc;
    std::vector<TreeNode> children;
  };
  TreeNode tree_of(std::size_t doc, std::set<std::size_t>& seen) const;
  void add_tree(Hasher& key, const TreeNode& node) const;
  mstch::data tree_node(const TreeNode& node, int depth) const;
  // Where the start page's rendered tree is kept in the cache, and whether it came from there.
  struct StartTree
  {
    std::string key;
    bool rendered = false;
  };
  mstch::data type_links(int depth) const;
  mstch::data start_data(int depth, StartTree& tree) const;
  void render_start_tree(Templates& t, mstch::data& content, const StartTree& tree) const;
  mstch::data list_data(const Page& page, int depth, std::string& title) const;
  std::string render_page(Templates& t, const Page& page) const;
  // Tells the tests' hook (BuildOptions::on_template_data) the names of a template's data.
  void report_template_data(std::string_view name, std::initializer_list<const mstch::data*> data) const
  {
    if (m_options.on_template_data) {
      std::set<std::string> names;
      for (const mstch::data* d : data) {
        add_data_names(*d, "", names);
      }
      m_options.on_template_data(name, names);
    }
  }
  // The steps of write().
  void key_documents();
  void plan_bodies(const std::vector<Page>& pages, const std::vector<SearchEntry>& entries);
  static std::vector<std::size_t> job_starts(const std::vector<Page>& pages);
  tl::expected<void, std::string> write_pages(SiteWriter& writer, const std::vector<Page>& pages,
                                              const BuildProgress& progress);
  tl::expected<void, std::string> write_search_index(SiteWriter& writer, std::vector<SearchEntry> entries);
  std::string page_content(Templates& t, const Page& page, mstch::data& data, std::string& title) const;
  mstch::data document_data(const Page& page) const;
  mstch::data history_data(const Page& page) const;
  mstch::data version_data(const Page& page) const;
  mstch::data decision_data(const DecisionEntry& e, int depth) const;
  std::string feed() const;
  std::vector<SearchEntry> search_entries() const;
  std::string words_key(std::size_t content) const;
  const IndexedWords& indexed_words(std::size_t content) const;
  std::vector<SiteFile> search_files(std::vector<SearchEntry> entries);
  std::string search_key(const std::vector<SearchEntry>& entries) const;
  std::vector<SynonymGroup> search_synonyms() const;
  std::string site_key() const;
  std::string page_key(const Page& page) const;
  std::string document_key(std::size_t index) const;
  std::string list_key(const Page& page) const;
  std::string whole_site_key() const;
  std::string summary_key(const Page& page) const;
  void add_approval(Hasher& key, const Approval& a) const;
  std::function<std::optional<std::string>(std::string_view)> document_href(int depth) const;
  KnownApproved known_approved() const;

  const Workspace& m_ws;
  const BuildOptions& m_options;
  const Snapshot& m_snap;
  const Theme& m_theme;
  const Publication& m_pub;
  SiteCache& m_cache;
  mstch::data m_labels;  // for templates that use labels other than as {{l.key}}
  std::unordered_map<std::string, std::string> m_anchors;  // decision tag -> id in the decision log

  std::vector<std::map<std::string, std::optional<std::string>>> m_link_hrefs;  // see ResolvedLinks
  std::map<std::string, Attachment> m_attachments;                              // by url
  std::vector<bool> m_render;                                     // per content: shown somewhere
  mutable std::vector<RenderedMarkdown> m_bodies;                 // per content, made when first needed
  mutable std::unique_ptr<std::once_flag[]> m_body_made;          // per content
  mutable std::unique_ptr<std::atomic<int>[]> m_body_pages;       // per content: pages to write that show it
  std::atomic<std::size_t> m_rendered{0};                          // pages made, not kept from the last build
  std::vector<bool> m_indexed;                                    // per content: in the search index
  mutable std::vector<IndexedWords> m_words;                      // per indexed content, made once
  mutable std::unique_ptr<std::once_flag[]> m_words_made;         // per content
  std::map<std::pair<std::size_t, int>, std::string> m_diffs;     // (document, version) -> HTML
  std::map<std::string, std::vector<std::size_t>> m_children;     // parent id -> documents
  std::map<std::string, std::vector<std::size_t>> m_replaced_by;  // id -> documents that replace it
  std::map<std::string, TagInfo> m_tags;                          // by slug
  std::map<std::string, std::string> m_tag_slugs;                 // tag_name() -> slug
  std::vector<std::string> m_types;                               // types with active documents, schema order
  std::vector<std::vector<std::size_t>> m_type_documents;         // per m_types: its active documents, by id
  std::vector<std::size_t> m_listed;                              // every active document, A–Ö by title
  std::vector<DecisionEntry> m_decisions;                         // newest first
  std::optional<Report> m_report;                                 // the management report: intranet only
  std::string m_report_body;                                      // its HTML, as rapport.html shows it
  std::vector<CatalogueEntry> m_catalogue;                        // the requirements the audience may read
  std::string m_generated;
  std::vector<std::string> m_body_keys;  // per content: what its rendered body was made from
  std::string m_site_key;                // what every page is made from: program, theme, settings
  std::string m_whole_site_key;          // what the pages about the whole site are made from
  std::vector<std::string> m_document_keys;  // per published document: what its pages are made from
};

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
  return d.state == PageState::supporting ? l("status_supporting")
                                          : std::string(status_label(d.status, m_ws.config.language));
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

// What each shown content's body is made from. The bodies themselves are made (or read
// from the cache) when a page or the search index first needs them: a rebuild that reuses
// every page needs none.
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
    m_cache.retain("body", m_body_keys[i]);
  }
}

// Thread-safe.
const RenderedMarkdown& SiteBuilder::body(std::size_t i) const
{
  std::call_once(m_body_made[i], [&] {
    const std::string& key = m_body_keys[i];
    if (const auto cached = m_cache.get("body", key)) {
      if (auto made = deserialize(*cached)) {
        m_bodies[i] = std::move(*made);
        return;
      }
    }
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
    m_cache.put("body", key, serialize(m_bodies[i]));
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
  std::vector<std::pair<std::u32string, std::size_t>> by_title;
  by_title.reserve(m_listed.size());
  for (const std::size_t i : m_listed) {
    by_title.emplace_back(text::swedish_sort_key(m_pub.shown(m_pub.documents[i]).title()), i);
  }
  std::sort(by_title.begin(), by_title.end());  // one title's documents by index, which is by id
  std::transform(by_title.begin(), by_title.end(), m_listed.begin(), [](const auto& entry) { return entry.second; });

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

// --- What each template is given --------------------------------------------------------
//
// The names each template's data can hold, declared rather than gathered from the data of a
// build: a value only some pages have (a repealed document's date), or a field of the items
// of a list that is empty on this site, is still a name a template may use, and a warning
// about it would be false. The labels are l.KEY, whatever the template. A field added to the
// data below is added here too: a unit test compares these lists with the data of builds
// that show every kind of page.

using Names = std::initializer_list<std::string_view>;
const Names k_page_fields = {"root", "text_lang", "organisation", "preview"};
const Names k_row_fields = {"href",     "id",         "title", "type",  "version", "date",
                            "revising", "supporting", "draft", "status"};  // document_rows
const Names k_ref_fields = {"id", "published", "href", "title", "retired"};  // doc_ref
const Names k_decision_fields = {  // decision_data
  "anchor", "href", "date", "tag", "title", "reference", "case_number", "approver", "roster", "hidden",
  "hidden_label", "has_documents", "documents[].id", "documents[].title", "documents[].href",
  "documents[].version_href", "documents[].version", "documents[].change"};
const Names k_link_fields = {"href", "label"};  // type_links
// A node of the start page's tree (tree_node), besides its children, which are nodes too.
const Names k_node_fields = {"href", "id", "title", "type", "revising", "draft", "has_children"};
const Names k_layout_fields = {
  "lang", "text_lang", "organisation", "title", "root", "preview", "public", "start_page", "nav[].href", "nav[].label",
  "nav[].current", "draft", "crumbs[].href", "crumbs[].label", "crumbs[].text", "has_crumbs", "crumb_text", "crumb_title",
  "crumb_label", "search_page", "report_page", "requirements_page", "content"};
const Names k_document_fields = {
  "id", "title", "type", "type_href", "status", "in_force", "revising", "retired", "supporting", "draft",
  "never_approved", "body", "version", "approved_version", "approved_href", "approved_date", "decision",
  "case_number", "decision_href", "reviewed_date", "retired_date", "retired_decision", "retired_href",
  "published_date", "next_review", "review_overdue", "has_actions", "actions[].id", "actions[].title",
  "actions[].owner", "actions[].due", "actions[].state", "actions[].overdue", "decided_by", "owner", "audience", "applies_to",
  "has_children", "has_related", "has_replaces", "has_replaced_by", "has_tags", "tags[].label", "tags[].href",
  "has_toc", "toc[].id", "toc[].text", "toc[].has_subs", "toc[].subs[].id",
  "toc[].subs[].text", "history_href",
  "changes_href"};
const Names k_history_fields = {
  "id", "title", "retired", "status", "rows[].version", "rows[].href", "rows[].date", "rows[].change",
  "rows[].title", "rows[].reference", "rows[].case_number", "rows[].approver", "rows[].tag", "rows[].decision_href",
  "rows[].current"};
const Names k_version_fields = {
  "id", "title", "version", "date", "decision", "case_number", "decision_href", "approver", "current",
  "document_retired", "retired_version", "body", "previous_version", "previous_href", "diff", "next_version",
  "next_href"};

}  // namespace

TemplateFields template_fields(std::string_view name)
{
  TemplateFields fields;
  const auto add = [&](std::string_view prefix, Names names) {
    for (const std::string_view n : names) {
      fields.add(fmt::format("{}{}", prefix, n));
    }
  };
  if (name == "layout") {
    add("", k_layout_fields);
    return fields;
  }
  if (name == "feed") {
    add("", {"organisation", "lang", "text_lang", "id", "updated", "entries[].entry_id", "entries[].updated"});
    add("entries[].", k_decision_fields);
    return fields;
  }
  add("", k_page_fields);
  if (name == "tree") {
    // A node, and its children's names, which are also those of a node: one level stands for
    // all. A child's HTML is rendered before its parent. The start page sees the roots' HTML.
    add("", {"tree_node"});
    add("", k_node_fields);
    add("children[].", k_node_fields);
    add("children[].", {"tree_html"});
  } else if (name == "start") {
    add("", {"has_decisions", "has_tree", "has_revising", "has_supporting", "has_secret", "secret[].id",
              "secret[].title", "secret[].type", "report_href", "requirements_href", "requirement_count", "generated",
              "tree_node", "tree[].tree_html"});
    add("decisions[].", k_decision_fields);
    add("revising[].", k_row_fields);
    add("supporting[].", k_row_fields);
    add("types[].", k_link_fields);
  } else if (name == "document") {
    add("", k_document_fields);
    for (const std::string_view refs : {"parent.", "children[].", "related[].", "replaces[].", "replaced_by[]."}) {
      add(refs, k_ref_fields);
    }
  } else if (name == "history") {
    add("", k_history_fields);
  } else if (name == "version") {
    add("", k_version_fields);
  } else if (name == "list") {
    add("", {"tag", "heading", "has_rows", "tag_index", "has_tags", "tags[].href", "tags[].label",
              "tags[].count", "tags[].count_label", "document_index", "has_secret", "secret[].id", "secret[].title",
              "secret[].type"});
    add("rows[].", k_row_fields);
  } else if (name == "types") {
    add("", {"heading", "has_types", "types[].href", "types[].label", "types[].count",
              "types[].count_label"});
  } else if (name == "decisions") {
    add("", {"has_decisions"});
    add("decisions[].", k_decision_fields);
  } else if (name == "search") {
    add("", {"has_tags"});
    add("types[].", k_link_fields);
  } else if (name == "report") {
    add("", {"as_of", "body"});
  } else if (name == "requirements") {
    add("", {"body"});
  }
  return fields;
}

namespace {

// Warnings for the names the repository's own templates use that their data cannot hold.
// styr's own templates are held to none by its tests.
std::vector<BuildWarning> unknown_names(const Theme& theme)
{
  std::vector<BuildWarning> warnings;
  for (const auto& [name, own] : theme.own_templates) {
    TemplateFields fields = template_fields(name);
    for (const auto& [key, label] : theme.labels) {
      fields.add("l." + key);
    }
    for (UnknownName& w : unknown_template_names(own.text, fields)) {
      warnings.emplace_back(own.path, std::move(w.message), w.position);
    }
  }
  return warnings;
}

mstch::data SiteBuilder::base_data(const Page& page, const std::string& title) const
{
  mstch::data d;
  set_moved(d, "lang", m_theme.language);
  if (!text_lang().empty()) {
    set_moved(d, "text_lang", std::string(text_lang()));
  }
  set_moved(d, "organisation", m_ws.config.organisation);
  set_moved(d, "title", title);
  set_moved(d, "root", page_root(page));
  set_moved(d, "preview", m_options.preview);
  set_moved(d, "public", m_options.audience == Audience::public_site);
  d.set("start_page", page.kind == Page::Kind::start);  // has its own, larger search form
  mstch::data nav = list_of(5);
  const struct
  {
    std::string_view href;
    std::string_view label;
    Page::Kind kind;
  } items[] = {{"index.html", "nav_start", Page::Kind::start},
               {k_documents_url, "nav_documents", Page::Kind::document_index},
               {"beslut.html", "nav_decisions", Page::Kind::decisions},
               {k_tags_url, "nav_tags", Page::Kind::tag_index},
               {"sok.html", "nav_search", Page::Kind::search}};
  for (const auto& item : items) {
    mstch::data n;
    set_moved(n, "href", std::string(item.href));
    set_moved(n, "label", l(item.label));
    set_moved(n, "current", page.kind == item.kind);
    push_moved(nav, std::move(n));
  }
  set_moved(d, "nav", std::move(nav));
  if (m_theme.labels_in_data) {
    set_moved(d, "l", m_labels);
  }
  return d;
}

// The table of contents: the H2 headings, each with its H3s.
mstch::data toc_data(const std::vector<RenderedHeading>& headings)
{
  mstch::data toc = list_of(static_cast<std::size_t>(
    std::count_if(headings.begin(), headings.end(), [](const RenderedHeading& h) { return h.level == 2; })));
  std::optional<mstch::data> section;
  mstch::data subs{mstch::data::type::list};
  const auto flush = [&] {
    if (section) {
      set_moved(*section, "has_subs", !subs.is_empty_list());
      set_moved(*section, "subs", std::move(subs));
      push_moved(toc, std::move(*section));
    }
    section.reset();
    subs = mstch::data{mstch::data::type::list};
  };
  for (const RenderedHeading& h : headings) {
    if (h.level == 2) {
      flush();
      section = mstch::data();
      set_moved(*section, "id", h.id);
      set_moved(*section, "text", h.text);
    } else if (h.level == 3 && section) {
      mstch::data sub;
      set_moved(sub, "id", h.id);
      set_moved(sub, "text", h.text);
      push_moved(subs, std::move(sub));
    }
  }
  flush();
  return toc;
}

// A reference to a document by id: a link when it has a page, else the id alone.
bool SiteBuilder::nameable(std::string_view id) const
{
  const auto why = m_pub.withheld.find(id);
  if (why == m_pub.withheld.end() || why->second == "draft") {
    return true;
  }
  const auto listed = std::lower_bound(m_pub.secret.begin(), m_pub.secret.end(), id,
                                       [](const SecretTitle& s, std::string_view key) { return s.id < key; });
  return listed != m_pub.secret.end() && listed->id == id;
}

std::vector<textdiff::Block> SiteBuilder::diff_blocks(const Document& doc, std::set<std::string>& hidden) const
{
  std::vector<textdiff::Block> blocks = textdiff::split_blocks(doc.text);
  for (textdiff::Block& b : blocks) {
    if (b.kind != textdiff::BlockKind::field) {
      continue;
    }
    // Each quoted value of the line that is the id of a document the site may not name.
    std::size_t open = b.source.find('"');
    while (open != std::string::npos) {
      const std::size_t close = b.source.find('"', open + 1);
      if (close == std::string::npos) {
        break;
      }
      const std::string value = b.source.substr(open + 1, close - open - 1);
      std::size_t end = close;
      if (!nameable(value)) {
        hidden.insert(value);
        b.source.replace(open + 1, value.size(), l("not_published"));
        end = open + 1 + l("not_published").size();
      }
      open = b.source.find('"', end + 1);
    }
    b.text = b.source;
  }
  return blocks;
}

mstch::data SiteBuilder::doc_ref(std::string_view id, int depth) const
{
  mstch::data r;
  set_moved(r, "id", std::string(id));
  const PublishedDocument* d = m_pub.find(id);
  const bool published = d != nullptr && safe_id(d->id);
  // Every key set either way: a missing one would be looked up in the enclosing context.
  set_moved(r, "published", published);
  set_moved(r, "href", published ? root_prefix(depth) + doc_url(id) : std::string());
  set_moved(r, "title", published ? std::string(m_pub.shown(*d).title()) : std::string());
  set_moved(r, "retired", published && d->state == PageState::retired);
  return r;
}

mstch::data SiteBuilder::document_rows(const std::vector<std::size_t>& docs, int depth) const
{
  mstch::data rows = list_of(docs.size());
  for (const std::size_t i : docs) {
    const PublishedDocument& d = m_pub.documents[i];
    const Document& doc = m_pub.shown(d);
    mstch::data row;
    set_moved(row, "href", root_prefix(depth) + doc_url(d.id));
    set_moved(row, "id", d.id);
    set_moved(row, "title", std::string(doc.title()));
    set_moved(row, "type", type_label(d.type, false));
    set_moved(row, "version", d.version > 0 ? std::to_string(d.version) : std::string("–"));
    const Approval* made = version_approval(d, d.version);
    set_moved(row, "date", made != nullptr ? iso_date(made->date) : std::string("–"));
    set_moved(row, "revising", d.state == PageState::revising);
    set_moved(row, "supporting", d.state == PageState::supporting);
    set_moved(row, "draft", d.unapproved);
    set_moved(row, "status", shown_status(d));
    push_moved(rows, std::move(row));
  }
  return rows;
}

SiteBuilder::TreeNode SiteBuilder::tree_of(std::size_t i, std::set<std::size_t>& seen) const
{
  TreeNode node{i, {}};
  const auto it = m_children.find(m_pub.documents[i].id);
  if (it != m_children.end()) {
    std::vector<std::size_t> kids = it->second;
    const auto names = m_snap.schema.type_names();
    const auto order = [&](std::size_t k) {
      const auto pos = std::find(names.begin(), names.end(), m_pub.documents[k].type);
      return std::pair(pos - names.begin(), m_pub.documents[k].id);
    };
    std::sort(kids.begin(), kids.end(), [&](std::size_t a, std::size_t b) { return order(a) < order(b); });
    for (const std::size_t k : kids) {
      if (seen.insert(k).second) {
        node.children.push_back(tree_of(k, seen));
      }
    }
  }
  return node;
}

// What a node of the tree shows (tree_node), and its children.
void SiteBuilder::add_tree(Hasher& key, const TreeNode& node) const
{
  const PublishedDocument& d = m_pub.documents[node.doc];
  key.add(d.id).add(m_pub.shown(d).title()).add(type_label(d.type, false));
  key.add(d.state == PageState::revising).add(d.unapproved).add(static_cast<std::int64_t>(node.children.size()));
  for (const TreeNode& child : node.children) {
    add_tree(key, child);
  }
}

mstch::data SiteBuilder::tree_node(const TreeNode& n, int depth) const
{
  const PublishedDocument& d = m_pub.documents[n.doc];
  mstch::data node;
  set_moved(node, "href", root_prefix(depth) + doc_url(d.id));
  set_moved(node, "id", d.id);
  set_moved(node, "title", std::string(m_pub.shown(d).title()));
  set_moved(node, "type", type_label(d.type, false));
  set_moved(node, "revising", d.state == PageState::revising);
  set_moved(node, "draft", d.unapproved);
  mstch::data children = list_of(n.children.size());
  for (const TreeNode& child : n.children) {
    push_moved(children, tree_node(child, depth));
  }
  set_moved(node, "has_children", !children.is_empty_list());
  // Always set, so a leaf never finds its parent's children through the context stack.
  set_moved(node, "children", std::move(children));
  return node;
}

mstch::data SiteBuilder::decision_data(const DecisionEntry& e, int depth) const
{
  const Decision& decision = m_snap.ledger.decisions()[e.decision];
  mstch::data d;
  set_moved(d, "anchor", decision_anchor(decision));
  set_moved(d, "href", root_prefix(depth) + "beslut.html#" + decision_anchor(decision));
  set_moved(d, "date", iso_date(decision.date));
  set_moved(d, "tag", decision.tag);
  // The message's title is free text that may name what the site withholds: shown only
  // when every document the decision approves may be named here.
  const bool all_nameable = std::all_of(e.approvals.begin(), e.approvals.end(),
                                        [&](const auto& approval) { return nameable(approval.first); });
  set_moved(d, "title", !decision.title.empty() && all_nameable ? decision.title
                        : !decision.reference.empty()           ? decision.reference
                                                                : decision.tag);
  set_moved(d, "reference", text(decision.reference));
  set_moved(d, "case_number", text(decision.case_number));
  set_moved(d, "approver", text(decision.approver.empty() ? decision.tagger_name : decision.approver));
  set_moved(d, "roster", decision.approves_roster);
  mstch::data docs = list_of(e.approvals.size());
  std::size_t hidden = 0;
  for (const auto& [id, approval] : e.approvals) {
    const PublishedDocument* p = m_pub.find(id);
    if (p == nullptr || !safe_id(id)) {
      ++hidden;
      continue;
    }
    mstch::data doc;
    set_moved(doc, "id", id);
    set_moved(doc, "title", approval->title);
    set_moved(doc, "href", root_prefix(depth) + doc_url(id));
    // Captured by name: clang before 16 cannot capture a structured binding.
    const bool visible = std::any_of(p->versions.begin(), p->versions.end(),
                                     [&approval = approval](const PublishedVersion& v) {
                                       return v.number == approval->version && v.visible;
                                     });
    set_moved(doc, "version_href",
              text(visible ? root_prefix(depth) + version_url(id, approval->version) : std::string()));
    set_moved(doc, "version", std::to_string(approval->version));
    doc.set("change", l(approval->retired && approval->revision ? "change_retired"
                        : !approval->revision                ? "change_reviewed"
                        : approval->version == 1             ? "change_first"
                                                             : "change_new_version"));
    push_moved(docs, std::move(doc));
  }
  set_moved(d, "has_documents", !docs.is_empty_list());
  set_moved(d, "documents", std::move(docs));
  set_moved(d, "hidden", text(hidden > 0 ? std::to_string(hidden) : std::string()));
  set_moved(d, "hidden_label", m_theme.label("decision_hidden", hidden));
  return d;
}

mstch::data SiteBuilder::document_data(const Page& page) const
{
  const int depth = depth_of(page.path);
  const PublishedDocument& d = m_pub.documents[page.index];
  const Document& doc = m_pub.shown(d);
  const RenderedMarkdown& body = this->body(d.content);
  mstch::data data;
  set_moved(data, "id", d.id);
  set_moved(data, "title", std::string(doc.title()));
  set_moved(data, "type", type_label(d.type, false));
  set_moved(data, "type_href", root_prefix(depth) + type_url(d.type));
  set_moved(data, "status", shown_status(d));
  set_moved(data, "in_force", d.state == PageState::in_force);
  set_moved(data, "revising", d.state == PageState::revising);
  set_moved(data, "retired", d.state == PageState::retired);
  set_moved(data, "supporting", d.state == PageState::supporting);
  set_moved(data, "draft", d.unapproved);
  set_moved(data, "never_approved", d.state == PageState::draft);
  set_moved(data, "body", body.html);

  const Approval* made = version_approval(d, d.version);
  const Approval* last = last_decision(d);
  if (d.state == PageState::supporting) {
    // Published as committed, without decisions that would count its versions.
  } else if (d.version > 0 && !d.unapproved) {
    set_moved(data, "version", std::to_string(d.version));
  } else if (d.version > 0) {
    set_moved(data, "approved_version", std::to_string(d.version));
    if (std::any_of(d.versions.begin(), d.versions.end(),
                    [&](const PublishedVersion& v) { return v.number == d.version && v.visible; })) {
      set_moved(data, "approved_href", fmt::format("v{}.html", d.version));
    }
  }
  if (made != nullptr && !d.unapproved) {
    set_moved(data, "approved_date", iso_date(made->date));
    if (const Decision* decision = decision_of(*made)) {
      set_moved(data, "decision", text(decision->reference.empty() ? decision->title : decision->reference));
      set_moved(data, "case_number", text(decision->case_number));
      set_moved(data, "decision_href", root_prefix(depth) + "beslut.html#" + decision_anchor(*decision));
    }
    if (last != nullptr && last != made && !last->revision) {
      set_moved(data, "reviewed_date", iso_date(last->date));
    }
  }
  if (d.state == PageState::retired && last != nullptr) {
    set_moved(data, "retired_date", iso_date(last->date));
    if (const Decision* decision = decision_of(*last)) {
      set_moved(data, "retired_decision", text(decision->reference.empty() ? decision->title : decision->reference));
      set_moved(data, "retired_href", root_prefix(depth) + "beslut.html#" + decision_anchor(*decision));
    }
  }
  if (d.state == PageState::supporting && !d.approvals.empty()) {
    set_moved(data, "published_date", iso_date(d.approvals.back().date));
  }
  if (const auto review = next_review(d)) {
    set_moved(data, "next_review", iso_date(*review));
    set_moved(data, "review_overdue", *review < m_snap.today);
  }
  const std::vector<PlanAction> actions = plan_actions(d);
  mstch::data action_rows = list_of(actions.size());
  for (const PlanAction& a : actions) {
    mstch::data row;
    set_moved(row, "id", a.id);
    set_moved(row, "title", a.title);
    set_moved(row, "owner", a.owner);
    set_moved(row, "due", a.due);
    // A state the schema allows is a word of the interface, named in its language.
    const auto state = m_theme.labels.find("values." + a.state);
    set_moved(row, "state", state != m_theme.labels.end() ? state->second : a.state);
    set_moved(row, "overdue", a.overdue);
    push_moved(action_rows, std::move(row));
  }
  set_moved(data, "has_actions", !actions.empty());
  set_moved(data, "actions", std::move(action_rows));
  set_moved(data, "decided_by", text(std::string(doc.string_field("decided_by"))));
  set_moved(data, "owner", text(std::string(doc.string_field("owner"))));
  set_moved(data, "audience", text(fmt::format("{}", fmt::join(string_array(doc, "audience"), ", "))));
  set_moved(data, "applies_to", text(std::string(doc.string_field("applies_to"))));

  const auto refs = [&](const std::vector<std::string>& ids) {
    mstch::data list = list_of(ids.size());
    for (const std::string& id : ids) {
      if (nameable(id)) {
        push_moved(list, doc_ref(id, depth));
      }
    }
    return list;
  };
  const std::string parent(doc.string_field("parent"));
  if (!parent.empty() && nameable(parent)) {
    set_moved(data, "parent", doc_ref(parent, depth));
  }
  std::vector<std::string> children;
  if (const auto it = m_children.find(d.id); it != m_children.end()) {
    for (const std::size_t k : it->second) {
      children.push_back(m_pub.documents[k].id);
    }
  }
  std::vector<std::string> replaced_by;
  if (const auto it = m_replaced_by.find(d.id); it != m_replaced_by.end()) {
    for (const std::size_t k : it->second) {
      replaced_by.push_back(m_pub.documents[k].id);
    }
  }
  for (const auto& [key, ids] : std::initializer_list<std::pair<std::string_view, std::vector<std::string>>>{
         {"children", children},
         {"related", string_array(doc, "related")},
         {"replaces", string_array(doc, "replaces")},
         {"replaced_by", replaced_by}}) {
    mstch::data list = refs(ids);
    set_moved(data, fmt::format("has_{}", key), !list.is_empty_list());
    set_moved(data, std::string(key), std::move(list));
  }
  const std::vector<std::string> tag_names = string_array(doc, "tags");
  mstch::data tags = list_of(tag_names.size());
  for (const std::string& tag : tag_names) {
    const std::string slug = tag_slug(tag);
    if (!slug.empty() && active(d)) {
      mstch::data t;
      set_moved(t, "label", tag);
      set_moved(t, "href", root_prefix(depth) + tag_url(slug));
      push_moved(tags, std::move(t));
    }
  }
  set_moved(data, "has_tags", !tags.is_empty_list());
  set_moved(data, "tags", std::move(tags));

  data.set("has_toc", std::any_of(body.headings.begin(), body.headings.end(),
                                  [](const RenderedHeading& h) { return h.level == 2; }));
  set_moved(data, "toc", toc_data(body.headings));
  if (!d.versions.empty()) {
    set_moved(data, "history_href", history_url(d.id).substr(fmt::format("dokument/{}/", d.id).size()));
  }
  if (d.version > 1 && !d.unapproved && m_diffs.contains({page.index, d.version})) {
    set_moved(data, "changes_href", fmt::format("v{}.html#changes", d.version));
  }
  return data;
}

mstch::data SiteBuilder::history_data(const Page& page) const
{
  const PublishedDocument& d = m_pub.documents[page.index];
  const Document& doc = m_pub.shown(d);
  mstch::data data;
  set_moved(data, "id", d.id);
  set_moved(data, "title", std::string(doc.title()));
  set_moved(data, "retired", d.state == PageState::retired);
  set_moved(data, "status", shown_status(d));
  mstch::data rows = list_of(d.approvals.size());
  for (auto it = d.approvals.rbegin(); it != d.approvals.rend(); ++it) {
    const Approval& a = *it;
    const Decision* decision = decision_of(a);
    if (decision == nullptr) {
      continue;
    }
    mstch::data row;
    set_moved(row, "version", std::to_string(a.version));
    const bool visible = std::any_of(d.versions.begin(), d.versions.end(),
                                     [&](const PublishedVersion& v) { return v.number == a.version && v.visible; });
    set_moved(row, "href", text(visible && a.revision ? fmt::format("v{}.html", a.version) : std::string()));
    set_moved(row, "date", iso_date(a.date));
    row.set("change", l(a.retired && a.revision ? "change_retired"
                        : !a.revision          ? "change_reviewed"
                        : a.version == 1       ? "change_first"
                                               : "change_new_version"));
    set_moved(row, "title", decision->title);
    set_moved(row, "reference", text(decision->reference));
    set_moved(row, "case_number", text(decision->case_number));
    set_moved(row, "approver", text(a.approved_by));
    set_moved(row, "tag", decision->tag);
    set_moved(row, "decision_href", "../../beslut.html#" + decision_anchor(*decision));
    set_moved(row, "current", a.version == d.version && a.revision && d.state != PageState::retired && !d.unapproved);
    push_moved(rows, std::move(row));
  }
  set_moved(data, "rows", std::move(rows));
  return data;
}

mstch::data SiteBuilder::version_data(const Page& page) const
{
  const PublishedDocument& d = m_pub.documents[page.index];
  const auto v = std::find_if(d.versions.begin(), d.versions.end(),
                              [&](const PublishedVersion& x) { return x.number == page.version; });
  const Approval& a = d.approvals[v->approval];
  const Document& doc = m_pub.contents[v->content].document();
  const RenderedMarkdown& body = this->body(v->content);
  mstch::data data;
  set_moved(data, "id", d.id);
  set_moved(data, "title", std::string(doc.title()));
  set_moved(data, "version", std::to_string(page.version));
  set_moved(data, "date", iso_date(a.date));
  if (const Decision* decision = decision_of(a)) {
    set_moved(data, "decision", text(decision->reference.empty() ? decision->title : decision->reference));
    set_moved(data, "case_number", text(decision->case_number));
    set_moved(data, "decision_href", "../../beslut.html#" + decision_anchor(*decision));
  }
  set_moved(data, "approver", text(a.approved_by));
  const bool current = page.version == d.version && d.state != PageState::retired && !d.unapproved;
  set_moved(data, "current", current);
  set_moved(data, "document_retired", d.state == PageState::retired);  // no version is in force
  set_moved(data, "retired_version", a.retired);
  set_moved(data, "body", body.html);
  if (v != d.versions.begin()) {
    const PublishedVersion& previous = *(v - 1);
    set_moved(data, "previous_version", std::to_string(previous.number));
    if (previous.visible) {
      set_moved(data, "previous_href", fmt::format("v{}.html", previous.number));
    }
    const auto diff = m_diffs.find({page.index, page.version});
    if (diff != m_diffs.end()) {
      set_moved(data, "diff", diff->second);
    }
  }
  if (v + 1 != d.versions.end() && (v + 1)->visible) {
    set_moved(data, "next_version", std::to_string((v + 1)->number));
    set_moved(data, "next_href", fmt::format("v{}.html", (v + 1)->number));
  }
  return data;
}

// A breadcrumb: a link, named by a document's title (text) or by the interface.
struct Crumb
{
  std::string href;
  std::string label;
  bool text = false;
};

// Breadcrumbs from the start page down to the page's parent.
mstch::data crumbs_data(const std::vector<Crumb>& links)
{
  mstch::data crumbs = list_of(links.size());
  for (const Crumb& link : links) {
    mstch::data c;
    set_moved(c, "href", link.href);
    set_moved(c, "label", link.label);
    set_moved(c, "text", link.text);
    push_moved(crumbs, std::move(c));
  }
  return crumbs;
}

// The lists by type, as {href, label}.
mstch::data SiteBuilder::type_links(int depth) const
{
  mstch::data types = list_of(m_types.size());
  for (const std::string& type : m_types) {
    mstch::data ty;
    set_moved(ty, "href", root_prefix(depth) + type_url(type));
    set_moved(ty, "label", type_label(type, true));
    push_moved(types, std::move(ty));
  }
  return types;
}

mstch::data SiteBuilder::start_data(int depth, StartTree& tree_state) const
{
  mstch::data content;
  mstch::data latest = list_of(std::min(m_decisions.size(), k_latest_decisions));
  for (std::size_t i = 0; i < m_decisions.size() && i < k_latest_decisions; ++i) {
    push_moved(latest, decision_data(m_decisions[i], depth));
  }
  set_moved(content, "has_decisions", !latest.is_empty_list());
  set_moved(content, "decisions", std::move(latest));
  // The tree: documents in force whose parent has no page in force are its roots.
  std::vector<std::size_t> roots;
  std::vector<std::size_t> supporting;
  std::vector<std::size_t> revising;
  for (std::size_t i = 0; i < m_pub.documents.size(); ++i) {
    const PublishedDocument& d = m_pub.documents[i];
    if (!safe_id(d.id) || !active(d)) {
      continue;
    }
    if (d.state == PageState::revising && !m_options.preview) {
      revising.push_back(i);
    }
    if (d.state == PageState::supporting) {
      supporting.push_back(i);
      continue;
    }
    const PublishedDocument* parent = m_pub.find(m_pub.shown(d).string_field("parent"));
    if (parent == nullptr || !active(*parent) || parent->state == PageState::supporting) {
      roots.push_back(i);
    }
  }
  const auto names = m_snap.schema.type_names();
  const auto order = [&](std::size_t k) {
    return std::pair(std::find(names.begin(), names.end(), m_pub.documents[k].type) - names.begin(),
                     m_pub.documents[k].id);
  };
  std::sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) { return order(a) < order(b); });
  std::set<std::size_t> seen(roots.begin(), roots.end());
  std::vector<TreeNode> forest;
  for (const std::size_t r : roots) {
    forest.push_back(tree_of(r, seen));
  }
  if (!m_site_key.empty()) {
    Hasher key;
    key.add(m_site_key).add("tree").add(depth);
    for (const TreeNode& root : forest) {
      add_tree(key, root);
    }
    tree_state.key = key.hex();
  }
  mstch::data tree = list_of(roots.size());
  if (const auto cached = tree_state.key.empty() ? std::nullopt : m_cache.get("tree", tree_state.key)) {
    // The rendered roots, as render_start_tree() leaves them.
    RecordReader in(*cached);
    for (std::int64_t n = in.number(); n > 0 && in.ok(); --n) {
      mstch::data root;
      set_moved(root, "tree_html", in.text());
      push_moved(tree, std::move(root));
    }
    tree_state.rendered = in.done() && tree.list_value().size() == forest.size();
  }
  if (!tree_state.rendered) {
    tree = list_of(roots.size());
    for (const TreeNode& root : forest) {
      push_moved(tree, tree_node(root, depth));
    }
  }
  set_moved(content, "has_tree", !tree.is_empty_list());
  set_moved(content, "tree", std::move(tree));
  set_moved(content, "revising", document_rows(revising, depth));
  set_moved(content, "has_revising", !revising.empty());
  set_moved(content, "supporting", document_rows(supporting, depth));
  set_moved(content, "has_supporting", !supporting.empty());
  set_moved(content, "types", type_links(depth));
  mstch::data secret = list_of(m_pub.secret.size());
  for (const SecretTitle& s : m_pub.secret) {
    mstch::data row;
    set_moved(row, "id", s.id);
    set_moved(row, "title", s.title);
    set_moved(row, "type", type_label(s.type, false));
    push_moved(secret, std::move(row));
  }
  set_moved(content, "has_secret", !secret.is_empty_list());
  set_moved(content, "secret", std::move(secret));
  set_moved(content, "report_href", m_report ? root_prefix(depth) + std::string(k_report_url) : std::string());
  set_moved(content, "requirements_href", root_prefix(depth) + std::string(k_requirements_url));
  set_moved(content, "requirement_count", std::to_string(m_catalogue.size()));
  set_moved(content, "generated", text(m_generated));  // only here: elsewhere it would change every page
  return content;
}

// Renders each root of a tree start_data() left as template data into its "tree_html",
// and keeps the result in the cache. A node sees its own values and the site's, not the
// start page's: what the tree's key covers is all that it can show.
void SiteBuilder::render_start_tree(Templates& t, mstch::data& content, const StartTree& tree_state) const
{
  set_moved(content, "tree_node", std::string("{{{tree_html}}}"));  // the partial that stands for a child's HTML
  const mstch::data* tree = content.get("tree");
  if (tree_state.rendered || tree == nullptr || !tree->is_list()) {
    return;
  }
  mstch::data site;
  for (const char* name : {"root", "l", "organisation", "preview", "text_lang", "tree_node"}) {
    if (const mstch::data* value = content.get(name)) {
      set_moved(site, name, *value);
    }
  }
  std::function<void(const mstch::data&)> before;
  if (m_options.on_template_data) {
    before = [&](const mstch::data& node) { report_template_data("tree", {&site, &node}); };
  }
  for (const mstch::data& root : tree->list_value()) {
    render_tree(t.parsed.at("tree"), root, site, before);
  }
  if (!tree_state.key.empty()) {
    RecordWriter rendered;
    rendered.number(static_cast<std::int64_t>(tree->list_value().size()));
    for (const mstch::data& root : tree->list_value()) {
      rendered.text(root.get("tree_html")->string_value());
    }
    m_cache.put("tree", tree_state.key, rendered.take());
  }
  // The start template sees each root as a build that takes the tree from the cache does:
  // its HTML only, so that a template of the repository's own renders the same either way.
  mstch::data roots = list_of(tree->list_value().size());
  for (const mstch::data& root : tree->list_value()) {
    mstch::data html;
    set_moved(html, "tree_html", root.get("tree_html")->string_value());
    push_moved(roots, std::move(html));
  }
  set_moved(content, "tree", std::move(roots));
}

// A list of documents: those of a type or a tag, or every one; or the list of types or of tags.
mstch::data SiteBuilder::list_data(const Page& page, int depth, std::string& title) const
{
  mstch::data content;
  const std::vector<std::size_t>* docs = &m_listed;
  switch (page.kind) {
    case Page::Kind::type_list:
      title = type_label(m_types[page.index], true);
      docs = &m_type_documents[page.index];
      break;
    case Page::Kind::tag: {
      auto it = m_tags.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(page.index));
      title = fmt::format("{}: {}", l("tag_title"), it->second.label);
      set_moved(content, "tag", it->second.label);
      docs = &it->second.documents;
      break;
    }
    case Page::Kind::document_index: {
      title = l("documents_title");
      set_moved(content, "document_index", true);
      // The documents withheld for their publicity, by title alone, as on the start page:
      // listed only when [site] list_secret_titles says so (Publication::secret).
      std::vector<std::pair<std::u32string, const SecretTitle*>> sorted;
      for (const SecretTitle& s : m_pub.secret) {
        sorted.emplace_back(text::swedish_sort_key(s.title), &s);
      }
      std::sort(sorted.begin(), sorted.end());
      mstch::data secret = list_of(sorted.size());
      for (const auto& [key, s] : sorted) {
        mstch::data row;
        set_moved(row, "id", s->id);
        set_moved(row, "title", s->title);
        set_moved(row, "type", type_label(s->type, false));
        push_moved(secret, std::move(row));
      }
      set_moved(content, "has_secret", !secret.is_empty_list());
      set_moved(content, "secret", std::move(secret));
      break;
    }
    case Page::Kind::type_index: {
      title = l("by_type");
      mstch::data types = list_of(m_types.size());
      for (std::size_t t = 0; t < m_types.size(); ++t) {
        const std::size_t count = m_type_documents[t].size();
        mstch::data type;
        set_moved(type, "href", root_prefix(depth) + type_url(m_types[t]));
        set_moved(type, "label", type_label(m_types[t], true));
        set_moved(type, "count", std::to_string(count));
        set_moved(type, "count_label", m_theme.label("documents_count", count));
        push_moved(types, std::move(type));
      }
      set_moved(content, "heading", title);
      set_moved(content, "has_types", !types.is_empty_list());
      set_moved(content, "types", std::move(types));
      return content;
    }
    default: {
      title = l("tags_title");
      std::vector<std::pair<std::u32string, const std::pair<const std::string, TagInfo>*>> sorted;
      for (const auto& entry : m_tags) {
        sorted.emplace_back(text::swedish_sort_key(entry.second.label), &entry);
      }
      std::sort(sorted.begin(), sorted.end());  // A–Ö, as a Swedish reader looks for them
      mstch::data tags = list_of(m_tags.size());
      for (const auto& [key, entry] : sorted) {
        const auto& [slug, info] = *entry;
        mstch::data tag;
        set_moved(tag, "href", slug + ".html");
        set_moved(tag, "label", info.label);
        set_moved(tag, "count", std::to_string(info.documents.size()));
        set_moved(tag, "count_label", m_theme.label("documents_count", info.documents.size()));
        push_moved(tags, std::move(tag));
      }
      set_moved(content, "heading", title);
      set_moved(content, "has_tags", !tags.is_empty_list());
      set_moved(content, "tags", std::move(tags));
      set_moved(content, "tag_index", true);
      return content;
    }
  }
  set_moved(content, "heading", title);
  set_moved(content, "rows", document_rows(*docs, depth));
  set_moved(content, "has_rows", !docs->empty());
  return content;
}

// The page's own part: its template's output, and its title and breadcrumbs in `data`
// for the layout.
std::string SiteBuilder::page_content(Templates& t, const Page& page, mstch::data& data, std::string& title) const
{
  using K = Page::Kind;
  const int depth = depth_of(page.path);
  std::string tmpl;
  mstch::data content;
  StartTree tree;
  const auto shown_title = [&] { return std::string(m_pub.shown(m_pub.documents[page.index]).title()); };
  switch (page.kind) {
    case K::start:
      tmpl = "start";
      title = l("start_title");
      content = start_data(depth, tree);
      break;
    case K::document: {
      tmpl = "document";
      content = document_data(page);
      const PublishedDocument& d = m_pub.documents[page.index];
      title = shown_title();
      set_moved(data, "draft", d.unapproved);
      // Breadcrumbs follow the parent chain: the policy, the guideline, this routine.
      std::vector<Crumb> chain;
      std::set<std::string> seen{d.id};
      for (const PublishedDocument* p = m_pub.find(m_pub.shown(d).string_field("parent"));
           p != nullptr && safe_id(p->id) && seen.insert(p->id).second && chain.size() < 8;
           p = m_pub.find(m_pub.shown(*p).string_field("parent"))) {
        chain.push_back(Crumb{root_prefix(depth) + doc_url(p->id), std::string(m_pub.shown(*p).title()), true});
      }
      std::reverse(chain.begin(), chain.end());
      set_moved(data, "crumbs", crumbs_data(chain));
      set_moved(data, "crumb_text", shown_title());
      break;
    }
    case K::history:
      tmpl = "history";
      content = history_data(page);
      title = fmt::format("{}: {}", l("history_title"), shown_title());
      set_moved(data, "crumbs", crumbs_data({{"index.html", shown_title(), true}}));
      set_moved(data, "crumb_title", l("history_title"));
      break;
    case K::version:
      tmpl = "version";
      content = version_data(page);
      title = fmt::format("{} – {} {}", shown_title(), l("version"), page.version);
      set_moved(data, "crumbs",
                crumbs_data({{"index.html", shown_title(), true}, {"historik.html", l("history_title")}}));
      set_moved(data, "crumb_title", fmt::format("{} {}", l("version"), page.version));
      break;
    case K::type_list:
      tmpl = "list";
      content = list_data(page, depth, title);
      set_moved(data, "crumbs", crumbs_data({{"index.html", l("by_type")}}));
      break;
    case K::tag_index:
    case K::document_index:
      tmpl = "list";
      content = list_data(page, depth, title);
      break;
    case K::type_index:
      // A template of its own: a repository's list.mustache from before it would show no type.
      tmpl = "types";
      content = list_data(page, depth, title);
      break;
    case K::tag:
      tmpl = "list";
      content = list_data(page, depth, title);
      set_moved(data, "crumbs", crumbs_data({{"index.html", l("tags_title")}}));
      // "Ämne: kontinuitet", the tag's name being the documents' word.
      set_moved(data, "crumb_label", l("tag_title"));
      set_moved(data, "crumb_text", content.get("tag")->string_value());
      break;
    case K::decisions: {
      tmpl = "decisions";
      title = l("decisions_title");
      mstch::data list = list_of(m_decisions.size());
      for (const DecisionEntry& e : m_decisions) {
        push_moved(list, decision_data(e, depth));
      }
      set_moved(content, "has_decisions", !list.is_empty_list());
      set_moved(content, "decisions", std::move(list));
      break;
    }
    case K::search:
      tmpl = "search";
      title = l("search_title");
      set_moved(data, "search_page", true);
      // Without JavaScript, the lists to look in instead.
      set_moved(content, "types", type_links(depth));
      set_moved(content, "has_tags", !m_tags.empty());
      break;
    case K::not_found:
      tmpl = "404";
      title = l("not_found_title");
      break;
    case K::report:
      tmpl = "report";
      title = l("report_title");
      set_moved(content, "as_of", iso_date(m_report->as_of));
      set_moved(content, "body", m_report_body);
      set_moved(data, "report_page", true);
      break;
    case K::requirements: {
      tmpl = "requirements";
      title = l("requirements_title");
      CatalogueHtmlOptions options;
      options.language = m_ws.config.language == "en" ? "en" : "sv";
      options.document_href = document_href(depth);
      options.csv_href = root_prefix(depth) + std::string(k_requirements_csv);
      options.public_only = m_options.audience == Audience::public_site;
      set_moved(content, "body", catalogue_html(m_catalogue, options));
      set_moved(data, "report_page", true);
      set_moved(data, "requirements_page", true);
      break;
    }
  }
  // The values every template may use.
  set_moved(content, "root", page_root(page));
  if (!text_lang().empty()) {
    set_moved(content, "text_lang", std::string(text_lang()));
  }
  if (m_theme.labels_in_data) {
    set_moved(content, "l", m_labels);
  }
  set_moved(content, "organisation", m_ws.config.organisation);
  set_moved(content, "preview", m_options.preview);
  if (page.kind == K::start) {
    render_start_tree(t, content, tree);
  }
  mstch::mustache& m = t.parsed.at(tmpl);
  // A page with a body (the report and the catalogue, megabytes on a large site) has room
  // for it at once.
  const mstch::data* body = content.get("body");
  const std::size_t expected = body != nullptr && body->is_string() ? body->string_value().size() + 8192 : 0;
  report_template_data(tmpl, {&content});
  std::string html = render_text(m, content, expected);
  if (!m.is_valid()) {
    throw std::runtime_error(fmt::format("template {}: {}", tmpl, m.error_message()));
  }
  return html;
}

std::string SiteBuilder::render_page(Templates& t, const Page& page) const
{
  mstch::data data = base_data(page, "");
  std::string title;
  std::string content = page_content(t, page, data, title);
  const std::size_t content_size = content.size();
  set_moved(data, "title", title);
  set_moved(data, "content", std::move(content));
  if (page.kind != Page::Kind::start) {
    if (data.get("crumbs") == nullptr) {
      set_moved(data, "crumbs", mstch::data{mstch::data::type::list});
    }
    set_moved(data, "has_crumbs", true);
  }
  if (data.get("crumb_title") == nullptr) {
    set_moved(data, "crumb_title", title);
  }
  mstch::mustache& layout = t.parsed.at("layout");
  report_template_data("layout", {&data});
  std::string html = render_text(layout, data, content_size + 8192);
  if (!layout.is_valid()) {
    throw std::runtime_error(fmt::format("template layout: {}", layout.error_message()));
  }
  return html;
}

std::string SiteBuilder::feed() const
{
  mstch::data data;
  data.set("organisation", m_ws.config.organisation);
  data.set("lang", m_theme.language);
  if (!text_lang().empty()) {
    data.set("text_lang", std::string(text_lang()));
  }
  if (m_theme.labels_in_data) {
    data.set("l", m_labels);
  }
  // Atom needs absolute ids, but the site may live anywhere: ids are tag URIs (RFC 4151)
  // minted from the decision maker's e-mail domain and the decision date, and links are
  // relative to the feed, which is resolved against wherever feed.xml is served from.
  const auto domain = [](std::string_view email) {
    const auto at = email.rfind('@');
    std::string d = at == std::string_view::npos ? std::string() : text::fold_case(email.substr(at + 1));
    std::erase_if(d, [](char c) { return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'); });
    return d.empty() ? std::string("styr.invalid") : d;
  };
  const auto& decisions = m_snap.ledger.decisions();
  std::string updated = "1970-01-01T00:00:00Z";
  std::string feed_id = fmt::format("tag:styr.invalid,2026:{}", text::slugify(m_ws.config.organisation));
  if (!m_decisions.empty()) {
    const Decision& first = decisions[m_decisions.back().decision];
    feed_id = fmt::format("tag:{},{}:styr/{}/beslut", domain(first.tagger_email), iso_date(first.date),
                          text::slugify(m_ws.config.organisation));
    updated = utc_timestamp(decisions[m_decisions.front().decision].time);
  }
  data.set("id", feed_id);
  data.set("updated", updated);
  mstch::data entries = list_of(m_decisions.size());
  for (const DecisionEntry& e : m_decisions) {
    const Decision& decision = decisions[e.decision];
    mstch::data entry = decision_data(e, 0);
    entry.set("entry_id", fmt::format("tag:{},{}:{}", domain(decision.tagger_email), iso_date(decision.date), decision.tag));
    entry.set("updated", utc_timestamp(decision.time));
    entry.set("href", "beslut.html#" + decision_anchor(decision));
    push_moved(entries, std::move(entry));
  }
  set_moved(data, "entries", std::move(entries));
  report_template_data("feed", {&data});
  mstch::mustache m(m_theme.templates.at("feed"));
  m.set_custom_escape([](const std::string& s) { return html_escape(s); });
  return render_text(m, data);
}

// One entry per document in the search index; its text is filled in by search_files().
std::vector<SearchEntry> SiteBuilder::search_entries() const
{
  std::vector<SearchEntry> entries;
  for (const PublishedDocument& d : m_pub.documents) {
    if (!safe_id(d.id) || !active(d)) {
      continue;  // a retired document is found through its successor, not by search
    }
    entries.push_back(SearchEntry{doc_url(d.id), std::string(m_pub.shown(d).title()), d.id, type_label(d.type, false),
                                  {}, {}, std::nullopt, string_array(m_pub.shown(d), "tags")});
    std::set<std::string> anchors;
    for (const Requirement& r : extract_requirements(m_pub.shown(d))) {
      if (std::string anchor = requirement_anchor(r.id); !anchor.empty() && anchors.insert(anchor).second) {
        entries.back().requirements.push_back(SearchSection{r.id, std::move(anchor)});
      }
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
    key.add(e.url).add(e.title).add(e.id).add(e.type_label).add(m_body_keys[m_pub.find(e.id)->content]);
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
    const IndexedWords& w = indexed_words(m_pub.find(e.id)->content);
    e.excerpt = w.excerpt;
    e.sections = w.sections;
    e.text_words = w.words;
  });
  return build_search_index(entries, search_synonyms());
}

// --- Reusing pages -----------------------------------------------------------------------

std::string SiteBuilder::site_key() const
{
  const std::string program = program_identity();
  if (program.empty()) {
    return {};
  }
  Hasher key;
  key.add(k_page_version).add(program);
  for (const auto& [name, text] : m_theme.templates) {
    key.add(name).add(text);
  }
  for (const auto& [name, label] : m_theme.labels) {
    key.add(name).add(label);
  }
  key.add(m_theme.labels_in_data).add(m_ws.config.language).add(m_ws.config.organisation);
  key.add(m_options.preview).add(static_cast<std::int64_t>(m_options.audience));
  return key.hex();
}

// The pages of one document (the page, its history, its versions) show that document and
// little else: the titles and states of the documents it names, which of its tags have
// pages. Their key covers all of it, so an incremental build links them from the previous
// site when none of it changed (SiteWriter::reuse_made_from). A list by type, by tag or of
// every document is a row per document, keyed by what the rows show, and the list of types
// by its rows. The pages about the whole site share whole_site_key().
std::string SiteBuilder::page_key(const Page& page) const
{
  using K = Page::Kind;
  if (m_site_key.empty()) {
    return {};
  }
  if (page.kind == K::type_list || page.kind == K::tag || page.kind == K::document_index ||
      page.kind == K::type_index) {
    return list_key(page);
  }
  if (page.kind == K::requirements || page.kind == K::report) {
    return summary_key(page);
  }
  if (page.kind != K::document && page.kind != K::history && page.kind != K::version) {
    Hasher key;
    key.add(m_whole_site_key).add(static_cast<std::int64_t>(page.kind)).add(page.path);
    return key.hex();
  }
  Hasher key;
  key.add(m_document_keys[page.index]).add(static_cast<std::int64_t>(page.kind)).add(page.path).add(page.version);
  return key.hex();
}

// What the pages of one document are made from: computed once for its page, its history
// and its versions.
std::string SiteBuilder::document_key(std::size_t index) const
{
  const PublishedDocument& d = m_pub.documents[index];
  const Document& doc = m_pub.shown(d);
  Hasher key;
  key.add(m_site_key);
  key.add(d.id).add(d.type).add(type_label(d.type, false)).add(shown_status(d));
  key.add(static_cast<std::int64_t>(d.state)).add(d.unapproved).add(d.version);
  const auto review = next_review(d);
  key.add(review.has_value() && *review < m_snap.today);  // the date passing changes the page
  for (const PlanAction& a : plan_actions(d)) {
    key.add(a.overdue);
  }
  const auto content = [&](std::size_t c) { key.add(m_pub.contents[c].key).add(m_body_keys[c]); };
  content(d.content);
  for (const Approval& a : d.approvals) {
    add_approval(key, a);
  }
  for (const PublishedVersion& v : d.versions) {
    key.add(v.number).add(static_cast<std::int64_t>(v.approval)).add(v.visible);
    content(v.content);
    const auto diff = m_diffs.find({index, v.number});
    key.add(diff != m_diffs.end());
    if (diff != m_diffs.end()) {
      key.add(diff->second);
    }
  }
  // Other documents, as the pages name them: the parent chain (the breadcrumbs), children,
  // related, replaced and replacing documents.
  const auto named = [&](std::string_view id) {
    const PublishedDocument* p = m_pub.find(id);
    key.add(id).add(p != nullptr && safe_id(p->id)).add(nameable(id));
    if (p != nullptr) {
      key.add(m_pub.shown(*p).title()).add(static_cast<std::int64_t>(p->state));
    }
  };
  std::set<std::string> seen{d.id};
  for (const PublishedDocument* p = m_pub.find(doc.string_field("parent")); p != nullptr && seen.insert(p->id).second;
       p = m_pub.find(m_pub.shown(*p).string_field("parent"))) {
    named(p->id);
  }
  for (const auto* by : {&m_children, &m_replaced_by}) {
    key.add("|");
    if (const auto it = by->find(d.id); it != by->end()) {
      for (const std::size_t k : it->second) {
        named(m_pub.documents[k].id);
      }
    }
  }
  for (const std::string_view field : {"parent", "related", "replaces"}) {
    key.add("|");
    for (const std::string& id : field == "parent" ? std::vector<std::string>{std::string(doc.string_field(field))}
                                                   : string_array(doc, field)) {
      named(id);
    }
  }
  key.add("|");
  for (const std::string& tag : string_array(doc, "tags")) {
    key.add(tag).add(tag_slug(tag));
  }
  return key.hex();
}

void SiteBuilder::add_approval(Hasher& key, const Approval& a) const
{
  key.add(a.id).add(a.title).add(a.time).add(iso_date(a.date)).add(a.approved_by).add(a.version).add(a.revision);
  key.add(a.retired);
  const Decision* decision = decision_of(a);
  key.add(decision != nullptr);
  if (decision != nullptr) {
    key.add(decision->tag).add(decision_anchor(*decision)).add(decision->title).add(decision->reference);
    key.add(decision->case_number);
  }
}

// The catalogue page shows its rows, each linked to its document's page when there is one;
// the report page shows the report, whose HTML is made before the pages.
std::string SiteBuilder::summary_key(const Page& page) const
{
  Hasher key;
  key.add(m_site_key).add(static_cast<std::int64_t>(page.kind)).add(page.path);
  if (page.kind == Page::Kind::report) {
    key.add(iso_date(m_report->as_of)).add(m_report_body);
    return key.hex();
  }
  for (const CatalogueEntry& e : m_catalogue) {
    const PublishedDocument* d = m_pub.find(e.document);
    key.add(e.id).add(e.text).add(e.level).add(e.document).add(e.title).add(e.approved).add(e.publicity);
    key.add(d != nullptr && safe_id(d->id));
  }
  return key.hex();
}

// The pages about the whole site (the start page, the decision log, the report, the
// catalogue, the tag index, search and 404) show any document and any decision: their key
// covers every document as published, every decision, the report, the catalogue and the
// date the site is as of, so they are made again whenever any of it changes.
std::string SiteBuilder::whole_site_key() const
{
  Hasher key;
  key.add(m_site_key).add(m_generated).add(m_ws.config.list_secret_titles);
  for (const std::string_view type : m_snap.schema.type_names()) {
    key.add(type).add(type_label(type, false)).add(type_label(type, true));
  }
  key.add("|");
  for (const std::string& type : m_types) {
    key.add(type);
  }
  key.add("|");
  for (const Content& c : m_pub.contents) {
    key.add(c.key);
  }
  for (const PublishedDocument& d : m_pub.documents) {
    key.add(d.id).add(d.type).add(static_cast<std::int64_t>(d.state)).add(shown_status(d));
    key.add(d.unapproved).add(static_cast<std::int64_t>(d.content)).add(d.version);
    for (const Approval& a : d.approvals) {
      add_approval(key, a);
    }
    for (const PublishedVersion& v : d.versions) {
      key.add(v.number).add(static_cast<std::int64_t>(v.approval)).add(static_cast<std::int64_t>(v.content)).add(v.visible);
    }
  }
  key.add("|");
  for (const SecretTitle& t : m_pub.secret) {
    key.add(t.id).add(t.title).add(t.type);
  }
  key.add("|");
  for (const DecisionEntry& e : m_decisions) {
    const Decision& d = m_snap.ledger.decisions()[e.decision];
    key.add(d.tag).add(d.time).add(iso_date(d.date)).add(d.title).add(d.reference).add(d.case_number);
    key.add(d.approver).add(d.tagger_name).add(d.tagger_email).add(d.approves_roster);
    for (const auto& [id, approval] : e.approvals) {
      key.add(id);
      add_approval(key, *approval);
    }
  }
  key.add("|");
  for (const auto& [slug, tag] : m_tags) {
    key.add(slug).add(tag.label);
    for (const std::size_t i : tag.documents) {
      key.add(static_cast<std::int64_t>(i));
    }
  }
  key.add("|").add(m_report.has_value()).add(m_report_body);
  for (const CatalogueEntry& e : m_catalogue) {
    key.add(e.id).add(e.text).add(e.level).add(e.document).add(e.title).add(e.approved).add(e.publicity);
  }
  return key.hex();
}

// What page_content() and document_rows() show on a list by type or by tag, on the list of
// every document (with the titles of those withheld, when they are listed), and on the list
// of types.
std::string SiteBuilder::list_key(const Page& page) const
{
  Hasher key;
  key.add(m_site_key).add(static_cast<std::int64_t>(page.kind)).add(page.path);
  const std::vector<std::size_t>* docs = &m_listed;
  switch (page.kind) {
    case Page::Kind::type_list:
      key.add(type_label(m_types[page.index], true));
      docs = &m_type_documents[page.index];
      break;
    case Page::Kind::tag: {
      auto it = m_tags.begin();
      std::advance(it, static_cast<std::ptrdiff_t>(page.index));
      key.add(it->second.label);
      docs = &it->second.documents;
      break;
    }
    case Page::Kind::type_index:
      for (std::size_t t = 0; t < m_types.size(); ++t) {
        key.add(type_url(m_types[t])).add(type_label(m_types[t], true));
        key.add(static_cast<std::int64_t>(m_type_documents[t].size()));
      }
      return key.hex();
    default:  // the list of every document
      for (const SecretTitle& s : m_pub.secret) {
        key.add(s.id).add(s.title).add(type_label(s.type, false));
      }
      key.add("|");
      break;
  }
  for (const std::size_t i : *docs) {
    const PublishedDocument& d = m_pub.documents[i];
    const Approval* made = version_approval(d, d.version);
    key.add(d.id).add(m_pub.shown(d).title()).add(type_label(d.type, false)).add(d.version);
    key.add(made != nullptr ? iso_date(made->date) : std::string("-"));
    key.add(static_cast<std::int64_t>(d.state)).add(d.unapproved).add(shown_status(d));
  }
  return key.hex();
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

}  // namespace

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
  auto loaded = load_state(workspace, options, *cache);
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
  auto site = std::make_unique<SiteBuilder>(workspace, options, *snap, *theme, *publication, *cache);
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
    result.documents += safe_id(d.id) ? 1 : 0;
    if (!safe_id(d.id)) {
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
  for (const std::string& w : snap->ledger.renumbered()) {
    result.warnings.push_back(BuildWarning{{}, w});  // the site's address of a version shows another text
  }
  result.warnings.insert(result.warnings.end(), publication->warnings.begin(), publication->warnings.end());
  result.warnings.insert(result.warnings.end(), site->warnings.begin(), site->warnings.end());
  if (!staging.leftover().empty()) {
    result.warnings.push_back(BuildWarning{{}, staging.leftover()});
  }
  for (const std::string& w : theme->warnings) {
    result.warnings.push_back(BuildWarning{{}, w});
  }
  for (BuildWarning& w : unknown_names(*theme)) {
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

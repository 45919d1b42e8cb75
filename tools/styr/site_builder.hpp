// The inside of styr build (site.hpp), in three sources around one SiteBuilder: site.cpp
// reads the repository, runs the passes over it and writes the site and its search index;
// site_pages.cpp gives each page's template its data; site_keys.cpp says what each page is
// made from, so that a page made from the same is kept from the last build.
#pragma once

#include "styr/publication.hpp"
#include "styr/render.hpp"
#include "styr/report.hpp"
#include "styr/requirement_catalogue.hpp"
#include "styr/search_index.hpp"
#include "styr/site.hpp"
#include "styr/site_cache.hpp"
#include "styr/site_links.hpp"
#include "styr/site_output.hpp"
#include "styr/snapshot.hpp"
#include "styr/synonyms.hpp"
#include "styr/textdiff.hpp"
#include "styr/theme.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace styr::site_build {

namespace mstch = kainjow::mustache;

// --- URLs --------------------------------------------------------------------------------

inline std::string doc_url(std::string_view id) { return fmt::format("dokument/{}/index.html", id); }
inline std::string history_url(std::string_view id) { return fmt::format("dokument/{}/historik.html", id); }
inline std::string version_url(std::string_view id, int n) { return fmt::format("dokument/{}/v{}.html", id, n); }
inline std::string type_url(std::string_view type) { return fmt::format("typ/{}.html", type_page_name(type)); }
inline std::string tag_url(std::string_view slug) { return fmt::format("amne/{}.html", slug); }
// The folders' own pages: every document A–Ö, the types, the tags.
inline constexpr std::string_view k_documents_url = "dokument/index.html";
inline constexpr std::string_view k_types_url = "typ/index.html";
inline constexpr std::string_view k_tags_url = "amne/index.html";
inline constexpr std::string_view k_report_url = "rapport.html";
inline constexpr std::string_view k_requirements_url = "krav.html";
inline constexpr std::string_view k_accessibility_url = "tillganglighet.html";
inline constexpr std::string_view k_requirements_csv = "krav.csv";
inline constexpr std::string_view k_feed = "feed.xml";

// The way up to the site's top from `depth` folders below it ("../../" from dokument/ID/).
inline std::string root_prefix(int depth)
{
  std::string out;
  for (int i = 0; i < depth; ++i) {
    out += "../";
  }
  return out;
}

// How many folders below the site's top the page at `path` lies.
inline int depth_of(std::string_view path)
{
  return static_cast<int>(std::count(path.begin(), path.end(), '/'));
}

// An id that can name a folder of the site: no separators, no leading dot, not the name of
// the list of documents beside the folders (dokument/index.html).
inline bool safe_id(std::string_view id)
{
  return !id.empty() && id.size() <= 128 && id.front() != '.' && id != "index.html" &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == '.';
         });
}

// A string array of the front matter; the strings alone when it holds other values too.
std::vector<std::string> string_array(const Document& doc, std::string_view key);
// An RFC 3339 time in UTC, as the feed and the pages' dates of generation give it.
std::string utc_timestamp(std::int64_t seconds);
// Warnings for the names the repository's own templates use that their data cannot hold.
std::vector<BuildWarning> unknown_names(const Theme& theme);

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

// The site of one build. build_site() runs the passes in order, then write() makes the
// pages that the last build did not leave as they are.
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
      document_index, type_index, accessibility
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
  bool review_overdue(const PublishedDocument& d) const;

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
  void report_template_data(std::string_view name, std::initializer_list<const mstch::data*> data) const;
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
  void accessibility_data(mstch::data& content) const;
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
  std::vector<std::size_t> m_repealed;                            // every repealed one, A–Ö by title
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

}  // namespace styr::site_build

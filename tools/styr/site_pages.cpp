// What each page's template is given, and the pages made from it (site_builder.hpp).

#include "styr/site_builder.hpp"

#include "styr/diff_html.hpp"
#include "styr/record.hpp"
#include "styr/requirements.hpp"
#include "styr/template_names.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

namespace styr {

namespace {

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
                            "revising", "supporting", "draft", "overdue", "status"};  // document_rows
const Names k_ref_fields = {"id", "published", "href", "title", "retired"};  // doc_ref
const Names k_decision_fields = {  // decision_data
  "anchor", "href", "date", "tag", "title", "has_text", "text[]", "reference", "case_number", "approver", "roster", "hidden",
  "hidden_label", "has_documents", "documents[].id", "documents[].title", "documents[].href",
  "documents[].version_href", "documents[].version", "documents[].change"};
const Names k_link_fields = {"href", "label"};  // type_links
// A node of the start page's tree (tree_node), besides its children, which are nodes too.
const Names k_node_fields = {"href", "id", "title", "type", "revising", "draft", "has_children"};
const Names k_layout_fields = {
  "lang", "text_lang", "organisation", "title", "root", "preview", "public", "start_page", "nav[].href", "nav[].label",
  "nav[].current", "draft", "crumbs[].href", "crumbs[].label", "crumbs[].text", "has_crumbs", "crumb_text", "crumb_title",
  "crumb_label", "search_page", "report_page", "requirements_page", "accessibility_href", "content"};
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
  "rows[].current", "rows[].changes_href"};
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
              "secret[].type", "has_repealed", "repealed[].id", "repealed[].title", "repealed[].type",
              "repealed[].href"});
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
  } else if (name == "accessibility") {
    add("", {"compliance", "has_shortcomings", "shortcomings[].text", "contact", "contact_href", "method", "assessed",
              "updated"});
  }
  return fields;
}

namespace site_build {

namespace {

constexpr std::size_t k_latest_decisions = 5;

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

}  // namespace

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

void SiteBuilder::report_template_data(std::string_view name, std::initializer_list<const mstch::data*> data) const
{
  if (m_options.on_template_data) {
    std::set<std::string> names;
    for (const mstch::data* d : data) {
      add_data_names(*d, "", names);
    }
    m_options.on_template_data(name, names);
  }
}

// --- Each page's data ----------------------------------------------------------------------

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
  if (const auto& a = m_ws.config.accessibility) {
    set_moved(d, "accessibility_href", a->own() ? page_root(page) + std::string(k_accessibility_url) : a->statement);
  }
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
    set_moved(row, "overdue", review_overdue(d));
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
  // Its reasons and conditions, free text as well.
  mstch::data paragraphs = list_of(0);
  if (all_nameable) {
    for (std::string_view rest = decision.text; !rest.empty();) {
      const std::size_t end = std::min(rest.find("\n\n"), rest.size());
      paragraphs.push_back(mstch::data(std::string(rest.substr(0, end))));
      rest.remove_prefix(std::min(end + 2, rest.size()));
    }
  }
  set_moved(d, "has_text", !paragraphs.is_empty_list());
  set_moved(d, "text", std::move(paragraphs));
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
    if (d.state != PageState::retired) {  // a repealed document shows when it was repealed
      set_moved(data, "approved_date", iso_date(made->date));
    }
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
    if (visible && a.revision && a.version > 1) {  // the version's page opens with what changed
      set_moved(row, "changes_href", fmt::format("v{}.html#changes", a.version));
    }
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

// The accessibility statement, from [site.accessibility] (config.hpp).
void SiteBuilder::accessibility_data(mstch::data& content) const
{
  const AccessibilityStatement& a = *m_ws.config.accessibility;
  set_moved(content, "compliance", l(fmt::format("accessibility_{}", a.compliance)));
  mstch::data shortcomings = list_of(a.shortcomings.size());
  for (const std::string& text : a.shortcomings) {
    mstch::data item;
    set_moved(item, "text", text);
    push_moved(shortcomings, std::move(item));
  }
  set_moved(content, "has_shortcomings", !a.shortcomings.empty());
  set_moved(content, "shortcomings", std::move(shortcomings));
  // An e-mail address, with or without "mailto:", or a web address (config.cpp).
  const bool web = a.contact.find("://") != std::string::npos;
  const std::string_view mail = std::string_view(a.contact).substr(a.contact.starts_with("mailto:") ? 7 : 0);
  set_moved(content, "contact", web ? a.contact : std::string(mail));
  set_moved(content, "contact_href", web ? a.contact : fmt::format("mailto:{}", mail));
  set_moved(content, "method", a.method);
  set_moved(content, "assessed", a.assessed);
  set_moved(content, "updated", a.reviewed());
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
  if (m_report) {  // an external site has no report: an empty string would still open the section
    set_moved(content, "report_href", root_prefix(depth) + std::string(k_report_url));
  }
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
      // The repealed ones, whose pages are kept: someone may hold an old reference.
      mstch::data repealed = list_of(m_repealed.size());
      for (const std::size_t i : m_repealed) {
        const PublishedDocument& d = m_pub.documents[i];
        mstch::data row;
        set_moved(row, "id", d.id);
        set_moved(row, "title", std::string(m_pub.shown(d).title()));
        set_moved(row, "type", type_label(d.type, false));
        set_moved(row, "href", root_prefix(depth) + doc_url(d.id));
        push_moved(repealed, std::move(row));
      }
      set_moved(content, "has_repealed", !repealed.is_empty_list());
      set_moved(content, "repealed", std::move(repealed));
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
      if (d.state == PageState::retired) {  // in the tab and a bookmark as well
        title += fmt::format(" ({})", l("retired_title"));
      }
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
    case K::accessibility:
      tmpl = "accessibility";
      title = l("accessibility_title");
      accessibility_data(content);
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
}  // namespace site_build

}  // namespace styr

// What each page is made from: a page whose key is the last build's is kept, not made
// again (site_builder.hpp, SiteWriter).

#include "styr/site_builder.hpp"

#include "styr/runtime.hpp"
#include "styr/text.hpp"

namespace styr::site_build {

namespace {

// Bump when what a document's pages show changes in a way page_key() does not see.
constexpr std::string_view k_page_version = "page-1";

}  // namespace

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
  if (const auto& a = m_ws.config.accessibility) {  // every page links to the statement
    key.add(a->statement).add(a->compliance).add(a->assessed).add(a->updated).add(a->method).add(a->contact);
    for (const std::string& s : a->shortcomings) {
      key.add(s);
    }
  }
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
  key.add(review_overdue(d));  // the date passing changes the page
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
    key.add(d.id).add(d.type).add(static_cast<std::int64_t>(d.state)).add(shown_status(d)).add(review_overdue(d));
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
    key.add(d.tag).add(d.time).add(iso_date(d.date)).add(d.title).add(d.text).add(d.reference).add(d.case_number);
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
      for (const std::size_t i : m_repealed) {
        const PublishedDocument& d = m_pub.documents[i];
        key.add(d.id).add(m_pub.shown(d).title()).add(type_label(d.type, false));
      }
      key.add("|");
      break;
  }
  for (const std::size_t i : *docs) {
    const PublishedDocument& d = m_pub.documents[i];
    const Approval* made = version_approval(d, d.version);
    key.add(d.id).add(m_pub.shown(d).title()).add(type_label(d.type, false)).add(d.version);
    key.add(made != nullptr ? iso_date(made->date) : std::string("-"));
    key.add(static_cast<std::int64_t>(d.state)).add(d.unapproved).add(shown_status(d)).add(review_overdue(d));
  }
  return key.hex();
}

}  // namespace styr::site_build

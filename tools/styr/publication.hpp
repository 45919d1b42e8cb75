// What the site publishes, decided in one place (PRODUCT.md §6): for each document, which
// content its page shows and in what state, and which of its approved versions may be shown.
//   normal mode  the approved content (the blob at the approving tag); changed documents keep
//                their approved content with a note; drafts are left out; supporting
//                documents (decision = false) as of the last commit, never uncommitted text
//   preview      the working tree, every content that is not approved marked as a draft
//   always       sekretess is never published (its id and title may be listed, without
//                content, when [site] list_secret_titles = true); the public audience gets
//                offentlig documents only. The most restrictive publicity of the shown
//                content and the latest text wins, so a document made secret is withdrawn
//                at once, before any new decision.
#pragma once

#include "styr/document.hpp"
#include "styr/ledger.hpp"
#include "styr/site.hpp"
#include "styr/snapshot.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace styr {

enum class PageState {
  in_force,    // approved: the page shows the approved content
  revising,    // changed since its approval: the approved content, and a note that a revision is under way
  retired,     // upphävd: out of the lists; the page and the history stay
  supporting,  // a supporting document, published without a decision
  draft,       // preview only: never approved
};

struct PublishedVersion
{
  int number = 0;
  std::size_t approval = 0;        // index into PublishedDocument::approvals of the approval that made it
  std::size_t content = 0;         // index into Publication::contents
  bool visible = true;             // false when this content may not be published
};

// One text to render: a document's content as of one state of the repository.
struct Content
{
  const Document& document() const { return read ? *read : *snapshot; }
  const Document* snapshot = nullptr;  // the snapshot's own, which outlives the publication
  std::shared_ptr<const Document> read;  // else: read from a blob for the publication
  std::optional<git::Oid> commit;  // the tree its links are resolved in; none: the working tree
  std::string key;                 // identifies the bytes (blob id or a hash of the text)
};

struct PublishedDocument
{
  std::string id;
  std::string type;  // as written in the shown content
  PageState state = PageState::in_force;
  Status status = Status::approved;
  bool unapproved = false;  // preview: the shown content is not approved (the draft banner)
  std::size_t content = 0;  // index into Publication::contents: what the page shows
  int version = 0;          // the approved version the page shows; 0 for a draft
  std::vector<Approval> approvals;         // oldest first
  std::vector<PublishedVersion> versions;  // by number, version 1 first
};

struct SecretTitle
{
  std::string id;
  std::string title;
  std::string type;
};

struct Publication
{
  std::vector<Content> contents;
  std::vector<PublishedDocument> documents;  // sorted by id
  std::vector<SecretTitle> secret;           // sorted by id
  std::map<std::string, std::string, std::less<>> withheld;  // id -> why it has no page, for link warnings
  std::vector<BuildWarning> warnings;

  const PublishedDocument* find(std::string_view id) const;
  const Document& shown(const PublishedDocument& d) const { return contents[d.content].document(); }
};

struct PublishOptions
{
  bool preview = false;
  Audience audience = Audience::intranet;
  bool list_secret_titles = false;
};

// Whether a content with this publicity may be published for the audience.
bool publishable(std::string_view publicity, Audience audience);

// `snap.repo` may be null in preview mode (a repository without git: everything is a draft).
Publication collect_publication(const Snapshot& snap, const PublishOptions& options);

}  // namespace styr

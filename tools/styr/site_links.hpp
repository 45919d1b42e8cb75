// The links in the published documents. A relative Markdown link or picture becomes a link
// to a page of the site, or to a file published beside the documents; one to anything that
// is not published (a draft, a secret, a missing file, a path outside the documents) is
// shown as text, with a warning, never emitted.
#pragma once

#include "styr/publication.hpp"
#include "styr/site.hpp"
#include "styr/snapshot.hpp"
#include "styr/workspace.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace styr {

// A file a document links to, published under filer/ by a hash of its bytes.
struct Attachment
{
  std::string url;  // from the site root
  std::string data;
};

struct ResolvedLinks
{
  // Per content of the publication: "l:" or "i:" (a picture) and the percent-decoded
  // destination, to the href relative to a page in dokument/ID/, or none for text.
  std::vector<std::map<std::string, std::optional<std::string>>> by_content;
  std::map<std::string, Attachment> attachments;  // by url
  std::vector<BuildWarning> warnings;
};

// The links of each content marked in `shown`. Only the texts in force (`current`) are
// warned about: older versions link to what existed when they were approved, and a link
// written before a rename is resolved in the repository as it was at the approval.
ResolvedLinks resolve_links(const Workspace& ws, const Snapshot& snap, const Publication& pub,
                            const std::vector<bool>& shown, const std::vector<bool>& current);

}  // namespace styr

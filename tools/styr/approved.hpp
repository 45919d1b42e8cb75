// The approved content of a document: the blob of its last approval, loaded like any other
// document. Coverage, action plans and the requirement catalogue are read from it, never from
// the working tree, so that an unapproved edit counts for nothing until it is decided.
#pragma once

#include "styr/document.hpp"
#include "styr/snapshot.hpp"

#include <tl/expected.hpp>

#include <functional>
#include <string>

namespace styr {

// The content approved by `status.last`; an error when the document was never approved or
// its blob cannot be read (a damaged repository). `parts` as for load_document.
tl::expected<Document, std::string> approved_document(const Snapshot& snap, const DocumentStatus& status,
                                                      Parts parts = Parts::all);

// Approved contents a caller has already loaded (the site's), so that they are not read and
// parsed again: the document `status.last` approved, or null to have it read.
using KnownApproved = std::function<const Document*(const DocumentStatus& status)>;

// Whether the status means that an approved version is in force (approved or changed).
bool in_force(const DocumentStatus& status);

} // namespace styr

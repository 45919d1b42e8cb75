#include "styr/approved.hpp"

#include <fmt/format.h>

namespace styr {

tl::expected<Document, std::string> approved_document(const Snapshot& snap, const DocumentStatus& status, Parts parts)
{
  if (status.last == nullptr) {
    return tl::unexpected(fmt::format("{} has never been approved", status.id));
  }
  if (snap.repo == nullptr) {
    return tl::unexpected(fmt::format("the approved version of {} needs the git repository", status.id));
  }
  auto bytes = snap.repo->read_blob(status.last->blob);
  if (!bytes) {
    return tl::unexpected(fmt::format("cannot read the approved version of {} (blob {}): {}", status.id,
                                      status.last->blob.short_hex(), bytes.error()));
  }
  return load_document(status.last->path, std::move(*bytes), parts);
}

bool in_force(const DocumentStatus& status)
{
  return status.last != nullptr && (status.status == Status::approved || status.status == Status::changed);
}

} // namespace styr

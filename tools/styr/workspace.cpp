#include "styr/workspace.hpp"

#include "styr/source.hpp"

#include <fmt/format.h>

namespace styr {

namespace fs = std::filesystem;

tl::expected<Workspace, WorkspaceError> open_workspace(const fs::path& dir)
{
  std::error_code ec;
  const fs::path start = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  if (ec || !fs::is_directory(start, ec)) {
    return tl::unexpected(WorkspaceError{fmt::format("{}: no such directory", dir.string()), {}});
  }
  fs::path root = start;
  while (!fs::exists(root / k_config_file, ec)) {
    if (root == root.root_path() || !root.has_parent_path()) {
      return tl::unexpected(WorkspaceError{
        fmt::format("not a styr repository: no {} in {} or any parent folder (styr init creates one)",
                    k_config_file, start.string()),
        {}});
    }
    root = root.parent_path();
  }
  const WorkingTreeSource source(root);
  auto text = source.read(k_config_file);
  if (!text) {
    return tl::unexpected(WorkspaceError{fmt::format("cannot read {}: {}", (root / k_config_file).string(), text.error()), {}});
  }
  auto config = parse_config(*text, k_config_file);
  if (!config) {
    return tl::unexpected(WorkspaceError{fmt::format("{} is invalid", k_config_file), std::move(config.error())});
  }
  return Workspace{root, std::move(*config)};
}

}  // namespace styr

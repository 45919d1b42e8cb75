// A policy repository on disk: its root (where styr.toml is) and its configuration.
#pragma once

#include "styr/config.hpp"
#include "styr/diagnostic.hpp"

#include <tl/expected.hpp>

#include <filesystem>
#include <string>

namespace styr {

struct Workspace
{
  std::filesystem::path root;
  Config config;
};

struct WorkspaceError
{
  std::string message;      // what went wrong, for the user
  Diagnostics diagnostics;  // positioned problems in styr.toml, if that was the cause
};

// Finds styr.toml in `dir` or the nearest parent folder and reads it.
tl::expected<Workspace, WorkspaceError> open_workspace(const std::filesystem::path& dir);

}  // namespace styr

// Files compiled into the binary: the default schema, templates, site assets and the
// skeleton of a new repository. See cmake/Embed.cmake.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace styr {

struct Resource
{
  std::string_view name;  // e.g. "templates/document.mustache"
  std::string_view data;
};

// All embedded files, sorted by name.
std::span<const Resource> embedded_resources();

std::optional<std::string_view> find_resource(std::string_view name);

// Embedded files whose name starts with `prefix`, sorted by name.
std::vector<Resource> resources_under(std::string_view prefix);

}  // namespace styr

#include "styr/resources.hpp"

#include <algorithm>

namespace styr {

std::optional<std::string_view> find_resource(std::string_view name)
{
  const auto all = embedded_resources();
  const auto it = std::lower_bound(all.begin(), all.end(), name,
                                   [](const Resource& r, std::string_view n) { return r.name < n; });
  if (it != all.end() && it->name == name) {
    return it->data;
  }
  return std::nullopt;
}

std::vector<Resource> resources_under(std::string_view prefix)
{
  std::vector<Resource> result;
  for (const Resource& r : embedded_resources()) {
    if (r.name.starts_with(prefix)) {
      result.push_back(r);
    }
  }
  return result;
}

}  // namespace styr

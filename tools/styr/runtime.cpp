#include "styr/runtime.hpp"

#include "styr/markdown.hpp"

namespace styr {

Runtime::Runtime()
{
  initialize_markdown();
}

const char* version()
{
  return STYR_VERSION;
}

}  // namespace styr

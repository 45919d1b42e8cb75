// Process-wide set-up of the C libraries: create one Runtime in main() before any thread.
#pragma once

#include "styr/git.hpp"

namespace styr {

class Runtime
{
public:
  Runtime();

private:
  git::Library m_git;
};

// The version of styr, e.g. "0.1.0".
const char* version();

}  // namespace styr

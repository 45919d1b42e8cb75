// The exit codes of styr (PRODUCT.md §8), in one place.
#pragma once

namespace styr::cli {

enum class ExitStatus : int {
  success = 0,      // done, nothing to report
  findings = 1,     // check errors, a refused approval
  usage = 2,        // the command line is wrong
  environment = 3,  // not a repository, unreadable configuration, I/O failure
};

}  // namespace styr::cli

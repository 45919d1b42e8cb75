// Verifying the signature of a decision tag. libgit2 cannot verify tag signatures, so the
// signed payload (the raw tag object up to the signature block) is checked with
// `ssh-keygen -Y verify` against the repository's allowed-signers file, or with gpg.
#pragma once

#include <string>
#include <string_view>

namespace styr {

enum class SignatureState { none, verified, failed };

struct SignatureResult
{
  SignatureState state = SignatureState::none;
  std::string detail;  // why it failed
};

// `raw_tag` is the tag object as stored; `email` the tagger's, which must be the signer's
// principal in `allowed_signers` (ssh-keygen's allowed-signers format).
SignatureResult verify_tag_signature(std::string_view raw_tag, std::string_view email,
                                     std::string_view allowed_signers);

}  // namespace styr

#include "styr/signature.hpp"

#include "styr/process.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

namespace styr {

namespace {

std::string first_line(std::string_view text)
{
  text = text::trim(text);
  return std::string(text.substr(0, text.find('\n')));
}

SignatureResult verify_ssh(const TempDir& dir, const std::string& payload, const std::string& signature,
                           std::string_view email, std::string_view allowed_signers)
{
  if (text::trim(allowed_signers).empty()) {
    return {SignatureState::failed, "no allowed-signers file in the roster in force"};
  }
  const auto signers = dir.write("allowed_signers", std::string(allowed_signers));
  const auto sig = dir.write("tag.sig", signature);
  const ProcessResult r = run_process({"ssh-keygen", "-Y", "verify", "-f", signers.string(), "-I", std::string(email),
                                       "-n", "git", "-s", sig.string()},
                                      payload);
  if (r.exit_code == 0) {
    return {SignatureState::verified, ""};
  }
  if (r.exit_code < 0 && r.err.starts_with("cannot run")) {
    return {SignatureState::failed, "ssh-keygen is not installed"};
  }
  return {SignatureState::failed,
          fmt::format("the SSH signature does not verify for {}: {}", email, first_line(r.err.empty() ? r.out : r.err))};
}

SignatureResult verify_pgp(const TempDir& dir, const std::string& payload, const std::string& signature,
                           std::string_view email)
{
  const auto sig = dir.write("tag.asc", signature);
  const auto data = dir.write("tag.txt", payload);
  const ProcessResult r = run_process({"gpg", "--batch", "--no-tty", "--status-fd", "1", "--verify", sig.string(),
                                       data.string()});
  if (r.exit_code < 0 && r.err.starts_with("cannot run")) {
    return {SignatureState::failed, "gpg is not installed"};
  }
  const bool good = r.exit_code == 0 && r.out.find("[GNUPG:] GOODSIG") != std::string::npos &&
                    r.out.find("[GNUPG:] VALIDSIG") != std::string::npos;
  if (!good) {
    return {SignatureState::failed, "the OpenPGP signature does not verify"};
  }
  const std::string wanted = text::fold_case(fmt::format("<{}>", email));
  if (text::fold_case(r.out).find(wanted) == std::string::npos) {
    return {SignatureState::failed, fmt::format("the OpenPGP key does not belong to {}", email)};
  }
  return {SignatureState::verified, ""};
}

}  // namespace

SignatureResult verify_tag_signature(std::string_view raw_tag, std::string_view email, std::string_view allowed_signers)
{
  // The signature is the block at the end; everything before it is what was signed.
  std::size_t at = std::string_view::npos;
  bool ssh = false;
  for (const std::string_view start : {std::string_view("-----BEGIN SSH SIGNATURE-----"),
                                       std::string_view("-----BEGIN PGP SIGNATURE-----")}) {
    const std::size_t found = raw_tag.rfind(start);
    if (found != std::string_view::npos && (found == 0 || raw_tag[found - 1] == '\n') &&
        (at == std::string_view::npos || found > at)) {
      at = found;
      ssh = start.find("SSH") != std::string_view::npos;
    }
  }
  if (at == std::string_view::npos) {
    return {SignatureState::none, "the tag is not signed"};
  }
  const TempDir dir;
  if (dir.path().empty()) {
    return {SignatureState::failed, "cannot create a temporary folder to verify the signature"};
  }
  const std::string payload(raw_tag.substr(0, at));
  const std::string signature(raw_tag.substr(at));
  return ssh ? verify_ssh(dir, payload, signature, email, allowed_signers)
             : verify_pgp(dir, payload, signature, email);
}

}  // namespace styr

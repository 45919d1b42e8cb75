// Preparing and recording a decision (`styr approve`): which documents the current git
// user may approve, what changed since each one's last approval (the decision packet), and
// the annotated tag that records the decision.
#pragma once

#include "styr/ledger.hpp"
#include "styr/snapshot.hpp"

#include <tl/expected.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace styr {

struct ApproveRequest
{
  std::string reference;    // Beslut: "KS 2026-03-15 § 45"
  std::string case_number;  // Diarienummer:
  std::string title;        // the message's first line; generated when empty
  std::vector<std::string> ids;  // empty: every changed or draft document the user may approve
  std::string email;        // the deciding person (git user.email)
  bool sign = false;
  bool dry_run = false;     // anyone may prepare a decision: without authority, for every body
};

struct PacketItem
{
  std::string id;
  std::string title;
  std::string path;
  std::string decided_by;
  Status status = Status::draft;
  bool retiring = false;  // the committed content is retired: the decision repeals the document
  int version = 0;      // now
  int new_version = 0;  // after the decision
  std::size_t changed_blocks = 0;  // paragraphs, headings, rows … changed since the last approval
  std::string changes;  // the changes as marked text ([-removed-]{+added+})
  Date review_due{};    // when the decision's content is to be reviewed next
};

struct DecisionPacket
{
  std::string approver;  // empty when prepared by someone who may not decide (a dry run)
  std::string email;
  std::string tag;      // the tag name to create
  std::string message;  // the tag message with trailers
  std::vector<PacketItem> items;
};

// The e-mail address git will write as the tagger (user.email, or GIT_COMMITTER_EMAIL).
std::string current_git_email(const std::filesystem::path& repository);

// Everything that must hold before a decision is recorded; the reasons when it cannot be.
tl::expected<DecisionPacket, std::vector<std::string>> prepare_decision(const Snapshot& snap,
                                                                        const ApproveRequest& request);

struct RecordError
{
  std::string message;
  bool refused = false;  // the tag was made but would not count, and was removed (not git failing)
};

// Creates the annotated (optionally signed) tag at HEAD with `git tag`, which writes the
// reference atomically: there is either a complete tag or none.
tl::expected<void, RecordError> record_decision(const Snapshot& snap, const DecisionPacket& packet, bool sign);

}  // namespace styr

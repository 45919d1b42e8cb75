# Forged decisions (PRODUCT.md §5): a tagger field that imitates an approver, a tag moved or
# replaced after the approval, a roster that tries to approve itself, signatures switched
# off or a signing key slipped in without a decision. None of them approves anything.

ssh_key() { # ssh_key NAME EMAIL: makes a key pair; prints its allowed-signers line
  ssh-keygen -q -t ed25519 -N "" -C "$2" -f "$TEST_DIR/$1" >/dev/null
  printf '%s namespaces="git" %s\n' "$2" "$(cat "$TEST_DIR/$1.pub")"
}

# signed_tag KEY EMAIL TAG DATE ID...: a tag signed with KEY, its tagger field set to EMAIL.
signed_tag() {
  local key=$1 email=$2 tag=$3 date=$4
  shift 4
  local msg="Beslut"$'\n\n'"Beslut: KS 2026-03-15 § 45"
  local id
  for id in "$@"; do msg+=$'\n'"Fastställer: $id"; done
  GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_NAME="${email%@*}" GIT_COMMITTER_DATE=$date \
    g -c gpg.format=ssh -c user.signingkey="$TEST_DIR/$key" tag -s "$tag" -m "$msg"
}

# A repository whose first roster requires SSH-signed decisions, with keys for Karin (KF, KS)
# and Anna (kommundirektör) in its allowed signers.
signed_repo() {
  make_repo r && cd r || exit 1
  { ssh_key karin kf@exempelkommun.se; ssh_key anna anna.berg@exempelkommun.se; } >allowed_signers
  printf '\n[approval]\nrequire_signed_tags = true\n' >>styr.toml
  g add -A && g commit -q --amend --no-edit
}

test_forgery_unsigned_tag_in_an_approvers_name_is_rejected() {
  signed_repo
  # Anyone can write Karin's name and address into the tagger field.
  decide beslut/forged --date 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  expect_field IS-POL-001 problems \
    "beslut/forged: the tag is not signed, and the roster requires signed decisions"
  styr check
  expect_rc 0
  expect_out "warning[rejected-decision]: beslut/forged: the tag is not signed, and the roster requires signed decisions"
  styr build
  expect_rc 0
  [ ! -e _site/dokument/IS-POL-001 ] || fail "a forged decision was published"
}

test_forgery_a_stranger_key_in_an_approvers_name_is_rejected() {
  signed_repo
  ssh_key mallory kf@exempelkommun.se >/dev/null
  signed_tag mallory kf@exempelkommun.se beslut/forged 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -qF "beslut/forged: the signature is not valid" || fail "no reason given"
}

# Anna's key is genuine, but only for Anna: it cannot sign a decision in Karin's name.
test_forgery_an_approvers_own_key_cannot_sign_as_another_approver() {
  signed_repo
  signed_tag anna kf@exempelkommun.se beslut/borrowed 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -qF "beslut/borrowed: the signature is not valid" || fail "no reason given"
  signed_tag karin kf@exempelkommun.se beslut/genuine 2026-02-02T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 tag beslut/genuine
}

test_forgery_a_tag_recreated_on_another_commit_without_a_signature() {
  signed_repo
  signed_tag karin kf@exempelkommun.se beslut/a 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  # Someone edits the policy, deletes the decision and makes it again on the new commit.
  sed -i 's/Årligen./Aldrig./' policies/policy.md && commit_all
  g tag -d beslut/a >/dev/null
  decide beslut/a --date 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -qF "beslut/a: the tag is not signed" || fail "the recreated tag is not flagged"
  styr build
  expect_rc 0
  [ ! -e _site/dokument/IS-POL-001 ] || fail "the edited policy was published"
  ! grep -rqF "Aldrig." _site || fail "the unapproved text is on the site"
}

# Moving a genuine signed tag object to another name does not make a second decision of it:
# the name inside the signed tag is the decision's name.
test_forgery_a_signed_tag_under_another_name_is_flagged() {
  signed_repo
  ssh_key dummy x@example.com >/dev/null
  GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek" GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 \
    g -c gpg.format=ssh -c user.signingkey="$TEST_DIR/karin" tag -s arkiv/2026 \
    -m $'Arkivering, inget beslut\n\nFastställer: IS-POL-001'
  expect_field IS-POL-001 status draft
  # The signed object of arkiv/2026 is given a name that matches the decision pattern.
  g update-ref refs/tags/beslut/stulen "$(g rev-parse arkiv/2026)"
  styr status
  expect_rc 0
  expect_err "beslut/stulen"
  expect_err "arkiv/2026"
  expect_field IS-POL-001 status draft
}

test_forgery_a_lightweight_tag_replacing_a_decision_is_flagged() {
  make_repo r && cd r || exit 1
  decide beslut/a --date 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  sed -i 's/Årligen./Aldrig./' policies/policy.md && commit_all
  g tag -d beslut/a >/dev/null
  g tag beslut/a
  styr status
  expect_rc 0
  expect_err "tag beslut/a is a lightweight tag, not a decision"
  expect_field IS-POL-001 status draft
  styr check
  expect_rc 0
  expect_err "beslut/a is a lightweight tag"
  styr build
  expect_rc 0
  ! grep -rqF "Aldrig." _site || fail "the unapproved text is on the site"
}

test_forgery_a_new_approver_cannot_approve_the_roster_that_adds_them() {
  make_repo r && cd r || exit 1
  cat >>approvers.toml <<'TOML'

[[approver]]
name = "Mallory"
email = "mallory@example.com"
bodies = ["kommunstyrelsen", "kommunfullmäktige"]
TOML
  commit_all
  decide beslut/coup --by mallory@example.com --date 2026-02-01T10:00:00+01:00 approvers IS-POL-001
  expect_field IS-POL-001 status draft
  decide beslut/after --by mallory@example.com --date 2026-02-02T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  styr check
  expect_out "warning[roster-unapproved]"
}

# Lowering roster_body so that one's own authority suffices is itself a roster change.
test_forgery_roster_body_lowered_in_the_same_commit_is_rejected() {
  make_repo r && cd r || exit 1
  printf '\n[approval]\nroster_body = "kommundirektör"\n' >>styr.toml
  sed -i 's/bodies = \["kommundirektör"\]/bodies = ["kommundirektör", "kommunfullmäktige"]/' approvers.toml
  commit_all
  decide beslut/coup --by anna.berg@exempelkommun.se --date 2026-02-01T10:00:00+01:00 approvers
  decide beslut/after --by anna.berg@exempelkommun.se --date 2026-02-02T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  styr log IS-POL-001
  expect_rc 0
  styr check
  expect_out "warning[roster-unapproved]"
}

# Pointing the roster at another file is a roster edit like any other.
test_forgery_approvers_file_moved_without_a_decision_has_no_effect() {
  make_repo r && cd r || exit 1
  cat >mine.toml <<'TOML'
[[approver]]
name = "Anna Berg"
email = "anna.berg@exempelkommun.se"
bodies = ["kommunfullmäktige", "kommunstyrelsen"]
TOML
  printf '\n[approval]\napprovers = "mine.toml"\n' >>styr.toml
  commit_all
  decide beslut/self --by anna.berg@exempelkommun.se --date 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  styr check
  expect_out "warning[roster-unapproved]"
}

test_forgery_unsigned_roster_decision_cannot_switch_signatures_off() {
  signed_repo
  sed -i 's/require_signed_tags = true/require_signed_tags = false/' styr.toml && commit_all
  # Karin's name, no signature: the roster that requires signatures is still in force.
  decide beslut/off --date 2026-02-01T10:00:00+01:00 approvers
  decide beslut/then --date 2026-02-02T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -qF "beslut/then: the tag is not signed" || fail "signatures were switched off"
  styr check
  expect_out "warning[roster-unapproved]"
}

test_forgery_a_key_slipped_into_allowed_signers_has_no_effect() {
  signed_repo
  ssh_key mallory kf@exempelkommun.se >>allowed_signers
  commit_all
  signed_tag mallory kf@exempelkommun.se beslut/forged 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -qF "beslut/forged: the signature is not valid" || fail "the slipped-in key counted"
  styr check
  expect_out "warning[roster-unapproved]"
  # Once the roster with the new key is approved by a signed decision, it counts.
  signed_tag karin kf@exempelkommun.se beslut/roster 2026-02-02T10:00:00+01:00 approvers
  signed_tag mallory kf@exempelkommun.se beslut/later 2026-02-03T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
}

# styr approve --sign with a key the allowed signers do not list: git signs, but the decision
# would not count, so approve removes the tag and says why instead of reporting success.
test_forgery_approve_removes_a_signed_decision_its_roster_would_not_verify() {
  signed_repo
  ssh_key unlisted kf@exempelkommun.se >/dev/null
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  g config gpg.format ssh
  g config user.signingkey "$TEST_DIR/unlisted"
  styr approve --decision "KF 2" --sign IS-POL-001
  expect_rc 1
  expect_err "the tag's signature does not verify against allowed_signers"
  [ -z "$(g tag)" ] || fail "the tag was left: $(g tag)"
  g config user.signingkey "$TEST_DIR/karin"
  styr approve --decision "KF 2" --sign IS-POL-001
  expect_rc 0
  expect_field IS-POL-001 status approved
}

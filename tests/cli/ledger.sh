# The approval ledger (PRODUCT.md §5): every rule, on real git repositories.

test_never_approved_is_draft() {
  make_repo r && cd r
  expect_field IS-POL-001 status draft
  expect_field IS-POL-001 version 0
  expect_field IS-POL-001 approved_at null
}

test_decision_by_the_right_body_approves() {
  make_repo r && cd r
  decide beslut/2026-03-15-kf IS-POL-001
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 version 1
  expect_field IS-POL-001 approved_at 2026-03-15
  expect_field IS-POL-001 approved_by "Karin Ek"
  expect_field IS-POL-001 decision "KS 2026-03-15 § 45"
  expect_field IS-POL-001 case_number "KS 2026/123"
  expect_field IS-POL-001 tag beslut/2026-03-15-kf
  expect_field IS-POL-001 review_due 2030-03-15
  expect_field IS-POL-001 overdue false
}

test_an_edit_after_approval_is_changed() {
  make_repo r && cd r
  decide beslut/a IS-POL-001
  sed -i 's/Årligen./Varje halvår./' policies/policy.md
  expect_field IS-POL-001 status changed
  commit_all
  expect_field IS-POL-001 status changed
  expect_field IS-POL-001 version 1
}

test_reapproval_without_change_keeps_version_and_restarts_review() {
  GIT_AUTHOR_DATE=2022-01-03T08:00:00+01:00 GIT_COMMITTER_DATE=2022-01-03T08:00:00+01:00 make_repo r && cd r
  decide beslut/a --date 2022-01-10T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 overdue true
  decide beslut/b --date 2026-02-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 version 1
  expect_field IS-POL-001 approved_at 2026-02-01
  expect_field IS-POL-001 review_due 2030-02-01
  expect_field IS-POL-001 overdue false
  expect_field IS-POL-001 tag beslut/b
}

test_approving_a_revision_raises_the_version() {
  make_repo r && cd r
  decide beslut/a --date 2026-01-10T10:00:00+01:00 IS-POL-001
  sed -i 's/Årligen./Varje halvår./' policies/policy.md && commit_all
  decide beslut/b --date 2026-02-10T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 version 2
}

test_retired_document() {
  make_repo r && cd r
  decide beslut/a --date 2026-01-10T10:00:00+01:00 IS-POL-001
  sed -i 's/^publicity = "offentlig"/publicity = "offentlig"\nretired = true/' policies/policy.md && commit_all
  expect_field IS-POL-001 status changed
  decide beslut/b --date 2026-02-10T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status retired
}

test_a_decision_off_the_history_counts_once_merged() {
  make_repo r && cd r
  g checkout -q -b revision
  sed -i 's/Årligen./Varje halvår./' policies/policy.md && commit_all
  decide beslut/revision IS-POL-001
  g checkout -q main
  expect_field IS-POL-001 status draft
  # An auditor comparing git tag with the decision log is told why this one does not count.
  styr status
  expect_err "tag beslut/revision is on commit"
  expect_err "which is not in the history of HEAD (a branch not merged yet?)"
  g merge -q --ff-only revision
  expect_field IS-POL-001 status approved
  styr status
  expect_err "styr status: 1 document: 1 approved, 0 changed, 0 draft, 0 retired; 0 reviews overdue"
  [[ "$ERR" != *"not in the history"* ]] || fail "a merged decision is still said to be off the history: $ERR"
  # Read at an earlier revision, the decisions made after it are no news.
  styr status --rev HEAD~1
  [[ "$ERR" != *"not in the history"* ]] || fail "a later decision is said to be off the history: $ERR"
}

# beslut/a approves IS-POL-001 on main; on the branch "revision" a revision of it is committed
# and approved by beslut/b of 2026-02-05; back on main.
revision_approved_on_a_branch() {
  decide beslut/a --date 2026-01-10T10:00:00+01:00 IS-POL-001
  g checkout -q -b revision
  sed -i 's/Årligen./Varje halvår./' policies/policy.md && commit_all "B" 2026-02-01T08:00:00+01:00
  decide beslut/b --date 2026-02-05T10:00:00+01:00 IS-POL-001
  g checkout -q main
}

test_a_merged_decision_older_than_one_already_here_is_said_to_renumber_the_versions() {
  make_repo r && cd r
  revision_approved_on_a_branch
  sed -i 's/Årligen./Varje kvartal./' policies/policy.md && commit_all "C" 2026-03-01T08:00:00+01:00
  decide beslut/c --date 2026-03-05T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 version 2
  styr status
  expect_no_err "numbered anew"
  # The branch comes in: its decision is older than beslut/c, so beslut/c's text is version 3 now.
  GIT_COMMITTER_DATE=2026-04-01T08:00:00+01:00 g merge -q -s ours -m "Revisionen" revision
  expect_field IS-POL-001 version 3
  styr status
  expect_err "IS-POL-001: decision beslut/b (2026-02-05) came into this history with a merge on 2026-04-01 07:00 UTC, after beslut/c (2026-03-05) had approved the document; its versions from 2 on are numbered anew, so the site's version 2 now shows what beslut/b approved"
  styr check
  expect_err "its versions from 2 on are numbered anew"
  styr build
  expect_err "its versions from 2 on are numbered anew"
  grep -q "Varje halvår" _site/dokument/IS-POL-001/v2.html || fail "version 2 is not beslut/b's text"
  # Until the next decision: then the numbers are what that decision was made under.
  decide beslut/d --date 2026-05-05T10:00:00+01:00 IS-POL-001
  styr status
  expect_no_err "numbered anew"
}

test_a_merged_decision_that_is_the_latest_renumbers_nothing() {
  make_repo r && cd r
  revision_approved_on_a_branch
  echo "Ny fil." >notes.txt && commit_all "Annat" 2026-02-02T08:00:00+01:00
  GIT_COMMITTER_DATE=2026-02-10T08:00:00+01:00 g merge -q -m "Revisionen" revision
  expect_field IS-POL-001 version 2
  styr status
  expect_no_err "numbered anew"
}

test_a_supporting_document_is_published_by_the_commit_that_last_changed_it() {
  make_repo r && cd r
  mkdir -p policies/stod
  cat >policies/stod/handbok.md <<'DOC'
+++
id = "IS-HB-001"
title = "Handbok"
type = "handbok"
owner = "informationssäkerhetssamordnare"
audience = ["alla medarbetare"]
review_interval_months = 24
publicity = "offentlig"
+++

# Handbok

## Syfte

Stöd i vardagen.
DOC
  GIT_AUTHOR_NAME="Eva Lund" commit_all "Handboken" 2026-01-10T10:00:00+01:00
  sed -i 's/Årligen./Varje halvår./' policies/policy.md
  GIT_AUTHOR_NAME="Olle Berg" commit_all "Policyn" 2026-02-10T10:00:00+01:00
  g mv policies/stod policies/handbocker
  GIT_AUTHOR_NAME="Olle Berg" commit_all "Flyttad, inte ändrad" 2026-03-10T10:00:00+01:00
  expect_field IS-HB-001 status approved
  expect_field IS-HB-001 approved_at 2026-01-10
  expect_field IS-HB-001 approved_by "Eva Lund"
  echo "Ny rad." >>policies/handbocker/handbok.md
  GIT_AUTHOR_NAME="Olle Berg" commit_all "Handboken ändrad" 2026-04-10T10:00:00+01:00
  expect_field IS-HB-001 approved_at 2026-04-10
  expect_field IS-HB-001 approved_by "Olle Berg"
  # On the site it is a supporting document, published, not approved.
  decide beslut/1 --date 2026-04-11T10:00:00+01:00 IS-POL-001
  styr build
  grep -qF '<span class="status">Stöddokument</span> <span class="sep">·</span> Publicerad 2026-04-10' \
    _site/dokument/IS-HB-001/index.html || fail "the handbook's status line is not that of a supporting document"
  ! grep -qF "Fastställd" _site/dokument/IS-HB-001/index.html || fail "the handbook is called approved"
  sed -i 's/^type = "handbok"/&\nparent = "IS-POL-001"/' policies/handbocker/handbok.md  # so that check passes
  commit_all "Förälder" 2026-04-12T10:00:00+01:00
  GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek" styr approve --decision "KS 9" IS-HB-001
  expect_rc 1
  expect_err "refused: IS-HB-001 is a handbok, which is published as committed without a decision"
}

test_lightweight_tag_does_not_approve_and_warns() {
  make_repo r && cd r
  g tag beslut/lightweight
  styr status
  expect_err "lightweight tag"
  expect_field IS-POL-001 status draft
  # The decision log says so too, beside its data: whoever tagged believes it was decided.
  styr log --format json
  expect_rc 0
  expect_err "tag beslut/lightweight is a lightweight tag, not a decision"
  [ "$(jq length <<<"$OUT")" = 0 ] || fail "the log should list no decision"
  styr log IS-POL-001
  expect_err "tag beslut/lightweight is a lightweight tag"
}

test_tag_outside_the_pattern_does_not_approve() {
  make_repo r && cd r
  decide v1.0 IS-POL-001
  expect_field IS-POL-001 status draft
  expect_field IS-POL-001 problems "v1.0: the tag name does not match the decision pattern \"beslut/*\""
}

test_tagger_not_in_the_roster_is_rejected() {
  make_repo r && cd r
  decide beslut/a --by mallory@example.com IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -q "not in the roster" || fail "no problem reported"
}

test_a_rejection_is_forgotten_once_a_later_decision_approves() {
  make_repo r && cd r
  decide beslut/a --by anna.berg@exempelkommun.se --date 2026-03-01T10:00:00+01:00 IS-POL-001
  styr check
  expect_out "warning[rejected-decision]"
  decide beslut/b --date 2026-03-15T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  styr check
  expect_rc 0
  expect_out_lines 0
  # The log keeps the rejection on record.
  styr log IS-POL-001
  expect_out "2026-03-01  avvisat  beslut/a"
}

test_approver_without_the_body_is_rejected() {
  make_repo r && cd r
  decide beslut/a --by anna.berg@exempelkommun.se IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -q "IS-POL-001 is decided by kommunfullmäktige" || fail "no reason"
  styr check
  expect_rc 0
  expect_out "warning[rejected-decision]"
}

# decided_by is part of the text a decision approves: an edit of it must not let another
# body take the document over. The body that decided it so far decides the move.
test_a_document_moves_to_another_body_only_by_a_decision_of_the_one_it_had() {
  make_repo r && cd r
  printf '\n[[approver]]\nname = "Nils Nord"\nemail = "nils@exempelkommun.se"\nbodies = ["kommunstyrelsen"]\n' \
    >>approvers.toml
  commit_all "Nils" 2026-03-01T10:00:00+01:00
  decide beslut/roster --date 2026-03-10T10:00:00+01:00 approvers
  decide beslut/kf-1 --date 2026-03-15T10:00:00+01:00 IS-POL-001
  sed -i 's/^decided_by = "kommunfullmäktige"/decided_by = "kommunstyrelsen"/' policies/policy.md
  printf '\nEtt nytt stycke.\n' >>policies/policy.md
  commit_all "Till KS" 2026-04-01T10:00:00+01:00
  export GIT_COMMITTER_EMAIL=nils@exempelkommun.se GIT_COMMITTER_NAME="Nils Nord"
  export GIT_COMMITTER_DATE=2026-04-02T10:00:00+01:00
  styr approve --decision "KS 2026-04-02 § 3" IS-POL-001
  expect_rc 1
  expect_err "IS-POL-001 was decided by kommunfullmäktige; moving it to kommunstyrelsen is for kommunfullmäktige"
  decide beslut/ks-1 --by nils@exempelkommun.se --date 2026-04-02T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status changed
  field IS-POL-001 problems | grep -qF "moving it to kommunstyrelsen is for kommunfullmäktige to decide" \
    || fail "no reason for the rejection: $(field IS-POL-001 problems)"
  # Kommunfullmäktige moves it; from then on kommunstyrelsen decides it.
  decide beslut/kf-2 --date 2026-04-03T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 version 2
  printf '\nEtt tredje stycke.\n' >>policies/policy.md
  commit_all "Tredje" 2026-05-01T10:00:00+01:00
  decide beslut/ks-2 --by nils@exempelkommun.se --date 2026-05-02T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 version 3
}

# A decision stays in force until another retires it; deleting the file, or changing its id,
# does not end it: the site keeps publishing it, and status says so.
test_an_approved_document_without_a_file_is_named() {
  make_repo r && cd r
  write_riktlinje policies/rl.md
  commit_all
  decide beslut/a IS-POL-001 IS-RL-001
  sed -i 's/^id = "IS-RL-001"/id = "IS-RL-010"/' policies/rl.md
  commit_all "Nytt id" 2026-04-01T10:00:00+02:00
  styr status
  expect_rc 0
  expect_err "IS-RL-001 (policies/rl.md) is approved, but no document has that id now"
  expect_err "the site keeps publishing version 1 until a decision retires it"
  styr build
  expect_rc 0
  [ -f _site/dokument/IS-RL-001/index.html ] || fail "the approved document is no longer published"
  # Retired by a decision, it is gone for good, and nothing is said.
  sed -i 's/^id = "IS-RL-010"/id = "IS-RL-001"/; s/^publicity = .*/&\nretired = true/' policies/rl.md
  commit_all "Upphävd" 2026-05-01T10:00:00+02:00
  decide beslut/b --date 2026-05-02T10:00:00+02:00 IS-RL-001
  g rm -q policies/rl.md && commit_all "Bort" 2026-06-01T10:00:00+02:00
  styr status
  expect_rc 0
  [[ "$ERR" != *"no document has that id"* ]] || fail "a retired document is still named: $ERR"
}

test_id_missing_at_the_tagged_commit_is_rejected() {
  make_repo r && cd r
  decide beslut/a IS-RL-404
  styr log IS-RL-404
  expect_rc 0
  expect_out "no document has the id IS-RL-404 at the tagged commit"
}

test_a_document_added_after_the_tag_is_not_approved_by_it() {
  make_repo r && cd r
  decide beslut/a IS-POL-001 IS-RL-001
  write_riktlinje policies/rl.md && commit_all
  expect_field IS-RL-001 status draft
}

test_rename_and_move_keep_the_approval() {
  make_repo r && cd r
  decide beslut/a IS-POL-001
  mkdir -p policies/policy && g mv policies/policy.md policies/policy/informationssakerhetspolicy.md && commit_all
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 path policies/policy/informationssakerhetspolicy.md
}

test_status_at_an_older_revision() {
  make_repo r && cd r
  decide beslut/a --date 2026-01-10T10:00:00+01:00 IS-POL-001
  sed -i 's/Årligen./Varje halvår./' policies/policy.md && commit_all
  decide beslut/b --date 2026-02-10T10:00:00+01:00 IS-POL-001
  styr status --format json --rev beslut/a
  expect_rc 0
  [ "$(jq -r '.[0].version' <<<"$OUT")" = 1 ] || fail "version at beslut/a"
  [ "$(jq -r '.[0].tag' <<<"$OUT")" = beslut/a ] || fail "tag at beslut/a"
  styr status --rev no-such-rev
  expect_rc 3
  expect_err "cannot resolve revision 'no-such-rev'"
  styr status --rev HEAD:styr.toml
  expect_rc 3
  expect_err "cannot resolve revision 'HEAD:styr.toml': it names a file, not a commit"
  styr status --rev ""
  expect_err "cannot resolve revision '': it is empty"
  expect_no_err "^{commit}"
}

test_several_decisions_on_one_commit() {
  make_repo r && cd r
  write_riktlinje policies/rl.md && commit_all
  decide beslut/kf --date 2026-01-10T10:00:00+01:00 IS-POL-001
  decide beslut/ks --date 2026-01-11T10:00:00+01:00 IS-RL-001
  expect_field IS-POL-001 tag beslut/kf
  expect_field IS-RL-001 tag beslut/ks
  expect_field IS-RL-001 status approved
}

test_comma_separated_ids_and_english_trailer() {
  make_repo r && cd r
  write_riktlinje policies/rl.md && commit_all
  GIT_COMMITTER_EMAIL=kf@exempelkommun.se g tag -a beslut/x -m $'Decision\n\nDecision: KS 1\nApproves: IS-POL-001, IS-RL-001'
  expect_field IS-POL-001 status approved
  expect_field IS-RL-001 status approved
}

test_tag_on_a_tree_is_not_a_decision() {
  make_repo r && cd r
  tree=$(g rev-parse HEAD^{tree})
  GIT_COMMITTER_EMAIL=kf@exempelkommun.se g tag -a beslut/tree "$tree" -m $'X\n\nFastställer: IS-POL-001'
  styr status
  expect_err "does not point at a commit"
  expect_field IS-POL-001 status draft
}

test_a_decision_that_approves_nothing_says_why() {
  make_repo r && cd r
  decide beslut/okand IS-RL-999
  GIT_COMMITTER_NAME="Karin Ek" GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_DATE=2026-03-16T10:00:00+01:00 \
    g tag -a beslut/stavfel -m $'Beslut\n\nBeslut: KS 9\nFaststaller: IS-POL-001'
  for command in status check; do
    styr "$command"
    expect_err "tag beslut/okand approves IS-RL-999, which no document had at the tagged commit and none has now"
    expect_err "tag beslut/stavfel lists no documents (Fastställer: ID), so it approves nothing"
  done
}

test_unapproved_roster_edit_has_no_effect() {
  make_repo r && cd r
  decide beslut/roster --date 2026-01-01T10:00:00+01:00 approvers
  # Anna promotes herself to kommunfullmäktige without a roster decision.
  sed -i 's/bodies = \["kommundirektör"\]/bodies = ["kommundirektör", "kommunfullmäktige"]/' approvers.toml && commit_all
  decide beslut/self --by anna.berg@exempelkommun.se --date 2026-01-02T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  styr check
  expect_out "warning[roster-unapproved]"
  styr status
  expect_err "approvers.toml:1:1: warning[roster-unapproved]: the approvers differ from the roster in force"
}

test_a_roster_decision_cannot_promote_its_own_tagger() {
  make_repo r && cd r
  sed -i 's/bodies = \["kommundirektör"\]/bodies = ["kommundirektör", "kommunstyrelsen", "kommunfullmäktige"]/' approvers.toml && commit_all
  # Anna approves the roster that promotes her, and the policy, in one decision.
  decide beslut/coup --by anna.berg@exempelkommun.se --date 2026-01-02T10:00:00+01:00 approvers IS-POL-001
  expect_field IS-POL-001 status draft
  decide beslut/next --by anna.berg@exempelkommun.se --date 2026-01-03T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
}

test_an_approved_roster_takes_effect_for_later_decisions() {
  make_repo r && cd r
  cat >>approvers.toml <<'TOML'

[[approver]]
name = "Nils Nord"
email = "nils@exempelkommun.se"
bodies = ["kommunfullmäktige"]
TOML
  commit_all
  decide beslut/early --by nils@exempelkommun.se --date 2026-01-01T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status draft
  decide beslut/roster --date 2026-01-02T10:00:00+01:00 approvers
  decide beslut/late --by nils@exempelkommun.se --date 2026-01-03T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 approved_by "Nils Nord"
}

# Anna (kommundirektör) loses her authority by a roster decision on 2026-02-01; IS-RL-001 is
# hers to decide.
make_withdrawn_authority_repo() {
  make_repo r && cd r || exit 1
  write_riktlinje policies/rl1.md
  sed -i 's/^decided_by = .*/decided_by = "kommundirektör"/' policies/rl1.md
  sed -i 's/bodies = \["kommundirektör"\]/bodies = []/' approvers.toml
  commit_all "Anna lämnar" 2026-02-01T09:00:00+01:00
}

test_a_decision_dated_before_what_it_approves_is_refused() {
  make_withdrawn_authority_repo
  decide beslut/roster --date 2026-02-01T10:00:00+01:00 approvers
  printf '\nTillägg.\n' >>policies/rl1.md
  commit_all "Tillägg" 2026-02-05T09:00:00+01:00
  # Dated back to when she still held the authority, the tag would be judged by the old roster.
  decide beslut/backdated --by anna.berg@exempelkommun.se --date 2026-01-20T10:00:00+01:00 IS-RL-001
  expect_field IS-RL-001 status draft
  field IS-RL-001 problems |
    grep -qF "before the roster decision beslut/roster, but approves commits made after it (2026-02-05 08:00 UTC)" ||
    fail "no problem about the date: $(field IS-RL-001 problems)"
  # Within the clocks' difference a tag is judged like any other: here, on its authority.
  decide beslut/skewed --date 2026-02-05T08:30:00+01:00 IS-RL-001
  field IS-RL-001 problems | grep -qF "Karin Ek holds no such authority" ||
    fail "the tag within the clocks' difference was not judged on authority: $(field IS-RL-001 problems)"
}

test_a_decision_dated_before_its_commit_but_after_every_roster_change_counts() {
  # Nothing to escape: a tag dated before its commit, as a script may date it, is judged at
  # its date.
  make_repo r && cd r
  commit_all "Senare" 2026-05-01T10:00:00+02:00
  decide beslut/1 --date 2026-03-15T10:00:00+01:00 IS-POL-001
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 approved_at 2026-03-15
}

test_a_decision_in_the_same_second_as_a_roster_change_is_judged_by_the_new_roster() {
  make_withdrawn_authority_repo
  # "beslut/a" sorts before "beslut/roster": by name alone it would come first.
  decide beslut/roster --date 2026-02-01T10:00:00+01:00 approvers
  decide beslut/a --by anna.berg@exempelkommun.se --date 2026-02-01T10:00:00+01:00 IS-RL-001
  expect_field IS-RL-001 status draft
}

test_unapproved_edit_cannot_switch_signatures_off() {
  make_repo r && cd r
  printf '\n[approval]\nrequire_signed_tags = true\n' >>styr.toml && g add -A && g commit -q --amend --no-edit
  printf 'require_signed_tags = false\n' >/dev/null
  sed -i 's/require_signed_tags = true/require_signed_tags = false/' styr.toml && commit_all
  decide beslut/unsigned IS-POL-001
  expect_field IS-POL-001 status draft
  field IS-POL-001 problems | grep -q "not signed" || fail "no signature problem"
}

make_ssh_signer() { # make_ssh_signer NAME EMAIL: a key pair; prints the allowed-signers line
  ssh-keygen -q -t ed25519 -N "" -C "$2" -f "$TEST_DIR/$1" >/dev/null
  printf '%s namespaces="git" %s\n' "$2" "$(cat "$TEST_DIR/$1.pub")"
}

signed_decide() { # signed_decide KEY TAG ID
  GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek" \
    g -c gpg.format=ssh -c user.signingkey="$TEST_DIR/$1" tag -s "$2" -m $'Beslut\n\nBeslut: KF 1\nFastställer: '"$3"
}

test_ssh_signed_decisions() {
  make_repo r && cd r
  make_ssh_signer karin kf@exempelkommun.se >allowed_signers
  make_ssh_signer mallory kf@exempelkommun.se >/dev/null
  make_ssh_signer stranger stranger@example.com >/dev/null
  printf '\n[approval]\nrequire_signed_tags = true\n' >>styr.toml
  g add -A && g commit -q --amend --no-edit
  write_riktlinje policies/a.md IS-RL-001 && write_riktlinje policies/b.md IS-RL-002 "Riktlinje B" && commit_all

  signed_decide karin beslut/good IS-POL-001
  signed_decide mallory beslut/wrong-key IS-RL-001
  signed_decide stranger beslut/unknown-key IS-RL-002
  expect_field IS-POL-001 status approved
  expect_field IS-RL-001 status draft
  expect_field IS-RL-002 status draft
  field IS-RL-001 problems | grep -q "signature is not valid" || fail "wrong key not reported"
  styr log IS-POL-001
  expect_out "(signed)"
}

test_shallow_clone_says_history_is_missing() {
  make_repo r && (cd r && decide beslut/a IS-POL-001 && echo x >>policies/policy.md && commit_all && echo y >>policies/policy.md && commit_all)
  g clone -q --depth 1 "file://$TEST_DIR/r" shallow
  styr -C shallow status
  expect_rc 3
  expect_err "shallow clone"
}

test_crlf_checkout_is_still_approved() {
  make_repo r && (cd r && decide beslut/a IS-POL-001)
  g -c core.autocrlf=true clone -q r crlf
  grep -q $'\r' crlf/policies/policy.md || fail "the checkout has no CRLF"
  cd crlf
  expect_field IS-POL-001 status approved
}

test_crlf_without_git_filters_is_still_approved() {
  make_repo r && cd r
  decide beslut/a IS-POL-001
  sed -i 's/$/\r/' policies/policy.md
  expect_field IS-POL-001 status approved
}

test_log_lists_decisions_newest_first() {
  make_repo r && cd r
  decide beslut/a --date 2026-01-10T10:00:00+01:00 IS-POL-001
  decide beslut/b --date 2026-02-10T10:00:00+01:00 IS-POL-001
  styr log IS-POL-001
  expect_rc 0
  first=$(grep -n "beslut/b" <<<"$OUT" | head -1 | cut -d: -f1)
  second=$(grep -n "beslut/a" <<<"$OUT" | head -1 | cut -d: -f1)
  [ "$first" -lt "$second" ] || fail "not newest first"
  expect_out "version 1 re-approved"
  styr log IS-NOPE-1
  expect_rc 2
}

# Without an id, the log is the whole repository's: every decision, what it approved, and
# what did not count and why.
test_log_without_an_id_lists_every_decision_and_what_did_not_count() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  commit_all
  decide beslut/a --date 2026-01-10T10:00:00+01:00 IS-POL-001
  decide beslut/b --date 2026-02-10T10:00:00+01:00 IS-RL-001 IS-RL-404
  decide beslut/c --date 2026-03-10T10:00:00+01:00 IS-POL-001
  styr log
  expect_rc 0
  local a b c
  a=$(grep -n "^2026-01-10  beslut/a" <<<"$OUT" | cut -d: -f1)
  b=$(grep -n "^2026-02-10  beslut/b" <<<"$OUT" | cut -d: -f1)
  c=$(grep -n "^2026-03-10  beslut/c" <<<"$OUT" | cut -d: -f1)
  [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$c" -lt "$b" ] && [ "$b" -lt "$a" ] \
    || fail "not every decision, newest first: $OUT"
  expect_out "    IS-POL-001 version 1 re-approved"
  expect_out "    räknas inte: IS-RL-404: no document has the id IS-RL-404 at the tagged commit"
  expect_out "    IS-RL-001 version 1"
  styr log --format json
  expect_rc 0
  expect_json '[.[].tag] | join(" ")' "beslut/c beslut/b beslut/a"
  expect_json '.[1].approvals | map(.id + " " + .kind) | join(",")' "IS-RL-001 approval"
  expect_json '.[1].problems | length' 1
  expect_json '.[0].approvals[0].kind' "re-approval"
  expect_json '.[2].approvals[0].blob | length' 40
  styr log IS-POL-001 IS-RL-001
  expect_rc 2
}

test_approve_dry_run_and_tag() {
  make_repo r && cd r
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  styr approve --decision "KF 2026-03-15 § 7" --dry-run
  expect_rc 0
  expect_out "IS-POL-001  Informationssäkerhetspolicy"
  [ -z "$(g tag)" ] || fail "a dry run made a tag"
  styr approve --decision "KF 2026-03-15 § 7" --case-number "KS 2026/1"
  expect_rc 0
  expect_field IS-POL-001 status approved
  expect_field IS-POL-001 case_number "KS 2026/1"
  g tag | grep -q '^beslut/.*-kf-7$' || fail "tag name: $(g tag)"
}

test_approve_refuses_someone_without_authority() {
  make_repo r && cd r
  export GIT_COMMITTER_EMAIL=anna.berg@exempelkommun.se
  styr approve --decision "KD 1" IS-POL-001
  expect_rc 1
  expect_err "IS-POL-001 is decided by kommunfullmäktige"
  [ -z "$(g tag)" ] || fail "a refused approval made a tag"
}

test_approve_refuses_on_check_errors() {
  make_repo r && cd r
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se
  sed -i 's/^## Syfte/## Syftet/' policies/policy.md && commit_all
  styr approve --decision "KF 1"
  expect_rc 1
  expect_err "styr check finds errors"
}

test_approve_refuses_uncommitted_content() {
  make_repo r && cd r
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se
  sed -i 's/Årligen./Varje halvår./' policies/policy.md
  styr approve --decision "KF 1" IS-POL-001
  expect_rc 1
  expect_err "not committed"
}

test_approve_takes_the_decision_on_one_line_and_each_id_once() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  commit_all
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  # A line break would add a trailer that the decision packet never showed.
  styr approve --decision $'KS 4\nFastställer: IS-RL-001' IS-POL-001
  expect_rc 2
  expect_err "--decision must be one line"
  styr approve --decision "KS 4" --case-number $'KS 1\nFastställer: IS-RL-001' IS-POL-001
  expect_rc 2
  styr approve --decision "KS 4" -m $'Rubrik\n\nFastställer: IS-RL-001' IS-POL-001
  expect_rc 2
  expect_err "--message must be one line"
  styr approve --decision "" IS-POL-001
  expect_rc 2
  [ -z "$(g tag)" ] || fail "a refused decision made a tag"
  styr approve --decision "KS 4" IS-POL-001 IS-POL-001
  expect_rc 0
  expect_err "approving 1 document"
  [ "$(g tag -l --format='%(contents)' | grep -c '^Fastställer: IS-POL-001$')" = 1 ] || fail "the id is listed twice"
  expect_field IS-RL-001 status draft
}

test_approve_refuses_an_unsigned_decision_that_the_roster_would_not_count() {
  make_repo r && cd r
  printf '\n[approval]\nrequire_signed_tags = true\n' >>styr.toml && g add -A && g commit -q --amend --no-edit
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  styr approve --decision "KS 50" IS-POL-001
  expect_rc 1
  expect_err "requires signed decisions"
  [ -z "$(g tag)" ] || fail "an unsigned tag was made"
}

test_approve_dry_run_is_the_officers_to_prepare() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  commit_all
  export GIT_COMMITTER_EMAIL=officer@exempelkommun.se GIT_COMMITTER_NAME="Sara Lind"
  styr approve --decision "KS 2026-03-15 § 45" --dry-run
  expect_rc 0
  expect_out "Förberett för den instans som beslutar om varje dokument"
  expect_out "IS-RL-001  Riktlinje för säkerhetskopiering  (beslutas av: kommunstyrelsen)"
  expect_out "Fastställer: IS-RL-001"
  # The policy is kommunfullmäktige's: the draft names no one body for both.
  expect_out "Beslut: fastställer Informationssäkerhetspolicy, Riktlinje för säkerhetskopiering."
  expect_no_out "Kommunstyrelsen fastställer"
  styr approve --decision "KS 2026-03-15 § 45" --dry-run IS-RL-001
  expect_out "Kommunstyrelsen fastställer Riktlinje för säkerhetskopiering."
  [ -z "$(g tag)" ] || fail "a dry run made a tag"
  styr approve --decision "KS 2026-03-15 § 45"
  expect_rc 1
  expect_err "is not in the roster of approvers in force"
}

test_approve_says_what_is_missing_before_a_decision_can_count() {
  make_repo r && cd r
  g update-ref -d HEAD  # as if the documents had never been committed
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  styr approve --decision "KS 1" --dry-run
  expect_rc 1
  expect_err "the repository has no commits"
  commit_all
  # Listed in approvers.toml, but by an edit that no decision has approved.
  printf '\n[[approver]]\nname = "Nils Nord"\nemail = "nils@exempelkommun.se"\nbodies = ["kommunstyrelsen"]\n' \
    >>approvers.toml
  commit_all
  export GIT_COMMITTER_EMAIL=nils@exempelkommun.se GIT_COMMITTER_NAME="Nils Nord"
  styr approve --decision "KS 1" IS-POL-001
  expect_rc 1
  expect_err "nils@exempelkommun.se is in approvers.toml, but that change of the roster is not approved yet"
}

test_approve_records_a_decision_once() {
  make_repo r && cd r
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  export GIT_COMMITTER_DATE=2026-03-15T10:00:00+01:00
  styr approve --decision "KF 2026-03-15 § 40" IS-POL-001
  expect_rc 0
  export GIT_COMMITTER_DATE=2026-09-01T10:00:00+02:00
  styr approve --decision "KF 2026-03-15 § 40" IS-POL-001
  expect_rc 1
  expect_err "IS-POL-001 is already approved by the decision KF 2026-03-15 § 40"
  [ "$(g tag -l 'beslut/*' | wc -l)" = 1 ] || fail "a second tag was made: $(g tag -l)"
  # Another decision on the same text is a review (aktualitetsprövning), and is recorded.
  styr approve --decision "KF 2026-09-01 § 12" IS-POL-001
  expect_rc 0
}

test_approve_calls_a_repeal_a_repeal() {
  make_repo r && cd r
  write_riktlinje policies/rl1.md
  write_riktlinje policies/rl2.md IS-RL-002 "Riktlinje för behörighet"
  commit_all
  decide beslut/1 IS-POL-001 IS-RL-001
  sed -i 's/^publicity = .*/&\nretired = true/' policies/rl1.md
  commit_all "Upphäv" 2026-03-20T10:00:00+01:00
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  styr approve --decision "KS 2026-03-25 § 9" IS-RL-001 IS-RL-002 --dry-run
  expect_rc 0
  expect_out "Ändring: upphävande"
  expect_out "Kommunstyrelsen fastställer Riktlinje för behörighet och upphäver Riktlinje för säkerhetskopiering."
}

test_approve_approves_the_roster_by_its_keyword() {
  make_repo r && cd r
  printf '\n[[approver]]\nname = "Nils Nord"\nemail = "nils@exempelkommun.se"\nbodies = ["kommunstyrelsen"]\n' \
    >>approvers.toml
  commit_all "Nils" 2026-03-01T10:00:00+01:00
  export GIT_COMMITTER_DATE=2026-03-15T10:00:00+01:00  # the decisions' date, after the commit
  export GIT_COMMITTER_EMAIL=anna.berg@exempelkommun.se GIT_COMMITTER_NAME="Anna Berg"
  styr approve --decision "KD 1" approvers
  expect_rc 1
  expect_err "the roster is decided by kommunstyrelsen; Anna Berg holds the authority of kommundirektör"
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  styr approve --decision "KS 2026-03-15 § 1" approvers
  expect_rc 0
  expect_out "approvers  Behörighetslistan  (beslutas av: kommunstyrelsen)"
  expect_out 'name = "Nils Nord"'
  expect_out "Fastställer: approvers"
  export GIT_COMMITTER_EMAIL=nils@exempelkommun.se GIT_COMMITTER_NAME="Nils Nord"
  # The roster decision put him in force: he is refused for his authority, not as a stranger.
  styr approve --decision "KS 2026-03-15 § 2" IS-POL-001
  expect_rc 1
  expect_err "IS-POL-001 is decided by kommunfullmäktige; Nils Nord holds the authority of kommunstyrelsen"
}

test_approve_refuses_a_user_outside_the_roster() {
  make_repo r && cd r
  export GIT_COMMITTER_EMAIL=someone@example.com
  styr approve --decision "KF 1" IS-POL-001
  expect_rc 1
  expect_err "not in the roster"
}

test_styr_toml_in_a_subfolder_of_the_repository_is_refused() {
  make_repo r && cd r
  mkdir kommun && g mv styr.toml approvers.toml policies kommun/ && g commit -qm "Flytta" >/dev/null
  cd kommun
  styr status
  expect_rc 3
  expect_err "styr.toml is in kommun/ inside the git repository"
  styr build
  expect_rc 3
  expect_err "it must be at the top of the repository"
  # check still checks the documents, and says that the decisions are not checked.
  styr check
  expect_rc 0
  expect_err "decisions are not checked: styr.toml is in kommun/"
}

# A pattern styr cannot name a tag for would give tags the ledger rejects: approve refuses
# before making one, and a pattern that is no pattern is a config error.
test_approve_refuses_a_tag_pattern_it_cannot_match() {
  make_repo r && cd r
  printf '\n[approval]\ntag_pattern = "dec/*/ks"\n' >>styr.toml && g add -A && g commit -q --amend --no-edit
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  styr approve --decision "KF 1" IS-POL-001
  expect_rc 1
  expect_err 'the decision tag pattern "dec/*/ks" (approval.tag_pattern) does not begin with a fixed part'
  [ -z "$(g tag)" ] || fail "a tag was made: $(g tag)"
  sed -i 's|^tag_pattern = .*|tag_pattern = "kf/*"|' styr.toml && g add -A && g commit -q --amend --no-edit
  styr approve --decision "KF 1" IS-POL-001
  expect_rc 0
  expect_field IS-POL-001 status approved
  sed -i 's|^tag_pattern = .*|tag_pattern = "beslut/[ab"|' styr.toml
  styr check
  expect_rc 3
  expect_err 'approval.tag_pattern must be a pattern of tag names'
}

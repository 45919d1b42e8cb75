# styr report and styr requirements (PRODUCT.md §7) on real repositories with decisions.

# Every status once: the policy approved, IS-RL-001 changed, IS-RL-002 draft, IS-RL-003 retired.
make_statuses_repo() {
  make_repo r && cd r || exit 1
  add_field policies/policy.md 'iso27002 = ["5.1"]\nmsb = [1]'
  write_riktlinje policies/rl1.md IS-RL-001 "Riktlinje för säkerhetskopiering"
  add_field policies/rl1.md 'iso27002 = ["8.13"]\nmsb = [4]'
  write_riktlinje policies/rl3.md IS-RL-003 "Gammal riktlinje"
  add_field policies/rl3.md 'iso27002 = ["8.7"]'
  commit_all "Första" 2026-01-10T10:00:00+01:00
  decide beslut/1 --date 2026-01-15T10:00:00+01:00 IS-POL-001 IS-RL-001 IS-RL-003
  add_field policies/rl3.md 'retired = true'
  commit_all "Upphäv" 2026-02-01T10:00:00+01:00
  decide beslut/2 --date 2026-02-05T10:00:00+01:00 IS-RL-003
  # Unapproved: IS-RL-001 adds 8.14, a draft lists 7.1.
  sed -i 's/^iso27002 = \["8.13"\]/iso27002 = ["8.13", "8.14"]/' policies/rl1.md
  write_riktlinje policies/rl2.md IS-RL-002 "Riktlinje för fysisk säkerhet"
  add_field policies/rl2.md 'iso27002 = ["7.1"]\nmsb = [6]'
  commit_all "Utkast" 2026-03-01T10:00:00+01:00
}

test_report_counts_agree_with_status() {
  make_statuses_repo
  local status
  status=$("$STYR" status --format json | jq -c 'reduce .[] as $d ({draft: 0, approved: 0, changed: 0, retired: 0}; .[$d.status] += 1)')
  styr report --format json
  expect_rc 0
  [ "$(json '.counts | tojson')" = "$status" ] || fail "counts $(json '.counts | tojson') differ from status $status"
  expect_json '.counts | [.draft, .approved, .changed, .retired] | join(",")' "1,1,1,1"
  expect_json '.awaiting_decision | join(",")' "IS-RL-001,IS-RL-002"
  expect_json '.organisation' "Testkommun"
}

test_report_leaves_out_a_document_without_an_id_and_says_where() {
  make_statuses_repo
  printf 'Ingen front matter.\n' >policies/trasig.md
  styr report --format json
  expect_rc 0
  expect_json '.counts | [.draft, .approved, .changed, .retired] | join(",")' "1,1,1,1"
  expect_err "policies/trasig.md:1:1: warning[front-matter-missing]:"
  styr report
  expect_out "| **Totalt** | **4** |"
  for command in status requirements; do
    styr "$command"
    expect_rc 0
    expect_err "policies/trasig.md:1:1: warning[front-matter-missing]:"
  done
}

test_report_coverage_only_from_approved_documents() {
  make_statuses_repo
  styr report --format json --as-of 2026-04-01
  expect_rc 0
  expect_json '.iso27002["5.1"] | join(",")' "IS-POL-001"
  expect_json '.iso27002["8.13"] | join(",")' "IS-RL-001"
  # The draft's control and the unapproved change's control do not count.
  expect_json '.iso27002["7.1"] | length' "0"
  expect_json '.iso27002["8.14"] | length' "0"
  expect_json '.iso27002["8.7"] | length' "0"   # retired
  expect_json '.uncovered_iso27002 | index("7.1") != null' "true"
  expect_json '.uncovered_iso27002 | index("8.14") != null' "true"
  expect_json '.uncovered_iso27002 | length' "91"
  expect_json '.iso27002 | length' "93"
  expect_json '.pending_iso27002["7.1"] | join(",")' "IS-RL-002"
  expect_json '.msb["1"] | join(",")' "IS-POL-001"
  expect_json '.msb["4"] | join(",")' "IS-RL-001"
  expect_json '.msb["6"] | length' "0"
  expect_json '.msb | keys | join(",")' "1,2,3,4,5,6,7,8"
}

test_report_an_unapproved_change_counts_once_approved() {
  make_statuses_repo
  styr report --format json
  expect_json '.iso27002["8.14"] | length' "0"
  decide beslut/3 --date 2026-03-10T10:00:00+01:00 IS-RL-001
  styr report --format json
  expect_json '.iso27002["8.14"] | join(",")' "IS-RL-001"
  expect_json '.awaiting_decision | join(",")' "IS-RL-002"
}

test_report_reviews_relative_to_as_of() {
  make_statuses_repo
  # IS-RL-001 (12 months) is due 2027-01-15; the policy (48 months) 2030-01-15.
  styr report --format json --as-of 2026-10-16
  expect_json '.due_soon | length' "0"
  styr report --format json --as-of 2026-10-17
  expect_json '.due_soon | join(",")' "IS-RL-001"
  expect_json '.overdue | length' "0"
  styr report --format json --as-of 2027-01-16
  expect_json '.overdue | join(",")' "IS-RL-001"
  expect_json '.due_soon | length' "0"
  expect_json '.as_of' "2027-01-16"
}

# A municipality that styles its report (site/report.css) gets it in the file for the board too.
test_report_html_takes_the_repositorys_style_sheet() {
  make_repo r && cd r
  styr report --format html
  expect_rc 0
  expect_out "var(--accent, #1d4f7c)"
  mkdir -p site && printf '/* Lillby */\n.styr-report h2 { color: #7a1f3d; }\n' >site/report.css
  styr report --format html
  expect_rc 0
  expect_out "/* Lillby */"
  [[ "$OUT" != *"var(--accent, #1d4f7c)"* ]] || fail "the built-in style sheet is still inlined"
}

# A report as of a date tells the state then: a decision made after it is not yet made.
test_report_as_of_a_date_leaves_out_later_decisions() {
  make_repo r && cd r
  decide beslut/kf --date 2026-03-15T10:00:00+01:00 IS-POL-001
  styr report --format json --as-of 2026-03-14
  expect_rc 0
  expect_json '.counts | [.draft, .approved] | join(",")' "1,0"
  expect_json '.awaiting_decision | join(",")' "IS-POL-001"
  styr report --format json --as-of 2026-03-15
  expect_json '.counts | [.draft, .approved] | join(",")' "0,1"
}

test_report_actions_from_the_approved_plan_overdue_first() {
  make_repo r && cd r
  write_plan policies/plan.md
  commit_all "Plan" 2026-01-10T10:00:00+01:00
  decide beslut/1 --date 2026-01-15T10:00:00+01:00 IS-POL-001 IS-HP-001
  # The working tree says HP-2 is done, but that is not approved.
  write_plan policies/plan.md klar
  styr report --format json --as-of 2026-06-15
  expect_rc 0
  expect_json '[.actions[] | .id + ":" + (.overdue | tostring)] | join(",")' "HP-2:true,HP-1:false,HP-3:false"
  expect_json '.actions[0] | [.title, .owner, .due, .state, .document] | join("|")' "Sen åtgärd|IT-chef|2026-05-31|pågår|IS-HP-001"
  styr report --format json --as-of 2026-05-31
  expect_json '[.actions[] | select(.overdue) | .id] | length' "0"
  styr report --format json --as-of 2026-10-01
  expect_json '[.actions[] | select(.overdue) | .id] | join(",")' "HP-2,HP-3"
  # Once committed and approved, the new state counts.
  commit_all "Uppföljning" 2026-06-19T10:00:00+01:00
  styr report --format json --as-of 2026-10-01
  expect_json '[.actions[] | select(.overdue) | .id] | join(",")' "HP-2,HP-3"
  decide beslut/2 --date 2026-06-20T10:00:00+01:00 IS-HP-001
  styr report --format json --as-of 2026-10-01
  expect_json '[.actions[] | select(.overdue) | .id] | join(",")' "HP-3"
  styr report --as-of 2026-10-01
  expect_out "| HP-3 | Planerad åtgärd | kommundirektör | 2026-09-30 | **Försenad** (planerad) | IS-HP-001 |"
}

test_report_names_what_an_approved_document_claims_and_it_cannot_count() {
  make_repo r && cd r
  write_plan policies/plan.md
  sed -i 's/^due = 2026-05-31$/due = "2026-02-30"/' policies/plan.md
  add_field policies/policy.md 'iso27002 = ["5.1", "A.5.7"]\nmsb = [1, 9]'
  commit_all "Plan" 2026-01-10T10:00:00+01:00
  # A tag made by hand approves what check would refuse.
  decide beslut/1 --date 2026-01-15T10:00:00+01:00 IS-POL-001 IS-HP-001
  styr report --format json --as-of 2026-06-15
  expect_rc 0
  expect_err 'IS-POL-001 names ISO/IEC 27002 control "A.5.7", which the 2022 edition does not have'
  expect_err "IS-POL-001 names MSB recommendation 9; they are numbered 1 to 8"
  expect_err "IS-HP-001: action HP-2 has no valid due date, so it is never reported overdue"
  expect_json '.iso27002["5.1"] | join(",")' "IS-POL-001"
}

test_build_lists_an_approved_plans_actions_on_its_page() {
  make_repo r && cd r
  write_plan policies/plan.md
  commit_all "Plan" 2026-01-10T10:00:00+01:00
  decide beslut/1 --date 2026-01-15T10:00:00+01:00 IS-POL-001 IS-HP-001
  styr build
  expect_rc 0
  local actions
  actions=$(sed -n '/class="plan-actions"/,/<\/section>/p' _site/dokument/IS-HP-001/index.html)
  grep -qF '<td class="nowrap">HP-1</td><td>Klar åtgärd</td><td>IT-chef</td><td class="nowrap">2026-02-01</td><td>klar</td>' \
    <<<"$actions" || fail "the done action is not listed"
  # Due 2026-05-31 and still going: late by the time the tests run.
  grep -qF '<td><strong>Försenad</strong> (pågår)</td>' <<<"$actions" || fail "the late action is not marked"
  ! grep -qF 'class="plan-actions"' _site/dokument/IS-POL-001/index.html || fail "the policy has an action list"
}

test_report_rev_uses_decisions_and_documents_at_the_revision() {
  make_statuses_repo
  # At beslut/1: the three approved documents, before the retirement and the draft.
  styr report --format json --rev beslut/1
  expect_rc 0
  "$STYR" status --format json --rev beslut/1 >status.json
  [ "$(json '.counts | tojson')" = "$(jq -c 'reduce .[] as $d ({draft: 0, approved: 0, changed: 0, retired: 0}; .[$d.status] += 1)' status.json)" ] ||
    fail "counts at --rev differ from status --rev"
  expect_json '.counts | [.draft, .approved, .changed, .retired] | join(",")' "0,3,0,0"
  expect_json '.iso27002["8.7"] | join(",")' "IS-RL-003"
  expect_json '.revision | startswith("beslut/1 (")' "true"
  styr report --format json --rev beslut/2
  expect_json '.counts.retired' "1"
  expect_json '.iso27002["8.7"] | length' "0"
  styr report --format json
  expect_json '.revision' "null"
  styr report --rev no-such-revision
  expect_rc 3
  expect_out_lines 0
}

test_report_markdown_is_the_default_and_html_is_self_contained() {
  make_statuses_repo
  styr report --as-of 2026-04-01
  expect_rc 0
  expect_out "# Ledningsrapport för informationssäkerhet"
  expect_out "**Rapportdatum:** 2026-04-01"
  expect_out "| Fastställd | 1 |"
  styr report --format html --as-of 2026-04-01
  expect_rc 0
  expect_out "<!DOCTYPE html>"
  expect_out '<html lang="sv">'
  expect_out 'role="img" aria-labelledby="styr-report-heatmap-title styr-report-heatmap-desc"'
  expect_out "@media print"
  expect_no_out "<script"
  expect_no_out "<link"
  [ "$(grep -o '<g class="report-cell ' <<<"$OUT" | wc -l)" -eq 93 ] || fail "the heat map needs 93 cells"
}

test_report_in_english() {
  make_statuses_repo
  sed -i 's/^name = "Testkommun"/&\nlanguage = "en"/' styr.toml
  styr report --as-of 2026-04-01
  expect_rc 0
  expect_out "# Information security management report"
  expect_out "| Approved | 1 |"
}

test_report_escapes_hostile_titles() {
  make_repo r && cd r
  write_riktlinje policies/rl.md IS-RL-001 "<script>alert(1)</script> & 'citat'"
  commit_all
  styr report --format html
  expect_rc 0
  expect_no_out "<script>alert"
  expect_out "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;citat&#39;"
  styr report
  expect_no_out "<script>"
}

test_report_usage_errors() {
  make_repo r && cd r
  styr report --format pdf
  expect_rc 2
  expect_err "unknown format 'pdf'"
  expect_out_lines 0
  local bad
  for bad in 2026-13-01 2026-02-30 2026-1-01 tomorrow 2026-01-01x ""; do
    styr report --as-of "$bad"
    expect_rc 2
    expect_out_lines 0
  done
  expect_err "YYYY-MM-DD"
  styr report extra
  expect_rc 2
  styr requirements --format xlsx
  expect_rc 2
  styr requirements extra
  expect_rc 2
}

test_report_outside_a_repository_is_an_environment_error() {
  mkdir empty && cd empty
  styr report
  expect_rc 3
  expect_out_lines 0
  styr requirements
  expect_rc 3
  cd .. && make_repo r && rm -rf r/.git && cd r
  styr report
  expect_rc 3
  expect_err "not in a git repository"
}

# A small catalogue: IS-RL-001 approved with two rows (quotes and commas), IS-RL-002 a draft.
make_catalogue_repo() {
  make_repo r && cd r || exit 1
  write_riktlinje policies/rl1.md IS-RL-001 "Riktlinje för åtkomst"
  cat >>policies/rl1.md <<'ROWS'

## Tillägg

| ID | Krav | Nivå |
|---|---|---|
| ÅTK-2 | Lösenord ska vara "långa", unika; och säkra. | Bör |
ROWS
  write_riktlinje policies/rl2.md IS-RL-002 "Utkast"
  commit_all
  decide beslut/1 IS-POL-001 IS-RL-001
}

test_requirements_csv_is_exact() {
  make_catalogue_repo
  "$STYR" requirements >out.csv 2>err.txt
  [ $? -eq 0 ] || fail "exit code"
  printf '"id","text","level","document","title"\r\n"IS-RL-001-K1","Säkerhetskopior ska tas dagligen.","ska","IS-RL-001","Riktlinje för åtkomst"\r\n"ÅTK-2","Lösenord ska vara ""långa"", unika; och säkra.","bör","IS-RL-001","Riktlinje för åtkomst"\r\n' >expected.csv
  cmp out.csv expected.csv || fail "CSV differs: $(od -c out.csv | head -20)"
  # As a program reads it: the header names the columns.
  python3 -c 'import csv, sys; r = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")); print(next(r)["id"])' \
    out.csv >first.txt || fail "python's csv cannot read it"
  [ "$(cat first.txt)" = "IS-RL-001-K1" ] || fail "first id read as '$(cat first.txt)'"
}

test_requirements_json_is_exact() {
  make_catalogue_repo
  styr requirements --format json
  expect_rc 0
  local expected
  expected='[
  {
    "id": "IS-RL-001-K1",
    "text": "Säkerhetskopior ska tas dagligen.",
    "level": "ska",
    "document": "IS-RL-001",
    "title": "Riktlinje för åtkomst"
  },
  {
    "id": "ÅTK-2",
    "text": "Lösenord ska vara \"långa\", unika; och säkra.",
    "level": "bör",
    "document": "IS-RL-001",
    "title": "Riktlinje för åtkomst"
  }
]'
  [ "$OUT" = "$expected" ] || fail "JSON differs"
}

test_requirements_come_from_the_approved_version_and_preview_adds_the_rest() {
  make_catalogue_repo
  sed -i 's/| ÅTK-2 |/| ÅTK-3 | Nytt krav. | ska |\n| ÅTK-2 |/' policies/rl1.md
  styr requirements --format json
  expect_json '[.[] | .id] | join(",")' "IS-RL-001-K1,ÅTK-2"
  styr requirements --format json --preview
  expect_rc 0
  expect_json '[.[] | .id] | join(",")' "IS-RL-001-K1,ÅTK-3,ÅTK-2,IS-RL-002-K1"
  expect_err "preview"
}

test_report_and_requirements_on_the_sample_municipality() {
  [ -n "${STYR_SOURCE_DIR:-}" ] || fail "STYR_SOURCE_DIR is not set"
  bash "$STYR_SOURCE_DIR/tools/demo-history.sh" demo >/dev/null 2>&1 || fail "demo-history.sh failed"
  cd demo
  local status
  status=$("$STYR" status --format json | jq -c 'reduce .[] as $d ({draft: 0, approved: 0, changed: 0, retired: 0}; .[$d.status] += 1)')
  styr report --format json
  expect_rc 0
  [ "$(json '.counts | tojson')" = "$status" ] || fail "counts differ from status: $status"
  expect_json '.awaiting_decision | join(",")' "IS-RL-016,IS-RUT-002"
  expect_json '.overdue | index("IS-INS-004") != null' "true"
  expect_json '.due_soon | index("IS-RL-008") != null and index("IS-RUT-003") != null' "true"
  # Physical security exists only as the draft IS-RL-016.
  expect_json '.pending_iso27002["7.1"] | join(",")' "IS-RL-016"
  expect_json '.uncovered_iso27002 | index("7.1") != null' "true"
  expect_json '[.actions[] | select(.document != "IS-HP-001")] | length' "0"
  expect_json '.actions | length' "12"
  styr report --format html
  expect_rc 0
  styr report
  expect_rc 0
  styr requirements --format json
  expect_rc 0
  expect_json '[.[] | select(.document == "IS-RL-016")] | length' "0"
  expect_json '[.[] | select(.document == "IS-RL-013")] | length' "0"   # upphävd
  styr requirements --format json --preview
  expect_json '[.[] | select(.document == "IS-RL-016")] | length > 0' "true"
}

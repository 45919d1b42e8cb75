# The deployment recipes in tools/ci/: the CI files rebuild on decision tags with the whole
# history, their styr commands succeed in a new repository and leave the site where the
# publishing step takes it from, and nginx accepts the server block once its placeholders are
# filled in. (tests/browser serves the sample site through the same server block.)

ci_dir() { printf '%s/tools/ci\n' "${STYR_SOURCE_DIR:?STYR_SOURCE_DIR must name the source folder}"; }

# Where both recipes build styr, and so where they run it from.
recipe_styr=/opt/styr/build/tools/styr

# yaml_json FILE: the YAML file as JSON (PyYAML, Debian's python3-yaml), or a failure that says
# what is missing.
yaml_json() {
  python3 -c 'import yaml' 2>/dev/null || fail "python3 with PyYAML is needed to parse $1 (apt-get install python3-yaml)"
  python3 - "$1" <<'PY'
import json, sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    data = yaml.safe_load(f)
# YAML 1.1 reads the key `on` as true; GitHub reads it as the word.
if isinstance(data, dict) and True in data:
    data["on"] = data.pop(True)
json.dump(data, sys.stdout)
PY
}

# jq_true JSON FILTER MESSAGE: FILTER must give true for JSON.
jq_true() {
  [ "$(jq -r "$2" <<<"$1")" = true ] || fail "$3"
}

test_gitlab_recipe_builds_on_decision_tags_and_publishes_atomically() {
  local file json
  file=$(ci_dir)/gitlab-ci.yml
  json=$(yaml_json "$file") || fail "$file does not parse as YAML"
  jq_true "$json" '.variables.GIT_DEPTH == "0"' "GIT_DEPTH must be \"0\": styr reads every tag"
  jq_true "$json" '[.site.rules[].if] | any(. == "$CI_COMMIT_TAG =~ /^beslut\\//")' \
    "the site job must run for beslut/* tags"
  jq_true "$json" '[.site.script[] | select(test("styr build"))] | length == 1' "the site job must run styr build"
  jq_true "$json" '.publish.needs == ["site"]' "publish must take the site job's artifact"
  jq_true "$json" '[.publish.script[] | select(test("mv -T current.new current"))] | length == 1' \
    "publish must switch the site in one rename"
  # Each script is valid shell.
  local i n
  n=$(jq '[.site.script, .publish.script] | add | length' <<<"$json")
  for ((i = 0; i < n; i++)); do
    jq -r "[.site.script, .publish.script] | add | .[$i]" <<<"$json" | bash -n ||
      fail "script line $i is not valid shell"
  done
}

test_github_recipe_builds_on_decision_tags_with_the_whole_history() {
  local file json
  file=$(ci_dir)/github-pages.yml
  json=$(yaml_json "$file") || fail "$file does not parse as YAML"
  jq_true "$json" '.on.push.tags == ["beslut/*"]' "the workflow must run on pushed beslut/* tags"
  jq_true "$json" '[.jobs.build.steps[] | select(.uses // "" | startswith("actions/checkout@")) | .with["fetch-depth"]] == [0]' \
    "checkout must fetch the whole history (fetch-depth: 0)"
  jq_true "$json" '[.jobs.build.steps[] | .run // "" | select(test("styr build --audience public"))] | length == 1' \
    "Pages are public: the workflow must build with --audience public"
  jq_true "$json" '[.jobs.deploy.steps[] | .uses // "" | select(startswith("actions/deploy-pages@"))] | length == 1' \
    "the deploy job must publish with actions/deploy-pages"
  jq_true "$json" '.jobs.deploy.permissions == {"pages": "write", "id-token": "write"}' \
    "deploy-pages needs pages: write and id-token: write"
  local i n
  n=$(jq '[.jobs.build.steps[] | .run // empty] | length' <<<"$json")
  for ((i = 0; i < n; i++)); do
    jq -r "[.jobs.build.steps[] | .run // empty] | .[$i]" <<<"$json" | bash -n ||
      fail "run step $i is not valid shell"
  done
}

# policy_repo DIR: a repository as `styr init` makes it, committed, with its policy decided by
# the approver the new roster names for kommunfullmäktige.
policy_repo() {
  "$STYR" init "$1" >/dev/null 2>&1 || fail "styr init $1 failed"
  (cd "$1" && g add -A && g commit -qm "Styrdokument" >/dev/null &&
    decide beslut/2026-03-15-kf --by kf-sekreterare@example.se IS-POL-001) || fail "could not decide in $1"
}

# run_recipe_steps: runs each step (a JSON string per line on stdin) that calls styr, as the CI
# job would at the repository's root, with the binary under test in place of the one the job
# builds. Every such step must succeed, and there must be one.
run_recipe_steps() {
  [[ $STYR == */${recipe_styr#/opt/styr/build/} ]] ||
    fail "the recipes run ${recipe_styr#/opt/styr/build/} below the build folder, but styr was built as $STYR"
  local step ran=0 out err
  out=$(mktemp) err=$(mktemp)
  while IFS= read -r step; do
    step=$(jq -r . <<<"$step")
    grep -qF "$recipe_styr" <<<"$step" || continue
    bash -ec "${step//"$recipe_styr"/'"$STYR"'}" >"$out" 2>"$err"
    RC=$? OUT=$(cat "$out") ERR=$(cat "$err")
    [ "$RC" -eq 0 ] || fail "the step \`$step\` failed with exit code $RC"
    ran=$((ran + 1))
  done
  rm -f "$out" "$err"
  [ "$ran" -gt 0 ] || fail "the recipe runs no styr command from $recipe_styr"
}

# expect_site DIR WHAT: DIR holds a built site.
expect_site() {
  local page
  for page in index.html 404.html feed.xml dokument/IS-POL-001/index.html; do
    [ -f "$1/$page" ] || fail "$2 ($1) has no $page after the recipe's build: $(ls -A "$1" 2>&1 | head -5)"
  done
}

test_gitlab_recipe_builds_the_site_that_it_publishes() {
  local json artifact source
  json=$(yaml_json "$(ci_dir)/gitlab-ci.yml") || fail "gitlab-ci.yml does not parse as YAML"
  policy_repo repo && cd repo
  run_recipe_steps < <(jq -c '.site.script[]' <<<"$json")
  jq_true "$json" '.site.artifacts.paths | length == 1' "the site job must keep one folder as its artifact"
  artifact=$(jq -r '.site.artifacts.paths[0]' <<<"$json")
  expect_site "$artifact" "the site job's artifact"
  # rsync's source, the word before the destination, is the artifact's folder.
  source=$(jq -r '.publish.script[] | select(test("^rsync "))' <<<"$json" |
    python3 -c 'import shlex, sys; print(shlex.split(sys.stdin.read())[-2])') || fail "publish has no rsync line"
  [ "${source%/}" = "${artifact%/}" ] || fail "publish uploads $source, but the site job keeps $artifact"
  # The contents of the folder, not the folder itself, become the release.
  [[ $source == */ ]] || fail "rsync's source $source must end with a slash"
}

test_github_recipe_builds_the_site_that_it_publishes() {
  local json artifact
  json=$(yaml_json "$(ci_dir)/github-pages.yml") || fail "github-pages.yml does not parse as YAML"
  policy_repo repo && cd repo
  run_recipe_steps < <(jq -c '.jobs.build.steps[] | .run // empty' <<<"$json")
  artifact=$(jq -r '[.jobs.build.steps[] | select(.uses // "" | startswith("actions/upload-pages-artifact@"))
                     | .with.path] | if length == 1 then .[0] else error("not one") end' <<<"$json") ||
    fail "the build job must upload one Pages artifact"
  expect_site "$artifact" "the Pages artifact"
}

# The server block filled in as the README says, inside a minimal nginx configuration.
nginx_config() {
  command -v nginx >/dev/null || PATH=$PATH:/usr/sbin:/sbin
  command -v nginx >/dev/null || fail "nginx is needed (tools/install-deps.sh --test installs nginx-light)"
  mkdir -p site
  sed -e "s|@LISTEN@|127.0.0.1:8080|" -e "s|@ROOT@|$TEST_DIR/site|" "$(ci_dir)/nginx.conf" >site.conf
  sed -e "s|@PREFIX@|$TEST_DIR|g" "$STYR_SOURCE_DIR/tests/browser/nginx-test.conf" >nginx.conf
}

test_nginx_accepts_the_server_block() {
  nginx_config
  grep -q '@[A-Z]*@' site.conf nginx.conf && fail "a placeholder was left: $(grep -h '@[A-Z]*@' site.conf nginx.conf)"
  OUT=$(nginx -t -p "$TEST_DIR" -c "$TEST_DIR/nginx.conf" -e stderr 2>&1)
  RC=$?
  expect_rc 0
  expect_out "test is successful"
  expect_no_out "[warn]"
  # What the browser tests rely on, in the file deployments copy.
  local header
  for header in "X-Content-Type-Options \"nosniff\" always" "Content-Security-Policy \"default-src 'self'" \
                "error_page 404 /404.html" "try_files \$uri \$uri/ =404"; do
    grep -qF -- "$header" site.conf || fail "the server block lacks: $header"
  done
}

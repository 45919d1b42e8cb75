# The deployment recipes in tools/ci/: the CI files rebuild on decision tags with the whole
# history, their styr commands succeed in a new repository and leave the site where the
# publishing step takes it from, and nginx serves the site alike at a host's root and under a
# sub-path. (tests/browser serves the sample site through the same server block.)

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

# server_block LISTEN ROOT PATH: tools/ci/nginx.conf with its placeholders filled in.
server_block() {
  sed -e "s|@LISTEN@|$1|g" -e "s|@ROOT@|$2|g" -e "s|@PATH@|$3|g" "$(ci_dir)/nginx.conf"
}

# nginx_config: nginx.conf, the minimal configuration the browser tests use, around site.conf;
# both in the test's folder.
nginx_config() {
  command -v nginx >/dev/null || PATH=$PATH:/usr/sbin:/sbin
  command -v nginx >/dev/null || fail "nginx is needed (tools/install-deps.sh --test installs nginx-light)"
  sed -e "s|@PREFIX@|$TEST_DIR|g" "$STYR_SOURCE_DIR/tests/browser/nginx-test.conf" >nginx.conf
}

test_nginx_accepts_the_server_block() {
  mkdir -p site
  local path
  for path in / /intranat/; do
    server_block 127.0.0.1:8080 "$TEST_DIR/site" "$path" >site.conf
    nginx_config
    grep -q '@[A-Z]*@' site.conf nginx.conf && fail "a placeholder was left: $(grep -h '@[A-Z]*@' site.conf nginx.conf)"
    OUT=$(nginx -t -p "$TEST_DIR" -c "$TEST_DIR/nginx.conf" -e stderr 2>&1)
    RC=$?
    expect_rc 0
    expect_out "test is successful"
    expect_no_out "[warn]"
  done
  # What the browser tests rely on, in the file deployments copy.
  local header
  for header in "X-Content-Type-Options \"nosniff\" always" "Content-Security-Policy \"default-src 'self'" \
                "error_page 404 /intranat/404.html" "try_files \$uri \$uri/ =404"; do
    grep -qF -- "$header" site.conf || fail "the server block lacks: $header"
  done
}

# serve ROOT PATH...: nginx in the background until the test ends, serving the site in ROOT at
# each PATH, one port each; sets BASES to the sites' addresses, in order. nginx returns once it
# listens (it daemonises after binding), so nothing waits for it.
serve() {
  local root=$1 attempt path port
  shift
  nginx_config
  sed -i 's/^daemon off;/daemon on;/' nginx.conf
  for attempt in 1 2 3; do
    BASES=()
    : >site.conf
    for path in "$@"; do
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      server_block "127.0.0.1:$port" "$root" "$path" >>site.conf
      BASES+=("http://127.0.0.1:$port$path")
    done
    if nginx -p "$TEST_DIR" -c "$TEST_DIR/nginx.conf" -e "$TEST_DIR/error.log" 2>nginx.err; then
      # The first answer comes after nginx has written its pid file.
      curl -s -o /dev/null "${BASES[0]}" || fail "nginx does not answer at ${BASES[0]}: $(cat error.log)"
      trap 'kill "$(cat "$TEST_DIR/nginx.pid")"' EXIT
      return
    fi
    grep -q "Address already in use" nginx.err || break
  done
  fail "nginx did not start: $(cat nginx.err)"
}

# fetch URL: sets STATUS, TYPE and OUT (the body), and the file headers.
fetch() {
  local meta
  meta=$(curl -sS -o body -D headers -w '%{http_code} %{content_type}' "$1") || fail "curl $1 failed"
  STATUS=${meta%% *} TYPE=${meta#* } OUT=$(cat body)
}

# expect_fetch URL STATUS TYPE
expect_fetch() {
  fetch "$1"
  [ "$STATUS $TYPE" = "$2 $3" ] || fail "$1: expected $2 $3, got $STATUS $TYPE"
  grep -qi '^X-Content-Type-Options: nosniff' headers || fail "$1: no X-Content-Type-Options: nosniff"
}

test_nginx_serves_the_site_alike_at_the_root_and_under_a_sub_path() {
  command -v curl >/dev/null || fail "curl is needed (tools/install-deps.sh --test installs it)"
  policy_repo repo
  "$STYR" -C repo build --out "$TEST_DIR/www" >/dev/null 2>&1 || fail "styr build failed"
  mkdir www/.git && echo secret >www/.git/x.csv  # a stray repository in the published folder
  serve "$TEST_DIR/www" / /intranat/
  local base path
  for base in "${BASES[@]}"; do
    path=/${base#http://*/}  # the address without scheme and host
    expect_fetch "$base" 200 "text/html; charset=utf-8"
    expect_fetch "${base}krav.csv" 200 "text/csv; charset=utf-8"
    expect_fetch "${base}feed.xml" 200 "application/atom+xml; charset=utf-8"
    # The dot rule wins over the one for CSV files.
    expect_fetch "${base}.git/x.csv" 404 "text/html; charset=utf-8"
    expect_no_out "secret"
    # A folder without its slash: redirected, relative to the host.
    expect_fetch "${base}amne" 301 "text/html"
    grep -qi "^Location: ${path}amne/"$'\r'"\$" headers || fail "${base}amne: $(grep -i '^Location' headers)"
    # A missing address below the root: the styled 404 page, its links anchored at the site's
    # root and its skip link on the page.
    expect_fetch "${base}dokument/IS-XX-999/finns-inte.html" 404 "text/html; charset=utf-8"
    expect_out "<link rel=\"stylesheet\" href=\"${path}assets/style.css\">"
    expect_out "<a href=\"${path}index.html\">"
    expect_out '<a class="skip-link" href="#main">'
    expect_no_out '="./'
    expect_no_out '<base'
    expect_fetch "${base}assets/style.css" 200 "text/css; charset=utf-8"
  done
}

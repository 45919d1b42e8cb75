# 9 MiB: over the 8 MiB limit for a document.
{ cat "$CASE_FILE"; head -c 9437184 /dev/zero | tr '\0' 'x'; } >"$CASE_PATH"

# A folder whose name ends in .md.
rm "$CASE_PATH" && mkdir "$CASE_PATH" && mv "$(mktemp -p "$CASE_PATH")" "$CASE_PATH/text.md"

# The document is a symbolic link to another document.
rm "$CASE_PATH" && ln -s ../base/handbok.md "$CASE_PATH"

rm "$CASE_PATH" && mkfifo "$CASE_PATH"

# Removing authority is a roster change too.
repo_init_without_case

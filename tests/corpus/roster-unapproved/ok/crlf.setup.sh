# The committed roster with CRLF line endings in the working tree: same roster.
repo_init_without_case

# Same people and bodies, other order, comments, e-mail in other case: same roster.
repo_init_without_case

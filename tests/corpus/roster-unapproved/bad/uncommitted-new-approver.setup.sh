# A new approver added in the working tree, not yet committed.
repo_init_without_case

# Committed, but no decision lists "Fastställer: approvers".
repo_init_without_case
commit_all "Eva Nyström registrerar förvaltningschefens beslut"

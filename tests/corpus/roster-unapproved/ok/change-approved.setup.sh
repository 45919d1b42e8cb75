# Kommunstyrelsen approves the new roster.
repo_init_without_case
commit_all "Eva Nyström registrerar förvaltningschefens beslut"
decide beslut/2026-03-15-ks approvers

# Anna Berg approves her own promotion: only kommunstyrelsen may approve the roster.
repo_init_without_case
commit_all "Anna Berg får besluta för kommunstyrelsen"
decide beslut/2026-03-15-kd --by anna approvers

repo_init
decide beslut/2026-03-15-it --by per IS-INS-100

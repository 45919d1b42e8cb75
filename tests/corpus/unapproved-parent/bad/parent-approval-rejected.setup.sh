# Per Lindqvist (IT-chef) may approve the rutin but not its parent riktlinje.
repo_init
decide beslut/2026-03-10-it --by per IS-RL-002 IS-RUT-100

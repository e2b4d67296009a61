"""Pure judging: one check per module (each exposes `rule`), and `decide` in decide.py."""

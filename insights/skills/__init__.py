"""Popular and custom skills (seed 004 "Skills")."""

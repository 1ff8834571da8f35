"""Jobs endpoints (seed 004 "Jobs", "User-Submitted Jobs", "Matches", "Generation", "Admin"), one module per area."""

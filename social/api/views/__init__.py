"""Social endpoints (seed 003), one module per area: profiles under the visibility rules, follows,
groups and their members, posts and reactions, the feed."""

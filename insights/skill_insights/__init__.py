"""Skill insights (seed 004 `GET /insights/skills`): what the jobs relevant to a user ask for,
which of those skills the user lacks, and what learning each would be worth — in market share,
in salary, and in points on the user's own top matches.

* `selectors` — the relevant jobs and the aggregate queries over them.
* `relations` — how skills relate (learning effort).
* `analysis`  — the seed's response from the aggregates (pure).
* `services`  — compute, cache under `recommendations:{user_id}:skills`, refresh.
"""

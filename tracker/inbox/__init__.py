"""The inbox: employer emails turned into suggested tracker updates (issue 21).

A pure pipeline, no models and no I/O beyond the configured LLM:

    message = message_parse(raw_bytes)              # parsing: RFC 822 bytes (or message_from_fields({...}))
    suggestion = suggestion_build(                   # suggestions: classify, match, read the time, propose
        message,
        applications=[ApplicationCandidate(...), ...],
        user_timezone=user.timezone,
    )

`suggestion.proposed` is a `StatusChange` or a `NewStage` (or None) in the tracker's vocabulary;
applying it is the tracker services' job, after the user accepts. The rules are data files in
`data/` (see `rules.py`); the labelled set and its benchmark are `bench/data/inbox/` and
`bench/inbox_quality.py`; `docs/inbox.md` describes both.
"""

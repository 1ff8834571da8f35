"""What happens in social that other apps may react to (careerhub.events). Payload: user_id."""

from careerhub import events

FOLLOW_CREATED = events.declare("social.follow_created", "A user followed someone.")
GROUP_JOINED = events.declare("social.group_joined", "A user created or joined a group.")
POST_CREATED = events.declare("social.post_created", "A user posted in a group.")

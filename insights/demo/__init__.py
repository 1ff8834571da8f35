"""careerhub's demo set (`manage.py seed_demo`): jobs from several boards, a demo user with a filled
profile, applications at every stage and matches, made through the same services as real data.

It spans every app, so it lives in insights, the top of the layers (DESIGN §1): the one app that
may use all the others.
"""

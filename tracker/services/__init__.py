"""Writes for the tracker, one module per entity.

Every write goes through `bookkeeping.tracker_write_done`, which keeps the user's streak and
drops their cached dashboard; the pipeline writes also append to the activity log.
"""

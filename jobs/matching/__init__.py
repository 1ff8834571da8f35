"""Matching: the score of a job for a user, and the application material written from it."""

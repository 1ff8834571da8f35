"""Writes for jobs, one module per entity: ingestion of scraped postings, scrape runs, user-submitted jobs."""

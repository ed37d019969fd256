"""Behaviour of the job_posting domain: queries, mutations, loaders and business rules."""

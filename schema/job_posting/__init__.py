"""GraphQL declarations for the job_posting domain."""

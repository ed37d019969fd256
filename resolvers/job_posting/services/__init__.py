"""Job posting and application business rules (no strawberry): postings and applications."""

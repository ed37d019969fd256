"""GraphQL declarations for the employer domain."""

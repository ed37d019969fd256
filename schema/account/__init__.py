"""GraphQL declarations for the account domain."""

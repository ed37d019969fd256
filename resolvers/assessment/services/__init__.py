"""Assessment business rules (no strawberry): reports, observed figures, scoring, runs, decisions."""

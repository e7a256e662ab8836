"""The analyses: one module per question a rep asks of an account."""

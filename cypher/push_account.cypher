// Push: create or update the Account node: its fields replace the stored ones, and the time is noted.
// Parameters: $account (the account id); $properties (id, name, industry, ownership, funding and extra
// as JSON text, digest: the SHA-256 of the account's canonical JSON, which makes re-pushing a no-op).
MERGE (a:Account {id: $account})
SET a = $properties, a.updated_at = datetime()

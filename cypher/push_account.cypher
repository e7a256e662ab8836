// Push: create or update the Account node: its fields replace the stored ones, and the time is noted.
// Parameters: $account (the account id); $properties (id, name, industry, ownership, the funding laid
// flat as funding_status, funding_source, funding_note, extra as JSON text, and digest: the SHA-256 of
// the account's canonical JSON, which makes pushing an unchanged account a no-op).
MERGE (a:Account {id: $account})
SET a = $properties, a.updated_at = datetime()

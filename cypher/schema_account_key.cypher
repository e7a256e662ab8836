// Schema: Account nodes are unique by (id); the constraint's index makes the lookups by key fast.
// Run on its own before a push (schema and data may not share a transaction); IF NOT EXISTS makes it idempotent.
// Parameters: none.
CREATE CONSTRAINT chainmap_account_key IF NOT EXISTS
FOR (a:Account) REQUIRE (a.id) IS UNIQUE

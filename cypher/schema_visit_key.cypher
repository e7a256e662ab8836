// Schema: Visit nodes are unique by (account, seq); the constraint's index makes the lookups by key fast.
// Run on its own before a push (schema and data may not share a transaction); IF NOT EXISTS makes it idempotent.
// Parameters: none.
CREATE CONSTRAINT chainmap_visit_key IF NOT EXISTS
FOR (v:Visit) REQUIRE (v.account, v.seq) IS UNIQUE

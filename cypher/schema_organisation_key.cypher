// Schema: Organisation nodes are unique by (account, id); the constraint's index makes the lookups by key fast.
// Run on its own before a push (schema and data may not share a transaction); IF NOT EXISTS makes it idempotent.
// Parameters: none.
CREATE CONSTRAINT chainmap_organisation_key IF NOT EXISTS
FOR (o:Organisation) REQUIRE (o.account, o.id) IS UNIQUE

// Schema: Department nodes are unique by (account, id); the constraint's index makes the lookups by key fast.
// Run on its own before a push (schema and data may not share a transaction); IF NOT EXISTS makes it idempotent.
// Parameters: none.
CREATE CONSTRAINT chainmap_department_key IF NOT EXISTS
FOR (d:Department) REQUIRE (d.account, d.id) IS UNIQUE

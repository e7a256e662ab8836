// Pull: the Account node's own fields (name, industry, ownership, funding_*, extra as JSON, digest).
// Parameters: $account (the account id). No row when the account is not stored.
MATCH (a:Account {id: $account})
RETURN properties(a) AS properties

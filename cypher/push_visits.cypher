// Push: create one batch of the account's visits as :Visit nodes tied to their Account.
// A visit has no id: it is keyed by its place in the visit log (`seq`); its date becomes a Cypher DATE.
// Parameters: $account (the account id); $rows (maps: seq, date as ISO text, notes, extra as JSON text).
MATCH (a:Account {id: $account})
UNWIND $rows AS row
CREATE (v:Visit)-[:IN_ACCOUNT]->(a)
SET v = row, v.account = $account, v.date = date(row.date)

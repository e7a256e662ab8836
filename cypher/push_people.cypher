// Push: create one batch of the account's people as :Person nodes tied to their Account.
// Parameters: $account (the account id); $rows (maps: the item's fields, `seq` its place in the file,
// `contact`/`extra` as JSON text; references are not in the rows: they become relationships).
MATCH (a:Account {id: $account})
UNWIND $rows AS row
CREATE (p:Person)-[:IN_ACCOUNT]->(a)
SET p = row, p.account = $account

// Push: create one batch of the account's organisations (a parent group, an affiliate) as :Organisation nodes tied to their Account.
// Parameters: $account (the account id); $rows (maps: the item's fields, `seq` its place in the file,
// `contact`/`extra` as JSON text; references are not in the rows: they become relationships).
MATCH (a:Account {id: $account})
UNWIND $rows AS row
CREATE (o:Organisation)-[:IN_ACCOUNT]->(a)
SET o = row, o.account = $account

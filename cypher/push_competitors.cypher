// Push: create one batch of the account's competitors as :Competitor nodes tied to their Account.
// Parameters: $account (the account id); $rows (maps: the item's fields, `seq` its place in the file,
// `contact`/`extra` as JSON text; references are not in the rows: they become relationships).
MATCH (a:Account {id: $account})
UNWIND $rows AS row
CREATE (c:Competitor)-[:IN_ACCOUNT]->(a)
SET c = row, c.account = $account

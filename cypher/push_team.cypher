// Push: create one batch of the account's team members (our own people) as :TeamMember nodes tied to their Account.
// Parameters: $account (the account id); $rows (maps: the item's fields, `seq` its place in the file,
// `contact`/`extra` as JSON text; references are not in the rows: they become relationships).
MATCH (a:Account {id: $account})
UNWIND $rows AS row
CREATE (t:TeamMember)-[:IN_ACCOUNT]->(a)
SET t = row, t.account = $account

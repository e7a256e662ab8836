// Delete one account: its items, all their relationships and the Account node; other accounts stay.
// Parameters: $account (the account id).
MATCH (a:Account {id: $account})
OPTIONAL MATCH (a)<-[:IN_ACCOUNT]-(item)
DETACH DELETE item, a

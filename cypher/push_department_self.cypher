// Push: create one batch of `org: self` links: a department said to belong to the account's own
// organisation points at the Account node, which stands for that organisation: (:Department)-[:PART_OF]->(:Account).
// Parameters: $account (the account id); $rows (maps: `source` the department id, `properties` empty).
MATCH (a:Account {id: $account})
UNWIND $rows AS row
MATCH (source:Department {account: $account, id: row.source})
CREATE (source)-[r:PART_OF]->(a)
SET r = row.properties

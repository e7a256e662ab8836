// Push: create one batch of influence: (sways:Person)-[:INFLUENCES {strength, note, seq}]->(listener:Person).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Person {account: $account, id: row.source})
MATCH (target:Person {account: $account, id: row.target})
CREATE (source)-[r:INFLUENCES]->(target)
SET r = row.properties

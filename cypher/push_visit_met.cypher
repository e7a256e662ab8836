// Push: create one batch of who was met: (:Visit)-[:MET {seq}]->(:Person).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Visit {account: $account, seq: row.source})
MATCH (target:Person {account: $account, id: row.target})
CREATE (source)-[r:MET]->(target)
SET r = row.properties

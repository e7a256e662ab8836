// Push: create one batch of departments a visit covered: (:Visit)-[:COVERED {seq}]->(:Department).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Visit {account: $account, seq: row.source})
MATCH (target:Department {account: $account, id: row.target})
CREATE (source)-[r:COVERED]->(target)
SET r = row.properties

// Push: create one batch of the department tree: (:Department)-[:PART_OF]->(parent:Department).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Department {account: $account, id: row.source})
MATCH (target:Department {account: $account, id: row.target})
CREATE (source)-[r:PART_OF]->(target)
SET r = row.properties

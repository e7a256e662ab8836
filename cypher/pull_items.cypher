// Pull: every item of one account with its kind (the first of its labels that chainmap knows, so a label
// an analyst adds does no harm) and its fields, in file order; a visit's date comes back as ISO text.
// Parameters: $account (the account id); $labels (the item labels chainmap writes).
MATCH (:Account {id: $account})<-[:IN_ACCOUNT]-(item)
WITH item, [label IN labels(item) WHERE label IN $labels][0] AS label
WHERE label IS NOT NULL
RETURN label, item {.*, date: toString(item.date)} AS properties
ORDER BY label, item.seq

// List: every stored account with its head-counts and the time of its last push, by id.
// Parameters: none.
MATCH (a:Account)
RETURN a.id AS id,
       a.name AS name,
       COUNT { (a)<-[:IN_ACCOUNT]-(:Person) } AS people,
       COUNT { (a)<-[:IN_ACCOUNT]-(:Department) } AS departments,
       COUNT { (a)<-[:IN_ACCOUNT]-(:Visit) } AS visits,
       toString(a.updated_at) AS updated_at
ORDER BY id

// Browser: who decides this purchase? Every person of one account, most powerful first, with the evidence.
// The factors and weights of `chainmap who-decides`, simplified so plain Cypher can compute them:
//   declared  0.25  marked decision_maker (决策者/拍板人); these people come first whatever their score
//   money     0.20  sits in the organisation that holds the money (0.5 for everyone when nobody knows)
//   department 0.15 the say of their department (lead 1, support 0.4, unknown 0.3, none 0), halved for a non-head
//   formal    0.15  height in the reporting line and people beneath
//   roles     0.08  the strongest other role: approver 1, evaluator 0.8, designer 0.6, user 0.35, initiator 0.3, handler 0.2
//   informal  0.17  the influence strength of everyone who listens to them, relative to the most listened-to
// (chainmap itself spreads informal power PageRank-style; here it is one step of listeners.)
// In Neo4j Browser: :param account => 'steelworks'
// Parameters: $account (the account id).
MATCH (a:Account {id: $account})
OPTIONAL MATCH (a)<-[:IN_ACCOUNT]-(funder:Organisation {funds_project: true})
WITH a, collect(funder.id) AS funders
OPTIONAL MATCH (a)<-[:IN_ACCOUNT]-(parent:Organisation {relation: 'parent'})
WITH a, funders, collect(parent.id) AS parents
WITH a,
     CASE
       WHEN size(funders) > 0 THEN funders
       WHEN a.funding_source = 'parent' AND size(parents) > 0 THEN parents
       WHEN a.funding_source IN ['self', 'government'] THEN ['self']
     END AS holders
MATCH (a)<-[:IN_ACCOUNT]-(p:Person)
OPTIONAL MATCH (p)-[:MEMBER_OF]->(d:Department)
OPTIONAL MATCH (d)-[:PART_OF]->(org:Organisation)
OPTIONAL MATCH (p)-[:REPORTS_TO]->(boss:Person)
OPTIONAL MATCH (boss)-[:MEMBER_OF]->(bossDepartment:Department)
OPTIONAL MATCH line = (p)-[:REPORTS_TO*0..]->(top:Person)
  WHERE NOT (top)-[:REPORTS_TO]->(:Person)
WITH p, d, holders,
     coalesce(org.id, 'self') AS organisation,
     d IS NOT NULL AND (boss IS NULL OR bossDepartment IS NULL OR bossDepartment <> d) AS heads,
     coalesce(length(line), 0) AS depth,
     COUNT { (p)<-[:REPORTS_TO*1..]-(:Person) } AS beneath,
     boss IS NOT NULL OR EXISTS { (p)<-[:REPORTS_TO]-(:Person) } AS placed,
     [(p)-[i:INFLUENCES]->(listener:Person) | {name: listener.name, strength: i.strength}] AS listeners
WITH collect({
       person: p, department: d, organisation: organisation, heads: heads, depth: depth, beneath: beneath,
       placed: placed, listeners: listeners, holders: holders,
       heard: reduce(total = 0, l IN listeners | total + l.strength)
     }) AS everyone
WITH everyone,
     reduce(most = 0, row IN everyone | CASE WHEN row.beneath > most THEN row.beneath ELSE most END) AS mostBeneath,
     reduce(most = 0, row IN everyone | CASE WHEN row.heard > most THEN row.heard ELSE most END) AS mostHeard
UNWIND everyone AS row
WITH row, row.person AS p, mostBeneath, mostHeard,
     CASE WHEN 'decision_maker' IN row.person.roles THEN 1.0 ELSE 0.0 END AS declared,
     CASE WHEN row.holders IS NULL THEN 0.5 WHEN row.organisation IN row.holders THEN 1.0 ELSE 0.0 END AS money,
     CASE coalesce(row.department.weight, 'unknown')
       WHEN 'lead' THEN 1.0 WHEN 'support' THEN 0.4 WHEN 'unknown' THEN 0.3 ELSE 0.0
     END * CASE WHEN row.heads THEN 1.0 ELSE 0.5 END AS say,
     (CASE WHEN row.placed THEN 1.0 / (1 + row.depth) ELSE 1.0 / 3 END
      + CASE WHEN mostBeneath > 0 THEN log(1 + row.beneath) / log(1 + mostBeneath) ELSE 0.0 END) / 2 AS formal,
     reduce(best = 0.0, role IN row.person.roles |
       CASE
         WHEN role = 'approver' AND best < 1.0 THEN 1.0
         WHEN role = 'evaluator' AND best < 0.8 THEN 0.8
         WHEN role = 'designer' AND best < 0.6 THEN 0.6
         WHEN role = 'user' AND best < 0.35 THEN 0.35
         WHEN role = 'initiator' AND best < 0.3 THEN 0.3
         WHEN role = 'handler' AND best < 0.2 THEN 0.2
         ELSE best
       END) AS roles,
     CASE WHEN mostHeard > 0 THEN toFloat(row.heard) / mostHeard ELSE 0.0 END AS informal
RETURN p.id AS id,
       p.name AS name,
       p.title AS title,
       row.department.name AS department,
       round(0.25 * declared + 0.20 * money + 0.15 * say + 0.15 * formal + 0.08 * roles + 0.17 * informal, 3) AS score,
       declared = 1.0 AS decision_maker,
       {declared: declared, money: money, department: round(say, 3), formal: round(formal, 3),
        roles: roles, informal: round(informal, 3)} AS factors,
       [l IN row.listeners | l.name + ' (' + toString(l.strength) + '/5)'] AS listeners
ORDER BY decision_maker DESC, score DESC, p.seq

// Browser: who could become our inside coach (内线)? People of one account ranked by the rules of
// `chainmap champions`, with its numbers, simplified where plain Cypher cannot follow:
//   never an opponent, never a decision maker (the coach helps us reach the decider);
//   position = 0.6 × access + 0.4 × say: access is how surely a word from them reaches a decision maker
//     along the shortest route (influence strength/5, reporting line 0.7, dotted line 0.4, multiplied),
//     say stands in for chainmap's decision power: their strongest role or their department's say;
//   informed: true 1, unknown 0.6, false 0.15 (一问三不知: friendly, but no coach);
//   rapport = 2/3 standing + 1/3 personality; standing = (attitude: supporter 1, neutral 0.6, unknown 0.4,
//     plus stage: none 0 … alliance 1, the furthest of their own and our team's contacts) / 2;
//     personality: peacock, tiger 1; chameleon 0.7; unknown 0.55; owl, koala 0.35;
//   score = informed × position × (0.5 + 0.5 × rapport), × 0.3 when they lean to a competitor.
// In Neo4j Browser: :param account => 'steelworks'
// Parameters: $account (the account id).
MATCH (a:Account {id: $account})<-[:IN_ACCOUNT]-(p:Person)
WHERE p.attitude <> 'opponent' AND NOT 'decision_maker' IN p.roles
OPTIONAL MATCH (p)-[:MEMBER_OF]->(d:Department)
OPTIONAL MATCH (a)<-[:IN_ACCOUNT]-(decider:Person)
  WHERE 'decision_maker' IN decider.roles
OPTIONAL MATCH route = shortestPath((p)-[:INFLUENCES|REPORTS_TO|DOTTED_TO*..10]-(decider))
  WHERE all(step IN range(0, length(route) - 1) WHERE
          type(relationships(route)[step]) IN ['REPORTS_TO', 'DOTTED_TO']
          OR startNode(relationships(route)[step]) = nodes(route)[step])
WITH p, d,
     max(CASE WHEN route IS NULL THEN 0.0 ELSE reduce(product = 1.0, link IN relationships(route) |
       product * CASE type(link) WHEN 'INFLUENCES' THEN link.strength / 5.0 WHEN 'REPORTS_TO' THEN 0.7 ELSE 0.4 END) END) AS access
WITH p, d, access,
     reduce(best = 0.0, role IN p.roles |
       CASE
         WHEN role = 'approver' AND best < 1.0 THEN 1.0
         WHEN role = 'evaluator' AND best < 0.8 THEN 0.8
         WHEN role = 'designer' AND best < 0.6 THEN 0.6
         WHEN role = 'user' AND best < 0.35 THEN 0.35
         WHEN role = 'initiator' AND best < 0.3 THEN 0.3
         WHEN role = 'handler' AND best < 0.2 THEN 0.2
         ELSE best
       END) AS rolePower,
     CASE d.weight WHEN 'lead' THEN 1.0 WHEN 'support' THEN 0.4 WHEN 'unknown' THEN 0.3 ELSE 0.0 END AS departmentSay,
     reduce(furthest = 0, stage IN [p.stage] + [(p)<-[c:CONTACT]-(:TeamMember) | c.stage] |
       CASE
         WHEN stage = 'alliance' THEN 4
         WHEN stage = 'trust' AND furthest < 3 THEN 3
         WHEN stage = 'meeting' AND furthest < 2 THEN 2
         WHEN stage = 'acquainted' AND furthest < 1 THEN 1
         ELSE furthest
       END) AS stageRank,
     [(p)-[:FAVOURS]->(rival:Competitor) | rival.name] AS favours
WITH p, d, favours, access,
     0.6 * access + 0.4 * CASE WHEN rolePower > departmentSay THEN rolePower ELSE departmentSay END AS position,
     CASE p.informed WHEN true THEN 1.0 WHEN false THEN 0.15 ELSE 0.6 END AS informed,
     (CASE p.attitude WHEN 'supporter' THEN 1.0 WHEN 'neutral' THEN 0.6 ELSE 0.4 END + stageRank / 4.0) / 2 AS standing,
     CASE p.personality
       WHEN 'peacock' THEN 1.0 WHEN 'tiger' THEN 1.0 WHEN 'chameleon' THEN 0.7
       WHEN 'owl' THEN 0.35 WHEN 'koala' THEN 0.35 ELSE 0.55
     END AS personality
WITH p, d, favours, access, position, informed, standing, personality,
     2.0 / 3 * standing + 1.0 / 3 * personality AS rapport
RETURN p.id AS id,
       p.name AS name,
       p.title AS title,
       d.name AS department,
       round(informed * position * (0.5 + 0.5 * rapport) * CASE WHEN size(favours) > 0 THEN 0.3 ELSE 1.0 END, 3) AS score,
       {position: round(position, 3), access: round(access, 3), informed: informed, standing: round(standing, 3),
        personality: personality, rapport: round(rapport, 3)} AS factors,
       p.attitude AS attitude,
       p.stage AS stage,
       p.personality AS pdp,
       favours
ORDER BY score DESC, p.seq

// Browser: who could become our inside coach (内线)? People of one account ranked by the rules of
// `chainmap champions`, simplified for Cypher:
//   never an opponent, never a decision maker (the coach helps us reach the decider);
//   position 0.45: reports to a decision maker (1), is listened to by one (strength/5), sits in a leading
//     department (0.8) or holds a decision-chain role (0.5); cut to a third when `informed` is false;
//   personality 0.2: peacock, tiger 1; chameleon 0.7; unknown 0.5; owl, koala 0.3;
//   standing 0.35: attitude (supporter 1, neutral 0.5, unknown 0.4) and stage (none 0 … alliance 1), half each;
//   leaning to a competitor cuts the score to a third.
// In Neo4j Browser: :param account => 'steelworks'
// Parameters: $account (the account id).
MATCH (a:Account {id: $account})<-[:IN_ACCOUNT]-(p:Person)
WHERE p.attitude <> 'opponent' AND NOT 'decision_maker' IN p.roles
OPTIONAL MATCH (p)-[:MEMBER_OF]->(d:Department)
WITH p, d,
     EXISTS { (p)-[:REPORTS_TO]->(boss:Person) WHERE 'decision_maker' IN boss.roles } AS reportsToDecider,
     [(p)-[i:INFLUENCES]->(listener:Person) WHERE 'decision_maker' IN listener.roles | i.strength / 5.0] AS heardByDecider,
     [(p)-[:FAVOURS]->(rival:Competitor) | rival.name] AS favours
WITH p, d, favours,
     reduce(best = 0.0, value IN [
       CASE WHEN reportsToDecider THEN 1.0 ELSE 0.0 END,
       reduce(most = 0.0, s IN heardByDecider | CASE WHEN s > most THEN s ELSE most END),
       CASE WHEN d.weight = 'lead' THEN 0.8 ELSE 0.0 END,
       CASE WHEN size(p.roles) > 0 THEN 0.5 ELSE 0.0 END
     ] | CASE WHEN value > best THEN value ELSE best END)
     * CASE WHEN p.informed = false THEN 1.0 / 3 ELSE 1.0 END AS position,
     CASE p.personality
       WHEN 'peacock' THEN 1.0 WHEN 'tiger' THEN 1.0 WHEN 'chameleon' THEN 0.7
       WHEN 'owl' THEN 0.3 WHEN 'koala' THEN 0.3 ELSE 0.5
     END AS personality,
     (CASE p.attitude WHEN 'supporter' THEN 1.0 WHEN 'neutral' THEN 0.5 ELSE 0.4 END
      + CASE p.stage WHEN 'acquainted' THEN 0.25 WHEN 'meeting' THEN 0.5 WHEN 'trust' THEN 0.75 WHEN 'alliance' THEN 1.0 ELSE 0.0 END
     ) / 2 AS standing
RETURN p.id AS id,
       p.name AS name,
       p.title AS title,
       d.name AS department,
       round((0.45 * position + 0.2 * personality + 0.35 * standing) * CASE WHEN size(favours) > 0 THEN 1.0 / 3 ELSE 1.0 END, 3) AS score,
       {position: round(position, 3), personality: personality, standing: standing} AS factors,
       p.attitude AS attitude,
       p.stage AS stage,
       p.personality AS pdp,
       favours
ORDER BY score DESC, p.seq

#!/usr/bin/env node
// Check .cypher files with Neo4j's own Cypher parser and semantic analysis (the linter of Neo4j's
// editors), all in one process: loading the parser costs seconds and hundreds of MB, so never per file.
//
// Usage: node lint.mjs [DIR_OR_FILE ...]   (default: the repository's cypher/ folder)
// Prints `file:line:col: severity: message` for each problem and exits 1 if there is any, 2 on bad usage.
// `$param` references are reported as undefined by the linter (it knows no parameter values): those
// diagnostics are dropped, everything else (syntax, undefined variables, deprecations) counts, and so
// does a second statement: chainmap sends each file as one statement.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNotParamError, lintCypherQuery, parseStatementsStrs } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const here = dirname(fileURLToPath(import.meta.url));
const targets = process.argv.length > 2 ? process.argv.slice(2) : [join(here, '..', '..', 'cypher')];

function cypherFiles(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    console.error(`${target}: no such file or folder`);
    process.exit(2);
  }
  if (!stat.isDirectory()) return [target];
  return readdirSync(target)
    .filter((name) => name.endsWith('.cypher'))
    .sort()
    .map((name) => join(target, name));
}

const files = targets.flatMap(cypherFiles);
if (files.length === 0) {
  console.error(`no .cypher files in ${targets.join(', ')}`);
  process.exit(2);
}

let problems = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const nearby = relative(process.cwd(), resolve(file));
  const name = nearby.startsWith('..') ? resolve(file) : nearby;
  const statements = parseStatementsStrs(text).filter((statement) => statement.replace(/\/\/.*$/gm, '').trim());
  if (statements.length !== 1) {
    console.log(`${name}:1:1: error: holds ${statements.length} statements; keep exactly one per file`);
    problems += 1;
  }
  const { diagnostics } = lintCypherQuery(text, {});
  for (const diagnostic of diagnostics.filter(isNotParamError)) {
    const { line, character } = diagnostic.range.start;
    const severity = SEVERITY[diagnostic.severity] ?? 'error';
    console.log(`${name}:${line + 1}:${character + 1}: ${severity}: ${diagnostic.message}`);
    problems += 1;
  }
}
console.log(`${files.length} files checked, ${problems} problems`);
process.exit(problems ? 1 : 0);

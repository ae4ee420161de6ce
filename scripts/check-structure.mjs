#!/usr/bin/env node
// The house's structural rules, checked on the source (`npm run check:structure`, a step of `npm test`):
// 1. no import cycle among the modules of src/, webview/ and test/ — type-only imports included, since a
//    type cycle still ties two files together for a reader and turns into a runtime cycle with one edit;
// 2. at most 8 files at the top of src/ (everything else lives in a feature folder);
// 3. no machine path (a home directory, root's home, the work or temp folder of one machine) in any file of the repo.
// Prints every finding and exits 1 if there is one. `node scripts/check-structure.mjs [root]` checks another
// tree (test/unit/structure.test.ts runs it on small fixture trees).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const sourceRoots = ['src', 'webview', 'test'];
const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const maxTopLevelSrcFiles = 8;

/** Vendored files, kept byte-identical to their source: not ours to reword. */
const vendored = [/^package-lock\.json$/, /^test\/fixtures\//];
const binary = /\.(png|jpe?g|gif|ico|ttf|woff2?|vsix|zip|gz)$/i;
/**
 * A path that exists only on one machine: a home directory, root's home, the CI work folder, a temp folder.
 * The lookbehind keeps relative paths out (`$DIR/tmp`, `src/workers/…`, `/api/analytics/workflows`).
 */
const machinePath = new RegExp(
  // Slashes written as [/] so that this line does not match itself.
  String.raw`(?<![\w.$}~\-/])(?:[/](?:root|work|tmp|private[/]var|var[/]folders)(?=[/'"\x60\s]|$)|[/](?:home|Users)[/][A-Za-z_][\w.-]*[/]|[A-Za-z]:\\Users\\)`,
);

const toPosix = (p) => p.split(sep).join('/');

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === '.git') return [];
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Every file of the repository: git's tracked and new (not ignored) files, or a plain walk outside git. */
function repositoryFiles() {
  if (existsSync(join(root, '.git'))) {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return out
      .split('\0')
      .filter(Boolean)
      .filter((f) => existsSync(join(root, f)));
  }
  const generated = /^(dist|out|test-artifacts|\.vscode-test)\//;
  return walk(root)
    .map((f) => toPosix(relative(root, f)))
    .filter((f) => !generated.test(f));
}

// ---- imports -------------------------------------------------------------------------------------------

/** The relative module specifiers of one file, each marked type-only or not. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : undefined,
  );
  const found = [];
  const add = (node, typeOnly) => {
    if (node && ts.isStringLiteralLike(node) && node.text.startsWith('.'))
      found.push({ specifier: node.text, typeOnly });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedTypeOnly =
        !clause?.name &&
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, Boolean(clause?.isTypeOnly || allNamedTypeOnly));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const allNamedTypeOnly =
        node.exportClause &&
        ts.isNamedExports(node.exportClause) &&
        node.exportClause.elements.length > 0 &&
        node.exportClause.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, Boolean(node.isTypeOnly || allNamedTypeOnly));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true); // `import('./x').T` in a type position
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names, as TypeScript and esbuild resolve it (`./x`, `./x.js` → x.ts, `./dir` → dir/index.ts). */
function resolveSpecifier(fromFile, specifier, known) {
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(c|m)?js$/, '');
  const candidates = [
    base,
    ...sourceExtensions.map((e) => stem + e),
    ...sourceExtensions.map((e) => join(base, `index${e}`)),
  ];
  return candidates.find((c) => known.has(c));
}

function importGraph() {
  const files = sourceRoots
    .flatMap((dir) => walk(join(root, dir)))
    .filter((f) => sourceExtensions.includes(extname(f)) && !f.endsWith('.d.ts'))
    .filter((f) => !vendored.some((v) => v.test(toPosix(relative(root, f)))));
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const edges = new Map(); // target → type-only (false wins: one runtime import makes the edge a runtime one)
    for (const { specifier, typeOnly } of importsOf(file)) {
      const target = resolveSpecifier(file, specifier, known);
      if (target) edges.set(target, (edges.get(target) ?? true) && typeOnly);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Strongly connected components (Tarjan); a component of two or more files, or a file importing itself, holds cycles. */
function cyclicComponents(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const strongConnect = (v) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v).keys()) {
      if (!indices.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indices.get(w)));
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v).has(v)) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) strongConnect(v);
  return components;
}

/** The shortest cycle through `start` inside its component (breadth-first), as a list of files ending where it starts. */
function shortestCycle(graph, start, members) {
  const previous = new Map();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const w of [...graph.get(v).keys()].sort()) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = previous.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return undefined;
}

/** Every distinct shortest cycle through a member of a cyclic component, printed `a → b → a` (`⇢` marks a type-only import). */
function cycles(graph) {
  const printed = new Set();
  const lines = [];
  for (const component of cyclicComponents(graph)) {
    const members = new Set(component);
    for (const start of [...component].sort()) {
      const cycle = shortestCycle(graph, start, members);
      if (!cycle) continue;
      const ring = cycle.slice(0, -1);
      const first = ring.indexOf([...ring].sort()[0]);
      const key = [...ring.slice(first), ...ring.slice(0, first)].join('\n');
      if (printed.has(key)) continue;
      printed.add(key);
      const allTypes = cycle.slice(1).every((to, i) => graph.get(cycle[i]).get(to));
      const text = cycle
        .map(
          (file, i) =>
            (i === 0 ? '' : graph.get(cycle[i - 1]).get(file) ? ' ⇢ ' : ' → ') + toPosix(relative(root, file)),
        )
        .join('');
      lines.push(`import cycle${allTypes ? ' (type-only)' : ''}: ${text}`);
    }
  }
  return lines;
}

// ---- the checks ----------------------------------------------------------------------------------------

function topLevelSrcFiles() {
  const dir = join(root, 'src');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile());
  return files.length > maxTopLevelSrcFiles
    ? [
        `${files.length} files at the top of src/ (at most ${maxTopLevelSrcFiles}: put the rest in a feature folder): ${files.sort().join(', ')}`,
      ]
    : [];
}

function machinePaths() {
  const findings = [];
  for (const file of repositoryFiles()) {
    if (binary.test(file) || vendored.some((v) => v.test(file))) continue;
    const text = readFileSync(join(root, file), 'utf8');
    if (text.includes('\0')) continue;
    text.split('\n').forEach((line, i) => {
      const m = machinePath.exec(line);
      if (m) findings.push(`machine path in ${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
    });
  }
  return findings;
}

const findings = [...cycles(importGraph()), ...topLevelSrcFiles(), ...machinePaths()];
for (const finding of findings) console.error(finding);
if (findings.length > 0) {
  console.error(`\ncheck-structure: ${findings.length} finding(s) (→ import, ⇢ type-only import)`);
  process.exit(1);
}
console.log('check-structure: no import cycle, src/ top level within limit, no machine path');

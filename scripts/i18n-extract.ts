// Collects translation keys from the web app's source and keeps the kk/ru/en catalogues in step.
//
//   npx tsx scripts/i18n-extract.ts           add missing keys (value "") to every catalogue, sorted
//   npx tsx scripts/i18n-extract.ts --check   exit 1 if a key is missing or empty anywhere, or unused
//   npx tsx scripts/i18n-extract.ts --prune   also delete keys no source file uses
//
// Keys are literal first arguments of t('…') / i18n.t('…') / x.t('…') and literal i18nKey props of
// <Trans>. A t() call with a computed key is reported, because no tool can check it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SOURCE_DIR = join(ROOT, 'web/src');
const LOCALES_DIR = join(SOURCE_DIR, 'locales');
const LANGUAGES = ['kk', 'ru', 'en'] as const;

type Catalogue = Record<string, string>;
type Found = { keys: Map<string, string[]>; dynamic: string[] };

/** Every .ts/.tsx file under `dir`, declaration files excluded. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function literalText(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

function isTranslateCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't';
}

function isTransElement(node: ts.JsxAttribute): boolean {
  const element = node.parent.parent;
  return (ts.isJsxOpeningElement(element) || ts.isJsxSelfClosingElement(element)) && element.tagName.getText() === 'Trans';
}

/** Walks one file's syntax tree and records where each key is used. */
function collect(file: string, found: Found): void {
  const text = readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const where = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `${relative(ROOT, file)}:${line + 1}`;
  };
  const add = (key: string, node: ts.Node) => found.keys.set(key, [...(found.keys.get(key) ?? []), where(node)]);

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isTranslateCall(node) && node.arguments.length > 0) {
      const key = literalText(node.arguments[0]);
      if (key !== null) add(key, node);
      else found.dynamic.push(`${where(node)}  ${node.getText(source).slice(0, 80)}`);
    }
    if (ts.isJsxAttribute(node) && node.name.getText(source) === 'i18nKey' && isTransElement(node)) {
      const init = node.initializer;
      const key = init && ts.isJsxExpression(init) ? literalText(init.expression) : literalText(init);
      if (key !== null) add(key, node);
      else found.dynamic.push(`${where(node)}  ${node.getText(source).slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

function readCatalogue(language: string): Catalogue {
  const raw: unknown = JSON.parse(readFileSync(join(LOCALES_DIR, `${language}.json`), 'utf8'));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${language}.json is not an object`);
  const entries = Object.entries(raw as Record<string, unknown>);
  const nested = entries.find(([, value]) => typeof value !== 'string');
  if (nested) throw new Error(`${language}.json: key "${nested[0]}" is not a string (catalogues are flat)`);
  return Object.fromEntries(entries) as Catalogue;
}

function writeCatalogue(language: string, catalogue: Catalogue): void {
  const sorted = Object.fromEntries(Object.entries(catalogue).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(join(LOCALES_DIR, `${language}.json`), `${JSON.stringify(sorted, null, 2)}\n`);
}

function main(argv: string[]): number {
  const isCheck = argv.includes('--check');
  const isPrune = argv.includes('--prune');
  const found: Found = { keys: new Map(), dynamic: [] };
  for (const file of sourceFiles(SOURCE_DIR)) collect(file, found);
  const used = [...found.keys.keys()].sort();
  const problems: string[] = [];

  for (const language of LANGUAGES) {
    const catalogue = readCatalogue(language);
    const missing = used.filter((key) => !(key in catalogue));
    const empty = used.filter((key) => catalogue[key] === '');
    const unused = Object.keys(catalogue).filter((key) => !found.keys.has(key));
    for (const key of missing) problems.push(`${language}: missing  ${key}  (${found.keys.get(key)?.[0]})`);
    for (const key of empty) problems.push(`${language}: empty    ${key}`);
    for (const key of unused) problems.push(`${language}: unused   ${key}`);
    if (!isCheck) {
      for (const key of missing) catalogue[key] = '';
      if (isPrune) for (const key of unused) delete catalogue[key];
      writeCatalogue(language, catalogue);
    }
  }

  for (const line of found.dynamic) console.warn(`warning: computed key, not checked: ${line}`);
  console.log(`${used.length} keys used in ${relative(ROOT, SOURCE_DIR)}`);
  if (problems.length > 0) {
    console.log(problems.join('\n'));
    if (isCheck) {
      console.error(`i18n check failed: ${problems.length} problem(s)`);
      return 1;
    }
  } else {
    console.log('catalogues complete');
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));

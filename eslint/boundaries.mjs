// Custody's import boundaries and its one write path, as ESLint rules (see eslint.config.mjs).
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules that hold evidence rules or data: config/ and auth/ must not depend on them. */
const domainModules = new Set([
  'audits',
  'custody',
  'demo',
  'items',
  'ledger',
  'lifecycle',
  'locations',
  'organizations',
  'printing',
  'scan',
  'seizures',
  'sites',
  'statistics',
  'transfers',
]);
/** Folders of src/ that may import every module's entities: the one DataSource definition lists them all. */
const seesAllEntities = new Set(['database', 'demo']);
const frameworks = [/^@nestjs\//, /^typeorm$/, /^express$/, /^pg$/];

function projectPath(filename) {
  return relative(root, filename).split(sep).join('/');
}

function importedPath(filename, source) {
  return source.startsWith('.') ? projectPath(resolve(dirname(filename), source)) : null;
}

function moduleOf(path) {
  const match = /^src\/([^/]+)\//.exec(path);
  return match ? match[1] : null;
}

const boundariesRule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'libs/ imports nothing from src/ or a framework; a module does not import another module’s entities; config/ and auth/ import no domain module',
    },
    schema: [],
  },
  create(context) {
    const importer = projectPath(context.filename);
    const importerModule = moduleOf(importer);
    const check = (node, source, typeOnly = false) => {
      if (typeof source !== 'string') return;
      const target = importedPath(context.filename, source);
      if (importer.startsWith('libs/')) {
        if (target && (target.startsWith('src/') || target === 'src'))
          context.report({ node, message: `libs/ is framework-free and must not import from src/ (${source})` });
        if (frameworks.some((pattern) => pattern.test(source))) context.report({ node, message: `libs/ is framework-free and must not import ${source}` });
        return;
      }
      if (!importerModule || !target) return;
      const targetModule = moduleOf(target);
      if (!targetModule || targetModule === importerModule) return;
      // an entity names the entities its foreign keys point to; a type names the shape a service answers with
      if (/\.entity$/.test(target) && !typeOnly && !/\.entity\.ts$/.test(importer) && !seesAllEntities.has(importerModule)) {
        context.report({ node, message: `src/${importerModule} must not import src/${targetModule}'s entity (${source}): ask that module's exported service` });
      }
      if ((importerModule === 'config' || importerModule === 'auth') && domainModules.has(targetModule)) {
        context.report({ node, message: `src/${importerModule} must not import the domain module src/${targetModule} (${source})` });
      }
    };
    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
    };
  },
};

const writesTable = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+"?(items|custody_events)"?\b/i;
const writeMethods = new Set(['insert', 'update', 'save', 'delete', 'remove', 'upsert', 'softDelete', 'increment', 'decrement', 'into']);
const guardedEntities = new Set(['Item', 'CustodyEvent']);

const oneWritePathRule = {
  meta: {
    type: 'problem',
    docs: { description: 'only src/custody/ writes the items and custody_events tables: every custody step goes through its one write path' },
    schema: [],
  },
  create(context) {
    const path = projectPath(context.filename);
    if (!path.startsWith('src/') || path.startsWith('src/custody/')) return {};
    const report = (node, what) => context.report({ node, message: `${what} outside src/custody: every custody step goes through CustodyEngine` });
    const checkText = (node, text) => {
      if (writesTable.test(text)) report(node, `SQL that writes ${writesTable.exec(text)[3]}`);
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') checkText(node, node.value);
      },
      TemplateLiteral(node) {
        checkText(node, node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(' '));
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !writeMethods.has(callee.property.name)) return;
        const [first] = node.arguments;
        if (first?.type === 'Identifier' && guardedEntities.has(first.name)) report(node, `${callee.property.name}(${first.name})`);
      },
    };
  },
};

export const boundaries = { rules: { boundaries: boundariesRule, 'one-write-path': oneWritePathRule } };

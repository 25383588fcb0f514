// Compiles the XPath of the official Schematron rules (src/lib/peppol-rules/data/rules/*.sch)
// to one JavaScript module, src/lib/peppol-rules/compiled/rules.generated.ts, at build time:
// parsing ~1,300 expressions with fontoxpath took half of the rules' load in the browser, and
// evaluating them with fontoxpath most of a check. fontoxpath's own parser turns each rule
// context, assert test, let and xsl:function into XQueryX (the parser is exact XPath 3.1 and
// already a dependency; a hand-written one would be a second grammar to keep right), and
// ./rules-compiler/xqx-to-js.ts translates that into code over src/lib/peppol-rules/xpath/.
// An expression outside the supported subset stays with fontoxpath at run time; the build lists
// them. The output is stamped with the SHA-256 of its inputs and skipped when fresh; a spec
// checks the stamp (src/lib/peppol-rules/compiled.spec.ts).
//
//   npx tsx scripts/compile-rules.ts [--force] [--check]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontoxpath from 'fontoxpath';
import { Document, type Element } from 'slimdom';
import { RULE_FILES } from '../src/lib/peppol-rules/data-files';
import { writeLibxml2Wasm } from './libxml2-wasm';
import { patternToSelect, splitUnion } from '../src/lib/peppol-rules/match-pattern';
import { readSchematron, type SchematronData } from '../src/lib/peppol-rules/schema-data';
import { PREDECLARED, xpathAsXQuery, xqString } from '../src/lib/peppol-rules/xslt-functions';
import { Translator, Unsupported } from './rules-compiler/xqx-to-js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RULES = resolve(ROOT, 'src/lib/peppol-rules');
export const OUTPUT = resolve(RULES, 'compiled/rules.generated.ts');
const XQX = 'http://www.w3.org/2005/XQueryX';

/** The files the generated module depends on: the rules and the compiler itself. */
const INPUTS = [
	...Object.values(RULE_FILES).map((file) => resolve(RULES, 'data', file)),
	fileURLToPath(import.meta.url),
	resolve(ROOT, 'scripts/rules-compiler/xqx-to-js.ts'),
	resolve(RULES, 'match-pattern.ts'),
	resolve(RULES, 'schema-data.ts'),
	resolve(RULES, 'xslt-functions.ts'),
	resolve(RULES, 'xpath/functions.ts')
];

/** The stamp of the inputs, as the generated module records it. */
export function inputStamp(): string {
	const hash = createHash('sha256');
	for (const file of INPUTS) hash.update(readFileSync(file)).update('\0');
	return hash.digest('hex');
}

const kids = (n: Element): Element[] =>
	Array.from(n.childNodes).filter((c): c is Element => c.nodeType === 1);

interface Compiled {
	compiled: number;
	total: number;
	fallback: string[];
}

function compileRuleset(
	ruleset: keyof typeof RULE_FILES,
	out: string[],
	constants: Map<string, string>,
	schema: SchematronData
): Compiled {
	const { namespaces, functions: module } = schema;
	const prolog = Object.entries(namespaces)
		.filter(([prefix]) => !PREDECLARED.has(prefix))
		.map(([prefix, uri]) => `declare namespace ${prefix} = ${xqString(uri)};\n`)
		.join('');
	const xqx = new Document();
	const parse = (query: string): Element => {
		const ast = fontoxpath.parseScript<Element>(
			query,
			{ language: fontoxpath.evaluateXPath.XQUERY_3_1_LANGUAGE, annotateAst: false },
			xqx
		);
		return ast;
	};
	const find = (n: Element, local: string): Element | undefined => {
		if (n.namespaceURI === XQX && n.localName === local) return n;
		for (const k of kids(n)) {
			const found = find(k, local);
			if (found) return found;
		}
		return undefined;
	};
	const constant = (code: string): string => {
		let name = constants.get(code);
		if (!name) {
			name = `K${constants.size}`;
			constants.set(code, name);
		}
		return name;
	};

	// the xsl:functions, until every one left compiles (one may call another that does not)
	const userFunctions = new Map<string, { name: string; arity: number }>();
	const declarations = new Map<string, Element>();
	for (const [local, declaration] of module?.declarations ?? []) {
		const decl = find(parse(prolog + declaration + '\n()'), 'functionDecl');
		if (!decl) throw new Error(`${ruleset}: ${local} did not parse to a function`);
		const arity = kids(decl).find((k) => k.localName === 'paramList')?.childNodes.length ?? 0;
		const key = `${local}#${arity}`;
		declarations.set(key, decl);
		userFunctions.set(key, {
			name: `${ruleset}_${local.replace(/[^\w]/g, '_')}`,
			arity
		});
	}
	const translator = new Translator({
		namespaces,
		functionPrefix: module?.prefix ?? null,
		userFunctions,
		constant
	});
	const functionCode = new Map<string, string>();
	for (let changed = true; changed;) {
		changed = false;
		functionCode.clear();
		for (const [key, decl] of declarations) {
			const fn = userFunctions.get(key);
			if (!fn) continue;
			try {
				const params = kids(kids(decl).find((k) => k.localName === 'paramList') ?? decl);
				const locals = new Map<string, string>();
				const conversions = params.map((param, i) => {
					const name = kids(param).find((k) => k.localName === 'varName')?.textContent ?? '';
					locals.set(name, `p${i}`);
					const type = kids(param).find((k) => k.localName === 'typeDeclaration');
					return `p${i} = ${translator.convert(`p${i}`, type)};`;
				});
				const body = kids(decl).find((k) => k.localName === 'functionBody');
				const [expr] = body ? kids(body) : [];
				if (!expr) throw new Unsupported('an empty function body');
				const result = translator.convert(
					translator.expression(expr, locals, 'U'),
					kids(decl).find((k) => k.localName === 'typeDeclaration')
				);
				functionCode.set(
					key,
					`function ${fn.name}(${params.map((_, i) => `p${i}: V.Seq`).join(', ')}): V.Seq {\n\t${conversions.join('\n\t')}\n\treturn ${result};\n}`
				);
			} catch (e) {
				if (!(e instanceof Unsupported)) throw e;
				console.warn(
					`compile-rules: ${ruleset}: function ${key} stays with fontoxpath: ${e.message}`
				);
				userFunctions.delete(key);
				changed = true;
			}
		}
	}
	out.push(...functionCode.values());

	const expressions = new Set<string>();
	for (const l of schema.globals) expressions.add(l.value);
	for (const rule of schema.patterns.flatMap((p) => p.rules)) {
		for (const branch of splitUnion(rule.context))
			expressions.add(patternToSelect(branch, { optimise: true }));
		for (const l of rule.lets) expressions.add(l.value);
		for (const a of rule.asserts) expressions.add(a.test);
	}
	const fallback: string[] = [];
	let compiled = 0;
	for (const expression of expressions) {
		const body = find(parse(prolog + xpathAsXQuery(expression)), 'queryBody');
		const [expr] = body ? kids(body) : [];
		try {
			if (!expr) throw new Unsupported('an empty expression');
			const code = translator.expression(expr);
			out.push(`\t[${JSON.stringify(`${ruleset}\n${expression}`)}, (f, v) => ${code}],`);
			compiled++;
		} catch (e) {
			if (!(e instanceof Unsupported)) throw e;
			fallback.push(`${ruleset}: ${e.message}: ${expression.replace(/\s+/g, ' ').slice(0, 160)}`);
		}
	}
	return { compiled, total: expressions.size, fallback };
}

/** Writes the generated module unless it is fresh; returns what it did. */
export function compileRules({ force = false } = {}): string {
	const stamp = inputStamp();
	if (!force && existsSync(OUTPUT) && readFileSync(OUTPUT, 'utf8').includes(`STAMP = '${stamp}'`))
		return 'compile-rules: fresh';
	const functions: string[] = [];
	const entries: string[] = [];
	const constants = new Map<string, string>();
	const schemas = {
		cen: readSchematron(readFileSync(resolve(RULES, 'data', RULE_FILES.cen), 'utf8'), 'cen'),
		peppol: readSchematron(
			readFileSync(resolve(RULES, 'data', RULE_FILES.peppol), 'utf8'),
			'peppol'
		)
	};
	const results = (['cen', 'peppol'] as const).map((ruleset) => {
		const out: string[] = [];
		const result = compileRuleset(ruleset, out, constants, schemas[ruleset]);
		functions.push(...out.filter((line) => line.startsWith('function')));
		entries.push(...out.filter((line) => !line.startsWith('function')));
		return result;
	});
	const compiled = results.reduce((n, r) => n + r.compiled, 0);
	const total = results.reduce((n, r) => n + r.total, 0);
	const fallback = results.flatMap((r) => r.fallback);
	const source = [
		'// GENERATED by scripts/compile-rules.ts from the rules in ../data/rules: do not edit.',
		'/* eslint-disable */',
		"import * as V from '../xpath/values';",
		"import * as N from '../xpath/nodes';",
		"import * as R from '../xpath/convert';",
		"import { call as F } from '../xpath/functions';",
		"import type { CompiledExpression } from '../xpath/compiled-expression';",
		"import type { SchematronData } from '../schema-data';",
		'',
		`export const STAMP = '${stamp}';`,
		`export const FALLBACK_COUNT = ${fallback.length};`,
		'const U: N.Focus = { i: undefined, p: 0, n: 0 };',
		...[...constants].map(([code, name]) => `const ${name} = ${code};`),
		...functions,
		'',
		'/** The two rule files as the engine reads them (../schema-data.ts); JSON parses fastest. */',
		`export const SCHEMAS: Readonly<Record<'cen' | 'peppol', SchematronData>> = JSON.parse(${JSON.stringify(JSON.stringify(schemas))});`,
		'',
		'/** By `ruleset\\nexpression`: the compiled expression. */',
		'export const EXPRESSIONS = new Map<string, CompiledExpression>([',
		...entries,
		']);',
		''
	].join('\n');
	mkdirSync(dirname(OUTPUT), { recursive: true });
	writeFileSync(OUTPUT, source);
	return [
		`compile-rules: compiled ${compiled} of ${total} expressions; fallback (fontoxpath at run time): ${fallback.length}`,
		...fallback.map((f) => `  ${f}`)
	].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	console.log(compileRules({ force: process.argv.includes('--force') }));
	console.log(writeLibxml2Wasm());
}

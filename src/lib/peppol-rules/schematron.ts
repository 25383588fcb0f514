// A small ISO Schematron (queryBinding xslt2) evaluator on fontoxpath + slimdom, with the
// semantics of SchXslt and the ISO skeleton:
//   * the <let>s of the schema, the active phase and the active patterns are global and are
//     evaluated with the document node as context item;
//   * a node fires at most one rule per pattern: the first rule (document order) matching it;
//   * rule <let>s are evaluated with the rule's context node as context item;
//   * <xsl:function>s become XQuery functions in the prolog of the expressions that call them
//     (./xslt-functions.ts);
//   * a dynamic error while matching a rule context means "no match" (as in XSLT);
//   * a dynamic error in an assert or report test is reported as a finding of that assert, with
//     its flag and an "[evaluation error]" message (XSLT processors abort the run instead).
// Lets are inlined as XPath 3.1 `let` clauses, so values keep their XDM types (sequences,
// empty sequences, xs:decimal) instead of passing through JavaScript. Every expression is parsed
// to XQueryX and its decimal arithmetic rewritten to exact arithmetic (./exact-decimal.ts) before
// fontoxpath compiles it.
import type { Options } from 'fontoxpath';
import {
	Document as XqxDocument,
	parseXmlDocument,
	type Document,
	type Element,
	type Node
} from 'slimdom';
import { EXPRESSIONS } from './compiled/rules.generated';
import {
	readSchematron,
	type LetData,
	type MessagePart,
	type RuleData,
	type SchematronData
} from './schema-data';
import { EXACT_NS, EXACT_PREFIX, registerExactDecimal, rewriteExactDecimal } from './exact-decimal';
import type { Finding } from './finding';
import { fontoxpath } from './fontoxpath';
import { patternToSelect, splitUnion } from './match-pattern';
import { compileNamePattern, compileNameTest, lastNames } from './name-path';
import {
	elementsOf,
	hasElement,
	INDEX_NS,
	registerPathIndex,
	rewritePathIndex
} from './path-index';
import { PREDECLARED, xpathAsXQuery, xqString, type FunctionModule } from './xslt-functions';
import type { CompiledExpression } from './xpath/compiled-expression';
import { inDocumentOrder, type Focus } from './xpath/nodes';
import { ebv, isNode, type Seq } from './xpath/values';

// fontoxpath's compile time grows faster than linearly with the expression length, so the
// asserts of a rule are evaluated together in chunks of bounded size.
const MAX_CHUNK_ASSERTS = 20;
const MAX_CHUNK_CHARS = 1500;

/** Names of the variables an expression refers to (a superset: for/some variables count too). */
function varRefs(expr: string): Set<string> {
	const out = new Set<string>();
	for (const m of expr.matchAll(/\$([A-Za-z_][\w.-]*)/g))
		out.add((m[1] ?? '').replace(/[.-]+$/, ''));
	return out;
}

/** The location path of a node, with the document's prefixes: /Invoice[1]/cac:Foo[2]/@bar */
export function locationOf(node: Node): string {
	const steps: string[] = [];
	for (let n: Node | null = node; n && n.nodeType !== 9;) {
		if (n.nodeType === 2) {
			const attr = n as unknown as { nodeName: string; ownerElement: Element | null };
			steps.push('@' + attr.nodeName);
			n = attr.ownerElement;
			continue;
		}
		if (n.nodeType === 1) {
			const e = n as Element;
			let i = 1;
			for (let s = e.previousSibling; s; s = s.previousSibling) {
				if (
					s.nodeType === 1 &&
					(s as Element).localName === e.localName &&
					(s as Element).namespaceURI === e.namespaceURI
				)
					i++;
			}
			steps.push(`${e.nodeName}[${i}]`);
		} else steps.push(n.nodeType === 3 ? 'text()' : 'node()');
		n = n.parentNode;
	}
	return '/' + steps.reverse().join('/');
}

function docOrderIndex(doc: Document): Map<Node, number> {
	const index = new Map<Node, number>();
	let i = 0;
	const walk = (n: Node): void => {
		index.set(n, i++);
		if (n.nodeType === 1) for (const a of Array.from((n as Element).attributes)) index.set(a, i++);
		for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
	};
	walk(doc);
	return index;
}

// fontoxpath wraps an error raised inside a custom function in a line of its own; a memoised
// path (./path-index.ts) raises the error of the path itself, which the plain engine reports.
const INDEX_WRAPPER = `Custom XPath function Q{${INDEX_NS}}`;

/** The first line of an error's message, past the wrappers of the index functions. */
function firstLine(e: unknown): string {
	const lines = String(e instanceof Error ? e.message : e).split('\n');
	let i = 0;
	while (i + 1 < lines.length && lines[i]?.startsWith(INDEX_WRAPPER)) i++;
	return lines[i] ?? '';
}

interface Let {
	name: string;
	value: string;
	refs: Set<string>;
	compiled: CompiledExpression | null;
}

/** A variable the compiled code could not evaluate: the expression goes to fontoxpath. */
class VariableFailed extends Error {}

/** The values of the schema-level lets for one document, computed when first needed. */
type Globals = Map<string, Seq | VariableFailed>;

interface Assert {
	id: string;
	isReport: boolean;
	test: string;
	flag: 'fatal' | 'warning';
	message: MessagePart[];
	/** the test's value in JavaScript, for a name path (./name-path.ts); else fontoxpath's */
	js: ((context: Element) => boolean) | null;
	/** the test compiled at build time (scripts/compile-rules.ts), or null */
	compiled: CompiledExpression | null;
	/** the schema-level lets the plain engine binds for this test (see `globalBindings`) */
	globals: string[];
}

interface Chunk {
	/** the (0-based) indexes of its asserts in the rule */
	indexes: number[];
	/** returns the 1-based indexes of the asserts that fail and the reports that fire */
	expr: string;
	/**
	 * The same for every node of the sequence `$__nodes` at once, as pairs (position of the node,
	 * index of the assert); the schema's lets are evaluated once for all of them.
	 */
	batch: string;
}

/** The fontoxpath text of a rule's expressions: built when fontoxpath first needs them. */
interface FallbackRule {
	select: string;
	branches: string[];
	chunks: Chunk[];
	/** one boolean expression per assert, to isolate a dynamic error */
	single: string[];
}

interface Rule {
	context: string;
	/** the context as a test of an element, for a pattern of names (./name-path.ts) */
	match: ((element: Element) => boolean) | null;
	/** the names its branches end with: absent from a document, the rule matches nothing */
	lastNames: { uri: string; local: string }[] | null;
	/** each branch compiled at build time, or null if any branch is not */
	compiledBranches: CompiledExpression[] | null;
	/** the schema-level lets the context's branches refer to */
	contextGlobals: string[];
	lets: Let[];
	/** the rule's lets compiled, or null if one is not */
	compiledLets: { name: string; value: CompiledExpression }[] | null;
	data: RuleData;
	/** the asserts, set up when the rule first matches a node (most rules match nothing) */
	asserts: Assert[] | null;
	fallback: FallbackRule | null;
}

export interface SchematronOptions {
	/** the ruleset name findings carry ('cen', 'peppol') */
	name: Finding['ruleset'];
	/** the phase to run; defaults to the schema's defaultPhase, else #ALL */
	phase?: string;
	/**
	 * The plain engine, for the spec that proves the fast one gives identical findings: every
	 * expression as fontoxpath evaluates it (no name index, no memo, no JavaScript evaluation of
	 * name paths), each chunk node by node, rule contexts without hoisted tests.
	 */
	reference?: boolean;
}

export class CompiledSchematron {
	readonly name: Finding['ruleset'];
	readonly title: string;
	readonly ruleCount: number;
	readonly assertCount: number;
	private readonly ns: Record<string, string>;
	private readonly functions: FunctionModule | null;
	/** namespace declarations for a query prolog */
	private readonly namespaceProlog: string;
	/** parsed and rewritten expressions, by their XPath text */
	private readonly compiled = new Map<string, Element>();
	private readonly xqx = new XqxDocument();
	private readonly globals = new Map<string, Let>();
	private readonly patterns: { id: string; rules: Rule[] }[];
	private readonly xpathOptions: Options;
	private readonly fast: boolean;
	/** how often the fast engine had to ask fontoxpath (the bench and a spec read it) */
	fontoxpathEvaluations = 0;

	/**
	 * `source`: a Schematron schema in one file (includes already resolved), or that schema read
	 * at build time (./schema-data.ts; its default phase).
	 */
	constructor(source: string | SchematronData, options: SchematronOptions) {
		this.name = options.name;
		this.fast = !options.reference;
		const data =
			typeof source === 'string' ? readSchematron(source, this.name, options.phase) : source;
		this.title = data.title;
		this.ns = { ...data.namespaces };
		this.functions = data.functions && {
			...data.functions,
			declarations: new Map(data.functions.declarations)
		};
		this.namespaceProlog = Object.entries(this.ns)
			.filter(([prefix]) => !PREDECLARED.has(prefix))
			.map(([prefix, uri]) => `declare namespace ${prefix} = ${xqString(uri)};\n`)
			.join('');
		this.xpathOptions = {
			// fontoxpath's Language.XQUERY_3_1_LANGUAGE, spelt out: fontoxpath loads on first need
			language: 'XQuery3.1' as Options['language'],
			moduleImports: { [EXACT_PREFIX]: EXACT_NS }
		};
		for (const l of data.globals) this.globals.set(l.name, this.letOf(l));
		this.patterns = data.patterns.map((p) => ({
			id: p.id,
			rules: p.rules.map((r) => this.compileRule(r))
		}));
		this.ruleCount = this.patterns.reduce((n, p) => n + p.rules.length, 0);
		this.assertCount = this.patterns.reduce(
			(n, p) => n + p.rules.reduce((m, r) => m + r.data.asserts.length, 0),
			0
		);
	}

	/** The xsl:functions an expression calls, directly or through another function. */
	private functionProlog(expr: string): string {
		const module = this.functions;
		if (!module) return '';
		const callPattern = new RegExp(`(?<![\\w.:-])${module.prefix}:([\\w.-]+)\\s*\\(`, 'g');
		const needed = new Set<string>();
		const visit = (text: string): void => {
			for (const m of text.matchAll(callPattern)) {
				const name = m[1] ?? '';
				const declaration = module.declarations.get(name);
				if (declaration === undefined || needed.has(name)) continue;
				needed.add(name);
				visit(declaration);
			}
		};
		visit(expr);
		return [...needed].map((name) => module.declarations.get(name) + '\n').join('');
	}

	/** Parses an XPath expression (with the schema's namespaces and functions) into XQueryX with
	 *  exact decimal arithmetic; cached, because fontoxpath caches compiled XQueryX by node. */
	private compile(expr: string): Element {
		let ast = this.compiled.get(expr);
		if (!ast) {
			// fontoxpath is only set up when an expression first needs it
			registerExactDecimal();
			registerPathIndex();
			const query = this.namespaceProlog + this.functionProlog(expr) + xpathAsXQuery(expr);
			const parsed = fontoxpath().parseScript<Element>(
				query,
				{ ...this.xpathOptions, annotateAst: false },
				this.xqx
			);
			const exact = rewriteExactDecimal(parsed);
			ast = this.fast ? rewritePathIndex(exact, this.ns, this.xpathOptions) : exact;
			this.compiled.set(expr, ast);
		}
		return ast;
	}

	/** The build-time compilation of an expression of this schema (none for the plain engine). */
	private compiledOf(expr: string): CompiledExpression | null {
		return this.fast ? (EXPRESSIONS.get(`${this.name}\n${expr}`) ?? null) : null;
	}

	private letOf({ name, value }: LetData): Let {
		return { name, value, refs: varRefs(value), compiled: this.compiledOf(value) };
	}

	/** `let $g := root(.) ! (...), $l := (...) return ` for the variables an expression needs. */
	private prelude(exprRefs: Set<string>, localLets: Let[] = []): string {
		const bindings = [
			...this.globalBindings(exprRefs, localLets),
			...this.localBindings(localLets)
		];
		return bindings.length ? `let ${bindings.join(',\n    ')}\nreturn ` : '';
	}

	private localBindings(localLets: Let[]): string[] {
		return localLets.map((l) => `$${l.name} := (${l.value})`);
	}

	/** The schema-level lets an expression and its rule's lets need, dependencies first. */
	private globalBindings(exprRefs: Set<string>, localLets: Let[]): string[] {
		return this.globalNames(exprRefs, localLets).map(
			(n) => `$${n} := root(.) ! (${this.globals.get(n)?.value ?? '()'})`
		);
	}

	private globalNames(exprRefs: Set<string>, localLets: Let[]): string[] {
		const needed = new Set<string>();
		const visit = (name: string, stack: Set<string>): void => {
			const g = this.globals.get(name);
			if (!g || needed.has(name) || stack.has(name)) return;
			stack.add(name);
			for (const r of g.refs) visit(r, stack);
			stack.delete(name);
			needed.add(name); // post-order: dependencies first
		};
		const allRefs = new Set(exprRefs);
		for (const l of localLets) for (const r of l.refs) allRefs.add(r);
		for (const r of allRefs) visit(r, new Set());
		return [...needed];
	}

	private compileRule(r: RuleData): Rule {
		const { context } = r;
		const lets = r.lets.map((l) => this.letOf(l));
		const compiledBranches = this.fast
			? splitUnion(context).map((b) => this.compiledOf(patternToSelect(b, { optimise: true })))
			: [null];
		const compiledLets = lets.map((l) => ({ name: l.name, value: l.compiled }));
		return {
			context,
			compiledBranches: compiledBranches.every((b) => b !== null)
				? (compiledBranches as CompiledExpression[])
				: null,
			contextGlobals: this.globalNames(varRefs(context), []),
			compiledLets: compiledLets.every((l) => l.value !== null)
				? (compiledLets as { name: string; value: CompiledExpression }[])
				: null,
			match: this.fast ? compileNamePattern(context, this.ns) : null,
			lastNames: this.fast ? lastNames(context, this.ns) : null,
			lets,
			data: r,
			asserts: null,
			fallback: null
		};
	}

	private assertsOf(rule: Rule): Assert[] {
		// a name path refers to no rule variable, so the rule's lets cannot change its value
		const js = (test: string) => (this.fast ? compileNameTest(test, this.ns) : null);
		rule.asserts ??= rule.data.asserts.map((a) => ({
			...a,
			js: js(a.test),
			compiled: this.compiledOf(a.test),
			globals: this.globalNames(varRefs(a.test), rule.lets)
		}));
		return rule.asserts;
	}

	/** The fontoxpath text of a rule's context and asserts, built on first use. */
	private fallbackOf(rule: Rule): FallbackRule {
		if (rule.fallback) return rule.fallback;
		const { lets, context } = rule;
		const asserts = this.assertsOf(rule);
		const chunks: Chunk[] = [];
		const inXPath = asserts.flatMap((a, i) => (a.js ? [] : [i]));
		for (let start = 0, end = 0; start < inXPath.length; start = end) {
			let size = 0;
			for (end = start; end < inXPath.length && end - start < MAX_CHUNK_ASSERTS; end++) {
				const length = asserts[inXPath[end] ?? 0]?.test.length ?? 0;
				if (end > start && size + length > MAX_CHUNK_CHARS) break;
				size += length;
			}
			const indexes = inXPath.slice(start, end);
			const part = indexes.map((i) => ({ a: asserts[i] as Assert, k: i + 1 }));
			const refs = new Set<string>();
			for (const { a } of part) for (const v of varRefs(a.test)) refs.add(v);
			const checks = part.map(({ a, k }) =>
				a.isReport ? `(if (${a.test}) then ${k} else ())` : `(if (${a.test}) then () else ${k})`
			);
			const globals = this.globalBindings(refs, lets);
			const locals = this.localBindings(lets);
			chunks.push({
				indexes,
				expr: `${this.prelude(refs, lets)}(\n${checks.join(',\n')}\n)`,
				batch:
					(globals.length ? `let ${globals.join(',\n    ')}\nreturn ` : '') +
					`for $__node at $__position in $__nodes?* return $__node ! (` +
					(locals.length ? `let ${locals.join(',\n    ')}\nreturn ` : '') +
					`(\n${checks.join(',\n')}\n) ! ($__position, .))`
			});
		}
		rule.fallback = {
			select: this.prelude(varRefs(context)) + patternToSelect(context, { optimise: this.fast }),
			branches: splitUnion(context).map(
				(b) => this.prelude(varRefs(b)) + patternToSelect(b, { optimise: this.fast })
			),
			chunks,
			single: asserts.map((a) => `${this.prelude(varRefs(a.test), lets)}boolean(${a.test})`)
		};
		return rule.fallback;
	}

	private message(rule: Rule, a: Assert, node: Node): string {
		return a.message
			.map((part) => {
				if (typeof part === 'string') return part;
				const expr = `${this.prelude(varRefs(part.select), rule.lets)}string-join(for $__v in (${part.select}) return string($__v), ' ')`;
				const fx = fontoxpath(); // outside the try: a missing fontoxpath is no finding
				try {
					return fx.evaluateXPathToString(this.compile(expr), node, null, {}, this.xpathOptions);
				} catch (e) {
					return `{${part.select}: ${firstLine(e)}}`;
				}
			})
			.join('')
			.replace(/\s+/g, ' ')
			.trim();
	}

	private finding(rule: Rule, a: Assert, node: Node): Finding {
		return {
			ruleset: this.name,
			id: a.id,
			flag: a.flag,
			location: locationOf(node),
			message: this.message(rule, a, node),
			test: a.test.replace(/\s+/g, ' ').trim()
		};
	}

	/** A schema-level let's value for a document, computed once; a failure is remembered. */
	private globalValue(name: string, doc: Document, globals: Globals): Seq {
		let value = globals.get(name);
		if (value === undefined) {
			const compiled = this.globals.get(name)?.compiled;
			value = new VariableFailed(name);
			globals.set(name, value); // a let that refers to itself fails
			if (compiled) {
				try {
					value = compiled({ i: doc, p: 1, n: 1 }, (n) => this.globalValue(n, doc, globals));
				} catch {
					// fontoxpath evaluates the expressions that need it
				}
			}
			globals.set(name, value);
		}
		if (value instanceof VariableFailed) throw value;
		return value;
	}

	/** The variables of a rule on one context node, or null if a rule let cannot be computed. */
	private ruleVariables(
		rule: Rule,
		node: Node,
		doc: Document,
		globals: Globals
	): ((name: string) => Seq) | null {
		if (!rule.compiledLets) return null;
		const locals = new Map<string, Seq>();
		const lookup = (name: string): Seq => locals.get(name) ?? this.globalValue(name, doc, globals);
		try {
			for (const l of rule.compiledLets)
				locals.set(l.name, l.value({ i: node, p: 1, n: 1 }, lookup));
		} catch {
			return null;
		}
		return lookup;
	}

	/** The nodes a rule's compiled context selects; a branch that fails goes to fontoxpath. */
	private compiledNodes(
		rule: Rule,
		branches: CompiledExpression[],
		doc: Document,
		globals: Globals
	): Node[] {
		const focus: Focus = { i: doc, p: 1, n: 1 };
		const lookup = (name: string): Seq => this.globalValue(name, doc, globals);
		const found: Node[][] = [];
		let failed = false;
		branches.forEach((branch, i) => {
			try {
				for (const name of rule.contextGlobals) lookup(name);
				const nodes = branch(focus, lookup);
				if (!nodes.every(isNode)) throw new Error('XPTY0004: a rule context selects atomic values');
				found.push(nodes);
			} catch {
				const fx = fontoxpath(); // outside the try: a missing fontoxpath is no finding
				this.fontoxpathEvaluations++;
				try {
					found.push(
						fx.evaluateXPathToNodes<Node>(
							this.compile(this.fallbackOf(rule).branches[i] ?? '()'),
							doc,
							null,
							{},
							this.xpathOptions
						)
					);
				} catch {
					failed = true; // as in nodesOf: a failing branch matches nothing
				}
			}
		});
		const nonEmpty = found.filter((nodes) => nodes.length > 0);
		if (failed || nonEmpty.length < 2) return nonEmpty.flat();
		return inDocumentOrder(nonEmpty.flat());
	}

	private nodesOf(rule: Rule, doc: Document, globals: Globals): Node[] {
		const match = rule.match;
		if (match) return elementsOf(doc).filter((element) => match(element));
		if (rule.lastNames?.every(({ uri, local }) => !hasElement(doc, uri, local))) return [];
		if (rule.compiledBranches) return this.compiledNodes(rule, rule.compiledBranches, doc, globals);
		const fx = fontoxpath(); // outside the try: a missing fontoxpath is no "no match"
		try {
			return fx.evaluateXPathToNodes<Node>(
				this.compile(this.fallbackOf(rule).select),
				doc,
				null,
				{},
				this.xpathOptions
			);
		} catch {
			// XSLT: a dynamic error while matching a pattern means "no match" (XSLT 2.0 5.5.3),
			// so only the union branches that fail drop out.
			const nodes: Node[] = [];
			for (const b of this.fallbackOf(rule).branches) {
				try {
					nodes.push(
						...fx.evaluateXPathToNodes<Node>(this.compile(b), doc, null, {}, this.xpathOptions)
					);
				} catch {
					// no match
				}
			}
			return nodes;
		}
	}

	/** Evaluates all active patterns on a parsed document. */
	validateDocument(doc: Document): Finding[] {
		const findings: Finding[] = [];
		const globals: Globals = new Map();
		let order: Map<Node, number> | null = null;
		for (const pattern of this.patterns) {
			const fired = new Map<Node, Rule>();
			for (const rule of pattern.rules) {
				for (const n of this.nodesOf(rule, doc, globals)) if (!fired.has(n)) fired.set(n, rule);
			}
			const entries = [...fired];
			if (pattern.rules.length > 1 && entries.length > 1) {
				const index = (order ??= docOrderIndex(doc));
				entries.sort((x, y) => (index.get(x[0]) ?? 0) - (index.get(y[0]) ?? 0));
			}
			const byRule = new Map<Rule, Node[]>();
			for (const [node, rule] of entries) {
				const nodes = byRule.get(rule);
				if (nodes) nodes.push(node);
				else byRule.set(rule, [node]);
			}
			const results = new Map<Node, Finding[]>();
			for (const [rule, nodes] of byRule)
				for (const [node, found] of this.evaluateRule(rule, nodes, globals))
					results.set(node, found);
			for (const [node] of entries) findings.push(...(results.get(node) ?? []));
		}
		return findings;
	}

	/** The findings of a rule on each of its context nodes, each chunk evaluated for all of them
	 *  at once; a chunk that raises a dynamic error is evaluated again node by node. */
	private evaluateRule(rule: Rule, nodes: Node[], globals: Globals): Map<Node, Finding[]> {
		const results = nodes.map(() => ({ errors: [] as Finding[], failed: [] as number[] }));
		const asserts = this.assertsOf(rule);
		asserts.forEach((a, i) => {
			const js = a.js;
			if (!js) return;
			nodes.forEach((node, n) => {
				if (js(node as Element) === a.isReport) results[n]?.failed.push(i + 1);
			});
		});
		const doc = nodes[0]?.ownerDocument ?? null;
		if (this.fast && doc) {
			nodes.forEach((node, n) => {
				const result = results[n];
				if (result) this.evaluateCompiled(rule, node, doc, globals, result.errors, result.failed);
			});
		}
		for (const chunk of this.fast && doc ? [] : this.fallbackOf(rule).chunks) {
			if (!this.fast) {
				nodes.forEach((node, i) => {
					const result = results[i];
					if (result) this.evaluateChunk(rule, chunk, node, result.errors, result.failed);
				});
				continue;
			}
			const fx = fontoxpath();
			try {
				const pairs = fx.evaluateXPathToNumbers(
					this.compile(chunk.batch),
					doc,
					null,
					{ __nodes: nodes },
					this.xpathOptions
				);
				for (let p = 0; p + 1 < pairs.length; p += 2)
					results[(pairs[p] ?? 0) - 1]?.failed.push(pairs[p + 1] ?? 0);
			} catch {
				nodes.forEach((node, i) => {
					const result = results[i];
					if (result) this.evaluateChunk(rule, chunk, node, result.errors, result.failed);
				});
			}
		}
		const findings = new Map<Node, Finding[]>();
		nodes.forEach((node, i) => {
			const { errors, failed } = results[i] ?? { errors: [], failed: [] };
			// in the order of the rule's asserts, as one XPath evaluation of them all gives them
			failed.sort((x, y) => x - y);
			const found = [...errors];
			for (const k of failed) {
				const a = asserts[k - 1];
				if (a) found.push(this.finding(rule, a, node));
			}
			findings.set(node, found);
		});
		return findings;
	}

	/**
	 * The asserts of a rule that JavaScript does not decide by a name path, on one node, with the
	 * compiled code; an assert it cannot evaluate (an error, a variable that failed) is
	 * evaluated by fontoxpath, so errors are reported exactly as the plain engine reports them.
	 */
	private evaluateCompiled(
		rule: Rule,
		node: Node,
		doc: Document,
		globals: Globals,
		errors: Finding[],
		failed: number[]
	): void {
		const variables = this.ruleVariables(rule, node, doc, globals);
		const focus: Focus = { i: node, p: 1, n: 1 };
		this.assertsOf(rule).forEach((a, i) => {
			if (a.js) return;
			if (variables && a.compiled) {
				try {
					for (const name of a.globals) this.globalValue(name, doc, globals);
					if (ebv(a.compiled(focus, variables)) === a.isReport) failed.push(i + 1);
					return;
				} catch {
					// fontoxpath decides below
				}
			}
			this.evaluateSingle(rule, i, node, errors, failed);
		});
	}

	/** One assert on one node with fontoxpath; a dynamic error becomes an error finding. */
	private evaluateSingle(
		rule: Rule,
		i: number,
		node: Node,
		errors: Finding[],
		failed: number[]
	): void {
		const a = this.assertsOf(rule)[i];
		const single = this.fallbackOf(rule).single[i];
		if (!a || single === undefined) return;
		const fx = fontoxpath(); // outside the try: a missing fontoxpath is no error finding
		if (this.fast) this.fontoxpathEvaluations++;
		try {
			const ok = fx.evaluateXPathToBoolean(this.compile(single), node, null, {}, this.xpathOptions);
			if (ok === a.isReport) failed.push(i + 1);
		} catch (e) {
			const finding = this.finding(rule, a, node);
			errors.push({
				...finding,
				message: `[evaluation error] ${firstLine(e)} -- ${finding.message}`,
				evaluationError: true
			});
		}
	}

	/** One chunk on one node; a dynamic error is isolated to the assert(s) that raise it. */
	private evaluateChunk(
		rule: Rule,
		chunk: Chunk,
		node: Node,
		errors: Finding[],
		failed: number[]
	): void {
		const fx = fontoxpath();
		try {
			failed.push(
				...fx.evaluateXPathToNumbers(this.compile(chunk.expr), node, null, {}, this.xpathOptions)
			);
		} catch {
			for (const i of chunk.indexes) this.evaluateSingle(rule, i, node, errors, failed);
		}
	}

	/** Evaluates an XPath expression with this schema's namespaces and functions (tests, debugging). */
	evaluate(
		expr: string,
		contextNode: Node | null = null,
		variables: Record<string, unknown> = {}
	): unknown {
		const fx = fontoxpath();
		return fx.evaluateXPath(
			this.compile(expr),
			contextNode,
			null,
			variables,
			fx.evaluateXPath.ANY_TYPE,
			this.xpathOptions
		);
	}

	/**
	 * Compiles every expression once against an empty document, so a static error (an unknown
	 * function, syntax fontoxpath lacks) fails the load instead of a later validation, and
	 * fontoxpath's expression cache is warm for the first real document.
	 */
	precompile(): { expression: string; error: string }[] {
		const problems: { expression: string; error: string }[] = [];
		const fx = fontoxpath();
		const empty = parseXmlDocument('<empty/>');
		const check = (run: () => unknown, expression: string): void => {
			try {
				run();
			} catch (e) {
				const message = firstLine(e);
				if (/^(XPST|XQST)/.test(message) || /Unable to parse/.test(message))
					problems.push({ expression, error: message });
			}
		};
		for (const p of this.patterns) {
			for (const rule of p.rules) {
				const r = this.fallbackOf(rule);
				check(
					() => fx.evaluateXPathToNodes(this.compile(r.select), empty, null, {}, this.xpathOptions),
					r.select
				);
				for (const c of r.chunks) {
					// the form the engine evaluates: the plain one runs each chunk node by node
					// (evaluateChunk), the fast one's fallback all nodes at once; the same asserts,
					// so the same static errors, and the plain engine's first documents find
					// their expressions compiled (it never runs the batch form)
					const expression = this.fast ? c.batch : c.expr;
					check(
						() =>
							fx.evaluateXPathToNumbers(
								this.compile(expression),
								this.fast ? empty : empty.documentElement,
								null,
								this.fast ? { __nodes: [empty.documentElement] } : {},
								this.xpathOptions
							),
						expression
					);
				}
			}
		}
		return problems;
	}
}

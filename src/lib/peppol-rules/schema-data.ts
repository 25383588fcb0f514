// A Schematron schema as plain data: what the engine needs of the .sch file (namespaces,
// xsl:functions as XQuery, lets, patterns, rules, asserts and their messages). The build reads
// the two rule files with this and writes the result into the compiled module
// (scripts/compile-rules.ts), so the app's worker neither fetches nor parses 400 kB of XML to
// load the rules; the plain engine and tests read the .sch files with it at run time.
import { parseXmlDocument, type Element, type Node } from 'slimdom';
import { buildFunctionModule } from './xslt-functions';

export const SCH_NS = 'http://purl.oclc.org/dsdl/schematron';
export const STANDARD_NS: Readonly<Record<string, string>> = {
	xs: 'http://www.w3.org/2001/XMLSchema',
	fn: 'http://www.w3.org/2005/xpath-functions',
	math: 'http://www.w3.org/2005/xpath-functions/math',
	map: 'http://www.w3.org/2005/xpath-functions/map',
	array: 'http://www.w3.org/2005/xpath-functions/array',
	xml: 'http://www.w3.org/XML/1998/namespace'
};

/** A piece of an assert's message: text, or an expression (`<value-of>`, `<name>`). */
export type MessagePart = string | { select: string };

export interface LetData {
	name: string;
	value: string;
}

export interface AssertData {
	id: string;
	isReport: boolean;
	test: string;
	flag: 'fatal' | 'warning';
	message: MessagePart[];
}

export interface RuleData {
	context: string;
	lets: LetData[];
	asserts: AssertData[];
}

export interface SchematronData {
	title: string;
	/** prefix to URI: the standard ones, the schema's <ns>, and the xsl:functions' prefix */
	namespaces: Record<string, string>;
	/** the xsl:functions as XQuery declarations (./xslt-functions.ts), by local name */
	functions: { prefix: string; uri: string; declarations: [string, string][] } | null;
	/** the lets of the schema, the active phase and the active patterns, in document order */
	globals: LetData[];
	/** the active patterns */
	patterns: { id: string; rules: RuleData[] }[];
}

const isSch = (n: Node, local?: string): n is Element =>
	n.nodeType === 1 &&
	(n as Element).namespaceURI === SCH_NS &&
	(!local || (n as Element).localName === local);
const children = (n: Node, local: string): Element[] =>
	Array.from(n.childNodes).filter((c): c is Element => isSch(c, local));

function normalizeFlag(flag: string | null): 'fatal' | 'warning' {
	const f = (flag ?? '').toLowerCase();
	return f === 'warning' || f === 'warn' || f === 'info' || f === 'information'
		? 'warning'
		: 'fatal';
}

function letOf(l: Element, name: string): LetData {
	const letName = l.getAttribute('name') ?? '';
	const value = l.getAttribute('value');
	if (value === null)
		throw new Error(`${name}: <let name="${letName}"> without @value is not supported`);
	return { name: letName, value };
}

function ruleOf(r: Element, name: string): RuleData {
	const context = r.getAttribute('context');
	if (!context)
		throw new Error(`${name}: <rule> without @context (abstract rules are not supported)`);
	const ruleFlag = r.getAttribute('flag');
	return {
		context,
		lets: children(r, 'let').map((l) => letOf(l, name)),
		asserts: Array.from(r.childNodes)
			.filter((c): c is Element => isSch(c, 'assert') || isSch(c, 'report'))
			.map((a) => ({
				id: a.getAttribute('id') ?? '',
				isReport: a.localName === 'report',
				test: a.getAttribute('test') ?? 'true()',
				flag: normalizeFlag(a.getAttribute('flag') ?? a.getAttribute('role') ?? ruleFlag),
				message: Array.from(a.childNodes).map((c): MessagePart => {
					if (c.nodeType === 3 || c.nodeType === 4) return c.textContent ?? '';
					if (isSch(c, 'value-of')) return { select: c.getAttribute('select') ?? "''" };
					if (isSch(c, 'name')) return { select: `name(${c.getAttribute('path') ?? '.'})` };
					return c.textContent ?? ''; // emph, dir, span, foreign elements
				})
			}))
	};
}

/**
 * Reads an ISO Schematron schema in one file (includes already resolved), for `phase` (default:
 * the schema's defaultPhase, else #ALL). `name` names the schema in errors.
 */
export function readSchematron(text: string, name: string, phase?: string): SchematronData {
	const schema = parseXmlDocument(text).documentElement;
	if (!schema || !isSch(schema, 'schema')) throw new Error(`${name}: not an ISO Schematron schema`);
	const queryBinding = schema.getAttribute('queryBinding');
	if (queryBinding && !/^(xslt2|xslt3|xpath2|xpath3|xpath31)$/i.test(queryBinding)) {
		throw new Error(`${name}: unsupported queryBinding ${queryBinding}`);
	}
	for (const local of ['include', 'extends']) {
		if (schema.getElementsByTagNameNS(SCH_NS, local).length) {
			throw new Error(
				`${name}: <sch:${local}> is not supported (use a preprocessed single-file .sch)`
			);
		}
	}
	const namespaces = { ...STANDARD_NS };
	for (const n of children(schema, 'ns'))
		namespaces[n.getAttribute('prefix') ?? ''] = n.getAttribute('uri') ?? '';
	const module = buildFunctionModule(schema, namespaces);
	if (module) namespaces[module.prefix] = module.uri;

	const phaseId = phase ?? schema.getAttribute('defaultPhase') ?? '#ALL';
	let activeIds: Set<string> | null = null;
	let phaseLets: Element[] = [];
	if (phaseId !== '#ALL') {
		const phaseEl = children(schema, 'phase').find((p) => p.getAttribute('id') === phaseId);
		if (!phaseEl) throw new Error(`${name}: unknown phase ${phaseId}`);
		activeIds = new Set(children(phaseEl, 'active').map((a) => a.getAttribute('pattern') ?? ''));
		phaseLets = children(phaseEl, 'let');
	}
	const patterns = children(schema, 'pattern').filter(
		(p) => !activeIds || activeIds.has(p.getAttribute('id') ?? '')
	);
	for (const p of patterns) {
		if (p.getAttribute('abstract') === 'true' || p.getAttribute('is-a')) {
			throw new Error(`${name}: abstract patterns are not supported (use a preprocessed .sch)`);
		}
	}
	return {
		title: children(schema, 'title')[0]?.textContent?.trim() ?? '',
		namespaces,
		functions: module
			? { prefix: module.prefix, uri: module.uri, declarations: [...module.declarations] }
			: null,
		globals: [
			...children(schema, 'let'),
			...phaseLets,
			...patterns.flatMap((p) => children(p, 'let'))
		].map((l) => letOf(l, name)),
		patterns: patterns.map((p, i) => ({
			id: p.getAttribute('id') ?? `pattern-${i + 1}`,
			rules: children(p, 'rule').map((r) => ruleOf(r, name))
		}))
	};
}

// Translates the <xsl:function>s embedded in a Schematron file into XQuery 3.1 function
// declarations, which go into the prolog of every rule expression that calls them (so the
// exact-decimal rewrite reaches their bodies too).
//
// Supported XSLT 2.0 subset (anything else throws, so a rule release that uses more XSLT fails
// loudly instead of silently skipping rules): xsl:function (name, as), xsl:param (name, as),
// xsl:variable (name, as, select | content), xsl:sequence (select), xsl:choose / xsl:when /
// xsl:otherwise, xsl:if, xsl:text, literal text inside xsl:variable.
//
// XSLT applies the function conversion rules to function arguments, results and typed
// variables. XQuery applies them to declared parameters and results; typed variables are bound
// through an inline function so the same rules apply.
import type { Element, Node } from 'slimdom';

export const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';

/** Prefixes XQuery predeclares; a prolog must not declare them again. */
export const PREDECLARED = new Set([
	'xml',
	'xmlns',
	'xs',
	'xsi',
	'fn',
	'local',
	'math',
	'map',
	'array',
	'err'
]);

export interface FunctionModule {
	prefix: string;
	uri: string;
	/** `declare function u:gln($v) as xs:boolean { ... };` by local name, for a query's prolog */
	declarations: Map<string, string>;
}

const isElement = (n: Node): n is Element => n.nodeType === 1;
const isXsl = (n: Node, local?: string): n is Element =>
	isElement(n) && n.namespaceURI === XSL_NS && (!local || n.localName === local);
const isText = (n: Node): boolean => n.nodeType === 3 || n.nodeType === 4;

/** An XQuery string literal (XQuery, unlike XPath, expands '&...;' inside literals). */
export function xqString(s: string): string {
	return "'" + s.replace(/&/g, '&amp;').replace(/'/g, "''") + "'";
}

/** An XPath expression made safe for XQuery: only '&' differs (valid XPath has it only inside
 *  string literals or comments). */
export function xpathAsXQuery(expr: string): string {
	return expr.replace(/&/g, '&amp;');
}

function significantChildren(el: Element): Node[] {
	return Array.from(el.childNodes).filter(
		(n) => isElement(n) || (isText(n) && (n.textContent ?? '').trim() !== '')
	);
}

function unsupported(n: Node, what = 'construct'): never {
	const name = isElement(n) ? `<${n.nodeName}>` : 'text';
	throw new Error(`xsl:function translation: unsupported ${what} ${name}`);
}

function required(el: Element, attr: string): string {
	const v = el.getAttribute(attr);
	if (v === null) throw new Error(`xsl:function translation: <${el.nodeName}> without @${attr}`);
	return v;
}

function joinParts(parts: string[]): string {
	if (parts.length === 0) return '()';
	if (parts.length === 1) return parts[0] ?? '()';
	return '(' + parts.join(', ') + ')';
}

/** An XSLT sequence constructor (a list of nodes) as one XQuery expression. */
function sequenceConstructor(nodes: Node[]): string {
	const parts: string[] = [];
	for (let i = 0; i < nodes.length; i++) {
		const n = nodes[i];
		if (!n) continue;
		if (isText(n)) {
			parts.push(xqString(n.textContent ?? ''));
			continue;
		}
		if (!isXsl(n)) unsupported(n, 'literal result element');
		switch (n.localName) {
			case 'variable': {
				// An xsl:variable is in scope for its following siblings.
				const rest = sequenceConstructor(nodes.slice(i + 1));
				parts.push(`let $${required(n, 'name')} := ${variableValue(n)} return (${rest})`);
				return joinParts(parts);
			}
			case 'sequence':
				parts.push(`(${xpathAsXQuery(required(n, 'select'))})`);
				break;
			case 'text':
				parts.push(xqString(n.textContent ?? ''));
				break;
			case 'if':
				parts.push(
					`(if (${xpathAsXQuery(required(n, 'test'))}) then (${sequenceConstructor(significantChildren(n))}) else ())`
				);
				break;
			case 'choose': {
				let out = '';
				let closed = false;
				for (const b of significantChildren(n)) {
					if (isXsl(b, 'when')) {
						out += `if (${xpathAsXQuery(required(b, 'test'))}) then (${sequenceConstructor(significantChildren(b))}) else `;
					} else if (isXsl(b, 'otherwise')) {
						out += `(${sequenceConstructor(significantChildren(b))})`;
						closed = true;
					} else unsupported(b, 'child of xsl:choose');
				}
				if (!closed) out += '()';
				parts.push(`(${out})`);
				break;
			}
			case 'param':
				unsupported(n, 'xsl:param after the first instruction');
				break;
			default:
				unsupported(n, 'XSLT instruction');
		}
	}
	return joinParts(parts);
}

function variableValue(v: Element): string {
	let value: string;
	const select = v.getAttribute('select');
	const content = significantChildren(v);
	const as = v.getAttribute('as');
	if (select !== null) {
		if (content.length) unsupported(v, 'xsl:variable with both @select and content');
		value = `(${xpathAsXQuery(select)})`;
	} else if (content.length === 0) {
		value = as ? '()' : "''";
	} else if (content.every(isText)) {
		// Literal text: XSLT builds a temporary document whose string value is the text; every use
		// in the rule files is a string use, so a string literal is equivalent.
		if (as) unsupported(v, 'typed xsl:variable with text content');
		value = xqString(v.textContent ?? '');
	} else {
		if (!as) unsupported(v, 'untyped xsl:variable with instruction content (temporary tree)');
		value = `(${sequenceConstructor(content)})`;
	}
	// the function conversion rules, as XSLT applies them to a typed variable
	return as ? `(function($v as ${as}) as ${as} { $v })(${value})` : value;
}

/**
 * The XQuery declarations of all xsl:function children of a Schematron <schema> element, or null
 * when it has none. `nsMap` holds the <sch:ns> declarations (prefix to URI).
 */
export function buildFunctionModule(
	schemaEl: Element,
	nsMap: Readonly<Record<string, string>>
): FunctionModule | null {
	const fns = Array.from(schemaEl.childNodes).filter((n): n is Element => isXsl(n, 'function'));
	if (!fns.length) return null;
	let prefix: string | null = null;
	let uri: string | null = null;
	const declarations = new Map<string, string>();
	for (const fn of fns) {
		const qname = required(fn, 'name');
		const [p, local] = qname.includes(':') ? qname.split(':') : [null, qname];
		if (!p || !local) throw new Error(`xsl:function ${qname} has no namespace prefix`);
		const u = fn.lookupNamespaceURI(p) ?? nsMap[p];
		if (!u) throw new Error(`xsl:function ${qname}: prefix ${p} is not bound`);
		if (prefix === null || uri === null) {
			prefix = p;
			uri = u;
		} else if (p !== prefix || u !== uri) {
			throw new Error(
				`xsl:function ${qname}: all functions must share one namespace (found ${prefix} and ${p})`
			);
		}
		const kids = significantChildren(fn);
		const params: string[] = [];
		let i = 0;
		for (; i < kids.length; i++) {
			const prm = kids[i];
			if (!prm || !isXsl(prm, 'param')) break;
			if (prm.getAttribute('select') !== null || significantChildren(prm).length) {
				unsupported(prm, 'xsl:param default value');
			}
			const as = prm.getAttribute('as');
			params.push(`$${required(prm, 'name')}${as ? ' as ' + as : ''}`);
		}
		const body = sequenceConstructor(kids.slice(i));
		const as = fn.getAttribute('as');
		declarations.set(
			local,
			`declare function ${p}:${local}(${params.join(', ')})${as ? ' as ' + as : ''} {\n  ${body}\n};`
		);
	}
	if (prefix === null || uri === null) return null;
	return { prefix, uri, declarations };
}

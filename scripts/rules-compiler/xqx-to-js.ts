// Translates one XPath expression, parsed by fontoxpath into XQueryX, into the source of a
// JavaScript expression over the runtime in src/lib/peppol-rules/xpath/ (V: values, N: nodes,
// F: functions, R: conversions). The expression's value is a sequence (an array); `f` names
// the focus, `v` the rule variables. A construct outside the supported subset throws
// Unsupported, and the expression stays with fontoxpath at run time.
import type { Element, Node } from 'slimdom';
import { FUNCTIONS } from '../../src/lib/peppol-rules/xpath/functions';

const XQX = 'http://www.w3.org/2005/XQueryX';

export class Unsupported extends Error {}

const unsupported = (what: string): never => {
	throw new Unsupported(what);
};

const kids = (n: Node): Element[] =>
	Array.from(n.childNodes).filter((c): c is Element => c.nodeType === 1);
const child = (n: Element, local: string): Element | undefined =>
	kids(n).find((c) => c.localName === local);
const only = (n: Element | undefined, what: string): Element => {
	const [first, ...rest] = n ? kids(n) : [];
	if (!first || rest.length) return unsupported(`${what} with ${rest.length + 1} children`);
	return first;
};
const prefixOf = (n: Element): string => n.getAttributeNS(XQX, 'prefix') ?? '';

const ATOMIC_TYPES = new Set(['string', 'decimal', 'integer', 'double', 'date', 'boolean']);
const GENERAL: Record<string, string> = {
	equalOp: 'eq',
	notEqualOp: 'ne',
	lessThanOp: 'lt',
	lessThanOrEqualOp: 'le',
	greaterThanOp: 'gt',
	greaterThanOrEqualOp: 'ge'
};
const VALUE: Record<string, string> = {
	eqOp: 'eq',
	neOp: 'ne',
	ltOp: 'lt',
	leOp: 'le',
	gtOp: 'gt',
	geOp: 'ge'
};
const ARITHMETIC: Record<string, string> = {
	addOp: 'add',
	subtractOp: 'subtract',
	multiplyOp: 'multiply',
	divOp: 'div',
	idivOp: 'idiv',
	modOp: 'mod'
};
const AXES = new Set([
	'child',
	'attribute',
	'descendant',
	'descendant-or-self',
	'self',
	'parent',
	'ancestor',
	'ancestor-or-self',
	'following-sibling',
	'preceding-sibling',
	'preceding'
]);
// a predicate whose top is one of these can never be a number, so never positional
const BOOLEAN_TOPS = new Set([
	...Object.keys(GENERAL),
	...Object.keys(VALUE),
	'andOp',
	'orOp',
	'castableExpr',
	'quantifiedExpr'
]);
const BOOLEAN_FUNCTIONS = new Set([
	'not',
	'exists',
	'empty',
	'boolean',
	'true',
	'false',
	'contains',
	'starts-with',
	'ends-with',
	'matches'
]);

/** What a compilation needs besides the expression. */
export interface Context {
	/** prefix to namespace URI, from the schema's <ns> */
	namespaces: Readonly<Record<string, string>>;
	/** the schema's functions prefix (`u`), its compiled functions by local name and arity */
	functionPrefix: string | null;
	userFunctions: ReadonlyMap<string, { name: string; arity: number }>;
	/** module-level constants (literals, constant lists), shared by all expressions */
	constant(code: string): string;
}

interface Scope {
	focus: string;
	locals: ReadonlyMap<string, string>;
	depth: { n: number };
}

export class Translator {
	constructor(private readonly context: Context) {}

	/** The body of a main module (`queryBody`'s expression) as a JS expression. */
	expression(body: Element, locals: ReadonlyMap<string, string> = new Map(), focus = 'f'): string {
		return this.expr(body, { focus, locals, depth: { n: 0 } });
	}

	private fresh(scope: Scope, base: string): string {
		scope.depth.n++;
		return `${base}${scope.depth.n}`;
	}

	private expr(n: Element, s: Scope): string {
		const name = n.localName;
		if (name in GENERAL) return `[V.general(${this.operands(n, s)}, '${GENERAL[name]}')]`;
		if (name in VALUE) return `V.value(${this.operands(n, s)}, '${VALUE[name]}')`;
		if (name in ARITHMETIC) return `V.arithmetic(${this.operands(n, s)}, '${ARITHMETIC[name]}')`;
		switch (name) {
			case 'andOp':
			case 'orOp': {
				const [a, b] = this.operandList(n, s);
				return `[V.ebv(${a}) ${name === 'andOp' ? '&&' : '||'} V.ebv(${b})]`;
			}
			case 'unaryMinusOp':
				return `V.negate(${this.expr(only(child(n, 'operand'), 'operand'), s)})`;
			case 'unionOp':
				return `N.union(${this.operands(n, s)})`;
			case 'stringConstantExpr':
				return this.context.constant(`[${JSON.stringify(child(n, 'value')?.textContent ?? '')}]`);
			case 'integerConstantExpr':
				return this.context.constant(
					`[V.integer(${JSON.stringify(child(n, 'value')?.textContent ?? '0')})]`
				);
			case 'decimalConstantExpr':
				return this.context.constant(
					`[V.decimal(${JSON.stringify(child(n, 'value')?.textContent ?? '0')})]`
				);
			case 'doubleConstantExpr':
				return this.context.constant(`[${Number(child(n, 'value')?.textContent ?? 'NaN')}]`);
			case 'contextItemExpr':
				return `[N.item(${s.focus})]`;
			case 'varRef':
				return this.variable(child(n, 'name') ?? n, s);
			case 'sequenceExpr': {
				const parts = kids(n).map((k) => this.expr(k, s));
				return parts.length === 0 ? '[]' : `[${parts.map((p) => `...${p}`).join(', ')}]`;
			}
			case 'ifThenElseExpr':
				return `(V.ebv(${this.expr(only(child(n, 'ifClause'), 'if'), s)}) ? ${this.expr(only(child(n, 'thenClause'), 'then'), s)} : ${this.expr(only(child(n, 'elseClause'), 'else'), s)})`;
			case 'rangeSequenceExpr':
				return `R.range(${this.expr(only(child(n, 'startExpr'), 'start'), s)}, ${this.expr(only(child(n, 'endExpr'), 'end'), s)})`;
			case 'castableExpr': {
				const single = child(n, 'singleType');
				const type = this.atomicType(single ? child(single, 'atomicType') : undefined);
				const optional = single ? child(single, 'optional') !== undefined : false;
				return `[V.castable(${this.expr(only(child(n, 'argExpr'), 'castable'), s)}, '${type}', ${optional})]`;
			}
			case 'quantifiedExpr':
				return this.quantified(n, s);
			case 'flworExpr':
				return this.flwor(n, s);
			case 'simpleMapExpr': {
				const [first, ...rest] = kids(n);
				if (!first) return unsupported('empty simple map');
				let code = this.expr(first, s);
				for (const k of rest) {
					const focus = this.fresh(s, 'f');
					code = `N.map(${code}, (${focus}) => ${this.expr(k, { ...s, focus })})`;
				}
				return code;
			}
			case 'functionCallExpr':
				return this.call(n, s);
			case 'pathExpr':
				return this.path(n, s);
			case 'dynamicFunctionInvocationExpr':
				return this.inlineCall(n, s);
			default:
				return unsupported(name);
		}
	}

	private operandList(n: Element, s: Scope): [string, string] {
		return [
			this.expr(only(child(n, 'firstOperand'), 'operand'), s),
			this.expr(only(child(n, 'secondOperand'), 'operand'), s)
		];
	}

	private operands(n: Element, s: Scope): string {
		return this.operandList(n, s).join(', ');
	}

	private variable(nameEl: Element, s: Scope): string {
		if (prefixOf(nameEl)) return unsupported('a prefixed variable');
		const name = nameEl.textContent ?? '';
		return s.locals.get(name) ?? `v(${JSON.stringify(name)})`;
	}

	private bind(s: Scope, name: string): { scope: Scope; id: string } {
		const id = this.fresh(s, '$');
		const locals = new Map(s.locals);
		locals.set(name, id);
		return { scope: { ...s, locals }, id };
	}

	private atomicType(t: Element | undefined): string {
		if (!t || prefixOf(t) !== 'xs' || !ATOMIC_TYPES.has(t.textContent ?? ''))
			return unsupported(`type ${t?.textContent ?? '?'}`);
		return t.textContent ?? '';
	}

	private quantified(n: Element, s: Scope): string {
		const every = child(n, 'quantifier')?.textContent === 'every';
		const clauses = kids(n).filter((k) => k.localName === 'quantifiedExprInClause');
		const test = child(n, 'predicateExpr');
		const go = (i: number, scope: Scope): string => {
			const clause = clauses[i];
			if (!clause) return `V.ebv(${this.expr(only(test, 'satisfies'), scope)})`;
			const binding = child(clause, 'typedVariableBinding');
			if (!binding || kids(binding).length !== 1) return unsupported('typed quantifier');
			const source = this.expr(only(child(clause, 'sourceExpr'), 'in'), scope);
			const { scope: inner, id } = this.bind(scope, child(binding, 'varName')?.textContent ?? '');
			return `${source}.${every ? 'every' : 'some'}((${id}) => ${go(i + 1, { ...inner, locals: new Map([...inner.locals].map(([k, v]) => [k, v === id ? `[${id}]` : v])) })})`;
		};
		return `[${go(0, s)}]`;
	}

	private flwor(n: Element, s: Scope): string {
		const clauses = kids(n);
		const ret = clauses.pop();
		if (!ret || ret.localName !== 'returnClause') return unsupported('flwor without return');
		const go = (i: number, scope: Scope): string => {
			const clause = clauses[i];
			if (!clause) return this.expr(only(ret, 'return'), scope);
			if (clause.localName === 'forClause' || clause.localName === 'letClause') {
				const items = kids(clause);
				const step = (k: number, sc: Scope): string => {
					const itemEl = items[k];
					if (!itemEl) return go(i + 1, sc);
					const binding = child(itemEl, 'typedVariableBinding');
					if (!binding || kids(binding).length !== 1) return unsupported('typed binding');
					if (child(itemEl, 'positionalVariableBinding')) return unsupported('at $p');
					const name = child(binding, 'varName')?.textContent ?? '';
					if (clause.localName === 'letClause') {
						const value = this.expr(only(child(itemEl, 'letExpr'), 'let'), sc);
						const { scope: inner, id } = this.bind(sc, name);
						return `((${id}: V.Seq) => ${step(k + 1, inner)})(${value})`;
					}
					const source = this.expr(only(child(itemEl, 'forExpr'), 'for'), sc);
					const { scope: inner, id } = this.bind(sc, name);
					const item = `${id}i`;
					const locals = new Map(inner.locals);
					locals.set(name, `[${item}]`);
					return `${source}.flatMap((${item}) => ${step(k + 1, { ...inner, locals })})`;
				};
				return step(0, scope);
			}
			return unsupported(clause.localName);
		};
		return go(0, s);
	}

	private call(n: Element, s: Scope): string {
		const nameEl = child(n, 'functionName');
		const name = nameEl?.textContent ?? '';
		const prefix = nameEl ? prefixOf(nameEl) : '';
		const args = kids(child(n, 'arguments') ?? n).map((a) => this.expr(a, s));
		if (prefix === 'xs') {
			if (!ATOMIC_TYPES.has(name) || args.length !== 1) return unsupported(`xs:${name}`);
			return `R.castTo(${args[0]}, '${name}')`;
		}
		if (prefix === '' || prefix === 'fn') {
			const entry = FUNCTIONS[name];
			if (!entry || !entry.arity.includes(args.length))
				return unsupported(`fn:${name}#${args.length}`);
			return `F(${JSON.stringify(name)}, ${s.focus}${args.map((a) => `, ${a}`).join('')})`;
		}
		if (prefix === this.context.functionPrefix) {
			const fn = this.context.userFunctions.get(`${name}#${args.length}`);
			if (!fn) return unsupported(`${prefix}:${name}#${args.length}`);
			return `${fn.name}(${args.join(', ')})`;
		}
		return unsupported(`${prefix}:${name}`);
	}

	/** `(function($v as T) as T { $v })(E)`: the conversion of a typed xsl:variable. */
	private inlineCall(n: Element, s: Scope): string {
		const fn = only(child(n, 'functionItem'), 'function item');
		const args = kids(child(n, 'arguments') ?? n);
		if (fn.localName !== 'inlineFunctionExpr' || args.length !== 1)
			return unsupported('dynamic function call');
		const params = kids(child(fn, 'paramList') ?? fn);
		if (params.length !== 1 || !params[0]) return unsupported('inline function arity');
		const param = params[0];
		const name = child(param, 'varName')?.textContent ?? '';
		const arg = this.convert(this.expr(args[0] as Element, s), child(param, 'typeDeclaration'));
		const { scope, id } = this.bind({ ...s, focus: 'U' }, name);
		const body = this.convert(
			this.expr(only(child(fn, 'functionBody'), 'body'), scope),
			child(fn, 'typeDeclaration')
		);
		return `((${id}: V.Seq) => ${body})(${arg})`;
	}

	/** A value through the function conversion rules of `as T` (none: unchanged). */
	convert(code: string, declaration: Element | undefined): string {
		if (!declaration) return code;
		const type = this.atomicType(child(declaration, 'atomicType'));
		const occurrence = child(declaration, 'occurrenceIndicator')?.textContent ?? '';
		if (
			kids(declaration).some(
				(k) => k.localName !== 'atomicType' && k.localName !== 'occurrenceIndicator'
			)
		)
			return unsupported('a non-atomic type');
		return `R.convert(${code}, '${type}', '${occurrence}')`;
	}

	private path(n: Element, s: Scope): string {
		const parts = kids(n);
		let code: string | null = null;
		let i = 0;
		if (parts[0]?.localName === 'rootExpr') {
			code = `N.root(${s.focus})`;
			i = 1;
		}
		for (; i < parts.length; i++) {
			const step = parts[i] as Element;
			if (step.localName !== 'stepExpr') return unsupported(step.localName);
			const filter = child(step, 'filterExpr');
			const predicates = kids(child(step, 'predicates') ?? step).filter(
				() => child(step, 'predicates') !== undefined
			);
			if (filter) {
				const inner = (focus: string): string => {
					let c = this.expr(only(filter, 'filter'), { ...s, focus });
					for (const p of predicates) c = `N.filter(${c}, ${this.predicate(p, s)})`;
					return c;
				};
				if (code === null) code = inner(s.focus);
				else {
					const focus = this.fresh(s, 'f');
					code = `N.path(${code}, (${focus}) => ${inner(focus)})`;
				}
				continue;
			}
			const axis = child(step, 'xpathAxis')?.textContent ?? '';
			if (!AXES.has(axis)) return unsupported(`axis ${axis}`);
			const test = this.nodeTest(step, axis);
			const from = code ?? `[N.contextNode(${s.focus})]`;
			const next = parts[i + 1];
			if (
				axis === 'descendant-or-self' &&
				test === "'node'" &&
				predicates.length === 0 &&
				next?.localName === 'stepExpr' &&
				child(next, 'xpathAxis')?.textContent === 'child'
			) {
				const nextTest = this.nodeTest(next, 'child');
				const nextPredicates = kids(child(next, 'predicates') ?? next).filter(
					() => child(next, 'predicates') !== undefined
				);
				if (kids(next)[1]?.localName === 'nameTest' || kids(next)[1]?.localName === 'Wildcard') {
					const positional = !nextPredicates.every((p) => this.surelyBoolean(p));
					code = `N.descendantStep(${from}, ${nextTest}, [${nextPredicates.map((p) => this.predicate(p, s)).join(', ')}]${positional ? ', true' : ''})`;
					i++;
					continue;
				}
			}
			code = `N.step(${from}, '${axis}', ${test}, [${predicates.map((p) => this.predicate(p, s)).join(', ')}])`;
		}
		return code ?? unsupported('empty path');
	}

	private predicate(p: Element, s: Scope): string {
		const focus = this.fresh(s, 'f');
		return `(${focus}: N.Focus) => ${this.expr(p, { ...s, focus })}`;
	}

	private surelyBoolean(p: Element): boolean {
		if (BOOLEAN_TOPS.has(p.localName)) return true;
		if (p.localName === 'functionCallExpr') {
			const nameEl = child(p, 'functionName');
			const prefix = nameEl ? prefixOf(nameEl) : '';
			return (prefix === '' || prefix === 'fn') && BOOLEAN_FUNCTIONS.has(nameEl?.textContent ?? '');
		}
		if (p.localName === 'pathExpr') {
			const last = kids(p).pop();
			return last?.localName === 'stepExpr' && child(last, 'xpathAxis') !== undefined;
		}
		return false;
	}

	private nodeTest(step: Element, axis: string): string {
		const test = kids(step)[1];
		if (!test) return unsupported('step without a node test');
		if (test.localName === 'anyKindTest') return "'node'";
		if (test.localName === 'textTest') return "'text'";
		if (test.localName === 'Wildcard') {
			if (kids(test).length) return unsupported('a partial wildcard');
			return `{ uri: null, local: '*' }`;
		}
		if (test.localName !== 'nameTest') return unsupported(test.localName);
		const prefix = prefixOf(test);
		const uri = prefix === '' ? '' : this.context.namespaces[prefix];
		if (uri === undefined) return unsupported(`prefix ${prefix}`);
		void axis;
		return this.context.constant(
			`{ uri: ${JSON.stringify(uri)}, local: ${JSON.stringify(test.textContent ?? '')} }`
		);
	}
}

/**
 * One XPath expression (no schema functions) as the source of a `(f, v) => Seq` arrow, its
 * constants inline: for specs that compile expressions of their own.
 */
export function compileStandalone(
	expression: string,
	namespaces: Readonly<Record<string, string>>,
	parse: (query: string) => Element
): string {
	const prolog = Object.entries(namespaces)
		.map(([prefix, uri]) => `declare namespace ${prefix} = '${uri}';\n`)
		.join('');
	const ast = parse(prolog + expression.replace(/&/g, '&amp;'));
	const find = (n: Element): Element | undefined =>
		n.localName === 'queryBody' ? n : kids(n).map(find).find(Boolean);
	const body = find(ast);
	const [expr] = body ? kids(body) : [];
	if (!expr) throw new Unsupported('an empty expression');
	const translator = new Translator({
		namespaces,
		functionPrefix: null,
		userFunctions: new Map(),
		constant: (code) => code
	});
	return `(f: N.Focus, v: (name: string) => V.Seq): V.Seq => ${translator.expression(expr)}`;
}

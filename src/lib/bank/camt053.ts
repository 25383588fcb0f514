import { SaxesParser } from 'saxes';
import type { Cents } from '$lib/money';
import { compactStructuredReference, isValidStructuredReference } from '$lib/payment';
import { findForbiddenDeclaration } from '$lib/xml';
import {
	BankFileError,
	collapseSpaces,
	compactAccount,
	MAX_BANK_FILE_BYTES,
	type BankMovement,
	type BankStatement
} from './bank-statement';

/*
 * ISO 20022 camt.053 (BkToCstmrStmt), versions .001.02 to .001.08 as Belgian banks deliver them.
 * saxes (the strict streaming parser jsdom uses) reads the XML into a small tree. It expands no
 * entity a DTD declares, and a DOCTYPE is refused before it runs anyway, so no external entity
 * (XXE) and no entity expansion (billion laughs) can happen: only the five predefined entities and
 * character references are decoded.
 */

type Node = { [key: string]: unknown };

const REPEATED = new Set(['Stmt', 'Ntry', 'Bal', 'TxDtls', 'Ustrd', 'Strd']);

/** The local name: camt files may prefix their namespace ("ns2:Document"). */
function localName(name: string): string {
	return name.slice(name.indexOf(':') + 1);
}

/** The document as nested objects: child elements by local name, "#text", and "@" attributes. */
function readTree(text: string): Node {
	const parser = new SaxesParser({ position: true });
	const root: Node = {};
	const stack: { node: Node; text: string }[] = [{ node: root, text: '' }];
	parser.on('opentag', (tag) => {
		const node: Node = {};
		for (const [name, value] of Object.entries(tag.attributes)) node[`@${localName(name)}`] = value;
		const parent = stack[stack.length - 1]!.node;
		const name = localName(tag.name);
		const existing = parent[name];
		if (existing === undefined) parent[name] = REPEATED.has(name) ? [node] : node;
		else if (Array.isArray(existing)) existing.push(node);
		else parent[name] = [existing, node];
		stack.push({ node, text: '' });
	});
	parser.on('text', (chunk) => {
		stack[stack.length - 1]!.text += chunk;
	});
	parser.on('cdata', (chunk) => {
		stack[stack.length - 1]!.text += chunk;
	});
	parser.on('closetag', () => {
		const { node, text } = stack.pop()!;
		const trimmed = text.trim();
		if (trimmed) node['#text'] = trimmed;
	});
	try {
		parser.write(text).close();
	} catch (error) {
		throw new BankFileError(
			`line ${parser.line}`,
			'camt/xml',
			`is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`
		);
	}
	return root;
}

function isNode(value: unknown): value is Node {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path through the document that errors name, e.g. Stmt[2]/Ntry[3]/Amt. */
class CamtElement {
	constructor(
		readonly path: string,
		readonly node: Node
	) {}

	fail(rule: string, message: string, child?: string): never {
		throw new BankFileError(
			`element ${child ? `${this.path}/${child}` : this.path}`,
			rule,
			message
		);
	}

	child(name: string): CamtElement | undefined {
		const found = this.node[name];
		const value = Array.isArray(found) ? found[0] : found;
		if (value === undefined) return undefined;
		if (isNode(value)) return new CamtElement(`${this.path}/${name}`, value);
		if (typeof value === 'string')
			return new CamtElement(`${this.path}/${name}`, { '#text': value });
		return this.fail('camt/shape', 'is not an element', name);
	}

	required(name: string): CamtElement {
		return this.child(name) ?? this.fail('camt/missing', 'is missing', name);
	}

	children(name: string): CamtElement[] {
		const value = this.node[name];
		if (value === undefined) return [];
		const list = Array.isArray(value) ? value : [value];
		return list.map((item, index) => {
			const path = `${this.path}/${name}[${index + 1}]`;
			if (isNode(item)) return new CamtElement(path, item);
			if (typeof item === 'string') return new CamtElement(path, { '#text': item });
			throw new BankFileError(`element ${path}`, 'camt/shape', 'is not an element');
		});
	}

	text(): string {
		const value = this.node['#text'];
		return typeof value === 'string' ? value : '';
	}

	/** The text at a path of child names, "" when any step is absent. */
	at(...names: string[]): string {
		const [first, ...rest] = names;
		if (first === undefined) return this.text();
		return this.child(first)?.at(...rest) ?? '';
	}

	attribute(name: string): string {
		const value = this.node[`@${name}`];
		return typeof value === 'string' ? value : '';
	}
}

/** "1234.5" → 123450 cents, without a binary float in between. */
function amountCents(element: CamtElement): Cents {
	const text = element.text();
	const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text);
	if (!match)
		return element.fail('camt/amount', `"${text}" is not an amount with at most 2 decimals`);
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function signedAmount(parent: CamtElement): { cents: Cents; currency: string } {
	const amount = parent.required('Amt');
	const indicator = parent.at('CdtDbtInd');
	if (indicator !== 'CRDT' && indicator !== 'DBIT')
		parent.fail('camt/indicator', `must be CRDT or DBIT, got "${indicator}"`, 'CdtDbtInd');
	const cents = amountCents(amount);
	return { cents: indicator === 'DBIT' ? -cents : cents, currency: amount.attribute('Ccy') };
}

function isoDate(element: CamtElement | undefined, name: string): string {
	const date = element?.at('Dt') || element?.at('DtTm').slice(0, 10) || '';
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
		return (element ?? new CamtElement(name, {})).fail('camt/date', `has no date (Dt or DtTm)`);
	return date;
}

function accountId(element: CamtElement | undefined): string {
	if (!element) return '';
	return compactAccount(element.at('Id', 'IBAN') || element.at('Id', 'Othr', 'Id'));
}

/** Name of a party: camt.053.001.02 has Dbtr/Nm, .001.08 has Dbtr/Pty/Nm. */
function partyName(element: CamtElement | undefined): string {
	if (!element) return '';
	return element.at('Nm') || element.at('Pty', 'Nm');
}

function structuredReference(details: CamtElement | undefined): string {
	for (const structured of details?.child('RmtInf')?.children('Strd') ?? []) {
		const reference = structured.at('CdtrRefInf', 'Ref');
		if (reference && isValidStructuredReference(reference))
			return compactStructuredReference(reference);
	}
	return '';
}

function movementOf(
	entry: CamtElement,
	index: number,
	statementId: string,
	currency: string
): BankMovement {
	const { cents, currency: entryCurrency } = signedAmount(entry);
	const details = entry.child('NtryDtls')?.children('TxDtls')[0];
	const parties = details?.child('RltdPties');
	const incoming = cents >= 0;
	const reference = entry.at('NtryRef') || entry.at('AcctSvcrRef') || String(index + 1);
	return {
		id: `${statementId}:${reference}`,
		statementId,
		bookingDate: isoDate(entry.child('BookgDt') ?? entry.child('ValDt'), `${entry.path}/BookgDt`),
		amountCents: cents,
		currency: entryCurrency || currency,
		structuredReference: structuredReference(details),
		communication: collapseSpaces(
			(details?.child('RmtInf')?.children('Ustrd') ?? []).map((line) => line.text()).join(' ')
		),
		counterpartyName: collapseSpaces(
			partyName(parties?.child(incoming ? 'Dbtr' : 'Cdtr')) ||
				partyName(parties?.child(incoming ? 'UltmtDbtr' : 'UltmtCdtr'))
		),
		counterpartyAccount: accountId(parties?.child(incoming ? 'DbtrAcct' : 'CdtrAcct')),
		reversal: entry.at('RvslInd') === 'true'
	};
}

function balance(statement: CamtElement, codes: readonly string[]) {
	const found = statement
		.children('Bal')
		.find((bal) => codes.includes(bal.at('Tp', 'CdOrPrtry', 'Cd')));
	if (!found) return undefined;
	return { ...signedAmount(found), date: isoDate(found.child('Dt'), `${found.path}/Dt`) };
}

function statementOf(statement: CamtElement): BankStatement {
	const account = accountId(statement.required('Acct'));
	if (!account) statement.fail('camt/missing', 'has no IBAN or other id', 'Acct/Id');
	const id = `camt:${account}:${statement.required('Id').text()}`;
	const opening = balance(statement, ['OPBD', 'PRCD']);
	const closing = balance(statement, ['CLBD']);
	if (!opening) statement.fail('camt/missing', 'has no opening balance (OPBD or PRCD)', 'Bal');
	if (!closing) statement.fail('camt/missing', 'has no closing balance (CLBD)', 'Bal');
	const currency = statement.at('Acct', 'Ccy') || closing.currency;
	const entries = statement.children('Ntry');
	const movements = entries
		.filter((entry) => {
			const status = entry.at('Sts') || entry.at('Sts', 'Cd');
			return status === '' || status === 'BOOK';
		})
		.map((entry, index) => movementOf(entry, index, id, currency));

	const declared = statement.at('TxsSummry', 'TtlNtries', 'NbOfNtries');
	if (declared && Number(declared) !== entries.length)
		statement.fail(
			'camt/checksum',
			`declares ${declared} entries, the statement has ${entries.length}`,
			'TxsSummry/TtlNtries/NbOfNtries'
		);
	const booked = movements.reduce((sum, movement) => sum + movement.amountCents, 0);
	if (opening.cents + booked !== closing.cents)
		statement.fail(
			'camt/balance',
			'opening balance plus the booked entries does not give the closing balance',
			'Bal'
		);
	const ids = new Set<string>();
	for (const movement of movements) {
		if (ids.has(movement.id))
			statement.fail('camt/duplicate', `two entries share the reference ${movement.id}`, 'Ntry');
		ids.add(movement.id);
	}
	return {
		id,
		account,
		currency,
		openingBalanceCents: opening.cents,
		closingBalanceCents: closing.cents,
		closingDate: closing.date,
		movements
	};
}

/** Reads a camt.053 document; any error refuses the whole file, so nothing is half imported. */
export function parseCamt053(text: string): BankStatement[] {
	if (text.length > MAX_BANK_FILE_BYTES)
		throw new BankFileError('file', 'size', `is larger than ${MAX_BANK_FILE_BYTES} bytes`);
	const declaration = findForbiddenDeclaration(text);
	if (declaration)
		throw new BankFileError(
			`line ${declaration.line}`,
			'camt/doctype',
			`<!${declaration.declaration}> is not allowed in a bank statement (it could expand entities or load external files)`
		);
	const tree = readTree(text);
	const root = isNode(tree['Document']) ? tree['Document'] : undefined;
	if (!root)
		throw new BankFileError(
			'element Document',
			'camt/missing',
			'is missing: not an ISO 20022 file'
		);
	const statements = new CamtElement('Document', root).required('BkToCstmrStmt').children('Stmt');
	if (statements.length === 0)
		throw new BankFileError(
			'element Document/BkToCstmrStmt/Stmt',
			'camt/missing',
			'is missing: the file holds no statement'
		);
	return statements.map(statementOf);
}

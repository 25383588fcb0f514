import { XMLParser, XMLValidator } from 'fast-xml-parser';

const NAMESPACES = {
	invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
	'credit-note': 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2'
} as const;
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

export type UblIdentity =
	{ ok: true; documentType: 'invoice' | 'credit-note'; id: string } | { ok: false; reason: string };

// A DTD is where XXE and entity expansion ("billion laughs") live; UBL never needs one, so the
// document is refused before any parser sees it.
const DTD = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	processEntities: true,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true
});

type XmlNode = Record<string, unknown>;
const isNode = (value: unknown): value is XmlNode =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function namespaceOf(qualifiedName: string, ...scopes: XmlNode[]): string | undefined {
	const colon = qualifiedName.indexOf(':');
	const attribute = colon < 0 ? '@xmlns' : `@xmlns:${qualifiedName.slice(0, colon)}`;
	for (const scope of scopes) {
		const value = scope[attribute];
		if (typeof value === 'string') return value;
	}
	return undefined;
}

const localName = (qualifiedName: string): string =>
	qualifiedName.slice(qualifiedName.indexOf(':') + 1);

/**
 * Reads which document a UBL file is (Invoice or CreditNote, by namespace) and its cbc:ID,
 * without a DTD, external entities or entity expansion: a send's UBL must be the invoice it names.
 */
export function readUblIdentity(xml: string): UblIdentity {
	if (DTD.test(xml))
		return { ok: false, reason: 'must not contain a DTD (DOCTYPE or ENTITY declarations)' };
	let parsed: unknown;
	try {
		const valid = XMLValidator.validate(xml);
		if (valid !== true)
			return {
				ok: false,
				reason: `is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`
			};
		parsed = parser.parse(xml);
	} catch {
		// The validator passed what the parser then refused: still not XML the relay can send.
		return { ok: false, reason: 'is not well-formed XML' };
	}
	if (!isNode(parsed)) return { ok: false, reason: 'has no root element' };
	const roots = Object.keys(parsed).filter((key) => !key.startsWith('?') && !key.startsWith('@'));
	const rootName = roots[0];
	const root = rootName === undefined ? undefined : parsed[rootName];
	if (roots.length !== 1 || rootName === undefined || !isNode(root))
		return { ok: false, reason: 'must have one Invoice or CreditNote root element' };
	const namespace = namespaceOf(rootName, root);
	const documentType =
		localName(rootName) === 'Invoice' && namespace === NAMESPACES.invoice
			? 'invoice'
			: localName(rootName) === 'CreditNote' && namespace === NAMESPACES['credit-note']
				? 'credit-note'
				: undefined;
	if (documentType === undefined)
		return {
			ok: false,
			reason: 'must be a UBL 2.1 Invoice or CreditNote (root element and namespace)'
		};
	const ids: string[] = [];
	for (const [key, value] of Object.entries(root)) {
		if (key.startsWith('@') || localName(key) !== 'ID') continue;
		for (const element of Array.isArray(value) ? value : [value]) {
			const scopes = isNode(element) ? [element, root] : [root];
			if (namespaceOf(key, ...scopes) !== CBC) continue;
			const text = isNode(element) ? element['#text'] : element;
			ids.push(typeof text === 'string' ? text : '');
		}
	}
	const id = ids[0];
	if (ids.length !== 1 || id === undefined || id === '')
		return { ok: false, reason: 'must have exactly one cbc:ID (the invoice number)' };
	return { ok: true, documentType, id };
}

const child = (node: XmlNode, name: string): unknown => {
	for (const [key, value] of Object.entries(node)) {
		if (!key.startsWith('@') && localName(key) === name)
			return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
};

/**
 * The seller's Peppol participant id, "schemeID:value" of
 * cac:AccountingSupplierParty/cac:Party/cbc:EndpointID, or null when the UBL names none. Only
 * called on UBL that passed readUblIdentity.
 */
export function readSellerEndpoint(xml: string): string | null {
	if (DTD.test(xml)) return null;
	let parsed: unknown;
	try {
		parsed = parser.parse(xml);
	} catch {
		return null;
	}
	if (!isNode(parsed)) return null;
	const rootName = Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('@'));
	const root = rootName === undefined ? undefined : parsed[rootName];
	if (!isNode(root)) return null;
	const supplier = child(root, 'AccountingSupplierParty');
	const party = isNode(supplier) ? child(supplier, 'Party') : undefined;
	const endpoint = isNode(party) ? child(party, 'EndpointID') : undefined;
	if (!isNode(endpoint)) return null;
	const scheme = endpoint['@schemeID'];
	const value = endpoint['#text'];
	return typeof scheme === 'string' && typeof value === 'string' && value !== ''
		? `${scheme}:${value}`
		: null;
}

import { SaxesParser, type SaxesTagNS } from 'saxes';
import { fromUtf8 } from '$lib/bytes';
import { findForbiddenDeclaration } from '$lib/xml';
import {
	MAX_PURCHASE_DOCUMENT_BYTES,
	type PurchaseDocument,
	type PurchaseParseProblem
} from './purchase-document';

/**
 * Received bytes → a lean, namespace-resolved element tree of the UBL document, or the problem
 * that stops it. Safety comes before parsing: the size cap, then the shared DOCTYPE/ENTITY guard
 * ($lib/xml), then saxes (strict, streaming, expands no declared entity). The root must be a UBL
 * 2.1 Invoice or CreditNote; that is checked at the first tag, so a large non-UBL file is not read
 * to its end.
 */

export const UBL_NAMESPACES = {
	invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
	'credit-note': 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
	cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
	cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'
} as const;

/** More elements than a 10,000-line invoice has; beyond it the tree alone would burden the tab. */
export const MAX_PURCHASE_ELEMENTS = 500_000;

/**
 * One element. `name` is canonical whatever prefix the sender chose: "cac:Party", "cbc:ID", the
 * root's own local name ("Invoice"); elements of other namespaces (extensions, signatures) are
 * kept as "{uri}local" without their content, which no business term lives in.
 */
export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	text: string;
	line: number;
}

export interface UblTree {
	kind: PurchaseDocument['kind'];
	root: XmlElement;
}

/** A problem found while reading; the parser turns it into the PurchaseParseResult. */
export class PurchaseReadError extends Error {
	constructor(readonly problem: PurchaseParseProblem) {
		super(problem.message);
		this.name = 'PurchaseReadError';
	}
}

const fail = (problem: PurchaseParseProblem): never => {
	throw new PurchaseReadError(problem);
};

/** The encoding from the XML declaration, when it names one. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
	const head = String.fromCharCode(...bytes.subarray(0, 200));
	return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}

/**
 * UBL is UTF-8 in practice; a byte-order mark or the declaration may say UTF-16 or a legacy
 * encoding, which TextDecoder reads when the platform knows it. Invalid bytes refuse the file
 * rather than turning into U+FFFD in an amount or an IBAN.
 */
export function decodeXmlText(bytes: Uint8Array): string {
	const notText = (encoding: string) =>
		fail({
			code: 'not-xml',
			message: `The file is not ${encoding} text, so it is not an XML invoice (binary data or a damaged file).`
		});
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		try {
			return fromUtf8(bytes.subarray(3));
		} catch {
			return notText('UTF-8');
		}
	}
	const utf16 =
		bytes[0] === 0xff && bytes[1] === 0xfe
			? 'utf-16le'
			: bytes[0] === 0xfe && bytes[1] === 0xff
				? 'utf-16be'
				: undefined;
	const label = utf16 ?? declaredEncoding(bytes) ?? 'utf-8';
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
	} catch {
		return fail({
			code: 'not-xml',
			message: `The XML declaration names the encoding "${label}", which this app cannot read (UBL uses UTF-8).`,
			where: 'line 1'
		});
	}
	try {
		return decoder.decode(bytes);
	} catch {
		return notText(label.toUpperCase());
	}
}

function rootKind(tag: SaxesTagNS): PurchaseDocument['kind'] {
	if (tag.uri === UBL_NAMESPACES.invoice && tag.local === 'Invoice') return 'invoice';
	if (tag.uri === UBL_NAMESPACES['credit-note'] && tag.local === 'CreditNote') return 'credit-note';
	const found = tag.uri === '' ? tag.local : `{${tag.uri}}${tag.local}`;
	return fail({
		code: 'not-ubl',
		message: `The root element ${found} is not a UBL 2.1 Invoice (${UBL_NAMESPACES.invoice}) or CreditNote (${UBL_NAMESPACES['credit-note']}), so this is not a Peppol BIS invoice or credit note.`,
		where: 'line 1'
	});
}

/** Reads the bytes into the UBL tree; throws PurchaseReadError with the problem. */
export function readUblTree(bytes: Uint8Array): UblTree {
	if (bytes.length > MAX_PURCHASE_DOCUMENT_BYTES)
		fail({
			code: 'too-large',
			message: `The document is ${bytes.length} bytes; the inbox reads documents up to ${MAX_PURCHASE_DOCUMENT_BYTES} bytes (16 MiB). The original stays downloadable.`
		});
	const text = decodeXmlText(bytes);
	const start = /\S/.exec(text);
	if (start === null || text[start.index] !== '<')
		fail({
			code: 'not-xml',
			message:
				start === null
					? 'The file is empty.'
					: 'The file does not start with "<": it is not XML (a PDF, an image or another format?).',
			where: 'line 1'
		});
	const declaration = findForbiddenDeclaration(text);
	if (declaration)
		fail({
			code: 'doctype-forbidden',
			message: `<!${declaration.declaration}> at line ${declaration.line} is not allowed in a received invoice: a DTD could load files or URLs (XXE) or expand entities without end. Nothing of it was read or expanded.`,
			where: `line ${declaration.line}`
		});

	const parser = new SaxesParser({ xmlns: true, position: true });
	let kind: PurchaseDocument['kind'] | undefined;
	let root: XmlElement | undefined;
	const stack: XmlElement[] = [];
	/** Depth inside a foreign (extension) element, whose content is skipped. */
	let foreignDepth = 0;
	let elements = 0;
	let textParts: string[] = [];

	const canonical = (tag: SaxesTagNS, rootUri: string): string | undefined => {
		if (tag.uri === UBL_NAMESPACES.cbc) return `cbc:${tag.local}`;
		if (tag.uri === UBL_NAMESPACES.cac) return `cac:${tag.local}`;
		if (tag.uri === rootUri) return tag.local;
		return undefined;
	};

	parser.on('opentag', (tag) => {
		if (kind === undefined) kind = rootKind(tag);
		if (foreignDepth > 0) {
			if (!tag.isSelfClosing) foreignDepth++;
			return;
		}
		if (++elements > MAX_PURCHASE_ELEMENTS)
			fail({
				code: 'too-large',
				message: `The document has more than ${MAX_PURCHASE_ELEMENTS} elements; the inbox reads documents up to that many.`,
				where: `line ${parser.line}`
			});
		const name = canonical(tag, UBL_NAMESPACES[kind]);
		const attributes: Record<string, string> = {};
		for (const attribute of Object.values(tag.attributes))
			if (attribute.uri === '') attributes[attribute.local] = attribute.value;
		const element: XmlElement = {
			name: name ?? `{${tag.uri}}${tag.local}`,
			attributes,
			children: [],
			text: '',
			line: parser.line
		};
		const parent = stack[stack.length - 1];
		if (parent === undefined) root = element;
		else parent.children.push(element);
		textParts = [];
		if (name === undefined) {
			// Extension content (ext:UBLExtensions, signatures) carries no business term.
			if (!tag.isSelfClosing) foreignDepth = 1;
			return;
		}
		if (!tag.isSelfClosing) stack.push(element);
	});
	parser.on('text', (chunk) => {
		if (foreignDepth === 0) textParts.push(chunk);
	});
	parser.on('cdata', (chunk) => {
		if (foreignDepth === 0) textParts.push(chunk);
	});
	parser.on('closetag', (tag) => {
		if (foreignDepth > 0) {
			foreignDepth--;
			return;
		}
		if (tag.isSelfClosing) return;
		const element = stack.pop();
		if (element !== undefined && element.children.length === 0)
			element.text = (textParts.length === 1 ? textParts[0]! : textParts.join('')).trim();
		textParts = [];
	});

	try {
		parser.write(text).close();
	} catch (error) {
		if (error instanceof PurchaseReadError) throw error;
		fail({
			code: 'malformed',
			message: `The XML is not well-formed at line ${parser.line}, column ${parser.column}: ${
				error instanceof Error
					? error.message.replace(/^(?:[^:\s]*:)?\d+:\d+: /, '').replace(/\.$/, '')
					: String(error)
			}. The document may be truncated or damaged.`,
			where: `line ${parser.line}:${parser.column}`
		});
	}
	if (kind === undefined || root === undefined)
		return fail({ code: 'not-xml', message: 'The file holds no XML element.' });
	return { kind, root };
}

/** The first child of that canonical name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
	return element?.children.find((candidate) => candidate.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
	return element?.children.filter((candidate) => candidate.name === name) ?? [];
}

/** The element at a path of first children. */
export function at(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
	let current = element;
	for (const name of names) current = child(current, name);
	return current;
}

/** The text at a path, undefined when absent or empty: optional business terms stay absent. */
export function textAt(element: XmlElement | undefined, ...names: string[]): string | undefined {
	const found = at(element, ...names);
	return found === undefined || found.text === '' ? undefined : found.text;
}

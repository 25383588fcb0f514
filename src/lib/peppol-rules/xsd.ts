// UBL 2.1 XSD validation with libxml2-wasm (libxml2 compiled to WebAssembly; in the app's build
// the binary is an asset of its own, ./libxml2-module.ts). The schemas are compiled once per
// validator; a validation then takes < 1 ms.
// Compiling is most of the rules' load, and Invoice and CreditNote import the same common
// components (about 95% of the set), so the fast engine compiles them once, under a schema of
// our own that imports both documents; the plain engine compiles each document's schema apart,
// as published, and the equivalence spec holds the two to identical findings.
import type * as Api from 'libxml2-wasm';
import type { Element } from 'slimdom';
import { XSD_MAINDOCS, XSD_FILES, type DataFile } from './data-files';
import type { Finding } from './finding';
import { provideLibxml2 } from './libxml2-module';

type Libxml2 = typeof Api;

// libxml2 resolves xsd:import and xsd:include through input providers, which are process-wide.
// One provider serves the UBL schemas under a virtual root and nothing else, so neither a
// document nor a schema can make libxml2 read a real file or a URL.
const VIRTUAL_ROOT = '/billfold-peppol-rules/';
const PROVIDER = Symbol.for('billfold.peppol-rules.xsd-provider');
type ProviderHolder = { [PROVIDER]?: Api.XmlBufferInputProvider };

function provider(libxml2: Libxml2): Api.XmlBufferInputProvider {
	const holder = globalThis as ProviderHolder;
	if (!holder[PROVIDER]) {
		holder[PROVIDER] = new libxml2.XmlBufferInputProvider({});
		libxml2.xmlRegisterInputProvider(holder[PROVIDER]);
	}
	return holder[PROVIDER];
}

const NAMESPACES: Readonly<Record<string, keyof typeof XSD_MAINDOCS>> = {
	'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 Invoice': 'Invoice',
	'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2 CreditNote': 'CreditNote'
};

/** A schema without a namespace of its own that imports both document schemas. */
const BOTH_DOCUMENTS = new TextEncoder().encode(
	'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
		Object.entries(XSD_MAINDOCS)
			.map(
				([type, file]) =>
					`<xsd:import namespace="urn:oasis:names:specification:ubl:schema:xsd:${type}-2" schemaLocation="${file}"/>`
			)
			.join('') +
		'</xsd:schema>'
);

function compileSchema(libxml2: Libxml2, bytes: Uint8Array, name: string): Api.XsdValidator {
	const schema = libxml2.XmlDocument.fromBuffer(bytes, { url: VIRTUAL_ROOT + name });
	try {
		return libxml2.XsdValidator.fromDoc(schema);
	} finally {
		schema.dispose();
	}
}

/**
 * Imports libxml2-wasm (instantiating `wasm` if given, see ./libxml2-module.ts) and compiles the
 * schemas. `files` holds the bytes of every XSD_FILES entry. `separate`: compile the Invoice and
 * the CreditNote schema each on its own, as published (the plain engine), instead of once for both.
 */
export async function loadUblSchemas(
	files: ReadonlyMap<DataFile, Uint8Array>,
	{ separate = false, wasm }: { separate?: boolean; wasm?: WebAssembly.Module }
): Promise<UblSchemas> {
	if (wasm) provideLibxml2(wasm);
	return new UblSchemas(await import('libxml2-wasm'), files, separate);
}

export class UblSchemas {
	private readonly validators = new Map<string, Api.XsdValidator>();

	constructor(
		private readonly libxml2: Libxml2,
		files: ReadonlyMap<DataFile, Uint8Array>,
		separate: boolean
	) {
		const buffers = provider(libxml2);
		for (const name of XSD_FILES) {
			const bytes = files.get(name);
			if (!bytes) throw new Error(`peppol-rules: ${name} was not loaded`);
			buffers.addBuffer(VIRTUAL_ROOT + name, bytes);
		}
		if (!separate) {
			const both = compileSchema(libxml2, BOTH_DOCUMENTS, 'both-documents.xsd');
			for (const type of Object.keys(XSD_MAINDOCS)) this.validators.set(type, both);
			return;
		}
		for (const [type, name] of Object.entries(XSD_MAINDOCS)) {
			const bytes = files.get(name);
			if (!bytes) throw new Error(`peppol-rules: ${name} was not loaded`);
			this.validators.set(type, compileSchema(libxml2, bytes, name));
		}
	}

	/** XSD-validates a document against the Invoice or CreditNote schema its root names. */
	validate(xml: string, root: Element): Finding[] {
		const type = NAMESPACES[`${root.namespaceURI} ${root.localName}`];
		const validator = type && this.validators.get(type);
		if (!validator) {
			return [
				{
					ruleset: 'xsd',
					id: 'UBL-ROOT',
					flag: 'fatal',
					location: '/' + root.localName,
					message: `Root element {${root.namespaceURI ?? ''}}${root.localName} is neither a UBL 2.1 Invoice nor a CreditNote`
				}
			];
		}
		let doc: Api.XmlDocument;
		try {
			doc = this.libxml2.XmlDocument.fromString(xml);
		} catch (e) {
			const detail = (e as { details?: { line?: number; message?: string }[] }).details?.[0];
			return [
				{
					ruleset: 'xsd',
					id: 'XSD',
					flag: 'fatal',
					location: detail?.line ? `line ${detail.line}` : '',
					...(detail?.line ? { line: detail.line } : {}),
					message: `libxml2 cannot parse the document: ${String(detail?.message ?? (e as Error).message).trim()}`
				}
			];
		}
		try {
			validator.validate(doc);
			return [];
		} catch (e) {
			if (!(e instanceof this.libxml2.XmlValidateError)) throw e;
			return e.details.map((d) => ({
				ruleset: 'xsd' as const,
				id: 'XSD',
				flag: 'fatal' as const,
				location: `${d.xpath ?? ''}${d.line ? ` (line ${d.line})` : ''}`.trim(),
				...(d.line ? { line: d.line } : {}),
				message: String(d.message).trim()
			}));
		} finally {
			doc.dispose();
		}
	}
}

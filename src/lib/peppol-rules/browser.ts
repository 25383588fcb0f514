// The validator in a browser (a Web Worker): Vite emits every UBL schema and libxml2's
// WebAssembly as static assets (cached by the service worker like the rest of the app) and the
// worker fetches them; the rules come compiled inside the code (scripts/compile-rules.ts), so the
// .sch files are not loaded, and fontoxpath is imported only if a document needs it.
// (Bundling the schemas' text into the chunk instead would save the requests, but the service
// worker finds a worker's files by the relative paths in its code, and the schemas' own
// schemaLocation="../common/…" would then read as files to precache, which do not exist.)
import libxml2Url from './compiled/libxml2.wasm?url';
import url2 from './data/xsd/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd?url';
import url3 from './data/xsd/ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd?url';
import url4 from './data/xsd/ubl-2.1/common/CCTS_CCT_SchemaModule-2.1.xsd?url';
import url5 from './data/xsd/ubl-2.1/common/UBL-CommonAggregateComponents-2.1.xsd?url';
import url6 from './data/xsd/ubl-2.1/common/UBL-CommonBasicComponents-2.1.xsd?url';
import url7 from './data/xsd/ubl-2.1/common/UBL-CommonExtensionComponents-2.1.xsd?url';
import url8 from './data/xsd/ubl-2.1/common/UBL-CommonSignatureComponents-2.1.xsd?url';
import url9 from './data/xsd/ubl-2.1/common/UBL-CoreComponentParameters-2.1.xsd?url';
import url10 from './data/xsd/ubl-2.1/common/UBL-ExtensionContentDataType-2.1.xsd?url';
import url11 from './data/xsd/ubl-2.1/common/UBL-QualifiedDataTypes-2.1.xsd?url';
import url12 from './data/xsd/ubl-2.1/common/UBL-SignatureAggregateComponents-2.1.xsd?url';
import url13 from './data/xsd/ubl-2.1/common/UBL-SignatureBasicComponents-2.1.xsd?url';
import url14 from './data/xsd/ubl-2.1/common/UBL-UnqualifiedDataTypes-2.1.xsd?url';
import url15 from './data/xsd/ubl-2.1/common/UBL-XAdESv132-2.1.xsd?url';
import url16 from './data/xsd/ubl-2.1/common/UBL-XAdESv141-2.1.xsd?url';
import url17 from './data/xsd/ubl-2.1/common/UBL-xmldsig-core-schema-2.1.xsd?url';
import type { XSD_FILES } from './data-files';
import { createLazyValidator, type LazyPeppolValidator } from './validator';

/** The asset URL of every UBL schema. */
export const DATA_URLS: Readonly<Record<(typeof XSD_FILES)[number], string>> = {
	'xsd/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd': url2,
	'xsd/ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd': url3,
	'xsd/ubl-2.1/common/CCTS_CCT_SchemaModule-2.1.xsd': url4,
	'xsd/ubl-2.1/common/UBL-CommonAggregateComponents-2.1.xsd': url5,
	'xsd/ubl-2.1/common/UBL-CommonBasicComponents-2.1.xsd': url6,
	'xsd/ubl-2.1/common/UBL-CommonExtensionComponents-2.1.xsd': url7,
	'xsd/ubl-2.1/common/UBL-CommonSignatureComponents-2.1.xsd': url8,
	'xsd/ubl-2.1/common/UBL-CoreComponentParameters-2.1.xsd': url9,
	'xsd/ubl-2.1/common/UBL-ExtensionContentDataType-2.1.xsd': url10,
	'xsd/ubl-2.1/common/UBL-QualifiedDataTypes-2.1.xsd': url11,
	'xsd/ubl-2.1/common/UBL-SignatureAggregateComponents-2.1.xsd': url12,
	'xsd/ubl-2.1/common/UBL-SignatureBasicComponents-2.1.xsd': url13,
	'xsd/ubl-2.1/common/UBL-UnqualifiedDataTypes-2.1.xsd': url14,
	'xsd/ubl-2.1/common/UBL-XAdESv132-2.1.xsd': url15,
	'xsd/ubl-2.1/common/UBL-XAdESv141-2.1.xsd': url16,
	'xsd/ubl-2.1/common/UBL-xmldsig-core-schema-2.1.xsd': url17
};

/**
 * libxml2 compiled while it downloads (off the worker's thread; Chromium caches the compiled code
 * of a same-origin response). Streaming needs `Content-Type: application/wasm`, which the relay,
 * Vite and the bench's server send; from a host that does not, it is compiled from the bytes.
 */
async function compileLibxml2(
	fetchAsset: (url: string) => Promise<Response>
): Promise<WebAssembly.Module> {
	const response = await fetchAsset(libxml2Url);
	if (!response.ok) throw new Error(`peppol-rules: libxml2.wasm: HTTP ${response.status}`);
	if (response.headers.get('content-type')?.split(';')[0]?.trim() === 'application/wasm')
		return WebAssembly.compileStreaming(response);
	return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Loads the validator from the app's static assets. `fetchAsset` is the worker's `fetch`, passed
 * in so this module stays free of globals: `const validator = await browserValidator(fetch);`
 */
export function browserValidator(
	fetchAsset: (url: string) => Promise<Response>
): Promise<LazyPeppolValidator> {
	return createLazyValidator(
		async (file) => {
			if (!(file in DATA_URLS)) throw new Error(`peppol-rules: ${file} is not an asset`);
			const response = await fetchAsset(DATA_URLS[file as keyof typeof DATA_URLS]);
			if (!response.ok) throw new Error(`peppol-rules: ${file}: HTTP ${response.status}`);
			return new Uint8Array(await response.arrayBuffer());
		},
		{ libxml2: () => compileLibxml2(fetchAsset) }
	);
}

// The validator in a browser (a Web Worker). The rules come compiled in the module itself
// (scripts/compile-rules.ts) and the UBL 2.1 schemas are bundled into the same chunk as text,
// so loading the rules is one request for the worker's code instead of one per schema file
// (16 of them); the service worker precaches that code like the rest of the app.
import { XSD_FILES, type DataFile } from './data-files';
import { createValidator, type PeppolValidator } from './validator';

const bundled = import.meta.glob<string>('./data/xsd/ubl-2.1/**/*.xsd', {
	query: '?raw',
	import: 'default',
	eager: true
});

/** The text of every UBL schema, by its path relative to ./data. */
export const XSD_TEXTS: ReadonlyMap<DataFile, string> = new Map(
	XSD_FILES.map((file) => {
		const text = bundled[`./data/${file}`];
		if (text === undefined) throw new Error(`peppol-rules: ${file} is not bundled`);
		return [file, text];
	})
);

/** Sets up the validator from the bundled rules and schemas: `await browserValidator()`. */
export function browserValidator(): Promise<PeppolValidator> {
	const encoder = new TextEncoder();
	return createValidator(async (file) => {
		const text = XSD_TEXTS.get(file);
		if (text === undefined) throw new Error(`peppol-rules: ${file} is not bundled`);
		return encoder.encode(text);
	});
}

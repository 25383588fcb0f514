// Writes docs/invoice-document.schema.json from the zod schema; src/lib/document/json-schema.spec.ts
// fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { invoiceDocumentJsonSchema } from '../src/lib/document/json-schema';

const target = fileURLToPath(new URL('../docs/invoice-document.schema.json', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
const text = await format(JSON.stringify(invoiceDocumentJsonSchema()), {
	...options,
	filepath: target
});
writeFileSync(target, text);
console.log(`wrote ${target}`);

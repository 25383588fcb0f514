import { describe, expect, it } from 'vitest';
import committed from '../../../docs/invoice-document.schema.json';
import { invoiceDocumentJsonSchema } from './json-schema';

describe('docs/invoice-document.schema.json', () => {
	it('is up to date with the zod schema (run `npm run gen:schema` after changing it)', () => {
		expect(committed).toEqual(invoiceDocumentJsonSchema());
	});

	it('describes the parts other tools rely on', () => {
		const schema = invoiceDocumentJsonSchema() as {
			required: string[];
			properties: Record<string, { const?: unknown }>;
		};
		expect(schema.required).toEqual(
			expect.arrayContaining([
				'format',
				'version',
				'type',
				'number',
				'issueDate',
				'seller',
				'buyer',
				'lines',
				'vatCodes',
				'currency'
			])
		);
		expect(schema.properties.format?.const).toBe('billfold/invoice-document');
		expect(schema.properties.version?.const).toBe(1);
	});
});

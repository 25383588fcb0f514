import { describe, expect, it } from 'vitest';
import { contactSchema } from '$lib/contacts';
import { itemSchema, lineFromItem } from '$lib/items';
import { checkSellerProfile } from '$lib/legal';
import {
	buildContact,
	buildInvoiceRecord,
	buildItem,
	buildRecordMeta,
	buildSellerProfile,
	buildTextItem
} from '../../../tests/factories';
import { attachmentRecordSchema } from './attachment-record';
import { invoiceRecordSchema } from './invoice-record';
import { invoiceDocumentFromRecord } from './record-to-document';
import { sellerProfileSchema } from './seller-profile';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
	result.error?.issues.map((issue) => issue.path.join('.')).sort() ?? [];

describe('record schemas', () => {
	it('accept the factory records', () => {
		expect(sellerProfileSchema.parse(buildSellerProfile())).toBeTruthy();
		expect(contactSchema.parse(buildContact())).toBeTruthy();
		expect(itemSchema.parse(buildItem())).toBeTruthy();
		expect(itemSchema.parse(buildTextItem())).toBeTruthy();
		expect(invoiceRecordSchema.parse(buildInvoiceRecord())).toBeTruthy();
		expect(
			attachmentRecordSchema.parse({
				...buildRecordMeta(),
				fileName: 'terms.pdf',
				mimeType: 'application/pdf',
				size: 1234
			})
		).toBeTruthy();
	});

	it('let a seller profile be saved unfinished, and leave completeness to the legal check', () => {
		const profile = buildSellerProfile({ name: undefined, iban: undefined, bic: undefined });
		expect(sellerProfileSchema.safeParse(profile).success).toBe(true);
		expect(checkSellerProfile(profile).map((issue) => issue.rule)).toEqual([
			'BR-06',
			'BE-IBAN-MISSING',
			'BE-BIC-MISSING'
		]);
	});

	it('reject a bad id, timestamp, price or oversized attachment with the field path', () => {
		expect(
			paths(contactSchema.safeParse(buildContact({ id: 'nope', updatedAt: 'yesterday' })))
		).toEqual(['id', 'updatedAt']);
		expect(
			paths(itemSchema.safeParse({ ...buildItem(), unitPrice: '-1', unitCode: 'hours' }))
		).toEqual(['unitCode', 'unitPrice']);
		expect(
			paths(
				attachmentRecordSchema.safeParse({
					...buildRecordMeta(),
					fileName: 'big.pdf',
					mimeType: 'application/pdf',
					size: 3_000_000
				})
			)
		).toEqual(['size']);
	});

	it('let a draft lack a number, but not an issued invoice', () => {
		const draft = buildInvoiceRecord({
			status: 'draft',
			number: undefined,
			issueDate: undefined,
			seller: undefined
		});
		expect(invoiceRecordSchema.safeParse(draft).success).toBe(true);
		expect(paths(invoiceRecordSchema.safeParse({ ...draft, status: 'issued' }))).toEqual([
			'issueDate',
			'number',
			'seller'
		]);
	});

	it('turn catalogue items into lines', () => {
		const item = buildItem();
		expect(lineFromItem(item, '2.5')).toEqual({
			type: 'item',
			itemId: item.id,
			description: 'Consultancy – Per hour, on site',
			quantity: '2.5',
			unitCode: 'HUR',
			unitPrice: '85',
			vatCodeId: 'S21'
		});
		expect(lineFromItem(buildTextItem())).toEqual({
			type: 'text',
			text: 'Warranty – Two years warranty on parts and labour.'
		});
	});
});

describe('invoiceDocumentFromRecord', () => {
	it('gives the issued record as a self-contained document', () => {
		const record = buildInvoiceRecord({ vatCodes: buildSellerProfile().vatCodes });
		const result = invoiceDocumentFromRecord(record);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.vatCodes.map((code) => code.id)).toEqual(['S21']);
		expect(result.value).toMatchObject({
			format: 'billfold/invoice-document',
			version: 1,
			number: '2026-0001',
			currency: 'EUR'
		});
	});

	it('lists what a draft lacks', () => {
		const result = invoiceDocumentFromRecord(
			buildInvoiceRecord({ status: 'draft', number: undefined, buyer: undefined })
		);
		expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual(['number', 'buyer']);
	});
});

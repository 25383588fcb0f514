import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { buildInvoiceDocument } from '../../../tests/factories';
import { checkAttachmentType } from './attachments';
import { toBase64 } from '$lib/bytes';
import { toUbl } from './to-ubl';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface EmbeddedFile {
	id: string;
	description: string | null;
	mimeCode: string | null;
	filename: string | null;
	content: string;
}

function embeddedFiles(xml: string): EmbeddedFile[] {
	const root = create(xml).root().node as unknown as Element;
	return Array.from(root.getElementsByTagName('cac:AdditionalDocumentReference')).map(
		(reference) => {
			const object = reference.getElementsByTagName('cbc:EmbeddedDocumentBinaryObject')[0];
			return {
				id: reference.getElementsByTagName('cbc:ID')[0]?.textContent ?? '',
				description:
					reference.getElementsByTagName('cbc:DocumentDescription')[0]?.textContent ?? null,
				mimeCode: object?.getAttribute('mimeCode') ?? null,
				filename: object?.getAttribute('filename') ?? null,
				content: object?.textContent ?? ''
			};
		}
	);
}

describe('checkAttachmentType', () => {
	it.each([
		['factuur.pdf', 'application/pdf'],
		['foto.JPG', 'image/jpeg'],
		['foto.jpeg', 'image/jpeg'],
		['schema.png', 'image/png'],
		['uren.csv', 'text/csv'],
		['budget.xlsx', XLSX],
		['budget.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
		['zonder-extensie', 'application/pdf'],
		['export.sheet', XLSX]
	])('lets %s (%s) travel in the UBL', (fileName, mimeType) => {
		expect(checkAttachmentType(fileName, mimeType)).toEqual({ ok: true, mimeCode: mimeType });
	});

	it.each([
		['contract.docx', DOCX],
		['contract.docx', 'application/pdf'],
		['scan.tiff', 'image/tiff'],
		['notes.txt', 'text/plain'],
		['photo.png', 'image/jpeg']
	])('refuses %s (%s)', (fileName, mimeType) => {
		const check = checkAttachmentType(fileName, mimeType);
		expect(check.ok).toBe(false);
		expect(check.ok ? '' : check.reason).toMatch(/PDF, PNG, JPEG, CSV, XLSX or ODS/);
	});
});

describe('embedded documents', () => {
	const pdf = new TextEncoder().encode('%PDF-1.7 fake but bytes are bytes');
	const csv = new TextEncoder().encode('datum;uren\n2026-05-01;8\n');

	it('embeds the invoice PDF first, then the allowed attachments, as base64', () => {
		const document = buildInvoiceDocument({
			number: '2026/0001',
			attachments: [
				{
					id: 'a1',
					fileName: 'uren mei.csv',
					mimeType: 'text/csv',
					size: csv.length,
					description: 'Urenstaat'
				}
			]
		});
		const { xml, warnings } = toUbl(document, {
			pdf,
			attachmentContents: new Map([['a1', csv]])
		});
		expect(warnings).toEqual([]);
		expect(embeddedFiles(xml)).toEqual([
			{
				id: '2026/0001',
				description: 'Factuur',
				mimeCode: 'application/pdf',
				filename: '2026_0001.pdf',
				content: toBase64(pdf)
			},
			{
				id: 'uren mei.csv',
				description: 'Urenstaat',
				mimeCode: 'text/csv',
				filename: 'uren_mei.csv',
				content: toBase64(csv)
			}
		]);
		expect(atob(embeddedFiles(xml)[1]?.content ?? '')).toBe('datum;uren\n2026-05-01;8\n');
	});

	it('does not drop a refused or missing attachment silently: each gets a typed warning', () => {
		const document = {
			...buildInvoiceDocument(),
			attachments: [
				{ id: 'w', fileName: 'contract.docx', mimeType: DOCX, size: 10 },
				{ id: 'x', fileName: 'budget.xlsx', mimeType: XLSX, size: 10 },
				{ id: 'c', fileName: 'uren.csv', mimeType: 'text/csv', size: csv.length }
			]
		};
		const { xml, warnings } = toUbl(document, {
			attachmentContents: new Map([
				['w', new Uint8Array([1, 2, 3])],
				['c', csv]
			])
		});
		expect(warnings).toEqual([
			{
				code: 'attachment-refused',
				path: 'attachments.0',
				message: expect.stringContaining('contract.docx was not embedded')
			},
			{
				code: 'attachment-missing',
				path: 'attachments.1',
				message: expect.stringContaining('no content was supplied for attachment "x"')
			}
		]);
		expect(embeddedFiles(xml).map((file) => file.filename)).toEqual(['uren.csv']);
	});
});

import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from './attachment-reference';
import { attachableType, screenAttachments } from './invoice-form';

const MB = 1024 * 1024;

describe('attachments', () => {
	it('knows PDF, Word, Excel, JPEG and PNG by type or by extension', () => {
		expect(attachableType({ name: 'a.pdf', type: 'application/pdf' })).toBe('application/pdf');
		expect(attachableType({ name: 'offer.docx', type: '' })).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(attachableType({ name: 'hours.XLSX', type: '' })).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(attachableType({ name: 'run.exe', type: 'application/x-msdownload' })).toBeUndefined();
	});

	it('refuses a file over 2 MB by name and size, and keeps the total under 8 MB', () => {
		const { accepted, refused } = screenAttachments(
			[
				{ name: 'ok.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES },
				{ name: 'big.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 },
				{ name: 'virus.exe', type: 'application/x-msdownload', size: 10 },
				{ name: 'photo.jpg', type: 'image/jpeg', size: 2 * MB },
				{ name: 'scan.png', type: 'image/png', size: 2 * MB },
				{ name: 'one-too-many.png', type: 'image/png', size: 1 }
			],
			2 * MB
		);
		expect(accepted).toEqual([0, 3, 4]);
		expect(refused).toEqual([
			{ reason: 'size', fileName: 'big.pdf', size: MAX_ATTACHMENT_BYTES + 1 },
			{ reason: 'type', fileName: 'virus.exe' },
			{ reason: 'total', fileName: 'one-too-many.png', size: 1, totalBytes: 8 * MB + 1 }
		]);
	});
});

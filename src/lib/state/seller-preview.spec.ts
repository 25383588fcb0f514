import { describe, expect, it, vi } from 'vitest';
import { SellerPreview, sampleInvoiceFor, type PreviewInput } from './seller-preview.svelte.js';
import { blankSellerProfile } from './seller.svelte.js';

const document = sampleInvoiceFor(blankSellerProfile('2026-11-25T10:00:00.000Z'), '2026-11-25', {
	sellerName: 'Your name',
	customerName: 'Sample Customer BV',
	customerStreet: 'Meir 10',
	customerCity: 'Antwerp',
	heading: 'Sample project',
	service: 'Consultancy',
	product: 'Product'
});

const input = (header: string): PreviewInput => ({ document, header, footer: undefined });

describe('sample invoice preview', () => {
	it('renders once for a burst of changes, with the last one', async () => {
		vi.useFakeTimers();
		try {
			const rendered: unknown[] = [];
			const preview = new SellerPreview(300, async (request) => {
				rendered.push(request.header);
				return { status: 'rendered', bytes: new Uint8Array([37, 80, 68, 70]), pageCount: 1 };
			});
			preview.request(input('a'));
			await vi.advanceTimersByTimeAsync(100);
			preview.request(input('ab'));
			await vi.advanceTimersByTimeAsync(100);
			preview.request(input('abc'));
			await vi.advanceTimersByTimeAsync(300);
			expect(rendered).toEqual(['abc']);
			expect(preview.state).toMatchObject({ kind: 'ready', pageCount: 1 });
			preview.dispose();
		} finally {
			vi.useRealTimers();
		}
	});

	it('drops a slow render that a newer one overtook, and reports failures', async () => {
		let release: () => void = () => undefined;
		const preview = new SellerPreview(0, async (request) => {
			if (request.header === 'slow') await new Promise<void>((resolve) => (release = resolve));
			if (request.header === 'broken') throw new Error('font missing');
			return {
				status: 'rendered',
				bytes: new Uint8Array([request.header === 'slow' ? 1 : 2]),
				pageCount: 1
			};
		});
		const slow = preview.render(input('slow'));
		await preview.render(input('fast'));
		release();
		await slow;
		expect(preview.bytes).toEqual(new Uint8Array([2]));
		await preview.render(input('broken'));
		expect(preview.state).toEqual({ kind: 'failed', message: 'font missing' });
		preview.dispose();
	});
});

import { afterEach, describe, expect, it } from 'vitest';
import { PdfWorkerClient, type MessagePortLike } from './pdf-worker-client';
import { servePdfRequests } from './pdf-worker-server';
import { sampleInvoiceDocument } from './sample-invoice';

/** Both ends of a real MessageChannel, as between the page and its worker. */
function connect() {
	const channel = new MessageChannel();
	const stop = servePdfRequests(channel.port2 as unknown as MessagePortLike);
	const client = new PdfWorkerClient(channel.port1 as unknown as MessagePortLike);
	return {
		client,
		close: () => {
			stop();
			client.close();
			channel.port1.close();
			channel.port2.close();
		}
	};
}

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('PDF worker protocol', () => {
	it('renders a draft on the other side of a message channel and hands back the bytes', async () => {
		const connection = connect();
		close = connection.close;
		const result = await connection.client.render(sampleInvoiceDocument());
		expect(result.status).toBe('rendered');
		if (result.status !== 'rendered') return;
		expect(result.pdf.pageCount).toBe(1);
		expect(new TextDecoder().decode(result.pdf.bytes.subarray(0, 5))).toBe('%PDF-');
	});

	it('renders only the newest of the drafts posted while one is running', async () => {
		const connection = connect();
		close = connection.close;
		const drafts = ['2026-0001', '2026-0002', '2026-0003'].map((number) => ({
			...sampleInvoiceDocument(),
			number
		}));
		const results = await Promise.all(drafts.map((draft) => connection.client.render(draft)));
		expect(results.map((result) => result.status)).toEqual(['rendered', 'superseded', 'rendered']);
		const last = results[2];
		expect(
			last?.status === 'rendered' && new TextDecoder('latin1').decode(last.pdf.bytes)
		).toContain('2026-0003');
	});

	it('reports a draft it cannot render instead of leaving the preview waiting', async () => {
		const connection = connect();
		close = connection.close;
		const result = await connection.client.render(sampleInvoiceDocument(), {
			header: { content: 'oops' }
		});
		expect(result).toEqual({
			status: 'failed',
			error: 'RichTextError',
			message: expect.stringContaining('header: not a tiptap document')
		});
	});
});

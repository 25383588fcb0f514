import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PDF_WORKER_UNAVAILABLE } from './early-messages';
import {
	PdfWorkerClient,
	PdfWorkerError,
	type MessagePortLike,
	type PdfWorkerRequest
} from './pdf-worker-client';
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

/**
 * A worker whose server never loaded, as the browser runs it: every request is refused, and once
 * the page ends it (at the first refusal) the browser drops everything it would still have said.
 */
function refusingWorker() {
	const listeners = new Set<(event: MessageEvent) => void>();
	const requests: PdfWorkerRequest[] = [];
	let terminated = false;
	const port: MessagePortLike = {
		postMessage: (message) => void requests.push(message as PdfWorkerRequest),
		addEventListener: (_type, listener) => void listeners.add(listener),
		removeEventListener: (_type, listener) => void listeners.delete(listener)
	};
	return {
		port,
		terminate: () => (terminated = true),
		/** The worker refuses each request it holds, in order; an ended worker's answers are lost. */
		refuseAll() {
			for (const { id } of requests.splice(0)) {
				if (terminated) return;
				const data = { id, ok: false, error: PDF_WORKER_UNAVAILABLE, message: 'offline' };
				for (const listener of listeners) listener(new MessageEvent('message', { data }));
			}
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

	it('renders files in order and never supersedes them, whatever previews run meanwhile', async () => {
		const connection = connect();
		close = connection.close;
		const numbers = ['2026-0011', '2026-0012', '2026-0013'];
		const [preview, ...files] = await Promise.all([
			connection.client.render(sampleInvoiceDocument()),
			...numbers.map((number) =>
				connection.client.renderFile({ ...sampleInvoiceDocument(), number })
			)
		]);
		expect(preview?.status).toBe('rendered');
		files.forEach((file, index) =>
			expect(new TextDecoder('latin1').decode(file.bytes)).toContain(numbers[index])
		);
	});

	it('checks a terms-of-sale PDF in the worker and leaves the caller its bytes', async () => {
		const connection = connect();
		close = connection.close;
		const terms = new Uint8Array(
			readFileSync(new URL('../../../tests/fixtures/pdf/terms-of-sale.pdf', import.meta.url))
		);
		expect(await connection.client.checkTerms(terms)).toEqual({ ok: true, pageCount: 2 });
		expect(terms.byteLength).toBeGreaterThan(0);
		expect(await connection.client.checkTerms(terms.subarray(0, 400))).toMatchObject({
			ok: false,
			error: 'corrupt'
		});
	});

	it("warms up, and rejects a file it cannot render with the renderer's error", async () => {
		const connection = connect();
		close = connection.close;
		await connection.client.warm({ header: { type: 'doc', content: [] } });
		const failure = connection.client.renderFile(sampleInvoiceDocument(), { header: 'oops' });
		await expect(failure).rejects.toBeInstanceOf(PdfWorkerError);
		await expect(failure).rejects.toMatchObject({ name: 'RichTextError' });
	});

	it('refuses a malformed request by naming the field and the rule', async () => {
		const channel = new MessageChannel();
		const stop = servePdfRequests(channel.port2 as unknown as MessagePortLike);
		close = () => {
			stop();
			channel.port1.close();
			channel.port2.close();
		};
		const answer = new Promise<unknown>((resolve) =>
			channel.port1.addEventListener('message', (event) => resolve(event.data), { once: true })
		);
		channel.port1.start();
		channel.port1.postMessage({ id: 7, kind: 'check-terms', bytes: 'not bytes' });
		expect(await answer).toEqual({
			id: 7,
			ok: false,
			error: 'PdfRequestError',
			message: 'bytes: must be a Uint8Array'
		});
	});

	it('gives the first refusal to every request already waiting in a worker that never loaded', async () => {
		const worker = refusingWorker();
		let ended = 0;
		const client = new PdfWorkerClient(worker.port, () => {
			ended++;
			worker.terminate();
		});
		const warm = client.warm();
		const statement = client.renderStatement({
			document: sampleInvoiceDocument(),
			language: 'fr',
			date: '2026-05-10',
			step: 1,
			invoiceTotalCents: 121_000,
			paidCents: 0,
			creditedCents: 0,
			amountDueCents: 121_000,
			daysOverdue: 12,
			rule: 'consumer',
			interestCents: 0,
			flatCents: 0
		});
		const previews = [
			client.render(sampleInvoiceDocument()),
			client.render(sampleInvoiceDocument())
		];
		worker.refuseAll();
		await expect(warm).rejects.toMatchObject({ name: PDF_WORKER_UNAVAILABLE });
		const refused = { status: 'failed', error: PDF_WORKER_UNAVAILABLE, message: 'offline' };
		expect(await statement).toEqual(refused);
		expect(await Promise.all(previews)).toEqual([refused, refused]);
		// A caller that got this client before it was ended is refused too, not left waiting.
		await expect(client.renderFile(sampleInvoiceDocument())).rejects.toMatchObject({
			name: PDF_WORKER_UNAVAILABLE
		});
		expect(ended).toBe(1);
	});
});

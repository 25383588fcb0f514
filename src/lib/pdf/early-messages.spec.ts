import { afterEach, describe, expect, it } from 'vitest';
import { holdEarlyMessages, refuseRequests } from './early-messages';
import { PdfWorkerClient, PdfWorkerError, type MessagePortLike } from './pdf-worker-client';
import { servePdfRequests } from './pdf-worker-server';
import { sampleInvoiceDocument } from './sample-invoice';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A real MessageChannel: port1 is the page's end, port2 the worker's. */
function channel() {
	const { port1, port2 } = new MessageChannel();
	close = () => {
		port1.close();
		port2.close();
	};
	return { page: port1 as unknown as MessagePortLike, worker: port2 as unknown as MessagePortLike };
}

/** Resolves once `count` messages have reached `port` (a second listener beside the holder's). */
function delivered(port: MessagePortLike, count: number): Promise<void> {
	return new Promise((resolve) => {
		let seen = 0;
		port.addEventListener('message', () => {
			seen += 1;
			if (seen === count) resolve();
		});
	});
}

describe('holdEarlyMessages', () => {
	it('hands the messages that came before the listener to it first, in order, then the later ones', async () => {
		const { page, worker } = channel();
		const held = holdEarlyMessages(worker);
		const arrived = delivered(worker, 2);
		page.postMessage('first');
		page.postMessage('second');
		await arrived;
		const received: unknown[] = [];
		const third = new Promise<void>((resolve) =>
			held.addEventListener('message', (event) => {
				received.push(event.data);
				if (event.data === 'third') resolve();
			})
		);
		expect(received).toEqual(['first', 'second']);
		page.postMessage('third');
		await third;
		expect(received).toEqual(['first', 'second', 'third']);
	});

	it('lets a PDF asked for before the server loaded be rendered once it has', async () => {
		const { page, worker } = channel();
		const held = holdEarlyMessages(worker);
		const client = new PdfWorkerClient(page);
		const arrived = delivered(worker, 1);
		const pdf = client.renderFile(sampleInvoiceDocument());
		await arrived;
		const stop = servePdfRequests(held);
		const rendered = await pdf;
		stop();
		client.close();
		expect(rendered.pageCount).toBe(1);
		expect(new TextDecoder().decode(rendered.bytes.subarray(0, 5))).toBe('%PDF-');
	});
});

describe('refuseRequests', () => {
	it('answers every request, held or later, with why the worker could not load', async () => {
		const { page, worker } = channel();
		const held = holdEarlyMessages(worker);
		const client = new PdfWorkerClient(page);
		const arrived = delivered(worker, 1);
		const early = client.renderFile(sampleInvoiceDocument());
		await arrived;
		refuseRequests(held, new TypeError('Failed to fetch dynamically imported module'));
		const late = client.checkTerms(new Uint8Array([1, 2, 3]));
		for (const answer of [early, late]) {
			await expect(answer).rejects.toBeInstanceOf(PdfWorkerError);
			await expect(answer).rejects.toThrow(
				'the PDF worker could not load: Failed to fetch dynamically imported module'
			);
		}
		client.close();
	});

	it('tells the page’s client once, at the first refusal, so it can end the worker and start another', async () => {
		const { page, worker } = channel();
		const held = holdEarlyMessages(worker);
		let told = 0;
		const client = new PdfWorkerClient(page, () => (told += 1));
		refuseRequests(held, new TypeError('Failed to fetch dynamically imported module'));
		const preview = await client.render(sampleInvoiceDocument());
		expect(preview).toMatchObject({ status: 'failed', error: 'PdfWorkerUnavailable' });
		expect(told).toBe(1);
		await expect(client.checkTerms(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(
			PdfWorkerError
		);
		expect(told).toBe(1);
		client.close();
	});

	it('does not count a served request’s failure as a refusal', async () => {
		const { page, worker } = channel();
		let told = 0;
		const client = new PdfWorkerClient(page, () => (told += 1));
		const stop = servePdfRequests(worker);
		const check = await client.checkTerms(new Uint8Array([1, 2, 3]));
		const failure = client.renderFile(sampleInvoiceDocument(), { header: 'oops' });
		await expect(failure).rejects.toMatchObject({ name: 'RichTextError' });
		stop();
		client.close();
		expect(check).toMatchObject({ ok: false });
		expect(told).toBe(0);
	});
});

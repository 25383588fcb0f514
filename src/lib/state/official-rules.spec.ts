// The panel's checker on the real rules: a real client and the worker's side over a
// MessageChannel, the rules read from disk.
import { readFile } from 'node:fs/promises';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATA_DIR, nodeValidator } from '$lib/peppol-rules/node';
import { RulesClient, type RulesWorkerPort } from '$lib/rules-worker';
import { serveRules, type RulesServerPort } from '$lib/rules-worker/serve';
import { OfficialRulesCheck } from './official-rules.svelte.js';

const channels: MessageChannel[] = [];
afterEach(() => {
	vi.useRealTimers();
	for (const { port1, port2 } of channels.splice(0)) {
		port1.close();
		port2.close();
	}
});

function realClient(): RulesClient {
	const channel = new MessageChannel();
	channels.push(channel);
	serveRules(channel.port1 as unknown as RulesServerPort, nodeValidator);
	channel.port1.start();
	return new RulesClient(() => {
		queueMicrotask(() => channel.port2.start());
		return channel.port2 as unknown as RulesWorkerPort;
	});
}

let clean: string;
let broken: string;
beforeAll(async () => {
	clean = await readFile(`${DATA_DIR}examples/base-example.xml`, 'utf8');
	broken = clean.replace(
		/(<cac:AccountingCustomerParty>\s*<cac:Party>\s*<cbc:EndpointID schemeID=")\d{4}"/,
		'$19999"'
	);
	expect(broken).not.toBe(clean);
});

describe('OfficialRulesCheck', () => {
	it('lists the fatal finding of a broken buyer endpoint, and clears it once fixed', async () => {
		const check = new OfficialRulesCheck(realClient(), 0);
		const result = await check.check(broken);
		expect(result.fatal.map((finding) => finding.id)).toEqual(
			expect.arrayContaining(['BR-CL-25', 'PEPPOL-EN16931-CL008'])
		);
		expect(check.status).toBe('done');
		expect(check.fatal.map((finding) => finding.location)).toContain(
			'/Invoice[1]/cac:AccountingCustomerParty[1]/cac:Party[1]/cbc:EndpointID[1]'
		);

		await check.check(clean);
		expect(check.fatal).toEqual([]);
	});

	it('checks only the latest document once typing pauses', async () => {
		vi.useFakeTimers();
		const client = realClient();
		const validate = vi.spyOn(client, 'validate');
		const check = new OfficialRulesCheck(client, 300);
		check.schedule(clean);
		check.schedule(broken);
		expect(check.status).toBe('checking');
		vi.advanceTimersByTime(200);
		// The editor derives the same document again: the pending check is not pushed back.
		check.schedule(broken);
		vi.advanceTimersByTime(100);
		vi.useRealTimers();
		await vi.waitFor(() => expect(check.status).toBe('done'), { timeout: 30_000 });
		expect(validate).toHaveBeenCalledTimes(1);
		expect(validate).toHaveBeenCalledWith(broken);
		expect(check.fatal.length).toBeGreaterThan(0);

		check.schedule(undefined);
		expect(check.findings).toEqual([]);
		expect(check.status).toBe('idle');
	});

	it('says why when the rules cannot run', async () => {
		const channel = new MessageChannel();
		channels.push(channel);
		serveRules(channel.port1 as unknown as RulesServerPort, () =>
			Promise.reject(new Error('offline and not cached'))
		);
		channel.port1.start();
		const check = new OfficialRulesCheck(
			new RulesClient(() => {
				queueMicrotask(() => channel.port2.start());
				return channel.port2 as unknown as RulesWorkerPort;
			}),
			0
		);
		await expect(check.check(clean)).rejects.toThrow('offline and not cached');
		expect(check.status).toBe('failed');
		expect(check.error).toMatch(/official rules could not be loaded: offline and not cached/);
	});
});

// The client and the worker's side talk over a real MessageChannel, with the real rules loaded
// from disk, as the browser worker loads them from the app's assets.
import { readFile } from 'node:fs/promises';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PeppolValidator } from '$lib/peppol-rules';
import { DATA_DIR, nodeValidator } from '$lib/peppol-rules/node';
import { RulesClient, type RulesWorkerPort } from './client';
import { serveRules, type RulesServerPort } from './serve';

const open: MessagePort[] = [];
afterEach(() => {
	for (const port of open.splice(0)) port.close();
});

/** A client and a server joined by a MessageChannel; `load` is what the worker would load. */
function connect(load: () => Promise<PeppolValidator>): { client: RulesClient; raw: MessagePort } {
	const { port1, port2 } = new MessageChannel();
	open.push(port1, port2);
	serveRules(port1 as unknown as RulesServerPort, load);
	port1.start();
	let spawned = 0;
	const client = new RulesClient(() => {
		spawned++;
		if (spawned > 1) throw new Error('a second worker was started');
		const port = port2 as unknown as RulesWorkerPort;
		queueMicrotask(() => port2.start());
		return port;
	});
	return { client, raw: port2 };
}

let example: string;
let validator: PeppolValidator;
beforeAll(async () => {
	validator = await nodeValidator();
	example = await readFile(`${DATA_DIR}examples/base-example.xml`, 'utf8');
});

const broken = () =>
	example.replace(/<cbc:EndpointID schemeID="(\d{4})"/, '<cbc:EndpointID schemeID="9999"');

describe('RulesClient over serveRules', () => {
	it('returns the same findings as the validator itself, one worker for every request', async () => {
		const { client } = connect(nodeValidator);
		expect(await client.load()).toBeGreaterThan(0);
		const clean = await client.validate(example);
		expect(clean.result).toEqual(validator.validate(example));
		expect(clean.result.fatal).toEqual([]);

		const { result } = await client.validate(broken());
		expect(result).toEqual(validator.validate(broken()));
		expect(result.fatal.map((finding) => finding.id)).toContain('PEPPOL-EN16931-CL008');
	});

	it('answers a request the protocol does not know with the field and the rule', async () => {
		const { raw } = connect(nodeValidator);
		const answer = new Promise<unknown>((resolve) =>
			raw.once('message', (data: unknown) => resolve(data))
		);
		raw.postMessage({ type: 'validate', id: 7, xml: 42 });
		expect(await answer).toEqual({
			type: 'failed',
			id: 7,
			message: expect.stringMatching(/^official rules: bad request: xml: .*string/)
		});
	});

	it('names why the rules could not load, and loads again on the next request', async () => {
		let attempts = 0;
		const { client } = connect(async () => {
			attempts++;
			if (attempts === 1) throw new Error('rules/PEPPOL-EN16931-UBL.sch: HTTP 504');
			return validator;
		});
		await expect(client.validate(example)).rejects.toThrow(
			'official rules could not be loaded: rules/PEPPOL-EN16931-UBL.sch: HTTP 504'
		);
		expect((await client.validate(example)).result.fatal).toEqual([]);
		expect(attempts).toBe(2);
	});

	it('refuses an answer that is not the protocol instead of trusting it', async () => {
		const { port1, port2 } = new MessageChannel();
		open.push(port1, port2);
		port1.on('message', (request: { id: number }) =>
			port1.postMessage({ type: 'result', id: request.id, result: { fatal: 'none' } })
		);
		const client = new RulesClient(() => {
			queueMicrotask(() => port2.start());
			return port2 as unknown as RulesWorkerPort;
		});
		await expect(client.validate(example)).rejects.toThrow(
			/official rules: bad answer: result\.fatal: /
		);
	});
});

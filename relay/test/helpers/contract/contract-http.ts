import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What a contract server can be told to do instead of answering normally, once per request:
 * answer a status with the provider's own error body, answer an HTML page (a proxy's error page),
 * never answer (a timeout), or do the work and then drop the connection (a lost answer). 'answer'
 * answers normally, so a later request of the same route can be the one that fails.
 */
export type Fault =
	| { kind: 'status'; status: number; body?: unknown }
	| { kind: 'html'; status?: number }
	| { kind: 'hang' }
	| { kind: 'drop-after-work' }
	| { kind: 'answer' };

export interface ContractRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	authorization: string | undefined;
	text: string;
	json: unknown;
}

export interface ContractReply {
	status: number;
	json?: unknown;
	text?: string;
	contentType?: string;
}

export interface ContractServer {
	url: string;
	close(): Promise<void>;
}

/**
 * A loopback HTTP server on port 0 for a provider's contract. `route` names the operation a
 * request is (send, register, …) so faults can target it; `handle` does the work.
 */
export async function startContractHttp(o: {
	route(request: ContractRequest): string;
	handle(request: ContractRequest): ContractReply;
	nextFault(route: string): Fault | undefined;
}): Promise<ContractServer> {
	const hanging = new Set<http.ServerResponse>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://contract.test');
			const text = Buffer.concat(chunks).toString('utf8');
			let json: unknown = undefined;
			try {
				json = text === '' ? undefined : (JSON.parse(text) as unknown);
			} catch {
				json = undefined;
			}
			const request: ContractRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: url.searchParams,
				authorization: req.headers.authorization,
				text,
				json
			};
			const fault = o.nextFault(o.route(request));
			if (fault?.kind === 'hang') {
				hanging.add(res);
				return;
			}
			if (fault?.kind === 'html') {
				res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
				res.end('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>');
				return;
			}
			if (fault?.kind === 'status') {
				res.writeHead(fault.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(fault.body ?? {}));
				return;
			}
			const reply = o.handle(request);
			if (fault?.kind === 'drop-after-work') {
				res.socket?.destroy();
				return;
			}
			if (reply.json !== undefined) {
				res.writeHead(reply.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(reply.json));
			} else {
				res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain' });
				res.end(reply.text ?? '');
			}
		});
	});
	server.listen(0, '127.0.0.1');
	await new Promise((resolve) => server.once('listening', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				for (const res of hanging) res.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

/** Faults queued per route; each request of that route takes the next one. */
export function faultQueue() {
	const queues = new Map<string, Fault[]>();
	return {
		add(route: string, ...faults: Fault[]) {
			queues.set(route, [...(queues.get(route) ?? []), ...faults]);
		},
		next(route: string): Fault | undefined {
			return queues.get(route)?.shift();
		}
	};
}

export function basicCredentials(authorization: string | undefined): [string, string] | undefined {
	if (authorization === undefined || !authorization.startsWith('Basic ')) return undefined;
	const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** cbc:ID of a UBL document, the way a provider's parser reads the invoice number. */
export function ublNumber(xml: string): string | null {
	return /<cbc:ID>([^<]*)<\/cbc:ID>/.exec(xml)?.[1] ?? null;
}

/** Waits until `ready()` holds, re-checking whenever `changed` is signalled. */
export function signal() {
	const waiters = new Set<() => void>();
	return {
		notify() {
			const woken = [...waiters];
			waiters.clear();
			for (const wake of woken) wake();
		},
		async until(ready: () => boolean): Promise<void> {
			while (!ready()) await new Promise<void>((resolve) => waiters.add(resolve));
		}
	};
}

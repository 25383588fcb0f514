/** A request as the relay would have seen it. */
export interface RecordedRequest {
	url: string;
	method: string;
	body: unknown;
	auth: string | null;
}

/**
 * A fetch that records each request and answers with the next of `responses`; when none is left
 * it fails as an unreachable server does. For the relay clients' unit specs, which check what a
 * client sends and how it reads each kind of answer (the integration specs use a real relay).
 */
export function answeringFetch(responses: Response[]): {
	calls: RecordedRequest[];
	fetch: typeof fetch;
} {
	const calls: RecordedRequest[] = [];
	const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		calls.push({
			url: String(input),
			method: init?.method ?? 'GET',
			body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
			auth: new Headers(init?.headers).get('authorization')
		});
		const next = responses.shift();
		if (next === undefined) throw new TypeError('fetch failed');
		return next;
	};
	return { calls, fetch: fetchImpl as typeof fetch };
}

export const jsonResponse = (status: number, body: unknown): Response =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

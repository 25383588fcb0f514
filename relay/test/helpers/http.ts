export interface CallResult {
	status: number;
	body: unknown;
	text: string;
	headers: Headers;
}

export interface CallOptions {
	token?: string;
	json?: unknown;
	rawBody?: string | Buffer;
	headers?: Record<string, string>;
}

/** One HTTP request to the relay; the body is parsed as JSON when it is JSON. */
export async function call(
	baseUrl: string,
	method: string,
	path: string,
	options: CallOptions = {}
): Promise<CallResult> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
	let body: string | Buffer | undefined = options.rawBody;
	if (options.json !== undefined) {
		body = JSON.stringify(options.json);
		headers['content-type'] ??= 'application/json';
	}
	const response = await fetch(baseUrl + path, { method, headers, body });
	const text = await response.text();
	let parsed: unknown = undefined;
	if ((response.headers.get('content-type') ?? '').includes('application/json'))
		parsed = JSON.parse(text) as unknown;
	return { status: response.status, body: parsed, text, headers: response.headers };
}

/** Narrows an unknown JSON value to a record for assertions. */
export function obj(value: unknown): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error(`expected an object, got ${JSON.stringify(value)}`);
	return value as Record<string, unknown>;
}

export function field<T = unknown>(value: unknown, ...path: (string | number)[]): T {
	let current: unknown = value;
	for (const key of path) {
		if (typeof current !== 'object' || current === null)
			throw new Error(`no ${String(key)} in ${JSON.stringify(current)}`);
		current = (current as Record<string | number, unknown>)[key];
	}
	return current as T;
}

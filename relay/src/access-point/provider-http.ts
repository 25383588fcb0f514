import { AnswerTooLargeError, readCappedText } from '../peppol/fetch-text.js';
import { AccessPointError } from './access-point-error.js';

/** A received UBL embeds its PDF and attachments; larger answers are refused, not buffered. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** What the relay keeps of a provider's message: enough to explain, never a whole page. */
const MAX_PROVIDER_MESSAGE = 500;

export interface ProviderHttp {
	/** The provider's name, for messages ("Recommand did not answer in time."). */
	name: string;
	baseUrl: string;
	timeoutMs: number;
	fetch: typeof fetch;
}

export interface ProviderAnswer {
	status: number;
	/** The parsed JSON body, or undefined when the body is empty or not JSON. */
	json: unknown;
	text: string;
	contentType: string;
}

export interface ProviderRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	json?: unknown;
}

/**
 * One request to a provider's API, on the operator-configured base URL only (users choose a
 * provider, never a URL, so there is no SSRF surface here). Network faults and timeouts become
 * retryable AccessPointErrors; every HTTP answer is returned for the adapter to read the way the
 * provider means it.
 */
export async function providerRequest(
	http: ProviderHttp,
	request: ProviderRequest
): Promise<ProviderAnswer> {
	return readAnswer(http, await providerFetch(http, request));
}

/** The request alone: the answer's body is left unread, for an adapter that streams it. */
export async function providerFetch(
	http: ProviderHttp,
	request: ProviderRequest
): Promise<Response> {
	const url = new URL(http.baseUrl + request.path);
	for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
	const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
	if (request.json !== undefined) headers['content-type'] = 'application/json';
	try {
		return await http.fetch(url, {
			method: request.method,
			headers,
			body: request.json === undefined ? undefined : JSON.stringify(request.json),
			redirect: 'error',
			signal: AbortSignal.timeout(http.timeoutMs)
		});
	} catch (error) {
		throw transportError(http, error);
	}
}

/** Reads an answer's body, at most MAX_ANSWER_BYTES of it. */
export async function readAnswer(http: ProviderHttp, response: Response): Promise<ProviderAnswer> {
	let text: string;
	try {
		text = await readCappedText(response, MAX_ANSWER_BYTES);
	} catch (error) {
		if (error instanceof AnswerTooLargeError) throw new ProviderAnswerTooLarge(http.name);
		throw transportError(http, error);
	}
	const contentType = response.headers.get('content-type') ?? '';
	let json: unknown = undefined;
	if (text !== '' && /json/i.test(contentType)) {
		try {
			json = JSON.parse(text) as unknown;
		} catch {
			json = undefined;
		}
	}
	return { status: response.status, json, text, contentType };
}

/** The provider's answer passed MAX_ANSWER_BYTES: asking again returns the same (the inbox refuses it). */
export class ProviderAnswerTooLarge extends AccessPointError {
	constructor(provider: string) {
		super(
			'peppol-provider-bad-answer',
			`${provider} answered with more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB.`,
			false
		);
	}
}

export function transportError(http: ProviderHttp, error: unknown): AccessPointError {
	const name = (error as Error).name;
	if (name === 'TimeoutError' || name === 'AbortError')
		return new AccessPointError(
			'peppol-provider-timeout',
			`${http.name} did not answer in time.`,
			true
		);
	return new AccessPointError(
		'peppol-provider-unreachable',
		`${http.name} is unreachable; the relay will try again.`,
		true
	);
}

/** The answer as a JSON object, or a typed "bad answer" (an HTML error page, a proxy's login form). */
export function expectObject(http: ProviderHttp, answer: ProviderAnswer): Record<string, unknown> {
	if (typeof answer.json === 'object' && answer.json !== null && !Array.isArray(answer.json))
		return answer.json as Record<string, unknown>;
	throw badAnswer(http, answer);
}

export function badAnswer(http: ProviderHttp, answer: ProviderAnswer): AccessPointError {
	const kind = /html/i.test(answer.contentType) ? 'an HTML page' : 'something that is not JSON';
	return new AccessPointError(
		'peppol-provider-bad-answer',
		`${http.name} answered ${answer.status} with ${kind} instead of its API's JSON; the relay will try again.`,
		true,
		clip(
			answer.text
				.replace(/<[^>]*>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()
		) || null
	);
}

/** A JSON answer that lacks what the provider's API documents. */
export function missing(http: ProviderHttp, what: string): AccessPointError {
	return new AccessPointError(
		'peppol-provider-bad-answer',
		`${http.name} answered without ${what}; the relay will try again.`,
		true
	);
}

/** The provider's own words from an error body: `message`, `error`, `errorCode` or `errors`. */
export function providerMessage(answer: ProviderAnswer): string | null {
	const parts: string[] = [];
	const body = answer.json;
	if (typeof body === 'string') parts.push(body);
	else if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
		const record = body as Record<string, unknown>;
		for (const key of ['message', 'error', 'errorCode']) {
			if (typeof record[key] === 'string') parts.push(record[key]);
		}
		const errors = record['errors'];
		if (typeof errors === 'string') parts.push(errors);
		else if (typeof errors === 'object' && errors !== null) {
			for (const [field, value] of Object.entries(errors)) {
				const messages = Array.isArray(value)
					? value.filter((m): m is string => typeof m === 'string').join(', ')
					: String(value);
				parts.push(field === 'general' || field === 'root' ? messages : `${field}: ${messages}`);
			}
		}
	} else if (answer.text.trim() !== '' && !/html/i.test(answer.contentType)) {
		parts.push(answer.text.trim());
	}
	const summary = parts.join('; ');
	return summary === '' ? null : clip(summary);
}

function clip(text: string): string {
	return text.length > MAX_PROVIDER_MESSAGE ? text.slice(0, MAX_PROVIDER_MESSAGE - 1) + '…' : text;
}

export function basicAuth(user: string, password: string): string {
	return 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}

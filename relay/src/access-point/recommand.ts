import { DeliveryError } from '../outbox/delivery-error.js';
import { DOCUMENT_TYPE_IDS } from '../peppol/document-types.js';
import { readCappedText } from '../peppol/fetch-text.js';
import type { AccessPoint } from './access-point.js';

export interface RecommandOptions {
	baseUrl: string;
	apiKey: string;
	apiSecret: string;
	companyId: string;
	timeoutMs: number;
	fetch: typeof fetch;
}

/**
 * Recommand's published API: POST /api/v1/{companyId}/send with HTTP Basic auth (key:secret) and
 * documentType "xml", so the UBL we validated is what travels, unchanged. No e-mail fallback is
 * asked for: the relay decides the channel itself.
 */
export function createRecommandAccessPoint(options: RecommandOptions): AccessPoint {
	const authorization =
		'Basic ' + Buffer.from(`${options.apiKey}:${options.apiSecret}`, 'utf8').toString('base64');
	const url = `${options.baseUrl}/api/v1/${encodeURIComponent(options.companyId)}/send`;
	return {
		name: 'recommand',
		async send(document) {
			let response: Response;
			try {
				response = await options.fetch(url, {
					method: 'POST',
					headers: {
						authorization,
						'content-type': 'application/json',
						accept: 'application/json'
					},
					body: JSON.stringify({
						recipient: document.recipient,
						documentType: 'xml',
						document: document.ubl,
						doctypeId: DOCUMENT_TYPE_IDS[document.documentType]
					}),
					redirect: 'error',
					signal: AbortSignal.timeout(options.timeoutMs)
				});
			} catch (error) {
				const timedOut = (error as Error).name === 'TimeoutError';
				throw new DeliveryError(
					timedOut
						? 'The access point did not answer in time.'
						: 'The access point is unreachable.',
					true
				);
			}
			let body: unknown;
			let text = '';
			try {
				text = await readCappedText(response, 256 * 1024);
				body = text === '' ? undefined : (JSON.parse(text) as unknown);
			} catch {
				body = undefined;
			}
			if (!response.ok) {
				const retryable =
					response.status >= 500 || response.status === 408 || response.status === 429;
				throw new DeliveryError(
					`The access point answered ${response.status}: ${describeFailure(body, text)}`,
					retryable
				);
			}
			const result =
				typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
			if (result['success'] === false || result['sentOverPeppol'] === false) {
				throw new DeliveryError(
					`The access point did not send the document over Peppol: ${describeFailure(body, text)}`,
					false
				);
			}
			const messageId = [result['peppolMessageId'], result['id']].find(
				(v): v is string => typeof v === 'string' && v !== ''
			);
			if (messageId === undefined)
				throw new DeliveryError(
					'The access point accepted the document but returned no id.',
					false
				);
			return { messageId };
		}
	};
}

/** Recommand reports `{ success: false, errors: { field: [messages] } }`; keep it short and readable. */
function describeFailure(body: unknown, text: string): string {
	const parts: string[] = [];
	if (typeof body === 'object' && body !== null) {
		const record = body as Record<string, unknown>;
		for (const key of ['message', 'error']) {
			if (typeof record[key] === 'string') parts.push(record[key]);
		}
		const errors = record['errors'];
		if (typeof errors === 'object' && errors !== null) {
			for (const [field, value] of Object.entries(errors)) {
				const messages = Array.isArray(value)
					? value.filter((m) => typeof m === 'string').join(', ')
					: String(value);
				parts.push(`${field}: ${messages}`);
			}
		}
	}
	const summary = parts.length > 0 ? parts.join('; ') : text.trim() || 'no details';
	return summary.length > 500 ? summary.slice(0, 497) + '...' : summary;
}

import { z } from 'zod';
import type { GuardedGet } from '../peppol/guarded-get.js';
import type { CompanyLookupErrorCode, ViesCountryCode } from '../protocol/index.js';

/**
 * The VIES REST API of the European Commission (relay/README.md "Company lookup" cites it):
 * GET {base}/ms/{countryCode}/vat/{vatNumber} answers 200 with the check, where `userError` is
 * VALID or INVALID, or the code of a failure (VIES answers some failures this way, with isValid
 * false); other failures come as a CommonResponse {actionSucceed: false, errorWrappers: [{error,
 * message}]}. Unknown fields (requestIdentifier, viesApproximate, …) are ignored.
 */
const checkAnswerSchema = z.object({
	isValid: z.boolean(),
	requestDate: z.string().nullish(),
	userError: z.string().nullish(),
	name: z.string().nullish(),
	address: z.string().nullish()
});

const commonResponseSchema = z.object({
	actionSucceed: z.literal(false),
	errorWrappers: z.array(z.object({ error: z.string(), message: z.string().nullish() })).min(1)
});

/** VIES's own failure codes, by what the relay tells the app. */
const FAILURES: Readonly<Record<string, CompanyLookupErrorCode | 'invalid-input'>> = {
	INVALID_INPUT: 'invalid-input',
	SERVICE_UNAVAILABLE: 'vies-unavailable',
	MS_UNAVAILABLE: 'vies-unavailable',
	TIMEOUT: 'vies-unavailable',
	GLOBAL_MAX_CONCURRENT_REQ: 'vies-busy',
	GLOBAL_MAX_CONCURRENT_REQ_TIME: 'vies-busy',
	MS_MAX_CONCURRENT_REQ: 'vies-busy',
	MS_MAX_CONCURRENT_REQ_TIME: 'vies-busy',
	VAT_BLOCKED: 'vies-refused',
	IP_BLOCKED: 'vies-refused',
	INVALID_REQUESTER_INFO: 'vies-refused'
};

export type ViesOutcome =
	| { kind: 'checked'; valid: boolean; name: string | null; address: string | null }
	| {
			kind: 'failed';
			code: CompanyLookupErrorCode | 'invalid-input';
			/** VIES's own code (MS_UNAVAILABLE, …) when it gave one. */
			viesError: string | null;
			reason: string;
	  };

export interface ViesClient {
	check(countryCode: ViesCountryCode, nationalNumber: string): Promise<ViesOutcome>;
}

function failure(viesError: string, countryCode: string): ViesOutcome {
	const code = FAILURES[viesError] ?? 'vies-unavailable';
	return {
		kind: 'failed',
		code,
		viesError: viesError.slice(0, 64),
		reason: `VIES answered ${viesError.slice(0, 64)} for ${countryCode}`
	};
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export function createViesClient(options: { get: GuardedGet; baseUrl: string }): ViesClient {
	const base = options.baseUrl.replace(/\/+$/, '');
	return {
		async check(countryCode, nationalNumber) {
			const url = `${base}/ms/${countryCode}/vat/${encodeURIComponent(nationalNumber)}`;
			const answer = await options.get(url);
			if (answer.kind === 'refused')
				return { kind: 'failed', code: 'vies-refused', viesError: null, reason: answer.reason };
			if (answer.kind === 'failed')
				return {
					kind: 'failed',
					code: answer.tooLarge === true ? 'vies-bad-answer' : 'vies-unavailable',
					viesError: null,
					reason: answer.reason
				};
			const body = parseJson(answer.body);
			const error = commonResponseSchema.safeParse(body);
			if (error.success) return failure(error.data.errorWrappers[0]?.error ?? '', countryCode);
			if (answer.status < 200 || answer.status > 299)
				return {
					kind: 'failed',
					code: answer.status >= 500 ? 'vies-unavailable' : 'vies-bad-answer',
					viesError: null,
					reason: `VIES answered HTTP ${answer.status}`
				};
			const check = checkAnswerSchema.safeParse(body);
			if (!check.success)
				return {
					kind: 'failed',
					code: 'vies-bad-answer',
					viesError: null,
					reason: 'VIES answered something its API does not describe'
				};
			const { isValid, userError, name, address } = check.data;
			if (!isValid && userError != null && userError !== 'VALID' && userError !== 'INVALID')
				return failure(userError, countryCode);
			return { kind: 'checked', valid: isValid, name: name ?? null, address: address ?? null };
		}
	};
}

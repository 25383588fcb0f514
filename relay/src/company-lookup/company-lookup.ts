import type { Clock } from '../clock.js';
import { HttpError } from '../http/errors.js';
import type { Logger } from '../log.js';
import type {
	CompanyLookupErrorCode,
	CompanyLookupResult,
	ViesCountryCode
} from '../protocol/index.js';
import type { CompanyLookupCache, CompanyLookupRecord } from '../storage/storage.js';
import type { RateLimitStore } from '../storage/rate-limit-store.js';
import { published, splitAddress } from './split-address.js';
import type { ViesClient } from './vies-client.js';

export interface CompanyLookup {
	/**
	 * What VIES says about a VAT number (compact and format-checked by the protocol schema), from
	 * the cache when it was asked recently. Throws an HttpError: 429 past the workspace's rate,
	 * 400 when VIES refuses the number's format, 502/503 when VIES could not answer.
	 */
	lookup(workspaceId: string, vatNumber: string): Promise<CompanyLookupResult>;
}

const STATUS: Readonly<Record<CompanyLookupErrorCode, number>> = {
	'vies-unavailable': 503,
	'vies-busy': 503,
	'vies-refused': 502,
	'vies-bad-answer': 502
};

const MESSAGE: Readonly<Record<CompanyLookupErrorCode, (country: string) => string>> = {
	'vies-unavailable': (country) =>
		`VIES could not check ${country} numbers just now (the EU service or the member state's register is down); try again later.`,
	'vies-busy': (country) =>
		`VIES is handling too many requests for ${country} just now; try again in a minute.`,
	'vies-refused': () => 'VIES refused this relay’s request; the relay’s operator must look at it.',
	'vies-bad-answer': () => 'VIES answered something its API does not describe; try again later.'
};

function present(record: CompanyLookupRecord, cached: boolean): CompanyLookupResult {
	const countryCode = record.vatNumber.slice(0, 2) as ViesCountryCode;
	const rawAddress = published(record.rawAddress);
	return {
		vatNumber: record.vatNumber,
		countryCode,
		valid: record.valid,
		name: published(record.name)?.replace(/\s+/g, ' ') ?? null,
		address: rawAddress === null ? null : (splitAddress(rawAddress, countryCode) ?? null),
		rawAddress,
		checkedAt: new Date(record.checkedAt).toISOString(),
		cached
	};
}

export function createCompanyLookup(o: {
	vies: ViesClient;
	cache: CompanyLookupCache;
	rateLimits: RateLimitStore;
	clock: Clock;
	log: Logger;
	cacheTtlMs: number;
	lookupsPerMinute: number;
}): CompanyLookup {
	const rule = { perMinute: o.lookupsPerMinute, burst: o.lookupsPerMinute };
	return {
		async lookup(workspaceId, vatNumber) {
			const countryCode = vatNumber.slice(0, 2) as ViesCountryCode;
			const now = o.clock.now();
			const cached = await o.cache.get(vatNumber, now - o.cacheTtlMs);
			if (cached !== undefined) {
				o.log.info('company-lookup', { workspaceId, country: countryCode, cached: true });
				return present(cached, true);
			}
			// Only lookups that reach VIES count: the limit keeps a workspace from flooding it.
			const waitMs = await o.rateLimits.take('company-lookup', workspaceId, rule, now);
			if (waitMs > 0) {
				const seconds = Math.max(1, Math.ceil(waitMs / 1000));
				throw new HttpError(
					429,
					'rate-limited',
					`At most ${o.lookupsPerMinute} company lookups a minute per workspace; try again in ${seconds} s.`,
					undefined,
					{ 'retry-after': String(seconds) }
				);
			}
			const outcome = await o.vies.check(countryCode, vatNumber.slice(2));
			if (outcome.kind === 'failed') {
				o.log.warn('company-lookup-failed', {
					workspaceId,
					country: countryCode,
					code: outcome.code,
					viesError: outcome.viesError
				});
				if (outcome.code === 'invalid-input')
					throw new HttpError(400, 'invalid-request', 'VIES refused the VAT number’s format.', [
						{ path: 'vatNumber', message: 'VIES says this is not a well-formed VAT number' }
					]);
				throw new HttpError(
					STATUS[outcome.code],
					outcome.code,
					MESSAGE[outcome.code](countryCode),
					undefined,
					outcome.code === 'vies-busy' ? { 'retry-after': '60' } : undefined,
					outcome.viesError
				);
			}
			const record: CompanyLookupRecord = {
				vatNumber,
				valid: outcome.valid,
				name: outcome.name,
				rawAddress: outcome.address,
				checkedAt: now
			};
			await o.cache.put(record, now - o.cacheTtlMs);
			o.log.info('company-lookup', {
				workspaceId,
				country: countryCode,
				cached: false,
				valid: outcome.valid
			});
			return present(record, false);
		}
	};
}

import { isIP } from 'node:net';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createAddressPolicy } from '../peppol/address-policy.js';
import { createGuardedGet } from '../peppol/guarded-get.js';
import { createHostResolver } from '../peppol/host-resolver.js';
import type { Storage } from '../storage/storage.js';
import { createCompanyLookup, type CompanyLookup } from './company-lookup.js';
import { createViesClient } from './vies-client.js';

/** The real VIES answers in a few kilobytes; a megabyte is a broken or hostile server. */
const MAX_VIES_RESPONSE_BYTES = 256 * 1024;
const MAX_VIES_REDIRECTS = 2;

/**
 * VIES through the same guarded GET as the SMP lookups: a deadline for the whole exchange, a
 * size cap, every address checked before connecting. The operator's BILLFOLD_VIES_URL is trusted
 * as written: an IP address there (a contract server on loopback in tests) is allowed even when
 * private, but no DNS answer or redirect may lead to any other private address.
 */
export function createViesLookup(
	config: Config,
	storage: Storage,
	clock: Clock,
	log: Logger
): CompanyLookup {
	const base = new URL(config.vies.url);
	const host = base.hostname.startsWith('[') ? base.hostname.slice(1, -1) : base.hostname;
	const get = createGuardedGet({
		resolveHost: createHostResolver(undefined),
		allowHttp: base.protocol === 'http:',
		policy: createAddressPolicy(isIP(host) === 0 ? 'none' : [host]),
		timeoutMs: config.vies.timeoutMs,
		maxBytes: MAX_VIES_RESPONSE_BYTES,
		maxRedirects: MAX_VIES_REDIRECTS,
		accept: 'application/json',
		service: 'VIES'
	});
	return createCompanyLookup({
		vies: createViesClient({ get, baseUrl: config.vies.url }),
		cache: storage.companyLookups,
		rateLimits: storage.rateLimits,
		clock,
		log,
		cacheTtlMs: config.vies.cacheTtlMs,
		lookupsPerMinute: config.vies.lookupsPerMinute
	});
}

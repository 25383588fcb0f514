import { lookup, Resolver } from 'node:dns/promises';

export interface HostAddress {
	address: string;
	family: 4 | 6;
}

export type ResolvedHost =
	{ kind: 'found'; addresses: HostAddress[] } | { kind: 'failed'; reason: string };

/** Every address a host name has, resolved once so the caller can check and then pin them. */
export type HostResolver = (hostname: string) => Promise<ResolvedHost>;

const absentCodes = new Set(['ENOTFOUND', 'ENODATA']);

const codeOf = (error: unknown): string =>
	(error as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';

/**
 * With configured DNS servers (BILLFOLD_DNS_SERVERS) discovery resolves SMP host names there,
 * like the SML names; otherwise through the system (getaddrinfo, so /etc/hosts counts too).
 */
export function createHostResolver(resolver: Resolver | undefined): HostResolver {
	if (resolver === undefined) {
		return async (hostname) => {
			try {
				const found = await lookup(hostname, { all: true, verbatim: true });
				return {
					kind: 'found',
					addresses: found.map(({ address, family }) => ({
						address,
						family: family === 6 ? 6 : 4
					}))
				};
			} catch (error) {
				return failure(hostname, [codeOf(error)]);
			}
		};
	}
	return async (hostname) => {
		const [v4, v6] = await Promise.allSettled([
			resolver.resolve4(hostname),
			resolver.resolve6(hostname)
		]);
		const addresses: HostAddress[] = [
			...(v4.status === 'fulfilled'
				? v4.value.map((address) => ({ address, family: 4 as const }))
				: []),
			...(v6.status === 'fulfilled'
				? v6.value.map((address) => ({ address, family: 6 as const }))
				: [])
		];
		if (addresses.length > 0) return { kind: 'found', addresses };
		return failure(
			hostname,
			[v4, v6].map((answer) => (answer.status === 'rejected' ? codeOf(answer.reason) : 'ENODATA'))
		);
	};
}

function failure(hostname: string, codes: string[]): ResolvedHost {
	const unexpected = codes.find((code) => !absentCodes.has(code));
	return {
		kind: 'failed',
		reason:
			unexpected === undefined
				? `SMP host ${hostname} has no address`
				: `SMP host lookup failed (${unexpected})`
	};
}

import type { Resolver } from 'node:dns/promises';
import { smlDnsName } from './participant-id.js';

export type SmlAnswer =
	{ kind: 'found'; smpUrl: string } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

export interface Sml {
	locate(participantValue: string): Promise<SmlAnswer>;
}

/** NXDOMAIN or no NAPTR means "not registered"; a failing resolver means "unknown", never "no". */
const absentCodes = new Set(['ENOTFOUND', 'ENODATA']);

export function createSml(options: { zone: string; resolver: Resolver }): Sml {
	const { resolver } = options;
	return {
		async locate(participantValue) {
			const name = smlDnsName(participantValue, options.zone);
			let records: Awaited<ReturnType<Resolver['resolveNaptr']>>;
			try {
				records = await resolver.resolveNaptr(name);
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
				return absentCodes.has(code)
					? { kind: 'absent' }
					: { kind: 'unknown', reason: `SML lookup failed (${code})` };
			}
			// A Meta:SMP record means the participant is registered. Its address is not judged here:
			// one the SMP client refuses makes the lookup "unknown", never "not on Peppol".
			const smp = records
				.filter((r) => r.flags.toUpperCase() === 'U' && r.service.toLowerCase() === 'meta:smp')
				.sort((a, b) => a.order - b.order || a.preference - b.preference)
				.map((r) => naptrTarget(r.regexp))
				.find((url): url is string => url !== undefined);
			return smp === undefined
				? { kind: 'absent' }
				: { kind: 'found', smpUrl: smp.replace(/\/+$/, '') };
		}
	};
}

/** A U-NAPTR regexp is "!<pattern>!<replacement>!"; the replacement is the SMP's base URL. */
export function naptrTarget(regexp: string): string | undefined {
	const delimiter = regexp[0];
	if (delimiter === undefined) return undefined;
	const parts = regexp.split(delimiter);
	if (parts.length < 4) return undefined;
	const replacement = parts[2];
	return replacement === undefined || replacement === '' ? undefined : replacement;
}

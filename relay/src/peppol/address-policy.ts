import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where an address may lead. `public`: global unicast, always allowed. `private`: an address of
 * this host or its private network (loopback, RFC 1918, link-local, unique-local, CGNAT), which
 * a DNS answer must not be able to point the relay at; allowed only by an explicit opt-in for
 * tests and in-house SMPs. `forbidden`: never a server (unspecified, multicast, broadcast,
 * reserved and documentation ranges).
 */
export type AddressClass =
	| { kind: 'public' }
	| {
			kind: 'private' | 'forbidden';
			description: string;
			/** The address whose range decided: the embedded IPv4 one for IPv4-mapped and the like. */
			effective: ipaddr.IPv4 | ipaddr.IPv6;
	  };

const PRIVATE_RANGES: Readonly<Record<string, string>> = {
	loopback: 'a loopback address',
	private: 'a private address',
	linkLocal: 'a link-local address',
	uniqueLocal: 'a unique-local address',
	carrierGradeNat: 'a shared (carrier-grade NAT) address'
};

const FORBIDDEN_RANGES: Readonly<Record<string, string>> = {
	unspecified: 'an unspecified address',
	multicast: 'a multicast address',
	broadcast: 'a broadcast address'
};

/** IPv6 forms that carry an IPv4 address, which is what the packets end up reaching. */
function embeddedIPv4(
	ip: ipaddr.IPv6
): { form: string; address: ipaddr.IPv4; routable: boolean } | undefined {
	const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = ip.parts;
	const tail = () => new ipaddr.IPv4([g >> 8, g & 0xff, h >> 8, h & 0xff]);
	switch (ip.range()) {
		case 'ipv4Mapped':
			return { form: 'IPv4-mapped', address: tail(), routable: true };
		case 'rfc6145':
			return { form: 'IPv4-translated', address: tail(), routable: false };
		case 'rfc6052':
			// Only the well-known /96 NAT64 prefix (DNS64 answers on IPv6-only hosts) is routable here.
			return a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0
				? { form: 'NAT64', address: tail(), routable: true }
				: undefined;
		case '6to4':
			return {
				form: '6to4',
				address: new ipaddr.IPv4([b >> 8, b & 0xff, c >> 8, c & 0xff]),
				routable: true
			};
		default:
			// IPv4-compatible (::a.b.c.d, deprecated by RFC 4291); :: and ::1 have ranges of their own.
			if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0 && (g !== 0 || h > 1))
				return { form: 'IPv4-compatible', address: tail(), routable: false };
			return undefined;
	}
}

function describeRange(ip: ipaddr.IPv4 | ipaddr.IPv6): AddressClass {
	const range = ip.range();
	if (range === 'unicast') return { kind: 'public' };
	const privateDescription = PRIVATE_RANGES[range];
	if (privateDescription !== undefined)
		return { kind: 'private', description: privateDescription, effective: ip };
	return {
		kind: 'forbidden',
		description: FORBIDDEN_RANGES[range] ?? `a reserved address (${range})`,
		effective: ip
	};
}

/**
 * Classifies an IP address in its canonical text form (as the URL parser and the resolver give
 * it); undefined when the text is not an IP address.
 */
export function classifyAddress(address: string): AddressClass | undefined {
	if (isIP(address) === 0) return undefined;
	const ip = ipaddr.parse(address);
	if (ip.kind() === 'ipv4') return describeRange(ip);
	const embedded = embeddedIPv4(ip as ipaddr.IPv6);
	if (embedded === undefined) return describeRange(ip);
	const inner = describeRange(embedded.address);
	const via = `${embedded.form} ${embedded.address.toString()}`;
	if (inner.kind !== 'public') return { ...inner, description: `${inner.description} (${via})` };
	return embedded.routable
		? { kind: 'public' }
		: { kind: 'forbidden', description: `a reserved address (${via})`, effective: ip };
}

/**
 * Which private addresses an operator lets the SMP client reach: none (the default), all of
 * them (tests), or only the listed addresses and CIDR ranges (an in-house SMP). Forbidden
 * addresses stay refused whatever is listed.
 */
export type PrivateAddressAllowance = 'none' | 'all' | readonly string[];

/** An IPv4 or IPv6 address, or a range in CIDR notation. */
export function isAddressOrRange(value: string): boolean {
	return isIP(value) !== 0 || ipaddr.isValidCIDR(value);
}

function toRange(value: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
	if (ipaddr.isValidCIDR(value)) return ipaddr.parseCIDR(value);
	const ip = ipaddr.parse(value);
	return [ip, ip.kind() === 'ipv4' ? 32 : 128];
}

/** Says why the relay must not connect to an IP address, or undefined when it may. */
export type AddressPolicy = (address: string) => string | undefined;

export function createAddressPolicy(allowance: PrivateAddressAllowance): AddressPolicy {
	const ranges = typeof allowance === 'string' ? [] : allowance.map(toRange);
	const allowed = (ip: ipaddr.IPv4 | ipaddr.IPv6): boolean =>
		allowance === 'all' ||
		ranges.some(([network, bits]) => network.kind() === ip.kind() && ip.match(network, bits));
	return (address) => {
		const found = classifyAddress(address);
		if (found === undefined) return 'not an IP address';
		if (found.kind === 'public') return undefined;
		if (found.kind === 'private' && allowed(found.effective)) return undefined;
		return found.description;
	};
}

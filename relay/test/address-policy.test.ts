import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
	classifyAddress,
	createAddressPolicy,
	isAddressOrRange
} from '../src/peppol/address-policy.js';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = (a: number, b: number, c: number, d: number): string => `${a}.${b}.${c}.${d}`;
/** Every address of an IPv4 prefix, e.g. inPrefix([172, 16], 12). */
const inPrefix = (start: number[], bits: number): fc.Arbitrary<string> =>
	fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((offset) => {
		const base = [...start, 0, 0, 0, 0].slice(0, 4).reduce((n, o) => n * 256 + o, 0);
		const n = base + offset;
		return ipv4(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
	});
const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const kindOf = (address: string): string | undefined => classifyAddress(address)?.kind;
/** What the URL parser makes of a host, brackets removed, as the SMP client sees it. */
const urlHost = (host: string): string => {
	const hostname = new URL(`http://${host}/`).hostname;
	return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
};

describe('address classifier', () => {
	it('calls every address of the private IPv4 prefixes private', () => {
		const prefixes: [number[], number, string][] = [
			[[127], 8, 'a loopback address'],
			[[10], 8, 'a private address'],
			[[172, 16], 12, 'a private address'],
			[[192, 168], 16, 'a private address'],
			[[169, 254], 16, 'a link-local address'],
			[[100, 64], 10, 'a shared (carrier-grade NAT) address']
		];
		for (const [start, bits, description] of prefixes) {
			fc.assert(
				fc.property(inPrefix(start, bits), (address) => {
					assert.deepEqual(
						{ ...classifyAddress(address), effective: undefined },
						{ kind: 'private', description, effective: undefined }
					);
				})
			);
		}
	});

	it('never lets an unspecified, multicast or reserved IPv4 address through, even when listed', () => {
		const policy = createAddressPolicy(['0.0.0.0/0']);
		fc.assert(
			fc.property(
				fc.oneof(
					inPrefix([0], 8),
					inPrefix([224], 4),
					inPrefix([240], 4),
					inPrefix([192, 0, 2], 24)
				),
				(address) => {
					assert.equal(kindOf(address), 'forbidden');
					assert.notEqual(policy(address), undefined);
				}
			)
		);
		assert.equal(classifyAddress('255.255.255.255')?.kind, 'forbidden');
	});

	it('keeps the public neighbours of each private prefix public', () => {
		for (const address of [
			'8.8.8.8',
			'1.1.1.1',
			'9.255.255.255',
			'11.0.0.0',
			'126.255.255.255',
			'128.0.0.0',
			'172.15.255.255',
			'172.32.0.0',
			'192.167.255.255',
			'192.169.0.0',
			'169.253.255.255',
			'169.255.0.0',
			'100.63.255.255',
			'100.128.0.0',
			'2a00:1450:4001::1',
			'2001:4860:4860::8888'
		]) {
			assert.equal(kindOf(address), 'public', address);
			assert.equal(createAddressPolicy('none')(address), undefined, address);
		}
	});

	it('judges IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 by the IPv4 address inside', () => {
		fc.assert(
			fc.property(octet, octet, octet, octet, (a, b, c, d) => {
				const inner = ipv4(a, b, c, d);
				const plain = kindOf(inner);
				assert.equal(kindOf(urlHost(`[::ffff:${inner}]`)), plain);
				assert.equal(kindOf(urlHost(`[64:ff9b::${inner}]`)), plain);
				const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
				assert.equal(kindOf(`2002:${hex(a, b)}:${hex(c, d)}::1`), plain);
				// IPv4-compatible addresses are deprecated: refused even around a public address.
				if (inner !== '0.0.0.0' && inner !== '0.0.0.1')
					assert.equal(kindOf(urlHost(`[::${inner}]`)), plain === 'public' ? 'forbidden' : plain);
			})
		);
	});

	it('calls unique-local and link-local IPv6 private, and multicast and :: forbidden', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0xfc00, max: 0xfdff }),
				fc.integer({ min: 0xfe80, max: 0xfebf }),
				fc.integer({ min: 0xff00, max: 0xffff }),
				hextet,
				hextet,
				(uniqueLocal, linkLocal, multicast, x, y) => {
					assert.equal(kindOf(`${uniqueLocal.toString(16)}::${x}:${y}`), 'private');
					assert.equal(kindOf(`${linkLocal.toString(16)}::${x}:${y}`), 'private');
					assert.equal(kindOf(`${multicast.toString(16)}::${x}:${y}`), 'forbidden');
				}
			)
		);
		assert.equal(kindOf('::1'), 'private');
		assert.equal(kindOf('::'), 'forbidden');
	});

	it('sees the numeric spellings of an IPv4 address as that address (WHATWG URL parsing)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => {
				const dotted = ipv4(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
				const octal = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
					.map((o) => `0${o.toString(8)}`)
					.join('.');
				for (const spelling of [String(n), `0x${n.toString(16)}`, octal]) {
					assert.equal(urlHost(spelling), dotted, spelling);
				}
				assert.equal(kindOf(urlHost(String(n))), kindOf(dotted));
			})
		);
		assert.equal(urlHost('127.1'), '127.0.0.1');
		assert.equal(urlHost('[::ffff:127.0.0.1]'), '::ffff:7f00:1');
	});

	it('is undefined for anything that is not an IP address', () => {
		for (const value of ['localhost', 'smp.example', '', '127.1', '0x7f000001', '[::1]'])
			assert.equal(classifyAddress(value), undefined, value);
	});
});

describe('address policy', () => {
	it('refuses every private address by default and allows them all with "all"', () => {
		const none = createAddressPolicy('none');
		const all = createAddressPolicy('all');
		assert.equal(none('127.0.0.1'), 'a loopback address');
		assert.equal(none('::ffff:7f00:1'), 'a loopback address (IPv4-mapped 127.0.0.1)');
		assert.equal(all('127.0.0.1'), undefined);
		assert.equal(all('fd12::1'), undefined);
		assert.equal(all('224.0.0.1'), 'a multicast address');
	});

	it('allows only the listed private addresses and ranges, IPv4-mapped forms included', () => {
		const policy = createAddressPolicy(['127.0.0.2', '10.20.0.0/16', 'fd00:1::/32']);
		assert.equal(policy('127.0.0.2'), undefined);
		assert.equal(policy('::ffff:7f00:2'), undefined);
		assert.equal(policy('127.0.0.1'), 'a loopback address');
		assert.equal(policy('10.20.255.1'), undefined);
		assert.equal(policy('10.21.0.1'), 'a private address');
		assert.equal(policy('fd00:1:2::3'), undefined);
		assert.equal(policy('fd00:2::3'), 'a unique-local address');
	});

	it('accepts addresses and CIDR ranges as allowance entries, nothing else', () => {
		for (const value of ['127.0.0.2', '10.0.0.0/8', '::1', 'fd00::/8'])
			assert.ok(isAddressOrRange(value), value);
		for (const value of ['localhost', '10.0.0.0/33', '127.1', '', 'fd00::/129'])
			assert.ok(!isAddressOrRange(value), value);
	});
});

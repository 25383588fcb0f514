import { zlibSync } from 'fflate';
import { jsPDF } from 'jspdf';

/** jsPDF's stream filter hook (jsPDF.API.processDataByFilters, untyped): binary strings in and out. */
type ProcessDataByFilters = (
	data: string,
	filterChain?: string | string[]
) => { data: string; reverseChain: string };

/**
 * Deflated streams by their content. A render writes the same font programs and ToUnicode maps
 * as the render before (the subset of the same glyphs, see fonts.ts): deflating them again was
 * most of a warm render's time. Only streams this large are kept: a page's content changes.
 */
const deflated = new Map<string, string>();
const KEPT = 16;
const WORTH_KEEPING = 512;

function bytesOf(binary: string): Uint8Array {
	const bytes = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
	return bytes;
}

function binaryOf(bytes: Uint8Array): string {
	// In slices: one fromCharCode call per byte (jsPDF's way) is slow, one call for all overflows.
	let binary = '';
	for (let start = 0; start < bytes.length; start += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
	return binary;
}

/**
 * Streams whose deflated form was made at build time (the core font programs, which every PDF
 * embeds whole): never evicted, and never deflated in the page or worker.
 */
const prepared = new Map<string, string>();

/** `deflatedBytes` must be exactly `zlibSync(bytes)`: it is written in its place. */
export function rememberDeflated(bytes: Uint8Array, deflatedBytes: Uint8Array): void {
	prepared.set(binaryOf(bytes), binaryOf(deflatedBytes));
}

/** The same bytes as jsPDF's FlateEncode (fflate's zlibSync, default level), made faster. */
export function flateEncode(data: string): string {
	const ready = prepared.get(data);
	if (ready !== undefined) return ready;
	const known = deflated.get(data);
	if (known !== undefined) {
		// Most recently used last, so the oldest is dropped first.
		deflated.delete(data);
		deflated.set(data, known);
		return known;
	}
	const encoded = binaryOf(zlibSync(bytesOf(data)));
	if (data.length >= WORTH_KEEPING) {
		if (deflated.size >= KEPT) deflated.delete(deflated.keys().next().value ?? '');
		deflated.set(data, encoded);
	}
	return encoded;
}

let installed = false;

/**
 * Routes jsPDF's plain FlateEncode (what `compress: true` asks for) through `flateEncode`; any
 * other filter chain goes to jsPDF's own code. Once per realm; the output bytes do not change.
 */
export function installStreamFilters(): void {
	if (installed) return;
	const api = jsPDF.API as unknown as { processDataByFilters?: ProcessDataByFilters };
	const original = api.processDataByFilters;
	if (typeof original !== 'function') return;
	api.processDataByFilters = function (data, filterChain) {
		const chain = typeof filterChain === 'string' ? [filterChain] : filterChain;
		if (chain?.length === 1 && (chain[0] === 'FlateEncode' || chain[0] === '/FlateEncode'))
			return { data: flateEncode(data || ''), reverseChain: '/FlateDecode' };
		return original.call(this, data, filterChain);
	};
	installed = true;
}

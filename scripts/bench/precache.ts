// What the service worker stores at install, summed and split by concern for the bench's app
// section. The list of files comes from the installed worker's caches, never from a list kept
// here: a file the worker stops caching drops out of the figures by itself.
import type { FileConcerns } from '../chunk-concerns';

/** One file the service worker stored, with the bytes of the concerns it is built from. */
export interface PrecachedFile {
	/** the path it is served at, without Workbox's revision parameter */
	path: string;
	/** bytes as stored and, unless the server compresses, as downloaded */
	bytes: number;
	gzip: number;
	/** rendered bytes by concern (scripts/chunk-concerns.ts); empty when the build did not say */
	concerns: Record<string, number>;
}

export interface ConcernShare {
	concern: string;
	bytes: number;
	gzip: number;
	/** how many files hold some of it */
	files: number;
}

export interface PrecacheSummary {
	files: number;
	bytes: number;
	gzip: number;
	/** largest first, by raw bytes */
	byConcern: ConcernShare[];
}

/** The served path of a cached request's URL: Workbox adds `__WB_REVISION__` to revisioned ones. */
export function servedPath(url: string): string {
	return new URL(url, 'http://localhost').pathname;
}

/** The file in the static build that a served path answers with (`/` is the shell). */
export function buildFile(path: string): string {
	return path === '/' ? 'index.html' : decodeURIComponent(path.replace(/^\//, ''));
}

/**
 * Totals, and each concern's bytes: a file's bytes are split by the share of its rendered module
 * bytes each concern has (minification shrinks them unevenly, so a share is an estimate; a file
 * made of one concern is exact). A file with no known concerns counts as `unlabelled`.
 */
export function summarisePrecache(files: readonly PrecachedFile[]): PrecacheSummary {
	const shares = new Map<string, ConcernShare>();
	let bytes = 0;
	let gzip = 0;
	for (const file of files) {
		bytes += file.bytes;
		gzip += file.gzip;
		const parts = Object.entries(file.concerns).filter(([, size]) => size > 0);
		const total = parts.reduce((sum, [, size]) => sum + size, 0);
		for (const [concern, size] of total > 0 ? parts : [['unlabelled', 1] as const]) {
			const share = size / (total > 0 ? total : 1);
			const entry = shares.get(concern) ?? { concern, bytes: 0, gzip: 0, files: 0 };
			entry.bytes += file.bytes * share;
			entry.gzip += file.gzip * share;
			entry.files += 1;
			shares.set(concern, entry);
		}
	}
	const byConcern = [...shares.values()]
		.map((entry) => ({ ...entry, bytes: Math.round(entry.bytes), gzip: Math.round(entry.gzip) }))
		.sort((a, b) => b.bytes - a.bytes || a.concern.localeCompare(b.concern));
	return { files: files.length, bytes, gzip, byConcern };
}

/** The paths of the files that hold some of a concern: one for a library that ships once. */
export function filesHolding(files: readonly PrecachedFile[], concern: string): string[] {
	return files.filter((file) => (file.concerns[concern] ?? 0) > 0).map((file) => file.path);
}

/** The concerns of every built file, merged from the builds' records (page and each worker). */
export function mergeConcerns(
	records: readonly FileConcerns[]
): Map<string, Record<string, number>> {
	const merged = new Map<string, Record<string, number>>();
	for (const record of records) {
		for (const [file, concerns] of Object.entries(record)) merged.set(`/${file}`, concerns);
	}
	return merged;
}

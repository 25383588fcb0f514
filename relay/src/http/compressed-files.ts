import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Encoding } from './accept-encoding.js';

/** Types worth compressing; images, fonts in woff2 and PDFs are compressed already. */
const compressible = new Set([
	'.html',
	'.js',
	'.mjs',
	'.css',
	'.json',
	'.webmanifest',
	'.map',
	'.txt',
	'.xml',
	// The UBL schemas the Peppol rules validate against: 600 KB of text, a fifth of an install.
	'.xsd',
	'.svg',
	'.wasm',
	'.ttf'
]);

/** Below this, the coding's framing eats most of the gain. */
const minimumBytes = 1024;
/** Bigger files are served as they are rather than held in memory. */
const maximumBytes = 16 * 1024 * 1024;
/** Memory held by compressed copies; the oldest are dropped past it. */
const cacheBytes = 64 * 1024 * 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export function isCompressible(file: string, size: number): boolean {
	return (
		compressible.has(path.extname(file).toLowerCase()) &&
		size >= minimumBytes &&
		size <= maximumBytes
	);
}

export interface CompressedFiles {
	/**
	 * The file's bytes in `encoding`, compressed once per file version (size + mtime) on zlib's
	 * thread pool, or undefined when that cannot be done (the file changed or vanished, zlib
	 * failed): the caller then serves the file as it is.
	 */
	get(
		file: string,
		stat: fs.Stats,
		encoding: Exclude<Encoding, 'identity'>
	): Promise<Buffer | undefined>;
}

interface Entry {
	version: string;
	bytes: Promise<Buffer | undefined>;
	size: number;
}

export function createCompressedFiles(onFailure: (file: string) => void): CompressedFiles {
	const entries = new Map<string, Entry>();
	let held = 0;

	const compress = async (
		file: string,
		stat: fs.Stats,
		encoding: 'br' | 'gzip'
	): Promise<Buffer | undefined> => {
		try {
			const original = await fs.promises.readFile(file);
			const after = await fs.promises.stat(file);
			// Replaced while read: compressing these bytes under the old version would serve a stale
			// or torn file; the next request compresses the new one.
			if (
				original.length !== stat.size ||
				after.size !== stat.size ||
				after.mtimeMs !== stat.mtimeMs
			)
				return undefined;
			if (encoding === 'gzip') return await gzip(original, { level: 9 });
			return await brotli(original, {
				params: {
					// A fresh relay compresses a whole install on its first visit. On the built app (7.3 MB)
					// quality 6 takes ~0.26 s of CPU for 2,941 KB; 9 takes ~8 s for 2,916 KB and 11 ~11 s
					// for 2,769 KB, too much CPU for a small relay on every deploy.
					[zlib.constants.BROTLI_PARAM_QUALITY]: 6,
					[zlib.constants.BROTLI_PARAM_SIZE_HINT]: original.length,
					[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT
				}
			});
		} catch {
			onFailure(file);
			return undefined;
		}
	};

	const forget = (key: string): void => {
		const entry = entries.get(key);
		if (!entry) return;
		entries.delete(key);
		held -= entry.size;
	};

	return {
		get(file, stat, encoding) {
			const key = `${encoding}:${file}`;
			const version = `${stat.size}-${stat.mtimeMs}`;
			const cached = entries.get(key);
			if (cached?.version === version) {
				// Most recently used last, so eviction drops the least recently used.
				entries.delete(key);
				entries.set(key, cached);
				return cached.bytes;
			}
			forget(key);
			const entry: Entry = { version, bytes: compress(file, stat, encoding), size: 0 };
			entries.set(key, entry);
			void entry.bytes.then((bytes) => {
				if (entries.get(key) !== entry) return;
				// A failure is not remembered: the file may be back, complete, on the next request.
				if (!bytes) return forget(key);
				entry.size = bytes.length;
				held += bytes.length;
				for (const [oldest] of entries) {
					if (held <= cacheBytes) break;
					forget(oldest);
				}
			});
			return entry.bytes;
		}
	};
}

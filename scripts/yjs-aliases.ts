// How Yjs's decoding resolves, for the app's build and tests (vite.config.ts) and the bench's
// (scripts/bench/vite.bench.config.ts), so the bench measures the decoding the app ships.
import { fileURLToPath } from 'node:url';

export const yjsAliases: Record<string, string> = {
	// lib0's decoding with a fast read of short ASCII strings (src/lib/sync/lib0-decoding.ts).
	// The key matches `lib0/decoding` only: the module itself imports lib0's as `lib0/decoding.js`.
	'lib0/decoding': fileURLToPath(new URL('../src/lib/sync/lib0-decoding.ts', import.meta.url))
};

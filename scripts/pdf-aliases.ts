// How the PDF worker's libraries resolve, for the app's build (vite.config.ts) and the bench's
// (scripts/bench/vite.bench.config.ts), so the bench measures the PDF code the app ships.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const leftOut = fileURLToPath(new URL('../src/lib/pdf/left-out.ts', import.meta.url));

// pako 2, the one fast-png (jsPDF's PNG reader) imports: pdf-lib and its PNG reader ask for
// pako 1, which put a second zlib (45 KB, 14 KB gzip) into the PDF worker. They only call
// deflate() and inflate() on a Uint8Array, which pako 2 kept as it was.
const fastPng = createRequire(import.meta.url).resolve('fast-png');
const pako2 = join(
	dirname(createRequire(fastPng).resolve('pako/package.json')),
	'dist/pako.esm.mjs'
);

export const pdfAliases: Record<string, string> = {
	// jsPDF's optional HTML and SVG import, which our PDFs never use: not built, not precached.
	...Object.fromEntries(['html2canvas', 'canvg', 'dompurify'].map((name) => [name, leftOut])),
	pako: pako2
};

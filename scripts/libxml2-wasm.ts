// libxml2-wasm publishes its WebAssembly inlined in lib/libxml2raw.mjs, as one 950 kB string
// literal (Emscripten's SINGLE_FILE build; no .wasm file ships). In the rules worker that string
// was a third of the code to parse, then decoded and compiled from a buffer on every load, and
// never cached as compiled code. So the build takes it out (see src/lib/peppol-rules/
// libxml2-module.ts for the runtime side):
//   * `writeLibxml2Wasm` (run by scripts/compile-rules.ts) decodes the string into
//     src/lib/peppol-rules/compiled/libxml2.wasm, which the worker imports with `?url` like the
//     UBL schemas: an asset with a hash in its name, found and cached by the service worker;
//   * the Vite plugin `libxml2WasmAsset` replaces the string in the bundled package with a throw
//     and hands the package's module factory our `instantiateWasm` hook.
// Node (vitest, the render CLI) runs the package untouched, with its inlined binary.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_FILE = 'libxml2-wasm/lib/libxml2raw.mjs';
const HOOK_MODULE = resolve(ROOT, 'src/lib/peppol-rules/libxml2-module.ts');
export const LIBXML2_WASM = resolve(ROOT, 'src/lib/peppol-rules/compiled/libxml2.wasm');
/** The factory's opening, where the hook goes in; a new package version that changes it fails the build. */
const FACTORY = 'async function Module(moduleArg={}){';

/** Where the inlined binary's string literal starts and ends in the package's code, and its bytes. */
export function findInlinedWasm(code: string): { start: number; end: number; bytes: Uint8Array } {
	const open = /(['"])(?:\0|\\0|\\x00)asm/.exec(code);
	if (!open) throw new Error(`libxml2-wasm: no inlined WebAssembly found in ${PACKAGE_FILE}`);
	const quote = open[1];
	let end = open.index + 1;
	while (end < code.length && code[end] !== quote) end += code[end] === '\\' ? 2 : 1;
	if (end >= code.length) throw new Error(`libxml2-wasm: the inlined WebAssembly never ends`);
	// a single string literal by construction (no unescaped quote inside): evaluating it runs no code
	const text = runInNewContext(code.slice(open.index, end + 1)) as string;
	// Emscripten's binaryDecode: a char above 0xff stands for the byte in its low 8 bits
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		bytes[i] = (~c >> 8) & c;
	}
	if (!WebAssembly.validate(bytes))
		throw new Error('libxml2-wasm: the inlined binary is not valid');
	return { start: open.index, end: end + 1, bytes };
}

function packageCode(): string {
	return readFileSync(resolve(ROOT, 'node_modules', PACKAGE_FILE), 'utf8');
}

/** Writes compiled/libxml2.wasm unless it already holds the package's binary. */
export function writeLibxml2Wasm(): string {
	const { bytes } = findInlinedWasm(packageCode());
	if (existsSync(LIBXML2_WASM) && Buffer.from(bytes).equals(readFileSync(LIBXML2_WASM)))
		return 'libxml2.wasm: fresh';
	mkdirSync(dirname(LIBXML2_WASM), { recursive: true });
	writeFileSync(LIBXML2_WASM, bytes);
	return `libxml2.wasm: ${Math.round(bytes.length / 1024)} KiB written`;
}

/** The build's side: the package without its inlined binary, instantiating the one provided. */
export function libxml2WasmAsset(): Plugin {
	return {
		name: 'billfold:libxml2-wasm-asset',
		apply: 'build',
		transform(code, id) {
			if (!id.split('?')[0]?.endsWith(PACKAGE_FILE)) return null;
			if (!code.startsWith(FACTORY))
				throw new Error(`libxml2-wasm: ${PACKAGE_FILE} no longer starts with ${FACTORY}`);
			const { start, end } = findInlinedWasm(code);
			return {
				code:
					`import { instantiateLibxml2 } from ${JSON.stringify(HOOK_MODULE)};\n` +
					FACTORY +
					'moduleArg.instantiateWasm??=instantiateLibxml2;' +
					code.slice(FACTORY.length, start) +
					'(()=>{throw new Error("libxml2-wasm: the binary is a separate asset")})()' +
					code.slice(end),
				map: null
			};
		}
	};
}

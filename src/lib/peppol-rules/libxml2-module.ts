// libxml2-wasm inlines its WebAssembly in its JavaScript, as a 950 kB string that is parsed,
// decoded and compiled from a buffer on every load, never cached as compiled code. The app's
// build cuts that string out (scripts/vite-libxml2-wasm.ts): the browser streams the binary as an
// asset of its own with WebAssembly.compileStreaming, off the worker's thread and cacheable as
// compiled code, and libxml2-wasm instantiates the module handed over here. Node keeps the
// package as published (its inlined binary), so there nothing is provided and nothing is called.

let provided: WebAssembly.Module | undefined;

/** The compiled libxml2 for libxml2-wasm to instantiate; call before importing libxml2-wasm. */
export function provideLibxml2(module: WebAssembly.Module): void {
	provided = module;
}

/**
 * Emscripten's `instantiateWasm` hook, which the build passes to libxml2-wasm's module factory.
 * Synchronous (a worker may instantiate synchronously): a throw rejects the import of
 * libxml2-wasm, where a callback that never came would leave it waiting forever.
 */
export function instantiateLibxml2(
	imports: WebAssembly.Imports,
	done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void
): Record<string, never> {
	if (!provided) {
		throw new Error(
			"peppol-rules: libxml2's WebAssembly was not provided (createValidator's libxml2 option)"
		);
	}
	done(new WebAssembly.Instance(provided, imports), provided);
	return {};
}

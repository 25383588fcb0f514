// fontoxpath (a third of the worker's code) is needed only when the compiled rules defer to it:
// a dynamic error in compiled code, a `<value-of>` in a message, and the plain reference engine.
// On the invoices the app writes that never happens, so it is imported on first need, not with
// the rules. Node's validator (tests, the render CLI) imports it when it loads, so its `validate`
// stays synchronous; the browser's imports it when a check first needs it, then checks again.
import type FontoxpathApi from 'fontoxpath';

export type Fontoxpath = typeof FontoxpathApi;

/** Thrown by `fontoxpath()` before `loadFontoxpath()` has finished. */
export class FontoxpathNotLoaded extends Error {
	constructor() {
		super('peppol-rules: fontoxpath is needed but not loaded yet (await loadFontoxpath())');
	}
}

let loaded: Fontoxpath | undefined;
let loading: Promise<Fontoxpath> | undefined;

/** Imports fontoxpath once per process (or worker). */
export function loadFontoxpath(): Promise<Fontoxpath> {
	loading ??= import('fontoxpath').then(
		(module) => (loaded = module.default),
		(error: unknown) => {
			loading = undefined; // offline at the time: the next need tries again
			throw error;
		}
	);
	return loading;
}

/** fontoxpath, loaded; throws FontoxpathNotLoaded otherwise (the caller loads it and retries). */
export function fontoxpath(): Fontoxpath {
	if (!loaded) throw new FontoxpathNotLoaded();
	return loaded;
}

/** Whether fontoxpath has been imported (the specs check that a valid invoice never needs it). */
export function fontoxpathLoaded(): boolean {
	return loaded !== undefined;
}

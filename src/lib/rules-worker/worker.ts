/// <reference lib="webworker" />
// The official-rules worker: one per tab, started by the client the first time an invoice is
// checked. The UBL schemas come from the app's own assets (precached by the service worker).
import { serveRules } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// The listener goes in before the rules are imported: libxml2-wasm instantiates its WebAssembly
// with a top-level await, and a message that arrives while a module worker is still evaluating
// finds no listener and is lost (the tab then waits for an answer that never comes).
serveRules(scope, async () => {
	const { browserValidator } = await import('$lib/peppol-rules/browser');
	return browserValidator((url) => fetch(url));
});

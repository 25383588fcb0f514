/// <reference lib="webworker" />
// The official-rules worker: one per tab, started by the client the first time an invoice is
// checked. The rule data comes from the app's own assets (precached by the service worker).
import { browserValidator } from '$lib/peppol-rules/browser';
import { serveRules } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
serveRules(scope, () => browserValidator((url) => fetch(url)));

// The official Peppol rules in a Web Worker: the tab's client and the typed protocol.
export { RulesClient, spawnRulesWorker, type RulesCheck, type RulesWorkerPort } from './client';
export type { RulesRequest, RulesResponse } from './protocol';

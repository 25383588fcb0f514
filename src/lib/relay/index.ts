/**
 * The one way the app talks to its relay: a typed client for every route ($protocol's schemas),
 * one credentials type, and one events socket. Sync, sending and Peppol lookups are its consumers.
 */
export {
	createRelayClient,
	type EventHandlers,
	type EventSubscription,
	type RelayClient,
	type RelayClientOptions,
	type RelayError,
	type RelayResult,
	type RelaySocket,
	type RelaySocketConstructor
} from './client';
export { type PushAnswer } from '$protocol';
export { relayCredentialsSchema, type RelayCredentials } from './credentials';
export {
	RelayEvents,
	type RelayEventListeners,
	type RelayEventsOptions,
	type RelayLinkState
} from './events';
export { describeRelayError } from './describe-error';
export {
	createPeppolConnectionClient,
	type PeppolConnectionClient
} from './peppol-connection-client';
export { createInboxClient, type InboxClient } from './inbox-client';
export { createNudgeClient, type NudgeClient } from './nudge-client';
export { createCompanyLookupClient, type CompanyLookupClient } from './company-lookup-client';

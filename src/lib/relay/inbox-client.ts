import {
	inboxListResponseSchema,
	receivingKeyRequestSchema,
	receivingKeyResponseSchema,
	relayPaths,
	type InboxDocument
} from '$protocol';
import type { z } from 'zod';
import { workspaceRoutes, type RelayClientOptions, type RelayResult } from './client';

type ReceivingKeyAnswer = z.infer<typeof receivingKeyResponseSchema>;

/** The relay's sealed inbox routes for one workspace (relay/README.md "Inbox"). */
export interface InboxClient {
	/** The receiving public key the relay holds (raw P-256, base64url), or null. */
	receivingKey(): Promise<RelayResult<ReceivingKeyAnswer>>;
	/**
	 * Sets the receiving public key. With keepExisting a key already stored wins and is answered
	 * back: the caller then adopts that one instead of its own.
	 */
	putReceivingKey(
		publicKey: string,
		keepExisting: boolean
	): Promise<RelayResult<ReceivingKeyAnswer>>;
	list(
		after: number,
		limit: number
	): Promise<RelayResult<{ documents: InboxDocument[]; cursor: number }>>;
	sealed(documentId: string): Promise<RelayResult<Blob>>;
}

export function createInboxClient(
	options: Pick<RelayClientOptions, 'baseUrl' | 'fetch' | 'credentials'>
): InboxClient {
	const routes = workspaceRoutes(options);
	return {
		receivingKey: () => routes.call('GET', relayPaths.inboxKey, receivingKeyResponseSchema),
		putReceivingKey: (publicKey, keepExisting) =>
			routes.send(
				'PUT',
				relayPaths.inboxKey,
				receivingKeyRequestSchema,
				{ publicKey, keepExisting },
				receivingKeyResponseSchema
			),
		list: (after, limit) =>
			routes.call('GET', (ws) => relayPaths.inbox(ws, after, limit), inboxListResponseSchema),
		sealed: (documentId) => routes.blob((ws) => relayPaths.inboxSealed(ws, documentId))
	};
}

import {
	inboxListResponseSchema,
	receivingKeyRequestSchema,
	receivingKeyResponseSchema,
	relayPaths,
	type InboxDocument
} from '$protocol';
import type { z } from 'zod';
import {
	invalidRequest,
	relayRequest,
	workspaceScoped,
	type RelayClientOptions,
	type RelayResult
} from './client';

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
	const scoped = workspaceScoped(options.credentials);
	return {
		receivingKey: () =>
			scoped((ws) =>
				relayRequest(options, 'GET', relayPaths.inboxKey(ws), receivingKeyResponseSchema)
			),
		putReceivingKey: (publicKey, keepExisting) =>
			scoped(async (ws) => {
				const parsed = receivingKeyRequestSchema.safeParse({ publicKey, keepExisting });
				if (!parsed.success) return invalidRequest(parsed.error);
				return relayRequest(
					options,
					'PUT',
					relayPaths.inboxKey(ws),
					receivingKeyResponseSchema,
					parsed.data
				);
			}),
		list: (after, limit) =>
			scoped((ws) =>
				relayRequest(options, 'GET', relayPaths.inbox(ws, after, limit), inboxListResponseSchema)
			),
		sealed: (documentId) =>
			scoped(
				(ws) =>
					relayRequest<Blob>(
						options,
						'GET',
						relayPaths.inboxSealed(ws, documentId),
						'blob'
					) as Promise<RelayResult<Blob>>
			)
	};
}

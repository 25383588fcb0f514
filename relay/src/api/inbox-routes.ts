import { isoTime, isoTimeOrNull } from '../clock.js';
import { HttpError, notFound } from '../http/errors.js';
import type { Route } from '../http/router.js';
import { normaliseReceivingKey, ReceivingKeyError } from '../inbox/sealed-envelope.js';
import type { InboxDocumentRecord } from '../storage/inbox.js';
import { requireAuth } from './auth-routes.js';
import {
	inboxListQuerySchema,
	receivingKeyRequestSchema,
	type InboxDocument
} from '../protocol/index.js';
import { requireOwnerDevice } from './peppol-connection-routes.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

const BASE = '/api/v1/workspaces/:workspaceId/inbox';

const present = (d: InboxDocumentRecord): InboxDocument => ({
	id: d.id,
	seq: d.seq,
	provider: d.providerId,
	providerDocumentId: d.providerDocumentId,
	documentType: d.documentType,
	sender: d.sender,
	receivedAt: d.receivedAt,
	state: d.state,
	refusal: d.refusal,
	sizeBytes: d.sizeBytes,
	storedAt: isoTime(d.storedAt)
});

/**
 * The sealed inbox (relay/README.md "Inbox"): the receiving public key, and the sealed documents
 * after a cursor. Documents stay until retention rather than being "taken": every device of the
 * workspace pulls them after its own cursor, like the sync log, and the cursor a device pulls
 * after tells retention (inbox/retention.ts) what that device holds.
 */
export function inboxRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'GET',
			path: `${BASE}/key`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const key = await s.storage.inbox.getKey(auth.workspaceId);
				return {
					status: 200,
					json: {
						publicKey: key === undefined ? null : key.publicKey.toString('base64url'),
						updatedAt: isoTimeOrNull(key?.updatedAt ?? null)
					}
				};
			}
		},
		{
			method: 'PUT',
			path: `${BASE}/key`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const body = validate(receivingKeyRequestSchema, await ctx.body());
				let raw: Uint8Array;
				try {
					raw = await normaliseReceivingKey(body.publicKey);
				} catch (error) {
					if (!(error instanceof ReceivingKeyError)) throw error;
					throw new HttpError(400, 'invalid-request', `publicKey: ${error.message}.`, [
						{ path: 'publicKey', message: error.message }
					]);
				}
				const publicKey = Buffer.from(raw);
				// A device racing another to set up the inbox adopts the key that was there first:
				// one atomic insert decides, so two requests (or two relay processes) cannot both win.
				if (body.keepExisting === true) {
					const at = s.clock.now();
					if (await s.storage.inbox.addKeyIfAbsent(auth.workspaceId, publicKey, at)) {
						await s.storage.durable();
						s.log.info('inbox-key-set', { workspaceId: auth.workspaceId, deviceId: auth.deviceId });
						s.inboxKeySet(auth.workspaceId);
					}
					const kept = await s.storage.inbox.getKey(auth.workspaceId);
					if (kept === undefined) throw new Error('the inbox key vanished after it was set');
					return {
						status: 200,
						json: {
							publicKey: kept.publicKey.toString('base64url'),
							updatedAt: isoTime(kept.updatedAt)
						}
					};
				}
				const current = await s.storage.inbox.getKey(auth.workspaceId);
				// Documents already sealed stay sealed to the old key: only the owner may replace it.
				if (current !== undefined && !current.publicKey.equals(publicKey))
					await requireOwnerDevice(s.storage.devices, auth, 'replace the inbox receiving key');
				const at = s.clock.now();
				if (current === undefined || !current.publicKey.equals(publicKey)) {
					await s.storage.inbox.putKey(auth.workspaceId, publicKey, at);
					await s.storage.durable();
					s.log.info('inbox-key-set', { workspaceId: auth.workspaceId, deviceId: auth.deviceId });
					s.inboxKeySet(auth.workspaceId);
				}
				const stored = await s.storage.inbox.getKey(auth.workspaceId);
				return {
					status: 200,
					json: {
						publicKey: publicKey.toString('base64url'),
						updatedAt: isoTimeOrNull(stored?.updatedAt ?? null)
					}
				};
			}
		},
		{
			method: 'GET',
			path: BASE,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const query = validate(inboxListQuerySchema, Object.fromEntries(ctx.url.searchParams));
				// Asking for the documents after n says this device holds those up to n: retention
				// deletes a document once every active device has said so (relay/README.md "Inbox").
				await s.storage.inbox.recordCursor(
					auth.workspaceId,
					auth.deviceId,
					query.after,
					s.clock.now()
				);
				const page = await s.storage.inbox.list(auth.workspaceId, query.after, query.limit);
				return {
					status: 200,
					json: { documents: page.documents.map(present), cursor: page.cursor }
				};
			}
		},
		{
			method: 'GET',
			path: `${BASE}/:documentId`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const found = await s.storage.inbox.get(auth.workspaceId, ctx.params['documentId'] ?? '');
				if (found === undefined) throw notFound('No such document in this workspace’s inbox.');
				return { status: 200, json: present(found) };
			}
		},
		{
			method: 'GET',
			path: `${BASE}/:documentId/sealed`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const id = ctx.params['documentId'] ?? '';
				const sealed = await s.storage.inbox.sealed(auth.workspaceId, id);
				if (sealed === undefined)
					throw notFound(
						(await s.storage.inbox.get(auth.workspaceId, id)) === undefined
							? 'No such document in this workspace’s inbox.'
							: 'This document was refused at intake; the relay kept no content (see its refusal).'
					);
				return {
					status: 200,
					raw: sealed,
					headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
				};
			}
		}
	];
}

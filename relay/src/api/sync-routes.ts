import { HttpError, notFound } from '../http/errors.js';
import { mediaTypeOf } from '../http/body.js';
import type { RequestContext, Route } from '../http/router.js';
import { requireAuth } from './auth-routes.js';
import type { ApiServices } from './services.js';
import {
	compactRequestSchema,
	encodeSyncFrames,
	keyWrapSchema,
	pullQuerySchema,
	pushRequestSchema,
	SYNC_FRAMES_MEDIA_TYPE,
	SYNC_PUSH_FRAMES_MEDIA_TYPE
} from '../protocol/index.js';
import { envelopeLimit, framesRows, type PushedRow, type SyncPush } from './sync-push.js';
import { validate } from './validate.js';

function envelopeBytes(base64: string, path: string): Buffer {
	return envelopeLimit(Buffer.from(base64, 'base64'), path);
}

/**
 * A push's rows, sent as JSON with base64 envelopes or as sync frames (the app's bulk uploads:
 * no base64 to build or parse). Both obey the same rules, and a bad field is named either way.
 */
async function pushedRows(ctx: RequestContext): Promise<PushedRow[]> {
	if (mediaTypeOf(ctx.req) === SYNC_PUSH_FRAMES_MEDIA_TYPE)
		return framesRows(await ctx.rawBody(SYNC_PUSH_FRAMES_MEDIA_TYPE));
	const body = validate(pushRequestSchema, await ctx.body());
	return body.rows.map((row, index) => ({
		clientId: row.clientId,
		docId: row.docId,
		envelope: envelopeBytes(row.envelope, `rows.${index}.envelope`)
	}));
}

/**
 * The end-to-end encrypted sync log. The relay sees doc ids, sizes and timing, never content:
 * envelopes are AES-GCM ciphertexts it stores and hands back unchanged. A push or compaction is
 * acknowledged only once durable (concurrent pushes share one commit and one flush), then every
 * device of the workspace is poked over its events socket ({type:"sync", head, rows?}).
 */
export function syncRoutes(s: ApiServices, push: SyncPush): Route[] {
	return [
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/sync/push',
			auth: 'device',
			bodyLimit: 'send',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				// Answered once durable; the events socket's pushes take the same path (ws/socket-push.ts).
				const answer = await push(auth, await pushedRows(ctx), ctx.requestId);
				return { status: 200, json: answer };
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/sync/pull',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const query = validate(pullQuerySchema, Object.fromEntries(ctx.url.searchParams));
				const page = await s.storage.syncLog.pull(auth.workspaceId, query.after, query.limit);
				if (query.format === 'binary') {
					const frames = encodeSyncFrames({ head: page.head, rows: page.rows });
					return {
						status: 200,
						raw: Buffer.from(frames.buffer, frames.byteOffset, frames.byteLength),
						headers: { 'content-type': SYNC_FRAMES_MEDIA_TYPE }
					};
				}
				return {
					status: 200,
					json: {
						head: page.head,
						rows: page.rows.map((row) => ({
							seq: row.seq,
							docId: row.docId,
							clientId: row.clientId,
							kind: row.kind,
							envelope: row.envelope.toString('base64')
						}))
					}
				};
			}
		},
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/sync/compact',
			auth: 'device',
			bodyLimit: 'send',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const body = validate(compactRequestSchema, await ctx.body());
				const outcome = await s.storage.syncLog.compact(
					auth.workspaceId,
					auth.deviceId,
					{
						clientId: body.clientId,
						docId: body.docId,
						upToSeq: body.upToSeq,
						envelope: envelopeBytes(body.envelope, 'envelope')
					},
					s.clock.now()
				);
				if (outcome.kind === 'beyond-head') {
					throw new HttpError(
						400,
						'invalid-request',
						`upToSeq is after the workspace's last row (${outcome.head}).`,
						[{ path: 'upToSeq', message: `must be at most ${outcome.head}` }]
					);
				}
				await s.storage.durable();
				if (outcome.kind === 'compacted') {
					s.log.info('sync-compacted', {
						requestId: ctx.requestId,
						workspaceId: auth.workspaceId,
						deviceId: auth.deviceId,
						removed: outcome.removed,
						seq: outcome.seq
					});
					s.syncAppended(auth.workspaceId, outcome.head);
				}
				return { status: 200, json: { seq: outcome.seq, removed: outcome.removed } };
			}
		},
		{
			method: 'PUT',
			path: '/api/v1/workspaces/:workspaceId/sync/key-wrap',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const body = validate(keyWrapSchema, await ctx.body());
				await s.storage.syncLog.putKeyWrap(
					auth.workspaceId,
					JSON.stringify(body.wrapped),
					s.clock.now()
				);
				await s.storage.durable();
				return { status: 200, json: { stored: true } };
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/sync/key-wrap',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const wrapped = await s.storage.syncLog.getKeyWrap(auth.workspaceId);
				if (wrapped === undefined)
					throw notFound('No passphrase-wrapped key is stored for this workspace.');
				return { status: 200, json: { wrapped: JSON.parse(wrapped) as unknown } };
			}
		}
	];
}

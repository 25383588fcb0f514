import { HttpError, notFound } from '../http/errors.js';
import { mediaTypeOf } from '../http/body.js';
import type { RequestContext, Route } from '../http/router.js';
import { requireAuth } from './auth-routes.js';
import type { ApiServices } from './services.js';
import {
	compactRequestSchema,
	decodePushFrames,
	encodeSyncFrames,
	keyWrapSchema,
	pullQuerySchema,
	pushFramesSchema,
	pushRequestSchema,
	SYNC_FRAMES_MEDIA_TYPE,
	SYNC_PUSH_FRAMES_MEDIA_TYPE,
	SyncFramesError,
	SYNC_MAX_ENVELOPE_BYTES,
	SYNC_MAX_PUSH_ROWS,
	type SyncRow
} from '../protocol/index.js';
import type { AppendOutcome } from '../storage/storage.js';
import { syncLogGroupCommit } from '../storage/sync-log-group-commit.js';
import { validate } from './validate.js';

function envelopeBytes(base64: string, path: string): Buffer {
	return envelopeLimit(Buffer.from(base64, 'base64'), path);
}

function envelopeLimit(bytes: Buffer, path: string): Buffer {
	if (bytes.length > SYNC_MAX_ENVELOPE_BYTES) {
		throw new HttpError(
			413,
			'payload-too-large',
			`An envelope is larger than ${SYNC_MAX_ENVELOPE_BYTES} bytes.`,
			[{ path, message: `must be at most ${SYNC_MAX_ENVELOPE_BYTES} bytes` }]
		);
	}
	return bytes;
}

type PushedRow = { clientId: string; docId: string; envelope: Buffer };

/**
 * A push's rows, sent as JSON with base64 envelopes or as sync frames (the app's bulk uploads:
 * no base64 to build or parse). Both obey the same rules, and a bad field is named either way.
 */
async function pushedRows(ctx: RequestContext): Promise<PushedRow[]> {
	if (mediaTypeOf(ctx.req) === SYNC_PUSH_FRAMES_MEDIA_TYPE) {
		const bytes = await ctx.rawBody(SYNC_PUSH_FRAMES_MEDIA_TYPE);
		let decoded;
		try {
			decoded = decodePushFrames(bytes, SYNC_MAX_PUSH_ROWS);
		} catch (error) {
			if (!(error instanceof SyncFramesError)) throw error;
			throw new HttpError(400, 'invalid-request', 'The push is not valid sync frames.', [
				error.field ?? { path: '(body)', message: error.message }
			]);
		}
		const body = validate(pushFramesSchema, { rows: decoded });
		return body.rows.map((row, index) => ({
			clientId: row.clientId,
			docId: row.docId,
			envelope: envelopeLimit(
				Buffer.from(row.envelope.buffer, row.envelope.byteOffset, row.envelope.byteLength),
				`rows.${index}.envelope`
			)
		}));
	}
	const body = validate(pushRequestSchema, await ctx.body());
	return body.rows.map((row, index) => ({
		clientId: row.clientId,
		docId: row.docId,
		envelope: envelopeBytes(row.envelope, `rows.${index}.envelope`)
	}));
}

/** The rows this push added (not the replayed ones), as a poke carries them: base64. */
function appendedRows(rows: readonly PushedRow[], outcome: AppendOutcome): SyncRow[] {
	const first = outcome.head - outcome.appended;
	const added = new Map<number, SyncRow>();
	rows.forEach((row, index) => {
		const seq = outcome.acks[index]?.seq;
		if (seq === undefined || seq <= first || added.has(seq)) return;
		added.set(seq, {
			seq,
			docId: row.docId,
			clientId: row.clientId,
			kind: 'update',
			envelope: row.envelope.toString('base64')
		});
	});
	return [...added.values()];
}

/**
 * The end-to-end encrypted sync log. The relay sees doc ids, sizes and timing, never content:
 * envelopes are AES-GCM ciphertexts it stores and hands back unchanged. A push or compaction is
 * acknowledged only once durable (concurrent pushes share one commit and one flush), then every
 * device of the workspace is poked over its events socket ({type:"sync", head, rows?}).
 */
export function syncRoutes(s: ApiServices): Route[] {
	const appends = syncLogGroupCommit(
		s.storage.syncLog,
		() => s.storage.durable(),
		() => s.clock.now()
	);
	return [
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/sync/push',
			auth: 'device',
			bodyLimit: 'send',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const rows = await pushedRows(ctx);
				// Answered once durable: the group's one flush covers this push's rows.
				const result = await appends.append({
					workspaceId: auth.workspaceId,
					deviceId: auth.deviceId,
					rows
				});
				if (result.appended > 0) {
					s.log.info('sync-appended', {
						requestId: ctx.requestId,
						workspaceId: auth.workspaceId,
						deviceId: auth.deviceId,
						rows: result.appended,
						head: result.head
					});
					s.syncAppended(auth.workspaceId, result.head, appendedRows(rows, result));
				}
				return { status: 200, json: { acks: result.acks, head: result.head } };
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

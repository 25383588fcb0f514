import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { notFound } from '../http/errors.js';
import type { Route } from '../http/router.js';
import { requireAuth } from './auth-routes.js';
import { presentPreview } from './presenters.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

const previewParams = z.object({ previewId: z.uuid({ message: 'must be a preview id' }) });

/** The preview outbox: what the relay would have e-mailed, when no SMTP server is configured. */
export function mailPreviewRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/mail-previews',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const previews = (await s.storage.mailPreviews.list(auth.workspaceId, 200)).map(
					presentPreview
				);
				return { status: 200, json: { mode: s.mailMode, previews } };
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/mail-previews/:previewId',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const { previewId } = validate(previewParams, ctx.params);
				const preview = await s.storage.mailPreviews.get(auth.workspaceId, previewId);
				if (preview === undefined) throw notFound('No such mail preview in this workspace.');
				let raw: Buffer;
				try {
					raw = await fs.readFile(path.join(s.previewDir, auth.workspaceId, preview.fileName));
				} catch {
					throw notFound('The preview file is gone (retention).');
				}
				return {
					status: 200,
					raw,
					headers: {
						'content-type': 'message/rfc822',
						'content-disposition': `attachment; filename="${preview.id}.eml"`
					}
				};
			}
		}
	];
}

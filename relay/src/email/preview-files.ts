import fs from 'node:fs/promises';
import path from 'node:path';
import { errorKind, type Logger } from '../log.js';
import type { MailPreviewRecord } from '../storage/storage.js';

/** Deletes the .eml files of removed preview records; a file that will not go is logged by id. */
export async function deletePreviewFiles(
	previewDir: string,
	previews: readonly MailPreviewRecord[],
	log: Logger
): Promise<void> {
	for (const preview of previews) {
		try {
			await fs.rm(path.join(previewDir, preview.workspaceId, preview.fileName), { force: true });
		} catch (error) {
			log.warn('preview-delete-failed', { previewId: preview.id, error: errorKind(error) });
		}
	}
}

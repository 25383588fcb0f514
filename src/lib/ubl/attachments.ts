import { ATTACHMENT_MIME_TYPES, type AttachmentReference } from '$lib/document';
import { toBase64 } from '$lib/bytes';
import { MIME_TYPE_BY_EXTENSION } from './codes';
import type { UblWarning } from './ubl-issues';
import type { UblNode } from './ubl-node';

/** An attachment as stored: the document schema only admits Peppol types, older data may not. */
export type UblAttachment = Omit<AttachmentReference, 'mimeType'> & { mimeType: string };

export type AttachmentTypeCheck = { ok: true; mimeCode: string } | { ok: false; reason: string };

const ALLOWED = new Set<string>(ATTACHMENT_MIME_TYPES);

function extensionOf(fileName: string): string | undefined {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * Whether Peppol BIS lets a file travel embedded in the UBL (PEPPOL-EN16931-CL001: pdf, png,
 * jpeg, csv, xlsx, ods). The declared type must be one of those, and a well-known file name
 * extension must agree with it, so "offerte.docx" is refused whatever type it claims; an
 * unfamiliar extension is left to the declared type.
 */
export function checkAttachmentType(fileName: string, mimeType: string): AttachmentTypeCheck {
	const allowedList = 'PDF, PNG, JPEG, CSV, XLSX or ODS';
	if (!ALLOWED.has(mimeType)) {
		return {
			ok: false,
			reason: `type ${mimeType} cannot be embedded in a Peppol invoice (only ${allowedList})`
		};
	}
	const extension = extensionOf(fileName);
	const typeOfName = extension === undefined ? undefined : MIME_TYPE_BY_EXTENSION[extension];
	if (typeOfName !== undefined && typeOfName !== mimeType) {
		return {
			ok: false,
			reason: `"${fileName}" does not look like ${mimeType}; a Peppol invoice can only embed ${allowedList} files`
		};
	}
	return { ok: true, mimeCode: mimeType };
}

/** A file name without path separators or characters receivers choke on. */
export function safeFileName(name: string): string {
	const cleaned = name.replace(/[\\/:*?"<>|\s]+/g, '_');
	return cleaned === '' ? 'document' : cleaned;
}

interface EmbeddedFile {
	/** BT-122. */
	id: string;
	/** BT-123. */
	description?: string | undefined;
	mimeCode: string;
	fileName: string;
	bytes: Uint8Array;
}

export function writeEmbeddedFile(parent: UblNode, file: EmbeddedFile): void {
	const reference = parent.cac('AdditionalDocumentReference'); // BG-24
	reference.cbc('ID', file.id).cbc('DocumentDescription', file.description);
	reference.cac('Attachment').cbc('EmbeddedDocumentBinaryObject', toBase64(file.bytes), {
		mimeCode: file.mimeCode,
		filename: file.fileName
	}); // BT-125
}

/**
 * The files of `attachments` that can be embedded; every other one produces a warning the caller
 * must act on (convert it, or send it separately), so nothing disappears silently.
 */
export function embeddableAttachments(
	attachments: readonly UblAttachment[],
	contents: ReadonlyMap<string, Uint8Array>,
	warnings: UblWarning[]
): EmbeddedFile[] {
	const files: EmbeddedFile[] = [];
	attachments.forEach((attachment, index) => {
		const path = `attachments.${index}`;
		const check = checkAttachmentType(attachment.fileName, attachment.mimeType);
		if (!check.ok) {
			warnings.push({
				code: 'attachment-refused',
				path,
				message: `${attachment.fileName} was not embedded: ${check.reason}`
			});
			return;
		}
		const bytes = contents.get(attachment.id);
		if (!bytes) {
			warnings.push({
				code: 'attachment-missing',
				path,
				message: `${attachment.fileName} was not embedded: no content was supplied for attachment "${attachment.id}"`
			});
			return;
		}
		files.push({
			id: attachment.fileName,
			description: attachment.description,
			mimeCode: check.mimeCode,
			fileName: safeFileName(attachment.fileName),
			bytes
		});
	});
	return files;
}

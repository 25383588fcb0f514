import type { SendAttachmentType } from '../protocol/index.js';

const startsWith = (bytes: Buffer, signature: readonly number[], offset = 0): boolean =>
	bytes.length >= offset + signature.length &&
	signature.every((byte, index) => bytes[offset + index] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .doc, .xls
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .docx, .xlsx

/**
 * An Office Open XML package is a ZIP whose entry names include [Content_Types].xml and the
 * part folder of its kind; any other ZIP (an archive carrying a program) is refused.
 */
function isOfficePackage(bytes: Buffer, partFolder: string): boolean {
	return (
		startsWith(bytes, ZIP) &&
		bytes.includes('[Content_Types].xml', 0, 'latin1') &&
		bytes.includes(partFolder, 0, 'latin1')
	);
}

/** Whether the bytes are what the declared type says, judged by their leading signature. */
export function matchesSignature(type: SendAttachmentType, bytes: Buffer): boolean {
	switch (type) {
		case 'application/pdf':
			// Readers accept a PDF header within the first 1024 bytes; Billfold's start with it.
			return startsWith(bytes, PDF);
		case 'image/png':
			return startsWith(bytes, PNG);
		case 'image/jpeg':
			return startsWith(bytes, JPEG);
		case 'application/msword':
		case 'application/vnd.ms-excel':
			return startsWith(bytes, OLE2);
		case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
			return isOfficePackage(bytes, 'word/');
		case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
			return isOfficePackage(bytes, 'xl/');
	}
}

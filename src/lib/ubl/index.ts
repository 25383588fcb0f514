export { checkAttachmentType, type AttachmentTypeCheck, type UblAttachment } from './attachments';
export { BIS_CUSTOMIZATION_ID, BIS_PROFILE_ID } from './codes';
export { toUbl, type UblDocument, type UblOptions, type UblResult } from './to-ubl';
export { UblError, type UblErrorIssue, type UblWarning, type UblWarningCode } from './ubl-issues';

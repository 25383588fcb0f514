/**
 * The wire format between the app and the relay. The relay keeps its own copy of these schemas
 * (relay/src/api/schemas.ts); tests/integration/relay-contract.spec.ts proves the two agree.
 */
export {
	PROTOCOL_VERSION,
	invoiceIdSchema,
	isoDateSchema,
	isoDateTimeSchema,
	seriesIdSchema,
	errorCodeSchema,
	fieldErrorSchema,
	errorBodySchema,
	type RelayErrorCode,
	type FieldError,
	type ErrorBody
} from './common';
export {
	registerWorkspaceRequestSchema,
	joinRequestSchema,
	deviceCredentialsSchema,
	sessionSchema,
	joinTokenSchema,
	deviceRoleSchema,
	deviceSchema,
	deviceListSchema,
	revokeResultSchema,
	handOverRequestSchema,
	handOverResultSchema,
	relayLinkQuerySchema,
	type RegisterWorkspaceRequest,
	type JoinRequest,
	type DeviceCredentials,
	type Session,
	type JoinToken,
	type DeviceRole,
	type Device,
	type HandOverRequest
} from './auth';
export {
	MAX_SERIES_NUMBER,
	issueRequestSchema,
	issueResponseSchema,
	seriesStateSchema,
	seedSeriesRequestSchema,
	type IssueRequest,
	type IssueResponse,
	type SeriesState,
	type SeedSeriesRequest
} from './sequencer';
export {
	MAX_ATTACHMENT_BYTES,
	MAX_RECIPIENTS,
	SEND_ATTACHMENT_TYPES,
	fileExtension,
	type SendAttachmentType,
	buyerSchema,
	emailMessageSchema,
	attachmentSchema,
	documentTypeSchema,
	channelHintSchema,
	sendRequestSchema,
	jobStateSchema,
	jobWarningSchema,
	jobStatusSchema,
	sendAcceptedSchema,
	jobListSchema,
	base64DecodedBytes,
	type Buyer,
	type EmailMessage,
	type Attachment,
	type DocumentType,
	type ChannelHint,
	type SendRequest,
	type JobState,
	type JobWarning,
	type JobStatus,
	type SendAccepted
} from './outbox';
export {
	peppolLookupRequestSchema,
	peppolLookupResultSchema,
	type PeppolLookupRequest,
	type PeppolLookupResult
} from './peppol';
export {
	PEPPOL_ERROR_CODES,
	PEPPOL_PROVIDER_IDS,
	jobViaSchema,
	participantIdSchema,
	peppolConnectRequestSchema,
	peppolConnectionStatusSchema,
	peppolProviderIdSchema,
	peppolRegistrationRequestSchema,
	peppolRegistrationSchema,
	providerDescriptorSchema,
	providerFieldSchema,
	providerListSchema,
	providerRefSchema,
	type JobVia,
	type PeppolConnectRequest,
	type PeppolConnectionStatus,
	type PeppolErrorCode,
	type PeppolRegistration,
	type PeppolRegistrationRequest,
	type ProviderDescriptor,
	type ProviderField,
	type ProviderList,
	type ProviderRef,
	type RegisteredParticipant
} from './peppol-connection';
export {
	mailPreviewSchema,
	mailPreviewListSchema,
	type MailPreview,
	type MailPreviewList
} from './mail-preview';
export { healthSchema, relayInfoSchema, type RelayInfo } from './info';
export {
	clientMessageSchema,
	serverMessageSchema,
	closeCodes,
	type ClientMessage,
	type ServerMessage
} from './events';
export { relayPaths } from './paths';
export { RELAY_MARK, fromDisplayName, senderNameProblem, stripAddressLike } from './sender-name';

/**
 * The wire format between the app and the relay, written once: the relay compiles it with its own
 * sources and the app imports it as `$protocol` (svelte.config.js). One file per concept; each file
 * may import only zod and its siblings (scripts/layer-rules.js). The contract tests
 * (tests/integration/relay-contract.spec.ts, sync-contract.spec.ts) still run the real relay
 * against the real client.
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
} from './common.js';
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
} from './auth.js';
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
} from './sequencer.js';
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
	isEmailOnlyDocument,
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
	type AcceptedSendRequest,
	type JobState,
	type JobWarning,
	type JobStatus,
	type SendAccepted
} from './outbox.js';
export {
	peppolLookupRequestSchema,
	peppolLookupResultSchema,
	type PeppolLookupRequest,
	type PeppolLookupResult
} from './peppol.js';
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
} from './peppol-connection.js';
export {
	COMPANY_LOOKUP_ERROR_CODES,
	EU_MEMBER_STATES,
	VIES_COUNTRY_CODES,
	compactVatNumber,
	countryOfViesPrefix,
	companyAddressSchema,
	companyLookupRequestSchema,
	companyLookupResultSchema,
	isBelgianEnterpriseNumber,
	type CompanyAddress,
	type CompanyLookupErrorCode,
	type CompanyLookupRequest,
	type CompanyLookupResult,
	type ViesCountryCode
} from './company-lookup.js';
export {
	mailPreviewSchema,
	mailPreviewListSchema,
	type MailPreview,
	type MailPreviewList
} from './mail-preview.js';
export { healthSchema, relayInfoSchema, type RelayInfo } from './info.js';
export {
	clientMessageSchema,
	serverMessageSchema,
	closeCodes,
	type ClientMessage,
	type ServerMessage
} from './events.js';
export {
	SYNC_MAX_ENVELOPE_BYTES,
	SYNC_MAX_PUSH_ROWS,
	SYNC_MAX_PULL_ROWS,
	pushRequestSchema,
	pushResponseSchema,
	type PushAnswer,
	pushFramesSchema,
	pullResponseSchema,
	pullQuerySchema,
	compactRequestSchema,
	compactResponseSchema,
	keyWrapSchema,
	keyWrapStoredSchema,
	syncPokeSchema,
	syncRowSchema,
	SYNC_POKE_MAX_ENVELOPE_CHARS,
	type PushRequest,
	type PullResponse,
	type SyncPoke,
	type SyncRow,
	type CompactRequest
} from './sync.js';
export {
	SYNC_FRAMES_MEDIA_TYPE,
	SYNC_FRAMES_VERSION,
	SYNC_PUSH_FRAMES_MEDIA_TYPE,
	SyncFramesError,
	decodePushFrames,
	decodeSyncFrames,
	encodePushFrames,
	encodeSyncFrames,
	type FramePage,
	type FrameRow,
	type PushFrameRow
} from './sync-frames.js';
export {
	SOCKET_PUSH_ID_BYTES,
	SOCKET_PUSH_MAX_BYTES,
	SOCKET_PUSH_MAX_BUFFERED_BYTES,
	SOCKET_PUSH_MAX_IN_FLIGHT,
	decodeSocketPush,
	encodeSocketPush,
	pushAckMessageSchema,
	pushErrorMessageSchema,
	type PushAckMessage,
	type PushErrorMessage
} from './socket-push.js';
export { relayPaths } from './paths.js';
export { RELAY_MARK, fromDisplayName, senderNameProblem, stripAddressLike } from './sender-name.js';
export {
	INBOX_MAX_LIST,
	receivingKeyRequestSchema,
	receivingKeyResponseSchema,
	inboxListQuerySchema,
	inboxDocumentSchema,
	inboxListResponseSchema,
	inboxPokeSchema,
	type InboxDocument,
	type InboxPoke
} from './inbox.js';
export {
	NUDGE_MAX_DUES,
	nudgeDueSchema,
	nudgeDuesRequestSchema,
	nudgeStatusSchema,
	nudgeSubscribeRequestSchema,
	type NudgeDue,
	type NudgeDuesRequest,
	type NudgeStatus,
	type NudgeSubscribeRequest
} from './nudge.js';

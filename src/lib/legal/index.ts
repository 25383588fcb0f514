export { checkInvoiceDocument } from './invoice-checks';
export { IssueList, type CheckOptions, type Issue } from './issue';
export { allowedInvoiceLanguages } from './language-region';
export { MESSAGES, type RuleId, type RuleParams } from './messages';
export { checkSellerProfile, type SellerLegalFields } from './seller-checks';

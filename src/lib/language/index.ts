export { LANGUAGES, localizedTextSchema, type Language, type LocalizedText } from './language';

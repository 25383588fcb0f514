import { mergeFeatureFiles } from '../merge-feature-files';

/** Every feature's nl messages in one chunk, loaded only when nl is the UI language. */
export default mergeFeatureFiles(
	import.meta.glob<Record<string, unknown>>('../messages/nl/*.json', {
		eager: true,
		import: 'default'
	})
);

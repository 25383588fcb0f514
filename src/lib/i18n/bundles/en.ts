import { mergeFeatureFiles } from '../merge-feature-files';

/** Every feature's en messages in one chunk, loaded only when en is the UI language. */
export default mergeFeatureFiles(
	import.meta.glob<Record<string, unknown>>('../messages/en/*.json', {
		eager: true,
		import: 'default'
	})
);

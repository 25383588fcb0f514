import { mergeFeatureFiles } from '../merge-feature-files';

/** Every feature's fr messages in one chunk, loaded only when fr is the UI language. */
export default mergeFeatureFiles(
	import.meta.glob<Record<string, unknown>>('../messages/fr/*.json', {
		eager: true,
		import: 'default'
	})
);

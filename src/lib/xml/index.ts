export {
	findForbiddenDeclaration,
	lineAt,
	type ForbiddenDeclaration
} from './forbidden-declaration';

import fontoxpath from 'fontoxpath';
import { Document, serializeToWellFormedString, type Element } from 'slimdom';
const q = process.argv[2];
const ast = fontoxpath.parseScript<Element>('declare namespace cbc="x"; declare namespace cac="y"; declare namespace u="u";\n'+q, {language: fontoxpath.evaluateXPath.XQUERY_3_1_LANGUAGE, annotateAst:false}, new Document());
console.log(serializeToWellFormedString(ast).replace(/ xmlns:xqx="[^"]*"/g,'').replace(/<xqx:namespaceDecl>.*?<\/xqx:namespaceDecl>/g,''));

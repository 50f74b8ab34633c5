'use strict';
// Lets a plain `node` script require the package's TypeScript sources (nodes/, credentials/):
// each .ts file is transpiled to CommonJS when first required, as ts-jest does under jest.
// Types are tsc's job (npm run typecheck); this only strips them.

const fs = require('node:fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
		});
		module._compile(outputText, filename);
	};
}

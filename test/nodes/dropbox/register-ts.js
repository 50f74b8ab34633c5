'use strict';

// Lets a plain `node` script require the package's TypeScript sources (nodes/, credentials/)
// the way ts-jest does under jest: each .ts file is transpiled to CommonJS when first required.
// Type checking is tsc's job (npm run typecheck); this only strips the types.

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

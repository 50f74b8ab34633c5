// Tests, the sandbox and tooling are plain CommonJS JavaScript (the community-node lint in
// strict mode applies its rules for shipped code to every .ts file); the shipped code under
// nodes/ and credentials/ is TypeScript, compiled on the fly by ts-jest when a test requires it.
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	// Memory measurements run alone (npm run test:memory): a jest worker that already ran other
	// suites starts from a higher RSS, which would make the figures meaningless.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/cloud/', '/test/bench/', '/test/soak/', '/test/package/', '/test/browser/', 'memory\\.test\\.js$'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	moduleFileExtensions: ['js', 'ts', 'json'],
	testTimeout: 120000,
};

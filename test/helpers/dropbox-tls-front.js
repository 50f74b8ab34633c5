'use strict';
// A local HTTPS front for the Dropbox emulator, so that n8n's CORE Dropbox node (whose hosts
// are hard-coded https://api.dropboxapi.com and https://content.dropboxapi.com) can be
// measured (benchmarks) and run (Cloud-edition e2e) against the same emulator as our nodes. Pieces:
//   1. a CA and a server certificate for the three dropboxapi.com names, made with openssl at
//      bench time in a temp folder (never committed, never installed system-wide);
//   2. an HTTPS server on 127.0.0.1:443 (or on a random 127.x.y.z:443 with host 'random', so that
//      parallel runs do not compete for the port) that streams every request to the emulator and the
//      answer back (no buffering: a 2 GiB download passes through in 64 KiB pieces);
//   3. the environment for the ONE n8n process that should use it: NODE_OPTIONS preloads
//      resolve-dropbox-locally.js (those names → 127.0.0.1) and NODE_EXTRA_CA_CERTS trusts
//      the CA. /etc/hosts is not touched; no other process is affected.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

const DROPBOX_HOSTS = ['api.dropboxapi.com', 'content.dropboxapi.com', 'notify.dropboxapi.com'];
const PRELOAD = path.join(__dirname, 'resolve-dropbox-locally.js');

function openssl(args, cwd) {
	execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes a CA and a server certificate for the Dropbox hosts. @returns {{ dir, caFile, keyFile, certFile }} */
function makeCertificates(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dropbox-tls-'))) {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
	} catch {
		throw new Error('openssl is needed to make the benchmark CA (apt-get install openssl)');
	}
	fs.mkdirSync(dir, { recursive: true });
	openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
		'-subj', '/CN=n8n-nodes-smintio benchmark CA'], dir);
	openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr',
		'-subj', '/CN=api.dropboxapi.com'], dir);
	fs.writeFileSync(path.join(dir, 'san.ext'), `subjectAltName=${DROPBOX_HOSTS.map((h) => `DNS:${h}`).join(',')}\n` +
		'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
	openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
		'-out', 'server.pem', '-days', '2', '-extfile', 'san.ext'], dir);
	return { dir, caFile: path.join(dir, 'ca.pem'), keyFile: path.join(dir, 'server.key'), certFile: path.join(dir, 'server.pem') };
}

/** A loopback address other than 127.0.0.1 (Linux routes all of 127/8 to lo). */
function randomLoopbackAddress() {
	const byte = () => 1 + Math.floor(Math.random() * 254);
	return `127.${byte()}.${byte()}.${byte()}`;
}

/**
 * Starts the front. Port 443 needs root (or CAP_NET_BIND_SERVICE); the core node always
 * connects to 443. host 'random' picks a free loopback address (retrying on EADDRINUSE).
 * @param {{ targetBaseUrl: string, port?: number, host?: string }} options
 */
async function startDropboxTlsFront({ targetBaseUrl, port = 443, host = '127.0.0.1' }) {
	if (host === 'random') {
		for (let attempt = 1; ; attempt++) {
			try {
				return await startDropboxTlsFront({ targetBaseUrl, port, host: randomLoopbackAddress() });
			} catch (error) {
				if (attempt >= 5 || !/EADDRINUSE/.test(String(error.message))) throw error;
			}
		}
	}
	const certificates = makeCertificates();
	const target = new URL(targetBaseUrl);
	let forwarded = 0;
	const server = https.createServer(
		{ key: fs.readFileSync(certificates.keyFile), cert: fs.readFileSync(certificates.certFile) },
		(request, response) => {
			forwarded += 1;
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: request.method,
					path: request.url,
					headers: { ...request.headers, host: target.host },
				},
				(answer) => {
					response.writeHead(answer.statusCode || 502, answer.headers);
					answer.pipe(response);
				},
			);
			upstream.on('error', (error) => {
				if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
				response.end(`bench TLS front: ${error.message}`);
			});
			request.pipe(upstream);
			// A dropped emulator connection (fault "drop") must reach the client as a reset too.
			response.on('close', () => upstream.destroy());
		},
	);
	server.keepAliveTimeout = 5000;
	await new Promise((resolve, reject) => {
		server.once('error', (error) => {
			fs.rmSync(certificates.dir, { recursive: true, force: true });
			reject(new Error(`cannot listen on ${host}:${port} for the Dropbox TLS front (${error.code}); run as root`));
		});
		server.listen(port, host, resolve);
	});
	return {
		host,
		port,
		certificates,
		forwardedRequests: () => forwarded,
		/** Environment for the n8n process whose core Dropbox node should reach the emulator. */
		n8nEnv: () => ({
			NODE_OPTIONS: `--require ${PRELOAD}`,
			NODE_EXTRA_CA_CERTS: certificates.caFile,
			DROPBOX_TLS_FRONT_ADDRESS: host,
		}),
		close: async () => {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve()));
			fs.rmSync(certificates.dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startDropboxTlsFront, makeCertificates, DROPBOX_HOSTS, PRELOAD };

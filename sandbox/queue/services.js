'use strict';
// What n8n's queue mode needs besides n8n: a private Redis (the queue) and a private PostgreSQL
// (the database main and workers share), started as child processes with their data in the given
// folder, and the exact environment that points n8n main and workers at them.

const path = require('node:path');
const { ensureQueueServices } = require('./install');
const { startRedis } = require('./redis');
const { startPostgres } = require('./postgres');

/**
 * The environment for n8n main and every worker (names from n8n 2.41's @n8n/config).
 * @param {{ host: string, port: number }} redis
 * @param {{ host: string, port: number, database: string, user: string, password: string }} postgres
 * @param {string} binaryDataPath one folder main and workers all reach (see docs/queue-mode.md)
 * @returns {Record<string, string>}
 */
function queueModeEnv(redis, postgres, binaryDataPath) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// Without it n8n runs editor ("manual") executions in the main process, not on workers.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Queue mode defaults to `database` (capped at 512 MiB per file, 1 GiB at most); a shared
		// folder carries any size, streams, and needs no licence (s3/azure do).
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		// n8n 2.41's name for the folder (N8N_BINARY_DATA_STORAGE_PATH is the older one; set one only).
		N8N_STORAGE_PATH: binaryDataPath,
	};
}

/**
 * @param {{ dir: string, log?: (line: string) => void }} options dir: holds `redis/` and `postgres/`
 * @returns {Promise<{ redis: Awaited<ReturnType<typeof startRedis>>, postgres: Awaited<ReturnType<typeof startPostgres>>, env: (binaryDataPath: string) => Record<string, string>, stop: () => Promise<void> }>}
 */
async function startQueueServices(options) {
	const log = options.log || (() => {});
	const programs = await ensureQueueServices({ log });
	const redis = await startRedis({ redisServer: programs.redisServer, dir: path.join(options.dir, 'redis'), log });
	let postgres;
	try {
		postgres = await startPostgres({ postgresBin: programs.postgresBin, dir: path.join(options.dir, 'postgres'), log });
	} catch (error) {
		await redis.stop();
		throw error;
	}
	return {
		redis,
		postgres,
		env: (binaryDataPath) => queueModeEnv(redis, postgres, binaryDataPath),
		stop: async () => {
			await Promise.allSettled([postgres.stop(), redis.stop()]);
		},
	};
}

module.exports = { startQueueServices, queueModeEnv };

#!/usr/bin/env node
// Local stand-ins for SQS, SES and S3 in one process (see README.md next to this file).
//
//   node LocalDev/Emulators/emulators.mjs --sqs-port 9324 --ses-port 8005 --s3-port 4569 [--host 127.0.0.1]
//
// Port 0 picks a free port. Once all listen, prints exactly these three lines to stdout:
//   sqs listening on http://127.0.0.1:<port>
//   ses listening on http://127.0.0.1:<port>
//   s3 listening on http://127.0.0.1:<port>
// SIGTERM/SIGINT close them all and exit 0; errors go to stderr with a non-zero exit code.

import { createRequire } from "node:module";
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startSqs, urlHost, closeServer } from "./sqs-compat.mjs";
import { startS3 } from "./s3-compat.mjs";

export const REGION = "us-east-1";
export const ACCOUNT_ID = "000000000000";
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_SQS_PORT = 9324;
export const DEFAULT_SES_PORT = 8005;
export const DEFAULT_S3_PORT = 4569;

const startSesServer = createRequire(import.meta.url)("aws-ses-v2-local").default;

/** Starts the emulators; resolves once all listen. */
export async function startEmulators({ host = DEFAULT_HOST, sqsPort = DEFAULT_SQS_PORT, sesPort = DEFAULT_SES_PORT, s3Port = DEFAULT_S3_PORT } = {}) {
  const sqs = await startSqs({ host, port: sqsPort, region: REGION, accountId: ACCOUNT_ID });
  let ses;
  let s3;
  try {
    ses = await startSes({ host, port: sesPort });
    s3 = await startS3({ host, port: s3Port });
  } catch (err) {
    await Promise.all([sqs.close(), ses && closeServer(ses.server)]);
    throw err;
  }
  return {
    sqsUrl: sqs.url,
    sesUrl: ses.url,
    s3Url: s3.url,
    sqs,
    async close() {
      await Promise.all([sqs.close(), closeServer(ses.server), s3.close()]);
    },
  };
}

async function startSes({ host, port }) {
  const server = await startSesServer({ host, port });
  // aws-ses-v2-local resolves even when listen fails (e.g. port in use), with a server that
  // doesn't listen.
  if (!server.listening) throw new Error(`ses: could not listen on ${host}:${port} (port in use?)`);
  server.keepAliveTimeout = 65_000; // see sqs-compat.mjs
  server.headersTimeout = 66_000;
  return { server, url: `http://${urlHost(host)}:${server.address().port}` };
}

function parsePort(value, name) {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`--${name} must be a port number (0-65535), got "${value}"`);
  return port;
}

async function main() {
  const { values } = parseArgs({
    options: {
      "sqs-port": { type: "string", default: String(DEFAULT_SQS_PORT) },
      "ses-port": { type: "string", default: String(DEFAULT_SES_PORT) },
      "s3-port": { type: "string", default: String(DEFAULT_S3_PORT) },
      host: { type: "string", default: DEFAULT_HOST },
    },
  });
  const emulators = await startEmulators({
    host: values.host,
    sqsPort: parsePort(values["sqs-port"], "sqs-port"),
    sesPort: parsePort(values["ses-port"], "ses-port"),
    s3Port: parsePort(values["s3-port"], "s3-port"),
  });
  console.log(`sqs listening on ${emulators.sqsUrl}`);
  console.log(`ses listening on ${emulators.sesUrl}`);
  console.log(`s3 listening on ${emulators.s3Url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await emulators.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  const fail = (err) => {
    console.error(`emulators: ${err?.stack ?? err}`);
    process.exit(1);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  main().catch(fail);
}

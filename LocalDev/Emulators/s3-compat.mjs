// S3 for local development: s3rver (below: "the emulator") behind a small compatibility layer, so
// that AWSSDK.S3 v4 for .NET can write to it as it writes to S3. Like sqs-compat.mjs, an HTTP
// proxy in the same process: public port -> the emulator on an ephemeral loopback port.
//
// Bugs fixed (verified against s3rver 3.7.1, each has a test in test/s3-bugs.test.mjs):
//   a. The v4 SDK sends bodies as aws-chunked with the checksum in a trailer (Content-Encoding:
//      aws-chunked, x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER or
//      STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER], x-amz-decoded-content-length). The emulator
//      stores the chunk framing as the object's bytes (or refuses the unknown sha256 value). The
//      layer decodes the chunks and forwards the plain body. S3 checks the checksum it is sent and
//      answers 400 BadDigest on a mismatch; so does the layer, for CRC32, SHA-1 and SHA-256 (what it
//      can compute; the SDK's default is CRC32).
//   b. The emulator knows one key pair (S3RVER) and refuses others (InvalidAccessKeyId), while the
//      shop's local credentials are dummies (README: the emulators check no credentials). The
//      layer forwards requests unsigned; the emulator serves anonymous requests.

import http from "node:http";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { closeServer, listen, readBody, urlHost } from "./sqs-compat.mjs";

const S3rver = createRequire(import.meta.url)("s3rver");

/** Headers that describe the body as the SDK sent it, or its signature: not forwarded (bugs a, b). */
const DROPPED_HEADERS = new Set([
  "host", "authorization", "content-length", "content-encoding", "transfer-encoding",
  "x-amz-content-sha256", "x-amz-decoded-content-length", "x-amz-trailer",
]);

/** Checksums the layer verifies: header name -> base64 digest of a body. */
const CHECKSUMS = {
  "x-amz-checksum-crc32": (body) => {
    const digest = Buffer.alloc(4);
    digest.writeUInt32BE(crc32(body));
    return digest.toString("base64");
  },
  "x-amz-checksum-sha1": (body) => createHash("sha1").update(body).digest("base64"),
  "x-amz-checksum-sha256": (body) => createHash("sha256").update(body).digest("base64"),
};

/** Starts the emulator (objects in a temporary directory, removed on close) and the layer in front of it. */
export async function startS3({ host, port }) {
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const emulator = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  const { port: innerPort } = await emulator.run();
  const server = http.createServer((req, res) => {
    handle(req, res, innerPort).catch((err) => {
      if (!res.headersSent) answerError(res, 500, "InternalError", String(err?.message ?? err));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000; // see sqs-compat.mjs
  server.headersTimeout = 66_000;
  try {
    await listen(server, port, host);
  } catch (err) {
    await closeServer(emulator.httpServer);
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `http://${urlHost(host)}:${server.address().port}`,
    async close() {
      // s3rver's own close() waits for the layer's idle keep-alive connections to time out.
      await Promise.all([closeServer(server), closeServer(emulator.httpServer)]);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function handle(req, res, innerPort) {
  const raw = await readBody(req);
  const chunked = String(req.headers["content-encoding"] ?? "").split(",").some((e) => e.trim() === "aws-chunked")
    || String(req.headers["x-amz-content-sha256"] ?? "").startsWith("STREAMING-");
  let body = raw;
  let trailers = {};
  if (chunked) {
    try {
      ({ payload: body, trailers } = decodeAwsChunked(raw));
    } catch (err) {
      return answerError(res, 400, "IncompleteBody", err.message);
    }
  }
  for (const [name, digestOf] of Object.entries(CHECKSUMS)) {
    const sent = trailers[name] ?? req.headers[name];
    if (sent !== undefined && sent !== digestOf(body)) {
      return answerError(res, 400, "BadDigest", `The ${name.slice("x-amz-checksum-".length).toUpperCase()} you specified did not match the calculated checksum.`);
    }
  }

  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!DROPPED_HEADERS.has(name)) headers[name] = value;
  }
  const otherEncodings = String(req.headers["content-encoding"] ?? "").split(",").map((e) => e.trim()).filter((e) => e && e !== "aws-chunked");
  if (otherEncodings.length) headers["content-encoding"] = otherEncodings.join(",");
  headers["content-length"] = String(body.length);

  await new Promise((resolve, reject) => {
    const forwarded = http.request({ host: "127.0.0.1", port: innerPort, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
      answer.on("end", resolve);
      answer.on("error", reject);
    });
    forwarded.on("error", reject);
    forwarded.end(body);
  });
}

/**
 * The payload and trailers of an aws-chunked body: chunks of "<hex size>[;chunk-signature=…]\r\n<data>\r\n",
 * a last chunk of size 0, then trailer lines "name:value\r\n" and an empty line.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export function decodeAwsChunked(body) {
  const parts = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", at);
    if (lineEnd < 0) throw new Error("The aws-chunked body ends inside a chunk header.");
    const sizeText = body.toString("latin1", at, lineEnd).split(";")[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new Error(`The aws-chunked body has a chunk size that is not hexadecimal: "${sizeText}".`);
    const size = parseInt(sizeText, 16);
    at = lineEnd + 2;
    if (size === 0) break;
    if (at + size > body.length) throw new Error("The aws-chunked body ends inside a chunk.");
    parts.push(body.subarray(at, at + size));
    at += size + 2;
  }
  const trailers = {};
  for (const line of body.toString("latin1", at).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(parts), trailers };
}

function answerError(res, status, code, message) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;
  res.writeHead(status, { "content-type": "application/xml", "content-length": Buffer.byteLength(xml) });
  res.end(xml);
}

function escapeXml(text) {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

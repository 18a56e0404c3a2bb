// What s3-compat.mjs fixes in s3rver for AWSSDK.S3 v4: each test shows the bug against s3rver alone and the fix
// through the layer. Requests are built as the .NET SDK sends them (aws-chunked with a CRC32 trailer, SigV4 with the
// shop's dummy local key).

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { after, before, describe, it } from "node:test";
import { decodeAwsChunked, startS3 } from "../s3-compat.mjs";

const S3rver = createRequire(import.meta.url)("s3rver");
const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 300 }, (_, i) => i % 256)]);

/** The headers AWSSDK.S3 v4 sends with a PutObject: signed with the local dummy key, body aws-chunked. */
function sdkHeaders(body, extra = {}) {
  const now = new Date().toISOString().replace(/[-:]|\.\d+/g, ""); // s3rver refuses a skewed date first
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=local/${now.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`,
    "x-amz-date": now,
    "content-type": "image/png",
    "content-encoding": "aws-chunked",
    "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    "x-amz-decoded-content-length": String(body.length),
    "x-amz-trailer": "x-amz-checksum-crc32",
    ...extra,
  };
}

/** The body in aws-chunked framing: two chunks, the last empty chunk, then the CRC32 trailer. */
function awsChunked(body, checksum = crc32Of(body)) {
  const half = Math.floor(body.length / 2);
  const chunk = (part) => Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")]);
  return Buffer.concat([chunk(body.subarray(0, half)), chunk(body.subarray(half)), Buffer.from(`0\r\nx-amz-checksum-crc32:${checksum}\r\n\r\n`)]);
}

function crc32Of(body) {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(body));
  return digest.toString("base64");
}

describe("s3rver through the compatibility layer", () => {
  let alone;
  let aloneDirectory;
  let aloneUrl;
  let layer;

  before(async () => {
    aloneDirectory = await mkdtemp(join(tmpdir(), "s3rver-alone-"));
    alone = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: aloneDirectory });
    aloneUrl = `http://127.0.0.1:${(await alone.run()).port}`;
    layer = await startS3({ host: "127.0.0.1", port: 0 });
    for (const url of [aloneUrl, layer.url]) {
      assert.equal((await fetch(`${url}/bucket`, { method: "PUT" })).status, 200);
    }
  });

  after(async () => {
    await layer.close();
    await alone.close();
    await rm(aloneDirectory, { recursive: true, force: true });
  });

  it("bug a+b: an SDK PutObject (aws-chunked, CRC32 trailer, dummy key) stores the image's bytes", async () => {
    const put = (url) => fetch(`${url}/bucket/media/a.png`, { method: "PUT", headers: sdkHeaders(IMAGE), body: awsChunked(IMAGE) });

    const refused = await put(aloneUrl);
    assert.equal(refused.status, 403); // s3rver alone: InvalidAccessKeyId for the local key
    assert.match(await refused.text(), /InvalidAccessKeyId/);

    const stored = await put(layer.url);
    assert.equal(stored.status, 200, await stored.clone().text());
    const got = await fetch(`${layer.url}/bucket/media/a.png`);
    assert.equal(got.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), IMAGE);
  });

  it("bug a: s3rver alone keeps the chunk framing as the object's bytes", async () => {
    const headers = sdkHeaders(IMAGE);
    delete headers.authorization; // past bug b, to show bug a
    await fetch(`${aloneUrl}/bucket/media/framed.png`, { method: "PUT", headers, body: awsChunked(IMAGE) });

    const got = Buffer.from(await (await fetch(`${aloneUrl}/bucket/media/framed.png`)).arrayBuffer());
    assert.notDeepEqual(got, IMAGE);
    assert.ok(got.includes(Buffer.from("x-amz-checksum-crc32:")));
  });

  it("a body whose CRC32 trailer does not match is refused with BadDigest and nothing is stored", async () => {
    const answer = await fetch(`${layer.url}/bucket/media/bad.png`, { method: "PUT", headers: sdkHeaders(IMAGE), body: awsChunked(IMAGE, "AAAAAA==") });

    assert.equal(answer.status, 400);
    assert.match(await answer.text(), /<Code>BadDigest<\/Code>/);
    assert.equal((await fetch(`${layer.url}/bucket/media/bad.png`)).status, 404);
  });

  it("a truncated aws-chunked body is refused, not stored", async () => {
    const framed = awsChunked(IMAGE);
    const answer = await fetch(`${layer.url}/bucket/media/cut.png`, { method: "PUT", headers: sdkHeaders(IMAGE), body: framed.subarray(0, 40) });

    assert.equal(answer.status, 400);
    assert.equal((await fetch(`${layer.url}/bucket/media/cut.png`)).status, 404);
  });

  it("decodes signed chunks (chunk-signature extensions) too", () => {
    const framed = Buffer.from("3;chunk-signature=abc\r\nabc\r\n0;chunk-signature=def\r\nx-amz-checksum-crc32:xyz\r\n\r\n");

    assert.deepEqual(decodeAwsChunked(framed), { payload: Buffer.from("abc"), trailers: { "x-amz-checksum-crc32": "xyz" } });
  });
});

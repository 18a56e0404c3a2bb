// Shared by test/*.test.mjs. (Kept out of test/ because `node --test <dir>` runs every .mjs
// file under a directory named "test".)

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ACCOUNT_ID, REGION } from "./emulators.mjs";
import { startSqs } from "./sqs-compat.mjs";

export { ACCOUNT_ID, REGION };

/** SQS emulator + compatibility layer in this process, on a free loopback port. */
export function startTestSqs() {
  return startSqs({ host: "127.0.0.1", port: 0, region: REGION, accountId: ACCOUNT_ID });
}

/**
 * A raw JSON-protocol client sending what AWSSDK.SQS v4 for .NET sends. Authorization is a
 * syntactically valid but fake SigV4 header: the emulator does not check signatures.
 */
export function sqsClient(endpoint) {
  return async function call(action, body = {}, { signal } = {}) {
    const response = await fetch(endpoint, {
      method: "POST",
      signal,
      headers: {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": `AmazonSQS.${action}`,
        "X-Amz-Api-Version": "2012-11-05",
        "x-amzn-query-mode": "true",
        "X-Amz-Date": "20260101T000000Z",
        Authorization:
          "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, " +
          "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: parseLikeSdk(text), headers: response.headers };
  };
}

// The .NET SDK needs a JSON document; an empty body makes it throw. Mirror that.
function parseLikeSdk(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Calls an action and asserts a 200 with a JSON object body; returns the parsed body. */
export async function ok(call, action, body) {
  const answer = await call(action, body);
  assert.equal(answer.status, 200, `${action} failed: ${answer.text}`);
  assert.equal(typeof answer.json, "object", `${action} answered a body the SDK can't parse: "${answer.text}"`);
  return answer.json;
}

/** Like ok(), but accepts an empty body (which the emulator alone sends for void actions). */
export async function succeeds(call, action, body) {
  const answer = await call(action, body);
  assert.equal(answer.status, 200, `${action} failed: ${answer.text}`);
  return answer.json;
}

let counter = 0;
export const uniqueName = (prefix = "q") => `${prefix}-${process.pid}-${Date.now()}-${++counter}`;

export async function createQueue(call, name = uniqueName(), attributes) {
  const body = { QueueName: name };
  if (attributes) body.Attributes = attributes;
  return (await ok(call, "CreateQueue", body)).QueueUrl;
}

export const queueArn = (name) => `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`;

export async function counts(call, QueueUrl) {
  const { Attributes } = await ok(call, "GetQueueAttributes", {
    QueueUrl,
    AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
  });
  return { visible: Number(Attributes.ApproximateNumberOfMessages), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
}

export async function receive(call, QueueUrl, options = {}) {
  const json = await ok(call, "ReceiveMessage", {
    QueueUrl,
    MaxNumberOfMessages: 10,
    MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
    ...options,
  });
  return json.Messages ?? [];
}

/** Polls `check` until it returns a truthy value; fails after timeoutMs. */
export async function waitFor(check, { timeoutMs = 5000, intervalMs = 20, what = "condition" } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const md5 = (text) => createHash("md5").update(text, "utf8").digest("hex");

/**
 * Makes the event loop stall for up to maxMs at random, every ~1 ms, like a busy CI machine or
 * GC pauses. Returns a function that stops it.
 */
export function stallEventLoop(maxMs) {
  const timer = setInterval(() => {
    const until = Date.now() + Math.random() * maxMs;
    while (Date.now() < until);
  }, 1);
  return () => clearInterval(timer);
}

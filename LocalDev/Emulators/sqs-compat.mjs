// SQS for local development: local-aws-sqs (below: "the emulator") behind a small compatibility
// layer, so that AWSSDK.SQS v4 for .NET gets the behaviour of real SQS where our code relies on it.
//
// The v4 SDK speaks the JSON protocol: POST /, Content-Type: application/x-amz-json-1.0,
// X-Amz-Target: AmazonSQS.<Action>, JSON body. The layer is an HTTP proxy in the same process:
// public port -> emulator on an ephemeral loopback port. Most actions pass through untouched;
// the ones with a "Bug x" comment are rewritten. Query-protocol (form-encoded) requests pass
// through without fixes.
//
// Besides HTTP, the layer uses the emulator's service object (returned by its public
// createRequestHandler) for what HTTP can't do: queue URLs that name the public port, purging
// at once, and moving messages to a dead-letter queue with their MessageId.
//
// Bugs fixed (verified against local-aws-sqs 2.0.2, each has a test in test/sqs-bugs.test.mjs):
//   a. Empty 200 body for an empty ReceiveMessage (and a GetQueueAttributes with no attributes).
//   b. ReceiveMessage ignores MessageSystemAttributeNames (only reads the legacy AttributeNames).
//   c. Long polling waits the full WaitTimeSeconds unless MaxNumberOfMessages messages turn up,
//      and returns the same message several times if its visibility timeout ends meanwhile
//      (within one receive, even with WaitTimeSeconds=0, if VisibilityTimeout is 0).
//   d. ApproximateNumberOfMessages counts in-flight messages.
//   e. A receive can come back empty although a message is ready (timer race under load).
//   f. ChangeMessageVisibility increments ApproximateReceiveCount.
//   g. Redrive counts those visibility changes as receives and moves a message to the DLQ when
//      its visibility timeout expires, instead of when it would be received again.
//   h. PurgeQueue empties the queue only 60 s later (wiping messages sent meanwhile) and refuses
//      other purges until then.
//   i. MD5OfMessageAttributes is wrong when attribute names or values have non-ASCII characters;
//      the .NET SDK then throws "Attribute MD5 hash mismatch".

import http from "node:http";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";

const { createRequestHandler } = createRequire(import.meta.url)("local-aws-sqs");

const JSON_PROTOCOL = "application/x-amz-json-1.0";
const POLL_INTERVAL_MS = 25; // bug c: how often a long poll looks for new messages
const SETTLE_MS = 200; // bug e: how long an empty answer waits for "delayed" messages with no delay
const GIVE_UP_MS = 1000; // bug e: stop retrying if the emulator never hands out a ready message
const RELAYED_HEADERS = ["content-type", "x-amzn-requestid", "x-amzn-query-error"];
const CONFIGURED_POLICY = Symbol("configuredRedrivePolicy");

/** Starts the emulator and the layer in front of it. Queue URLs point at the layer's port. */
export async function startSqs({ host, port, region, accountId }) {
  const { service, requestHandler } = createRequestHandler({
    port: 0, // set to the public port below, once known
    hostname: urlHost(host),
    region,
    accountId,
    // SQS makes you wait 60 s before re-creating a deleted queue; tests delete and re-create.
    emulateQueueCreationLifecycle: false,
  });
  const inner = http.createServer(requestHandler);
  await listen(inner, 0, "127.0.0.1");
  const innerUrl = `http://127.0.0.1:${inner.address().port}/`;

  const layer = createCompatLayer({ service, innerUrl });
  const server = http.createServer(layer.handle);
  // Keep idle connections longer than HTTP clients' pools do (the .NET default is about a
  // minute), so a client doesn't reuse a connection the server is just closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  try {
    await listen(server, port, host);
  } catch (err) {
    inner.close();
    throw err;
  }
  // The SDK sends each request to the URL of its queue: make that the layer's port.
  service.PORT = server.address().port;

  return {
    url: `http://${urlHost(host)}:${service.PORT}`,
    innerUrl,
    service,
    async close() {
      layer.close();
      await Promise.all([closeServer(server), closeServer(inner)]);
    },
  };
}

function createCompatLayer({ service, innerUrl }) {
  let closing = false;
  // Bug f: visibility changes per "<queue name>/<message id>", subtracted from the emulator's
  // receive count. Entries are never removed; message ids are unique and the map stays small.
  const visibilityChanges = new Map();

  const findQueue = (name) =>
    service.Queues.find((q) => q.QueueName === name && !service.deletingQueues.has(name));
  const queueArn = (name) => `arn:aws:sqs:${service.REGION}:${service.ACCOUNT_ID}:${name}`;

  async function handle(req, res) {
    try {
      const raw = await readBody(req);
      const target = req.headers["x-amz-target"];
      const contentType = String(req.headers["content-type"] ?? "");
      if (!contentType.startsWith(JSON_PROTOCOL) || typeof target !== "string") {
        return relay(res, await forwardAsIs(req, raw));
      }
      const action = target.slice(target.lastIndexOf(".") + 1);
      const ctx = {
        res,
        gone: false,
        // The emulator turns this header into the AWSTraceHeader message attribute.
        headers: req.headers["x-amzn-trace-id"] ? { "x-amzn-trace-id": req.headers["x-amzn-trace-id"] } : {},
      };
      res.on("close", () => (ctx.gone = !res.writableFinished));
      let body;
      try {
        body = raw.length ? JSON.parse(raw) : {};
      } catch {
        return relay(res, await call(action, raw.toString(), ctx.headers)); // the emulator reports it
      }
      if (action === "ReceiveMessage") return await receiveMessage(ctx, body);
      if (action === "GetQueueAttributes") return await getQueueAttributes(ctx, body);
      if (action === "PurgeQueue") return await purgeQueue(ctx, body);
      const answer = await call(action, body, ctx.headers);
      afterForward(action, body, answer);
      relay(res, answer);
    } catch (err) {
      console.error(`sqs: ${req.method} ${req.url} ${req.headers["x-amz-target"] ?? ""} failed:`, err);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": JSON_PROTOCOL });
        res.end(JSON.stringify({ __type: "InternalFailure", message: String(err?.message ?? err) }));
      }
    }
  }

  function afterForward(action, body, answer) {
    if (answer.status !== 200) return;
    if (action === "ChangeMessageVisibility") {
      countVisibilityChange(body.QueueUrl, body.ReceiptHandle);
    } else if (action === "ChangeMessageVisibilityBatch") {
      for (const { Id } of answer.json.Successful ?? []) {
        countVisibilityChange(body.QueueUrl, body.Entries.find((e) => e.Id === Id)?.ReceiptHandle);
      }
    } else if (action === "CreateQueue" || action === "SetQueueAttributes") {
      disableEmulatorRedrive();
    } else if (action === "SendMessage") {
      fixAttributesDigest(answer, answer.json, body);
    } else if (action === "SendMessageBatch") {
      for (const sent of answer.json.Successful ?? []) {
        fixAttributesDigest(answer, sent, body.Entries.find((e) => e.Id === sent.Id));
      }
    }
  }

  // Bug i: the emulator prefixes each name and value with its length in UTF-16 code units;
  // SQS (and the SDK's check) use the length in UTF-8 bytes.
  function fixAttributesDigest(answer, result, request) {
    if (!result?.MD5OfMessageAttributes || !request?.MessageAttributes) return;
    result.MD5OfMessageAttributes = md5OfMessageAttributes(request.MessageAttributes);
    answer.text = JSON.stringify(answer.json);
  }

  // Bugs c and e: long polling done here. The emulator is asked with WaitTimeSeconds=0 (it then
  // answers within ~40 ms); while nothing is ready we look again every POLL_INTERVAL_MS until
  // messages arrive, the wait time is over or the client has gone.
  async function receiveMessage(ctx, body) {
    const name = queueNameOf(body.QueueUrl);
    const queue = findQueue(name);
    const wait = Number(body.WaitTimeSeconds ?? queue?.ReceiveMessageWaitTimeSeconds ?? 0);
    if (!queue || !Number.isInteger(wait) || wait < 0 || wait > 20) {
      // Unknown queue or invalid wait time: the emulator answers with the right error at once.
      return relay(ctx.res, await call("ReceiveMessage", body, ctx.headers));
    }
    const deadline = Date.now() + wait * 1000;
    // Ask for everything: a message may have to be moved to the DLQ with all its attributes.
    // What the client asked for is picked out in present().
    const request = { ...body, WaitTimeSeconds: 0, AttributeNames: ["All"], MessageAttributeNames: ["All"] };
    delete request.MessageSystemAttributeNames;
    // Bug c: with VisibilityTimeout 0 the emulator hands the same message out again on each of
    // its 10 ms scans within one receive (counting each). Receive with 1 s instead and make the
    // messages visible again right after.
    const visibleAtOnce = request.VisibilityTimeout === 0;
    if (visibleAtOnce) request.VisibilityTimeout = 1;
    for (;;) {
      const answer = await call("ReceiveMessage", request, ctx.headers);
      if (answer.status !== 200) return relay(ctx.res, answer);
      const messages = afterReceive(name, answer.json.Messages ?? []);
      if (messages.length) {
        if (visibleAtOnce) messages.forEach((m) => changeVisibility(name, m.ReceiptHandle, 0));
        return reply(ctx.res, answer, { Messages: messages.map((m) => present(m, body)) });
      }
      if (!(await waitUntilReady(ctx, name, deadline))) return reply(ctx.res, answer, {});
    }
  }

  // Bug e: when several receives are in flight and the event loop stalls (GC, a busy machine),
  // Node can fire the emulator's 40 ms end-of-receive timer before its first 10 ms scan, so it
  // answers "no messages" without having looked. An empty answer is therefore only believed once
  // the queue shows nothing ready. A message sent without delay counts as "delayed" until a 0 ms
  // timer has fired, hence the short settle while delayed messages exist.
  async function waitUntilReady(ctx, name, deadline) {
    for (;;) {
      if (ctx.gone || closing) return false;
      const queue = findQueue(name);
      if (!queue) return true; // deleted meanwhile: let the emulator report it
      const counts = queue.getAttributes([
        "ApproximateNumberOfMessages", // not delayed, including in flight (bug d)
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ]);
      const ready = counts.ApproximateNumberOfMessages - counts.ApproximateNumberOfMessagesNotVisible;
      const now = Date.now();
      if (ready > 0) return now < deadline + GIVE_UP_MS;
      if (now >= deadline && (counts.ApproximateNumberOfMessagesDelayed === "0" || now >= deadline + SETTLE_MS)) {
        return false;
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }

  function afterReceive(name, messages) {
    const queue = findQueue(name);
    const kept = [];
    for (const m of messages) {
      m.Attributes ??= {};
      // Bug f: the emulator's count includes visibility changes.
      const count = Number(m.Attributes.ApproximateReceiveCount) - (visibilityChanges.get(`${name}/${m.MessageId}`) ?? 0);
      m.Attributes.ApproximateReceiveCount = String(count);
      if (!(queue && moveToDeadLetterQueue(queue, m, count))) kept.push(m);
    }
    return kept;
  }

  // Bug g: as in SQS, a message that has been received maxReceiveCount times goes to the
  // dead-letter queue when it would be received again. Done like the emulator's own move:
  // same MessageId, body and attributes, plus DeadLetterQueueSourceArn.
  function moveToDeadLetterQueue(queue, m, receiveCount) {
    const policy = queue.RedrivePolicy?.[CONFIGURED_POLICY];
    if (!policy || receiveCount <= Number(policy.maxReceiveCount)) return false;
    const dlq = findQueue(arnName(policy.deadLetterTargetArn));
    if (!dlq) return false; // SQS would keep it too
    const system = { DeadLetterQueueSourceArn: { DataType: "String", StringValue: queueArn(queue.QueueName) } };
    if (m.Attributes.AWSTraceHeader) {
      system.AWSTraceHeader = { DataType: "String", StringValue: m.Attributes.AWSTraceHeader };
    }
    dlq.setRecord(
      {
        MessageBody: m.Body,
        MessageAttributes: m.MessageAttributes,
        MessageSystemAttributes: system,
        MessageGroupId: m.Attributes.MessageGroupId,
        MessageDeduplicationId: m.Attributes.MessageDeduplicationId,
      },
      m.MessageId,
    );
    queue.delete(m.ReceiptHandle);
    return true;
  }

  // Bug g: switch the emulator's own redrive off. Its policy object gets a maxReceiveCount it
  // can never reach, but still serialises (toJSON) as configured, so GetQueueAttributes,
  // CreateQueue's "same attributes" check and ListDeadLetterSourceQueues see the real policy.
  function disableEmulatorRedrive() {
    for (const queue of service.Queues) {
      const policy = queue.RedrivePolicy;
      if (!policy?.deadLetterTargetArn || policy[CONFIGURED_POLICY]) continue;
      queue.RedrivePolicy = {
        deadLetterTargetArn: policy.deadLetterTargetArn,
        maxReceiveCount: Infinity,
        toJSON: () => policy,
        [CONFIGURED_POLICY]: policy,
      };
    }
  }

  // Bug f: SQS does not count ChangeMessageVisibility as a receive; the emulator does.
  function countVisibilityChange(queueUrl, receiptHandle) {
    const id = messageIdOf(receiptHandle);
    if (!id) return;
    const key = `${queueNameOf(queueUrl)}/${id}`;
    visibilityChanges.set(key, (visibilityChanges.get(key) ?? 0) + 1);
  }

  function changeVisibility(name, receiptHandle, seconds) {
    if (findQueue(name)?.changeVisibility(receiptHandle, seconds)) countVisibilityChange(name, receiptHandle);
  }

  // Bug d: ApproximateNumberOfMessages must count visible messages only; the emulator also
  // counts in-flight ones (which it reports, correctly, as ApproximateNumberOfMessagesNotVisible).
  async function getQueueAttributes(ctx, body) {
    const names = Array.isArray(body.AttributeNames) ? body.AttributeNames : [];
    const all = names.includes("All");
    if (!all && !names.includes("ApproximateNumberOfMessages")) {
      return relay(ctx.res, await call("GetQueueAttributes", body, ctx.headers));
    }
    const request = { ...body, AttributeNames: [...new Set([...names, "ApproximateNumberOfMessagesNotVisible"])] };
    const answer = await call("GetQueueAttributes", request, ctx.headers);
    const attributes = answer.json.Attributes;
    if (answer.status !== 200 || !attributes) return relay(ctx.res, answer);
    const visible = attributes.ApproximateNumberOfMessages - attributes.ApproximateNumberOfMessagesNotVisible;
    attributes.ApproximateNumberOfMessages = String(Math.max(0, visible));
    if (!all && !names.includes("ApproximateNumberOfMessagesNotVisible")) {
      delete attributes.ApproximateNumberOfMessagesNotVisible;
    }
    reply(ctx.res, answer, { Attributes: attributes });
  }

  // Bug h: purge at once. (SQS also allows only one purge per 60 s; not enforced, tests purge often.)
  async function purgeQueue(ctx, body) {
    // Let the emulator check the queue exists and answer with its own error if not.
    const check = await call("GetQueueAttributes", { QueueUrl: body.QueueUrl, AttributeNames: ["QueueArn"] });
    if (check.status !== 200) return relay(ctx.res, check);
    findQueue(queueNameOf(body.QueueUrl))?.clearRecords();
    reply(ctx.res, check, {});
  }

  async function call(action, body, headers = {}) {
    const response = await fetch(innerUrl, {
      method: "POST",
      headers: { ...headers, "content-type": JSON_PROTOCOL, "x-amz-target": `AmazonSQS.${action}` },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return answerOf(response, true);
  }

  async function forwardAsIs(req, raw) {
    const headers = {};
    for (const name of ["content-type", "x-amz-target", "x-amzn-trace-id"]) {
      if (req.headers[name]) headers[name] = req.headers[name];
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const response = await fetch(innerUrl, { method: req.method, headers, body: hasBody ? raw : undefined });
    const answer = await answerOf(response, false);
    disableEmulatorRedrive(); // a query-protocol CreateQueue/SetQueueAttributes may have set a policy
    return answer;
  }

  return {
    handle,
    close() {
      closing = true;
    },
  };
}

async function answerOf(response, isJson) {
  const text = await response.text();
  const headers = {};
  for (const name of RELAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  let json = {};
  if (isJson && text) {
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON after all: relayed as text
    }
  }
  return { status: response.status, headers, text, json, isJson };
}

function reply(res, answer, json) {
  relay(res, { ...answer, text: JSON.stringify(json) });
}

// Bug a: the emulator answers some JSON requests with an empty 200 body (ReceiveMessage with no
// messages, GetQueueAttributes with nothing to report), which the .NET SDK can't parse. SQS
// sends {}.
function relay(res, answer) {
  if (res.destroyed || res.headersSent) return;
  const text = answer.isJson && answer.status === 200 && answer.text === "" ? "{}" : answer.text;
  res.writeHead(answer.status, { ...answer.headers, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

// What the client asked for, out of a message received with all attributes.
function present(m, request) {
  const out = { MessageId: m.MessageId, ReceiptHandle: m.ReceiptHandle, MD5OfBody: m.MD5OfBody, Body: m.Body };
  // Bug b: the v4 SDK names system attributes in MessageSystemAttributeNames.
  const systemNames = [...asArray(request.AttributeNames), ...asArray(request.MessageSystemAttributeNames)];
  const attributes = Object.fromEntries(
    Object.entries(m.Attributes ?? {}).filter(
      ([name, value]) => value !== "" && (systemNames.includes("All") || systemNames.includes(name)),
    ),
  );
  if (Object.keys(attributes).length) out.Attributes = attributes;

  const wanted = asArray(request.MessageAttributeNames);
  const matches = (name) =>
    wanted.some((w) => w === "All" || w === ".*" || w === name || (w.endsWith(".*") && name.startsWith(w.slice(0, -1))));
  const messageAttributes = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).filter(([name]) => matches(name)));
  if (Object.keys(messageAttributes).length) {
    out.MessageAttributes = messageAttributes;
    // The SDK checks this digest against the attributes it got: compute it for this subset
    // (and correctly, bug i).
    out.MD5OfMessageAttributes = md5OfMessageAttributes(messageAttributes);
  }
  return out;
}

/**
 * MD5 of message attributes as SQS defines it: for each attribute, by name in ordinal order,
 * name, data type, a transport byte (1 string, 2 binary) and the value, each but the transport
 * byte preceded by its length in bytes (UTF-8 for text) as a 32-bit big-endian integer.
 */
export function md5OfMessageAttributes(attributes) {
  const hash = createHash("md5");
  const field = (value) => {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const { DataType, StringValue, BinaryValue } = attributes[name];
    field(name);
    field(DataType);
    if (StringValue !== undefined) {
      hash.update(Buffer.from([1]));
      field(StringValue);
    } else {
      hash.update(Buffer.from([2]));
      field(Buffer.from(BinaryValue, "base64"));
    }
  }
  return hash.digest("hex");
}

const asArray = (value) => (Array.isArray(value) ? value : []);

// As the emulator does it: the last segment of the URL's path, or the value itself if it is no URL.
function queueNameOf(queueUrl) {
  if (typeof queueUrl !== "string") return undefined;
  try {
    return new URL(queueUrl).pathname.split("/").filter(Boolean).pop();
  } catch {
    return queueUrl;
  }
}

const arnName = (arn) => String(arn).split(":").pop();

// The emulator's receipt handles are base64 of "<uuid>{json with MessageId}".
function messageIdOf(receiptHandle) {
  try {
    const text = Buffer.from(String(receiptHandle), "base64").toString("utf8");
    return JSON.parse(text.slice(text.indexOf("{"))).MessageId;
  } catch {
    return undefined;
  }
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function urlHost(host) {
  return host.includes(":") ? `[${host}]` : host;
}

export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

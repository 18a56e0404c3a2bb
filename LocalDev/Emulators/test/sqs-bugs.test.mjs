// One block per local-aws-sqs bug the compatibility layer fixes (see sqs-compat.mjs).
// "emulator alone" talks to local-aws-sqs directly and shows the bug is still there (if one of
// these starts failing after an upgrade, the matching fix may no longer be needed);
// "through the layer" is the fix. Everything speaks the JSON protocol like AWSSDK.SQS v4.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { counts, createQueue, ok, queueArn, receive, sqsClient, stallEventLoop, startTestSqs, succeeds, uniqueName } from "../test-helpers.mjs";

let sqs, layer, emulator;
before(async () => {
  sqs = await startTestSqs();
  layer = sqsClient(sqs.url);
  emulator = sqsClient(sqs.innerUrl);
});
after(() => sqs.close());

describe("bug a: empty ReceiveMessage answers an empty body", () => {
  it("emulator alone: empty body", async () => {
    const queue = await createQueue(layer);
    const answer = await emulator("ReceiveMessage", { QueueUrl: queue });
    assert.equal(answer.status, 200);
    assert.equal(answer.text, "");
  });

  it("through the layer: {} as SQS sends", async () => {
    const queue = await createQueue(layer);
    const answer = await layer("ReceiveMessage", { QueueUrl: queue });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, {});
    assert.equal(answer.headers.get("content-type"), "application/x-amz-json-1.0");
    // Same for GetQueueAttributes without attribute names.
    assert.deepEqual(await ok(layer, "GetQueueAttributes", { QueueUrl: queue }), {});
  });
});

describe("bug b: MessageSystemAttributeNames is ignored", () => {
  const request = (QueueUrl) => ({ QueueUrl, MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"] });

  it("emulator alone: no Attributes", async () => {
    const queue = await createQueue(layer);
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "b" });
    const { Messages } = await ok(emulator, "ReceiveMessage", request(queue));
    assert.equal(Messages[0].Attributes, undefined);
  });

  it("through the layer: the requested system attributes, and only those", async () => {
    const queue = await createQueue(layer);
    const before = Date.now();
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "b" });
    const { Messages } = await ok(layer, "ReceiveMessage", request(queue));
    assert.deepEqual(Object.keys(Messages[0].Attributes).sort(), ["ApproximateReceiveCount", "SentTimestamp"]);
    assert.equal(Messages[0].Attributes.ApproximateReceiveCount, "1");
    assert.ok(Math.abs(Number(Messages[0].Attributes.SentTimestamp) - before) < 5000);
  });
});

describe("bug c: long polling", () => {
  it("emulator alone: waits the full WaitTimeSeconds although a message arrived, returns it 3 times", async () => {
    const queue = await createQueue(layer);
    const started = Date.now();
    setTimeout(() => ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "late" }), 100);
    const { Messages } = await ok(emulator, "ReceiveMessage", { QueueUrl: queue, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 });
    assert.ok(Date.now() - started >= 1000);
    assert.equal(Messages.length, 1);

    // VisibilityTimeout 0: picked up again on each 10 ms scan of one receive.
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "again" });
    const again = await ok(emulator, "ReceiveMessage", { QueueUrl: queue, VisibilityTimeout: 0, MaxNumberOfMessages: 10 });
    assert.ok(again.Messages.length > 1);
    assert.equal(new Set(again.Messages.map((m) => m.MessageId)).size, 1);
  });

  it("through the layer: returns promptly when a message arrives mid-wait", async () => {
    const queue = await createQueue(layer);
    const started = Date.now();
    setTimeout(() => ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "late" }), 300);
    const messages = await receive(layer, queue, { WaitTimeSeconds: 10 });
    const elapsed = Date.now() - started;
    assert.deepEqual(messages.map((m) => m.Body), ["late"]);
    assert.ok(elapsed >= 300 && elapsed < 1500, `took ${elapsed} ms`);
  });

  it("through the layer: a message is returned once per receive, even with VisibilityTimeout 0", async () => {
    const queue = await createQueue(layer);
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "once" });
    const first = await receive(layer, queue, { VisibilityTimeout: 0 });
    assert.equal(first.length, 1);
    assert.equal(first[0].Attributes.ApproximateReceiveCount, "1");
    // ... and it is visible again at once, counted once more per receive.
    const second = await receive(layer, queue, { VisibilityTimeout: 0 });
    assert.deepEqual(second.map((m) => [m.MessageId, m.Attributes.ApproximateReceiveCount]), [[first[0].MessageId, "2"]]);
  });
});

describe("bug d: ApproximateNumberOfMessages counts in-flight messages", () => {
  async function twoSentOneReceived() {
    const queue = await createQueue(layer);
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "1" });
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "2" });
    assert.equal((await receive(layer, queue, { MaxNumberOfMessages: 1 })).length, 1);
    return queue;
  }

  it("emulator alone: 2 visible, 1 in flight", async () => {
    const queue = await twoSentOneReceived();
    assert.deepEqual(await counts(emulator, queue), { visible: 2, inFlight: 1 });
  });

  it("through the layer: 1 visible, 1 in flight", async () => {
    const queue = await twoSentOneReceived();
    assert.deepEqual(await counts(layer, queue), { visible: 1, inFlight: 1 });
    const { Attributes } = await ok(layer, "GetQueueAttributes", { QueueUrl: queue, AttributeNames: ["ApproximateNumberOfMessages"] });
    assert.deepEqual(Attributes, { ApproximateNumberOfMessages: "1" });
    const all = await ok(layer, "GetQueueAttributes", { QueueUrl: queue, AttributeNames: ["All"] });
    assert.equal(all.Attributes.ApproximateNumberOfMessages, "1");
    assert.equal(all.Attributes.ApproximateNumberOfMessagesNotVisible, "1");
  });
});

describe("bug e: a receive right after a send can come back empty", () => {
  // The emulator ends a receive with a 40 ms timer and scans the queue with a 10 ms interval.
  // With several receives in flight and a stalling event loop, Node can fire the former first:
  // the receive answers "no messages" without having looked (about 1 in 50 here, reproducible
  // with bare Node timers). Not asserted for the emulator alone, as it is random.
  it("through the layer: every receive after a completed send sees the message", async () => {
    const queues = await Promise.all(Array.from({ length: 20 }, () => createQueue(layer)));
    const stop = stallEventLoop(45);
    const missed = [];
    try {
      await Promise.all(
        queues.map(async (queue) => {
          for (let i = 0; i < 15; i++) {
            await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: `m${i}` });
            const messages = await receive(layer, queue);
            if (!messages.some((m) => m.Body === `m${i}`)) missed.push(`${queue} m${i}`);
          }
        }),
      );
    } finally {
      stop();
    }
    assert.deepEqual(missed, []);
  });
});

describe("bug f: ChangeMessageVisibility increments ApproximateReceiveCount", () => {
  async function receiveChangeReceive(call) {
    const queue = await createQueue(layer);
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "f" });
    const [first] = await receive(call, queue);
    await succeeds(call, "ChangeMessageVisibility", { QueueUrl: queue, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 0 });
    const [second] = await receive(call, queue);
    await ok(call, "ChangeMessageVisibilityBatch", {
      QueueUrl: queue,
      Entries: [{ Id: "e1", ReceiptHandle: second.ReceiptHandle, VisibilityTimeout: 0 }],
    });
    const [third] = await receive(call, queue);
    return [first, second, third].map((m) => m.Attributes.ApproximateReceiveCount);
  }

  it("emulator alone: 1, 3, 5", async () => {
    const emulatorWithAttributes = (action, body) => emulator(action, { ...body, AttributeNames: ["ApproximateReceiveCount"] });
    assert.deepEqual(await receiveChangeReceive(emulatorWithAttributes), ["1", "3", "5"]);
  });

  it("through the layer: 1, 2, 3", async () => {
    assert.deepEqual(await receiveChangeReceive(layer), ["1", "2", "3"]);
  });
});

describe("bug g: redrive counts visibility changes and moves on visibility expiry", () => {
  // Created through `call`: a CreateQueue through the layer switches the emulator's redrive off.
  async function queueWithDlq(call, maxReceiveCount) {
    const dlqName = uniqueName("dlq");
    const dlq = await createQueue(call, dlqName);
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: queueArn(dlqName), maxReceiveCount });
    const source = await createQueue(call, uniqueName("src"), { RedrivePolicy });
    return { source, dlq };
  }

  // A consumer that fails and asks for a quick retry: receive, then ChangeMessageVisibility 0.
  async function failOnce(call, queue) {
    const answer = await succeeds(call, "ReceiveMessage", { QueueUrl: queue, MaxNumberOfMessages: 10 });
    const messages = answer?.Messages ?? []; // the emulator alone answers "" when empty (bug a)
    for (const m of messages) await succeeds(call, "ChangeMessageVisibility", { QueueUrl: queue, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 });
    return messages.length;
  }

  it("emulator alone: with maxReceiveCount 2 the message is delivered only once", async () => {
    const { source, dlq } = await queueWithDlq(emulator, 2);
    await ok(layer, "SendMessage", { QueueUrl: source, MessageBody: "g" });
    assert.equal(await failOnce(emulator, source), 1);
    assert.equal(await failOnce(emulator, source), 0);
    assert.equal((await receive(layer, dlq)).length, 1);
  });

  it("through the layer: delivered maxReceiveCount times, moved on the next receive", async () => {
    const { source, dlq } = await queueWithDlq(layer, 2);
    const sent = await ok(layer, "SendMessage", { QueueUrl: source, MessageBody: "g" });
    assert.equal(await failOnce(layer, source), 1);
    assert.equal(await failOnce(layer, source), 1);
    assert.deepEqual(await counts(layer, dlq), { visible: 0, inFlight: 0 }); // not moved before the next receive
    assert.equal(await failOnce(layer, source), 0);
    assert.deepEqual(await counts(layer, source), { visible: 0, inFlight: 0 });
    const moved = await receive(layer, dlq, { AttributeNames: ["All"] });
    assert.equal(moved.length, 1);
    assert.equal(moved[0].MessageId, sent.MessageId);
    assert.equal(moved[0].Body, "g");
    assert.equal(moved[0].Attributes.DeadLetterQueueSourceArn, queueArn(source.split("/").pop()));
  });
});

describe("bug h: PurgeQueue takes 60 s", () => {
  it("emulator alone: messages still there after the purge; a second purge is refused", async () => {
    const queue = await createQueue(layer);
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "h" });
    await succeeds(emulator, "PurgeQueue", { QueueUrl: queue });
    assert.equal((await counts(layer, queue)).visible, 1);
    const again = await emulator("PurgeQueue", { QueueUrl: queue });
    assert.equal(again.status, 403);
    assert.match(again.json.__type, /PurgeQueueInProgress/);
    await ok(layer, "DeleteQueue", { QueueUrl: queue }); // leaves the pending purge nothing to do
  });

  it("through the layer: empty at once, and purge can be repeated", async () => {
    const queue = await createQueue(layer);
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "h1" });
    await receive(layer, queue, { MaxNumberOfMessages: 1 }); // in flight: purged too
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "h2" });
    assert.deepEqual(await ok(layer, "PurgeQueue", { QueueUrl: queue }), {});
    assert.deepEqual(await counts(layer, queue), { visible: 0, inFlight: 0 });
    assert.deepEqual(await receive(layer, queue), []);
    await ok(layer, "SendMessage", { QueueUrl: queue, MessageBody: "h3" });
    await ok(layer, "PurgeQueue", { QueueUrl: queue });
    assert.deepEqual(await receive(layer, queue), []);
    const missing = await layer("PurgeQueue", { QueueUrl: `${sqs.url}/000000000000/no-such-queue` });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.__type, "com.amazonaws.sqs#QueueDoesNotExist");
  });
});

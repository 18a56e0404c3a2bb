// SQS behaviour our code relies on, through the compatibility layer, with the JSON protocol
// as AWSSDK.SQS v4 speaks it. Each test has its own queues, so tests in a block run concurrently.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { md5OfMessageAttributes } from "../sqs-compat.mjs";
import { ACCOUNT_ID, counts, createQueue, md5, ok, queueArn, receive, sqsClient, startTestSqs, uniqueName, waitFor } from "../test-helpers.mjs";

let sqs, call;
before(async () => {
  sqs = await startTestSqs();
  call = sqsClient(sqs.url);
});
after(() => sqs.close());

const send = (QueueUrl, MessageBody, extra = {}) => ok(call, "SendMessage", { QueueUrl, MessageBody, ...extra });

describe("queues", { concurrency: true }, () => {
  it("queue URLs name the public port and account 000000000000", async () => {
    const name = uniqueName();
    const url = await createQueue(call, name);
    assert.equal(url, `${sqs.url}/${ACCOUNT_ID}/${name}`);
    assert.equal((await ok(call, "GetQueueUrl", { QueueName: name })).QueueUrl, url);
    const { Attributes } = await ok(call, "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["QueueArn"] });
    assert.deepEqual(Attributes, { QueueArn: queueArn(name) });
  });

  it("CreateQueue is idempotent with the same attributes and refuses different ones", async () => {
    const name = uniqueName();
    const attributes = { VisibilityTimeout: "45", MessageRetentionPeriod: "3600" };
    const url = await createQueue(call, name, attributes);
    assert.equal(await createQueue(call, name, attributes), url);
    const clash = await call("CreateQueue", { QueueName: name, Attributes: { VisibilityTimeout: "46" } });
    assert.equal(clash.status, 400);
    assert.equal(clash.json.__type, "com.amazonaws.sqs#QueueNameExists");
  });

  it("CreateQueue with a RedrivePolicy: idempotent, refuses another maxReceiveCount, reports the policy", async () => {
    const dlq = uniqueName("dlq");
    await createQueue(call, dlq);
    const name = uniqueName();
    const policy = (maxReceiveCount) => ({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn(dlq), maxReceiveCount }) });
    const url = await createQueue(call, name, policy(5));
    assert.equal(await createQueue(call, name, policy(5)), url);
    const clash = await call("CreateQueue", { QueueName: name, Attributes: policy(6) });
    assert.equal(clash.status, 400);
    const { Attributes } = await ok(call, "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["RedrivePolicy"] });
    assert.deepEqual(JSON.parse(Attributes.RedrivePolicy), { deadLetterTargetArn: queueArn(dlq), maxReceiveCount: 5 });
    const { queueUrls } = await ok(call, "ListDeadLetterSourceQueues", { QueueUrl: `${sqs.url}/${ACCOUNT_ID}/${dlq}` });
    assert.deepEqual(queueUrls, [url]);
  });

  it("ListQueues with a prefix", async () => {
    const prefix = uniqueName("list");
    const urls = [await createQueue(call, `${prefix}-a`), await createQueue(call, `${prefix}-b`)];
    assert.deepEqual((await ok(call, "ListQueues", { QueueNamePrefix: prefix })).QueueUrls.sort(), urls.sort());
  });

  it("a deleted queue is gone at once and can be re-created", async () => {
    const name = uniqueName();
    const url = await createQueue(call, name);
    await send(url, "before delete");
    await ok(call, "DeleteQueue", { QueueUrl: url });
    const missing = await call("GetQueueUrl", { QueueName: name });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.__type, "com.amazonaws.sqs#QueueDoesNotExist");
    assert.equal(missing.headers.get("x-amzn-query-error"), "AWS.SimpleQueueService.NonExistentQueue;Sender");
    assert.equal(await createQueue(call, name), url);
    assert.deepEqual(await receive(call, url), []);
  });

  it("an unknown queue is reported as SQS does", async () => {
    const answer = await call("ReceiveMessage", { QueueUrl: `${sqs.url}/${ACCOUNT_ID}/${uniqueName("none")}`, WaitTimeSeconds: 20 });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.__type, "com.amazonaws.sqs#QueueDoesNotExist");
  });
});

describe("messages", { concurrency: true }, () => {
  it("SendMessage and ReceiveMessage: body, MD5s and String/Number/Binary attributes round-trip", async () => {
    const url = await createQueue(call);
    const MessageAttributes = {
      "order.id": { DataType: "String", StringValue: "o-42 ü" },
      "order.total": { DataType: "Number", StringValue: "12.50" },
      trace: { DataType: "Binary", BinaryValue: Buffer.from([0, 1, 2, 255]).toString("base64") },
    };
    const body = '{"orderId":"o-42","note":"ünïcode"}';
    const sent = await send(url, body, { MessageAttributes });
    assert.equal(sent.MD5OfMessageBody, md5(body));
    // The .NET SDK checks both digests against what it sent (attributes: see bug i).
    assert.equal(sent.MD5OfMessageAttributes, md5OfMessageAttributes(MessageAttributes));

    const [m] = await receive(call, url, { MessageAttributeNames: ["All"] });
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.Body, body);
    assert.equal(m.MD5OfBody, md5(body));
    assert.deepEqual(m.MessageAttributes, MessageAttributes);
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
  });

  it("only the requested message attributes are returned, with the MD5 of those", async () => {
    const url = await createQueue(call);
    const a = { DataType: "String", StringValue: "A" };
    const b = { DataType: "String", StringValue: "B" };
    await send(url, "x", { MessageAttributes: { "order.a": a, "order.b": b, other: b } });
    const [m] = await receive(call, url, { MessageAttributeNames: ["order.*"], VisibilityTimeout: 0 });
    assert.deepEqual(m.MessageAttributes, { "order.a": a, "order.b": b });
    // Reference digest for that subset: the emulator's own (right for ASCII text), for a message
    // sent with just those two.
    const reference = await send(await createQueue(call), "x", { MessageAttributes: { "order.a": a, "order.b": b } });
    assert.equal(m.MD5OfMessageAttributes, reference.MD5OfMessageAttributes);
    const [plain] = await receive(call, url);
    assert.equal(plain.MessageAttributes, undefined);
    assert.equal(plain.MD5OfMessageAttributes, undefined);
  });

  it("SendMessageBatch and DeleteMessageBatch", async () => {
    const url = await createQueue(call);
    const entries = ["1", "2", "3"].map((id) => ({
      Id: `e${id}`,
      MessageBody: `batch ${id}`,
      MessageAttributes: { n: { DataType: "Number", StringValue: id } },
    }));
    const { Successful, Failed } = await ok(call, "SendMessageBatch", { QueueUrl: url, Entries: entries });
    assert.equal(Failed, undefined);
    assert.deepEqual(Successful.map((s) => s.Id).sort(), ["e1", "e2", "e3"]);
    for (const s of Successful) {
      const entry = entries.find((e) => e.Id === s.Id);
      assert.equal(s.MD5OfMessageBody, md5(entry.MessageBody));
      assert.equal(s.MD5OfMessageAttributes, md5OfMessageAttributes(entry.MessageAttributes));
    }
    const messages = await receive(call, url);
    assert.deepEqual(messages.map((m) => m.Body).sort(), ["batch 1", "batch 2", "batch 3"]);
    const deleted = await ok(call, "DeleteMessageBatch", {
      QueueUrl: url,
      Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
    });
    assert.equal(deleted.Successful.length, 3);
    assert.deepEqual(await counts(call, url), { visible: 0, inFlight: 0 });
  });

  it("DeleteMessage removes an in-flight message", async () => {
    const url = await createQueue(call);
    await send(url, "bye");
    const [m] = await receive(call, url);
    assert.deepEqual(await counts(call, url), { visible: 0, inFlight: 1 });
    assert.deepEqual(await ok(call, "DeleteMessage", { QueueUrl: url, ReceiptHandle: m.ReceiptHandle }), {});
    assert.deepEqual(await counts(call, url), { visible: 0, inFlight: 0 });
  });
});

describe("visibility", { concurrency: true }, () => {
  it("a received message is invisible, then visible again after VisibilityTimeout, receive count incremented", async () => {
    const url = await createQueue(call);
    await send(url, "v");
    const [first] = await receive(call, url, { VisibilityTimeout: 1 });
    assert.equal(first.Attributes.ApproximateReceiveCount, "1");
    const receivedAt = Date.now();
    assert.deepEqual(await receive(call, url), []);
    assert.deepEqual(await counts(call, url), { visible: 0, inFlight: 1 });
    const [second] = await waitFor(async () => {
      const messages = await receive(call, url);
      return messages.length ? messages : undefined;
    }, { what: "message to become visible again" });
    assert.ok(Date.now() - receivedAt >= 900, "visible again too early");
    assert.equal(second.MessageId, first.MessageId);
    assert.notEqual(second.ReceiptHandle, first.ReceiptHandle);
    assert.equal(second.Attributes.ApproximateReceiveCount, "2");
  });

  it("the queue's VisibilityTimeout applies when the receive names none", async () => {
    const url = await createQueue(call, uniqueName(), { VisibilityTimeout: "1" });
    await send(url, "q");
    await receive(call, url);
    assert.deepEqual(await receive(call, url), []);
    const again = await receive(call, url, { WaitTimeSeconds: 3 });
    assert.equal(again.length, 1);
  });

  it("ChangeMessageVisibility: 0 makes it visible at once; a longer timeout keeps it hidden", async () => {
    const url = await createQueue(call);
    await send(url, "c");
    const [m] = await receive(call, url, { VisibilityTimeout: 30 });
    await ok(call, "ChangeMessageVisibility", { QueueUrl: url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 });
    const [again] = await receive(call, url, { VisibilityTimeout: 1 });
    assert.equal(again.MessageId, m.MessageId);
    await ok(call, "ChangeMessageVisibility", { QueueUrl: url, ReceiptHandle: again.ReceiptHandle, VisibilityTimeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 1200)); // outlast the original 1 s
    assert.deepEqual(await receive(call, url), []);
    assert.deepEqual(await counts(call, url), { visible: 0, inFlight: 1 });
  });
});

describe("long polling", { concurrency: true }, () => {
  it("an empty long poll answers {} after WaitTimeSeconds", async () => {
    const url = await createQueue(call);
    const started = Date.now();
    const answer = await call("ReceiveMessage", { QueueUrl: url, WaitTimeSeconds: 1 });
    const elapsed = Date.now() - started;
    assert.deepEqual(answer.json, {});
    assert.ok(elapsed >= 950 && elapsed < 1500, `took ${elapsed} ms`);
  });

  it("the queue's ReceiveMessageWaitTimeSeconds applies when the receive names none", async () => {
    const url = await createQueue(call, uniqueName(), { ReceiveMessageWaitTimeSeconds: "5" });
    const started = Date.now();
    setTimeout(() => send(url, "waited"), 200);
    const messages = await receive(call, url);
    assert.deepEqual(messages.map((m) => m.Body), ["waited"]);
    assert.ok(Date.now() - started < 1500);
  });

  it("a long poll whose client went away does not take a message", async () => {
    const url = await createQueue(call);
    const abort = new AbortController();
    const poll = call("ReceiveMessage", { QueueUrl: url, WaitTimeSeconds: 20 }, { signal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    abort.abort();
    await assert.rejects(poll, { name: "AbortError" });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the layer notices within one poll interval
    await send(url, "for whoever asks next");
    assert.equal((await receive(call, url, { WaitTimeSeconds: 1 })).length, 1);
  });

  it("concurrent long polls share the messages without duplicates", async () => {
    const url = await createQueue(call);
    const polls = Array.from({ length: 4 }, () => receive(call, url, { WaitTimeSeconds: 2, MaxNumberOfMessages: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 4; i++) await send(url, `p${i}`);
    const bodies = (await Promise.all(polls)).flat().map((m) => m.Body);
    assert.deepEqual(bodies.sort(), ["p0", "p1", "p2", "p3"]);
  });
});

describe("dead-letter queue", { concurrency: true }, () => {
  it("after maxReceiveCount receives whose visibility timed out, the next receive moves it to the DLQ", async () => {
    const dlqName = uniqueName("dlq");
    const dlq = await createQueue(call, dlqName);
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: queueArn(dlqName), maxReceiveCount: 1 });
    const source = await createQueue(call, uniqueName("src"), { RedrivePolicy, VisibilityTimeout: "1" });
    const sent = await send(source, "poison", { MessageAttributes: { kind: { DataType: "String", StringValue: "order" } } });

    const [first] = await receive(call, source);
    assert.equal(first.Attributes.ApproximateReceiveCount, "1");
    // Its visibility times out; the next receive finds it exhausted and moves it.
    await waitFor(async () => {
      assert.deepEqual(await receive(call, source), []);
      return (await counts(call, dlq)).visible === 1;
    }, { what: "the message to reach the DLQ" });
    assert.deepEqual(await counts(call, source), { visible: 0, inFlight: 0 });

    const [moved] = await receive(call, dlq, { AttributeNames: ["All"], MessageAttributeNames: ["All"] });
    assert.equal(moved.MessageId, sent.MessageId);
    assert.equal(moved.Body, "poison");
    assert.deepEqual(moved.MessageAttributes, { kind: { DataType: "String", StringValue: "order" } });
    assert.equal(moved.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.equal(moved.Attributes.DeadLetterQueueSourceArn, queueArn(source.split("/").pop()));
  });

  it("SetQueueAttributes can add a RedrivePolicy later", async () => {
    const dlqName = uniqueName("dlq");
    const dlq = await createQueue(call, dlqName);
    const source = await createQueue(call);
    await ok(call, "SetQueueAttributes", {
      QueueUrl: source,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn(dlqName), maxReceiveCount: 1 }) },
    });
    await send(source, "later");
    assert.equal((await receive(call, source, { VisibilityTimeout: 0 })).length, 1);
    assert.deepEqual(await receive(call, source), []);
    assert.equal((await receive(call, dlq)).length, 1);
  });
});

describe("other protocols", () => {
  it("query-protocol requests pass through to the emulator", async () => {
    const name = uniqueName("query");
    await createQueue(call, name);
    const response = await fetch(sqs.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Action=ListQueues&QueueNamePrefix=${name}&Version=2012-11-05`,
    });
    assert.equal(response.status, 200);
    assert.match(await response.text(), new RegExp(`<QueueUrl>${sqs.url}/${ACCOUNT_ID}/${name}</QueueUrl>`));
  });
});

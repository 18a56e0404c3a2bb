// The process contract the .NET test fixture relies on: emulators.mjs as a child process.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";

const script = fileURLToPath(new URL("../emulators.mjs", import.meta.url));
const LINE = /(sqs|ses|s3) listening on (http:\/\/\S+)/; // the fixture's regex

/** Every child started; one still running after a failed test would keep the test runner waiting for it. */
const children = new Set();
after(() => {
  for (const child of children) child.kill("SIGKILL");
});

/** Starts emulators.mjs; resolves once every "listening" line is out. */
function startChild(args = ["--sqs-port", "0", "--ses-port", "0", "--s3-port", "0"]) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (d) => (output.stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d) => (output.stderr += d));
  // "close", not "exit": the stdio streams may still be open at "exit" (Node.js docs, child_process, Event: 'exit'),
  // so a message the child wrote just before exiting could still be unread.
  const exited = new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const check = () => {
      const urls = {};
      for (const line of output.stdout.split("\n")) {
        const match = LINE.exec(line);
        if (match) urls[match[1]] = match[2];
      }
      if (urls.sqs && urls.ses && urls.s3) resolve(urls);
    };
    child.stdout.on("data", check);
    exited.then(({ code }) => reject(new Error(`exited with ${code} before listening:\n${output.stderr}`)));
  });
  ready.catch(() => {}); // only some tests wait for it
  return { child, output, exited, ready };
}

async function stopWith(signal, { child, exited }) {
  const started = Date.now();
  child.kill(signal);
  const result = await exited;
  return { ...result, ms: Date.now() - started };
}

describe("emulators.mjs", { concurrency: true }, () => {
  it("prints one listening line per service, serves them all, and exits 0 on SIGTERM", async () => {
    const run = startChild();
    const urls = await run.ready;
    assert.match(urls.sqs, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(urls.ses, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(urls.s3, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(run.output.stdout.trim().split("\n").map((l) => l.split(" on ")[0]), ["sqs listening", "ses listening", "s3 listening"]);

    // S3: a bucket made over HTTP takes an object and gives it back.
    assert.equal((await fetch(`${urls.s3}/cli-test`, { method: "PUT" })).status, 200);
    assert.equal((await fetch(`${urls.s3}/cli-test/media/a.txt`, { method: "PUT", body: "hello" })).status, 200);
    assert.equal(await (await fetch(`${urls.s3}/cli-test/media/a.txt`)).text(), "hello");

    // SQS: queue URLs name the printed port.
    const created = await fetch(urls.sqs, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.CreateQueue" },
      body: JSON.stringify({ QueueName: "cli-test" }),
    });
    assert.deepEqual(await created.json(), { QueueUrl: `${urls.sqs}/000000000000/cli-test` });

    // SES v2: a sent mail shows up in the store.
    assert.equal((await fetch(`${urls.ses}/health-check`)).status, 200);
    const sent = await fetch(`${urls.ses}/v2/email/outbound-emails`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=00",
      },
      body: JSON.stringify({
        FromEmailAddress: "shop@example.com",
        Destination: { ToAddresses: ["customer@example.com"] },
        Content: { Simple: { Subject: { Data: "Order confirmed" }, Body: { Text: { Data: "Thanks!" } } } },
      }),
    });
    assert.equal(sent.status, 200, await sent.clone().text());
    const { MessageId } = await sent.json();
    const store = await (await fetch(`${urls.ses}/store`)).json();
    const mail = store.emails.find((e) => e.messageId === MessageId);
    assert.equal(mail.subject, "Order confirmed");
    assert.deepEqual(mail.destination.to, ["customer@example.com"]);

    const { code, signal, ms } = await stopWith("SIGTERM", run);
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
    assert.ok(ms < 2000, `took ${ms} ms to stop`);
    assert.equal(run.output.stderr, "");
  });

  it("exits 0 on SIGINT, also with a long poll in progress", async () => {
    const run = startChild();
    const urls = await run.ready;
    const headers = { "content-type": "application/x-amz-json-1.0" };
    await fetch(urls.sqs, { method: "POST", headers: { ...headers, "x-amz-target": "AmazonSQS.CreateQueue" }, body: '{"QueueName":"lp"}' });
    const poll = fetch(urls.sqs, {
      method: "POST",
      headers: { ...headers, "x-amz-target": "AmazonSQS.ReceiveMessage" },
      body: JSON.stringify({ QueueUrl: `${urls.sqs}/000000000000/lp`, WaitTimeSeconds: 20 }),
    }).then((r) => r.text(), (err) => err);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { code, ms } = await stopWith("SIGINT", run);
    assert.equal(code, 0);
    assert.ok(ms < 2000, `took ${ms} ms to stop`);
    await poll;
  });

  it("fails with a message on stderr when a port is taken", async () => {
    const blocker = net.createServer();
    await new Promise((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = String(blocker.address().port);
    const runs = [["--sqs-port", taken, "--ses-port", "0", "--s3-port", "0"], ["--sqs-port", "0", "--ses-port", taken, "--s3-port", "0"], ["--sqs-port", "0", "--ses-port", "0", "--s3-port", taken]]
      .map((args) => startChild(args));
    try {
      for (const run of runs) {
        const { code } = await run.exited;
        assert.notEqual(code, 0);
        assert.match(run.output.stderr, /EADDRINUSE|could not listen/);
        assert.doesNotMatch(run.output.stdout, LINE);
      }
    } finally {
      blocker.close();
    }
  });

  it("rejects bad arguments", async () => {
    const cases = [["--sqs-port", "x"], ["--sqs-port", "70000"], ["--bogus"]];
    const runs = cases.map((args) => startChild(args));
    for (const [i, run] of runs.entries()) {
      const { code } = await run.exited;
      assert.equal(code, 1, `${cases[i].join(" ")}: exit code`);
      assert.notEqual(run.output.stderr, "");
    }
  });
});

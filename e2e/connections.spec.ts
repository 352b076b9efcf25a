import net from "node:net";
import { expect, test } from "@playwright/test";

// A load balancer keeps its connections to the server open between requests and reuses
// them after idling; a server that closed one first resets the next request (a 502 for the
// balancer's caller). Node's own default closes them after about 5 s.
test("an idle keep-alive connection is still open after 7 s and answers the next request", async ({ baseURL }) => {
  test.setTimeout(30_000);
  const url = new URL(baseURL!);
  const socket = net.connect(Number(url.port), url.hostname);
  let received = "";
  let closed = false;
  socket.on("data", (chunk) => (received += chunk.toString("latin1")));
  socket.on("close", () => (closed = true));
  socket.on("error", () => {}); // a reset shows as `closed` and a missing answer below
  const request = `GET /api/v1/health HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`;
  try {
    socket.write(request);
    await expect.poll(() => received).toContain("\r\n\r\n");
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toMatch(/\r\nkeep-alive: timeout=65\r\n/i);

    received = "";
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(closed).toBe(false);
    socket.write(request);
    await expect.poll(() => received, { timeout: 5_000 }).toMatch(/^HTTP\/1\.1 200 /);
  } finally {
    socket.destroy();
  }
});

import net from "node:net";

/** A TCP proxy to a database (TCP or Unix socket) that a test can cut and restore, to play an outage. */
export async function startTcpProxy(target: { host: string; port: number } | { path: string }) {
  const sockets = new Set<net.Socket>();
  const hanging = new Set<net.Socket>();
  let mode: "up" | "refuse" | "hang" = "up";
  const server = net.createServer((client) => {
    if (mode === "refuse") return client.destroy();
    if (mode === "hang") {
      hanging.add(client);
      client.on("error", () => client.destroy());
      return; // accepted, never answered: a database that stopped responding
    }
    const upstream = "path" in target ? net.connect(target.path) : net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut(how: "refuse" | "hang" = "refuse") {
      mode = how;
      for (const s of sockets) s.destroy();
    },
    restore() {
      mode = "up";
      for (const s of hanging) s.destroy();
      hanging.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of [...sockets, ...hanging]) s.destroy();
        server.close(() => resolve());
      }),
  };
}

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts a fake provider's server on a free port of 127.0.0.1: its base URL and a close(). */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

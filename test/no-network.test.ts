import net from "node:net";
import { describe, expect, it } from "vitest";

describe("the test network guard", () => {
  it("blocks a connection to an outside address", () => {
    expect(() => net.connect({ host: "192.0.2.1", port: 80 })).toThrow(/Outbound network call blocked/);
  });

  it("blocks fetch to an outside host", async () => {
    await expect(fetch("http://example.com/")).rejects.toThrow(/Outbound network call blocked/);
  });

  it("allows loopback", async () => {
    const server = net.createServer((s) => s.end("hi"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const text = await new Promise<string>((resolve, reject) => {
      const sock = net.connect({ host: "127.0.0.1", port });
      let buf = "";
      sock.on("data", (d) => (buf += String(d)));
      sock.on("end", () => resolve(buf));
      sock.on("error", reject);
    });
    server.close();
    expect(text).toBe("hi");
  });
});

import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { AddressPool, AllocationRecord, AddressPoolProps, Vnet, VpnGateway } from "../../index";
import { resources } from "../../test-utils/vpn";

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

function tmpFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cac-pool-")), "network-addresses.json");
}

function pool(stack: TerraformStack, props: Partial<AddressPoolProps> = {}): AddressPool {
  return new AddressPool(stack, "Pool", {
    supernets: ["10.0.0.0/16"],
    record: AllocationRecord.inMemory(),
    ...props,
  });
}

/** A spoke named `vnet-<key>` with a /22 from the pool and a carved /24. */
function spoke(stack: TerraformStack, p: AddressPool, key: string, subnets = ["app"]): Vnet {
  return new Vnet(stack, key, {
    name: `vnet-${key}`,
    resourceGroupName: "rg",
    location: "westeurope",
    addressPool: { pool: p, size: 22 },
    subnets: subnets.map((name) => ({ name, size: 24 })),
  });
}

/** The address spaces and subnets of an app of spokes over the record file, by network name. */
function synthSpokes(file: string, keys: string[], subnets: (key: string) => string[] = () => ["app"]) {
  const stack = newStack();
  const p = pool(stack, { record: AllocationRecord.fromFile(file) });
  for (const key of keys) spoke(stack, p, key, subnets(key));
  const out: Record<string, string[]> = {};
  for (const n of resources(stack, "azurerm_virtual_network")) out[n.name] = n.address_space;
  for (const s of resources(stack, "azurerm_subnet")) {
    const owner = keys.find((k) => s.virtual_network_name.includes(`.${k}_`))!;
    out[`vnet-${owner}/${s.name}`] = s.address_prefixes;
  }
  return out;
}

describe("AddressPool", () => {
  it("gives each network the lowest free block of its size and carves its subnets (HCL snapshot)", () => {
    const stack = newStack();
    const p = pool(stack, { reserved: ["10.0.4.0/22"] });
    const hub = spoke(stack, p, "hub");
    new VpnGateway(stack, "Gateway", { vnet: hub, name: "vgw-hub" });
    spoke(stack, p, "shop", ["web", "app"]);
    expect(p.allocations).toEqual({ "vnet-hub": "10.0.0.0/22", "vnet-shop": "10.0.8.0/22" });
    expect(p.allocate("p2s-clients", 24)).toBe("10.0.12.0/24");
    expect(hub.addressPoolKey).toBe("vnet-hub");
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
    expect(p.record.pool("Pool")).toEqual({
      "p2s-clients": { space: "10.0.12.0/24" },
      "vnet-hub": { space: "10.0.0.0/22", subnets: { GatewaySubnet: "10.0.3.224/27", app: "10.0.0.0/24" } },
      "vnet-shop": { space: "10.0.8.0/22", subnets: { app: "10.0.9.0/24", web: "10.0.8.0/24" } },
    });
  });

  it("writes new allocations to the record file, with a message to commit it", () => {
    const file = tmpFile();
    const stack = newStack();
    const p = pool(stack, { record: AllocationRecord.fromFile(file) });
    spoke(stack, p, "shop");
    const written = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(written).toMatchObject({
      version: 1,
      pools: { Pool: { "vnet-shop": { space: "10.0.0.0/22", subnets: { app: "10.0.0.0/24" } } } },
    });
    expect(written["//"]).toContain("Commit this file");
    // One message per pool, given at synth (the pool's validation), listing what is new.
    const infos = () => p.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => m.data);
    expect(infos()).toEqual([]);
    expect(p.node.validate()).toEqual([]);
    expect(infos()).toEqual([
      `allocated 2 new address block(s) and recorded them in ${file}: commit it: 10.0.0.0/22 to 'vnet-shop' (test/shop); 10.0.0.0/24 for subnet 'app' of 'vnet-shop' (test/shop)`,
    ]);
    // A second synth of the same tree says nothing new; what is allocated since is listed then.
    expect(p.node.validate()).toEqual([]);
    expect(infos()).toHaveLength(1);
  });

  it("reads the record file again when it changed since this process read or wrote it", () => {
    const file = tmpFile();
    spoke(newStack(), pool(newStack(), { record: AllocationRecord.fromFile(file) }), "shop");
    // Edited by hand between two synths of one process (a watch mode): the next pool sees the edit.
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    doc.pools.Pool["vnet-shop"] = { space: "10.0.40.0/22" };
    fs.writeFileSync(file, JSON.stringify(doc));
    const stack = newStack();
    const p = pool(stack, { record: AllocationRecord.fromFile(file) });
    spoke(stack, p, "shop");
    spoke(stack, p, "blog");
    expect(p.record.pool("Pool")).toMatchObject({
      "vnet-shop": { space: "10.0.40.0/22" },
      "vnet-blog": { space: "10.0.0.0/22" },
    });
  });

  it("lists the first ten new blocks in its one message and counts the rest; an in-memory record is not to be committed", () => {
    const stack = newStack();
    const p = pool(stack, { record: AllocationRecord.inMemory() });
    for (let i = 0; i < 12; i++) spoke(stack, p, `s${i}`);
    p.node.validate();
    const [info, ...more] = p.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => m.data);
    expect(more).toEqual([]);
    expect(info).toMatch(
      /^allocated 24 new address block\(s\) and recorded them in the in-memory record \(kept in this process only\): 10\.0\.0\.0\/22 to 'vnet-s0' \(test\/s0\); .*; and 14 more$/,
    );
    expect(info.split("; ")).toHaveLength(11);
  });

  it("writes the record atomically: a write cut short leaves the committed record whole, and a symlinked record stays a link", () => {
    const file = tmpFile();
    synthSpokes(file, ["shop"]);
    const before = fs.readFileSync(file, "utf8");
    // The disk fills up halfway through the next write (patched on the module object, as cdktf sees it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object, not a namespace copy
    const fsModule = require("fs") as typeof fs;
    const real = fsModule.writeFileSync;
    fsModule.writeFileSync = ((target: fs.PathOrFileDescriptor, data: unknown) => {
      real.call(fsModule, target, String(data).slice(0, 40));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }) as typeof fs.writeFileSync;
    try {
      expect(() => synthSpokes(file, ["shop", "blog"])).toThrow(/ENOSPC/);
    } finally {
      fsModule.writeFileSync = real;
    }
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["network-addresses.json"]);
    expect(synthSpokes(file, ["shop", "blog"])["vnet-blog"]).toEqual(["10.0.4.0/22"]);

    // A record kept elsewhere and linked into the app: the link stays, the file it points to is updated.
    const elsewhere = tmpFile();
    const link = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cac-pool-")), "network-addresses.json");
    fs.symlinkSync(elsewhere, link);
    synthSpokes(link, ["shop"]);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(elsewhere, "utf8")).pools.Pool["vnet-shop"].space).toBe("10.0.0.0/22");
  });

  it("keeps every recorded network and subnet where it is when networks are added, removed or reordered", () => {
    const file = tmpFile();
    const first = synthSpokes(file, ["a", "b", "c"]);
    // Insert before the others, reorder, and add a subnet to b.
    const second = synthSpokes(file, ["new", "c", "a", "b"], (k) => (k === "b" ? ["app", "db"] : ["app"]));
    for (const [k, v] of Object.entries(first)) expect(second[k]).toEqual(v);
    expect(second["vnet-new"]).toEqual(["10.0.12.0/22"]);
    expect(second["vnet-b/db"]).toEqual(["10.0.5.0/24"]);
    // Remove a: its block stays recorded (Azure may still hold it), so the next new network does not take it.
    const third = synthSpokes(file, ["c", "b", "new", "later"], (k) => (k === "b" ? ["app", "db"] : ["app"]));
    for (const k of ["vnet-b", "vnet-c", "vnet-new", "vnet-b/app", "vnet-b/db"])
      expect(third[k]).toEqual(second[k]);
    expect(third["vnet-later"]).toEqual(["10.0.16.0/22"]);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).pools.Pool["vnet-a"]).toEqual({
      space: "10.0.0.0/22",
      subnets: { app: "10.0.0.0/24" },
    });
  });

  it("lets several pools share one record file", () => {
    const file = tmpFile();
    const stack = newStack();
    const a = pool(stack, { name: "a", record: AllocationRecord.fromFile(file) });
    const b = new AddressPool(stack, "B", {
      name: "b",
      supernets: ["10.1.0.0/16"],
      record: AllocationRecord.fromFile(file),
    });
    a.allocate("x", 24);
    b.allocate("x", 24);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).pools).toEqual({
      a: { x: { space: "10.0.0.0/24" } },
      b: { x: { space: "10.1.0.0/24" } },
    });
  });

  it("with a frozen record, uses what is recorded and refuses anything new", () => {
    const file = tmpFile();
    synthSpokes(file, ["a"]);
    const stack = newStack();
    const p = pool(stack, { record: AllocationRecord.fromFile(file, { frozen: true }) });
    expect(spoke(stack, p, "a").addressSpace).toEqual(["10.0.0.0/22"]);
    expect(() => spoke(stack, p, "b")).toThrow(
      `[test/b] \`addressPool\`: 'vnet-b' is not in ${file}, which is frozen (it would get 10.0.4.0/22); synthesize once without \`frozen\` to record it, and commit the file`,
    );
    const again = newStack();
    const q = pool(again, { record: AllocationRecord.fromFile(file, { frozen: true }) });
    expect(() => spoke(again, q, "a", ["app", "db"])).toThrow(
      `[test/a] \`subnets\`: 'vnet-a/db' is not in ${file}, which is frozen (it would get 10.0.1.0/24)`,
    );
  });

  describe("fails at construction", () => {
    it("when the pool is exhausted, naming the network that asked", () => {
      const stack = newStack();
      const p = pool(stack, { supernets: ["10.0.0.0/21"] });
      spoke(stack, p, "a");
      spoke(stack, p, "b");
      expect(() => spoke(stack, p, "c")).toThrow(
        "[test/c] `addressPool`: no free /22 is left in pool 'Pool' (10.0.0.0/21) for 'vnet-c'; add a supernet to the pool, ask for a smaller block, or delete in the in-memory record the entries of networks that are gone from Azure",
      );
    });

    it("when a network asks for more than the pool holds", () => {
      const stack = newStack();
      const p = pool(stack);
      expect(
        () =>
          new Vnet(stack, "Big", {
            name: "vnet-big",
            resourceGroupName: "rg",
            location: "westeurope",
            addressPool: { pool: p, size: 12 },
          }),
      ).toThrow("[test/Big] `addressPool`: a /12 for 'vnet-big' is larger than pool 'Pool' (10.0.0.0/16)");
    });

    it("when two networks use one key", () => {
      const stack = newStack();
      const p = pool(stack);
      spoke(stack, p, "a");
      expect(
        () =>
          new Vnet(stack, "Other", {
            name: "vnet-other",
            resourceGroupName: "rg",
            location: "westeurope",
            addressPool: { pool: p, size: 22, key: "vnet-a" },
          }),
      ).toThrow("[test/Other] `addressPool`: 'vnet-a' is asked for twice from pool 'Pool' (10.0.0.0/16)");
    });

    it("when a recorded network is asked for with another size", () => {
      const stack = newStack();
      const p = pool(stack, {
        record: AllocationRecord.inMemory({ Pool: { "vnet-a": { space: "10.0.0.0/24" } } }),
      });
      expect(() => spoke(stack, p, "a")).toThrow(
        "[test/a] `addressPool`: 'vnet-a' is recorded in the in-memory record as 10.0.0.0/24, not a /22; a new size would renumber it: keep size 24, or delete the entry in the in-memory record to renumber it",
      );
    });

    it("when a recorded network collides with a reserved range, or a reserved range with a recorded network", () => {
      const record = () => AllocationRecord.inMemory({ Pool: { "vnet-a": { space: "10.0.0.0/22" } } });
      const stack = newStack();
      expect(() => pool(stack, { record: record(), reserved: ["10.0.1.0/24"] })).toThrow(
        "[test/Pool] `reserved`: '10.0.1.0/24' (reserved in the pool's props) overlaps 10.0.0.0/22 of 'vnet-a', allocated by pool 'Pool' (the in-memory record)",
      );
      const p = pool(newStack(), { record: record() });
      expect(() => p.reserve("10.0.2.0/23", "site dc1")).toThrow(
        "`reserve`: '10.0.2.0/23' (site dc1) overlaps 10.0.0.0/22 of 'vnet-a'",
      );
    });

    it("when a recorded network lies outside the supernets or overlaps another", () => {
      const stack = newStack();
      const p = pool(stack, {
        record: AllocationRecord.inMemory({
          Pool: {
            "vnet-a": { space: "10.9.0.0/22" },
            "vnet-b": { space: "10.0.0.0/22" },
            "vnet-c": { space: "10.0.0.0/23" },
          },
        }),
      });
      expect(() => spoke(stack, p, "a")).toThrow(
        "'vnet-a' is recorded in the in-memory record as 10.9.0.0/22, which lies outside pool 'Pool' (10.0.0.0/16)",
      );
      expect(() => spoke(stack, p, "b")).toThrow(
        "[test/b] `addressPool`: 'vnet-b' is recorded in the in-memory record as 10.0.0.0/22, which overlaps 'vnet-c' (10.0.0.0/23); correct the record: each block belongs to one key",
      );
    });

    it("on bad supernets, a second pool of the same name on one record, and an unreadable record file", () => {
      expect(() => pool(newStack(), { supernets: [] })).toThrow(
        "[test/Pool] `supernets` needs at least one CIDR block",
      );
      expect(() => pool(newStack(), { supernets: ["10.0.0.0/16", "10.0.128.0/17"] })).toThrow(
        "[test/Pool] `supernets`: '10.0.128.0/17' overlaps '10.0.0.0/16'; list each range once",
      );
      expect(() => pool(newStack(), { supernets: ["169.254.0.0/16"] })).toThrow(
        "which Azure does not allow in a virtual network",
      );
      const stack = newStack();
      const record = AllocationRecord.inMemory();
      pool(stack, { record });
      expect(
        () => new AddressPool(stack, "Other", { name: "Pool", supernets: ["10.1.0.0/16"], record }),
      ).toThrow(
        "[test/Other] `name`: pool 'Pool' of the in-memory record is also test/Pool; give each pool its own name",
      );
      const file = tmpFile();
      fs.writeFileSync(file, "{");
      expect(() => pool(newStack(), { record: AllocationRecord.fromFile(file) })).toThrow(
        `[test/Pool] address record ${file} cannot be read: it is not JSON`,
      );
    });

    it("when a declared subnet lands on the recorded block of another subnet", () => {
      const stack = newStack();
      const p = pool(stack, {
        record: AllocationRecord.inMemory({
          Pool: { "vnet-a": { space: "10.0.0.0/22", subnets: { old: "10.0.1.0/24" } } },
        }),
      });
      expect(
        () =>
          new Vnet(stack, "A", {
            name: "vnet-a",
            resourceGroupName: "rg",
            location: "westeurope",
            addressPool: { pool: p, size: 22 },
            subnets: [{ name: "new", addressPrefixes: ["10.0.1.0/25"] }],
          }),
      ).toThrow(
        "[test/A] subnet 'new': '10.0.1.0/25' overlaps 10.0.1.0/24, recorded in the in-memory record for subnet 'old'; choose another prefix, or delete that entry once subnet 'old' is gone",
      );
    });

    it("when a network gives both addressSpace and addressPool, or neither", () => {
      const stack = newStack();
      const p = pool(stack);
      const base = { name: "vnet-x", resourceGroupName: "rg", location: "westeurope" };
      expect(
        () =>
          new Vnet(stack, "Both", {
            ...base,
            addressSpace: ["10.1.0.0/16"],
            addressPool: { pool: p, size: 22 },
          }),
      ).toThrow("[test/Both] `addressSpace` and `addressPool` are both set; give exactly one");
      expect(() => new Vnet(stack, "Neither", base)).toThrow(
        "[test/Neither] `addressSpace` or `addressPool` is required",
      );
    });
  });
});

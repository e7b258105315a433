import { describe, expect, it } from "vitest";
import { type IssuanceSnapshot, waitUntilIssued } from "../../provider/ncloud/issuanceWait";

const pending = (statusCode = "0"): IssuanceSnapshot => ({
  statusCode,
  statusName:
    statusCode === "0" ? "ONGOING" : statusCode === "2" ? "NORMAL_UNREGISTERED_PRIVATE_KEY" : "VALIDATION_EXPIRE",
  dcvRecords: [
    { domain: "example.com", recordType: "TXT", name: "_dnsauth.example.com", value: "v1", status: "VALID_STATUS_REG" },
    {
      domain: "www.example.com",
      recordType: "TXT",
      name: "_dnsauth.www.example.com",
      value: "v2",
      status: "VALID_STATUS_SUCCESS",
    },
  ],
});

/** A clock that only moves when the waiter sleeps. */
function fakeTime() {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe("waitUntilIssued", () => {
  it("names the records still pending when it starts, repeats them every reminder interval, and says when issued", async () => {
    const lines: string[] = [];
    const clock = fakeTime();
    let polls = 0;
    const out = await waitUntilIssued(pending(), async () => (++polls >= 20 ? pending("2") : pending()), {
      timeoutMinutes: 60,
      pollIntervalSeconds: 30,
      label: 'validation "site"',
      timeoutInput: "timeoutMinutes",
      reminderMs: 180_000,
      log: (l) => lines.push(l),
      ...clock,
    });
    expect(out.statusCode).toBe("2");
    // 20 polls of 30 s = 10 min: the first line, then one every 3 min (at 3, 6, 9), then "issued".
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('TXT _dnsauth.example.com = "v1" (for example.com)');
    expect(lines[0]).not.toContain("_dnsauth.www.example.com"); // already validated: not pending
    expect(lines[1]).toMatch(/waited 3 min/);
    expect(lines[4]).toBe('validation "site": issued after 600 s');
  });

  it("stops at its own deadline naming the timeout input and the missing records", async () => {
    const clock = fakeTime();
    const wait = waitUntilIssued(pending(), async () => pending(), {
      timeoutMinutes: 5,
      pollIntervalSeconds: 60,
      label: "x",
      timeoutInput: "waitForIssuance.timeoutMinutes",
      log: () => {},
      ...clock,
    });
    await expect(wait).rejects.toThrow(
      /not issued within waitForIssuance\.timeoutMinutes \(5 min\); status ONGOING\. DNS records NCP still checks .*_dnsauth\.example\.com = "v1".*the next `pulumi up` waits again/,
    );
  });

  it("fails at once on a terminal status instead of waiting out the deadline", async () => {
    const clock = fakeTime();
    let polls = 0;
    const wait = waitUntilIssued(pending(), async () => (++polls > 1 ? pending("-4") : pending()), {
      timeoutMinutes: 600,
      pollIntervalSeconds: 10,
      label: "x",
      timeoutInput: "timeoutMinutes",
      log: () => {},
      ...clock,
    });
    await expect(wait).rejects.toThrow(/ended the order in status VALIDATION_EXPIRE \(-4\)/);
    expect(polls).toBe(2);
  });

  it("returns at once, silently, when already issued", async () => {
    const lines: string[] = [];
    const out = await waitUntilIssued(pending("2"), async () => pending(), {
      timeoutMinutes: 1,
      pollIntervalSeconds: 10,
      label: "x",
      timeoutInput: "t",
      log: (l) => lines.push(l),
    });
    expect(out.statusCode).toBe("2");
    expect(lines).toEqual([]);
  });
});

/**
 * The emulator's control API refuses settings it does not know or values outside their range with a clear 400, so a
 * typo in a test (`validateFromDNS`) cannot silently run the default, and odd keys (`constructor`, `__proto__`)
 * get the same refusal instead of a 500 with a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** A control call with a raw JSON text (so `__proto__` stays a key), answered as status + parsed error. */
async function control(method: string, path: string, json: string) {
  const res = await fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: json,
  });
  const text = await res.text();
  return { status: res.status, text };
}

async function refused(path: string, json: string, message: RegExp) {
  const r = await control("PUT", path, json);
  expect(r.status, r.text).toBe(400);
  expect(r.text).not.toMatch(/\n\s+at |internal error/);
  expect(JSON.parse(r.text).error).toMatch(message);
}

describe("ncloud/settings", () => {
  it("refuses an unknown setting by name, with the close match when it is a typo", async () => {
    await refused("ncloud/settings", '{"validateFromDNS": true}', /unknown setting validateFromDNS.*validateFromDns/);
    await refused("ncloud/settings", '{"bogus": 1}', /unknown setting bogus/);
  });

  it("refuses a mode value outside its choices, naming them", async () => {
    await refused(
      "ncloud/settings",
      '{"dnsNameFormat": "bogus"}',
      /dnsNameFormat is "comma", "comma-space" or "array"/,
    );
    await refused("ncloud/settings", '{"reissueAssignsNewNumber": "yes"}', /reissueAssignsNewNumber is false or true/);
  });

  it("refuses numbers out of range and values of the wrong type", async () => {
    await refused("ncloud/settings", '{"validityDays": -10}', /validityDays/);
    await refused("ncloud/settings", '{"validityDays": 1.5}', /validityDays/);
    await refused("ncloud/settings", '{"autoIssueAfterMs": -1}', /autoIssueAfterMs/);
    await refused("ncloud/settings", '{"autoIssueAfterMs": "soon"}', /autoIssueAfterMs/);
    await refused("ncloud/settings", '{"pageSizeCap": 0}', /pageSizeCap/);
    await refused("ncloud/settings", '{"validateFromDns": "true"}', /validateFromDns/);
    await refused("ncloud/settings", '{"validateFromDns": true, "dnsValidationDelayMs": -5}', /dnsValidationDelayMs/);
    await refused("ncloud/settings", '{"validateFromDns": true, "dcvExpireAfterMs": 0}', /dcvExpireAfterMs/);
  });

  it("refuses DNS-validation timings while DNS validation is off (they would be dropped)", async () => {
    await refused("ncloud/settings", '{"validateFromDns": false, "dnsValidationDelayMs": 5}', /validateFromDns: true/);
  });

  it("a refused body changes nothing, not even its valid part", async () => {
    await refused("ncloud/settings", '{"validityDays": 20, "dnsNameFormat": "bogus"}', /dnsNameFormat/);
    const now = await emulator.control.ncloud.settings({});
    expect(now).toMatchObject({ validityDays: 198, dnsNameFormat: "comma" });
  });

  it("still takes every valid setting", async () => {
    const set = await emulator.control.ncloud.settings({
      validityDays: 30,
      autoIssueAfterMs: 0,
      pageSizeCap: 5,
      dnsNameFormat: "array",
      validateFromDns: true,
      dnsValidationDelayMs: 10,
      dcvExpireAfterMs: 60_000,
    });
    expect(set).toMatchObject({
      validityDays: 30,
      autoIssueAfterMs: 0,
      pageSizeCap: 5,
      dnsNameFormat: "array",
      validateFromDns: true,
      delayMs: 10,
      expireAfterMs: 60_000,
    });
    await emulator.control.ncloud.settings({
      validityDays: 198,
      autoIssueAfterMs: null,
      pageSizeCap: null,
      dnsNameFormat: "comma",
      validateFromDns: false,
    });
  });

  it("answers constructor and __proto__ keys with the same 400", async () => {
    await refused("ncloud/settings", '{"constructor": "x"}', /unknown setting constructor/);
    await refused("ncloud/settings", '{"__proto__": {"validityDays": 1}}', /unknown setting __proto__/);
  });
});

describe("globaldns/modes", () => {
  it("answers constructor, __proto__ and toString keys with a 400 naming the modes, never a 500", async () => {
    await refused("globaldns/modes", '{"constructor": "x"}', /unknown mode constructor: use preQuotedTxt/);
    await refused("globaldns/modes", '{"__proto__": {"duplicates": "refused"}}', /unknown mode __proto__/);
    await refused("globaldns/modes", '{"toString": "x"}', /unknown mode toString/);
    expect((await emulator.control.globalDns.modes()).duplicates).toBe("allowed");
  });

  it("refuses a body that is not a JSON object", async () => {
    await refused("globaldns/modes", "[1]", /an object/);
    await refused("ncloud/settings", '"x"', /an object/);
  });
});

describe("nhncloud/settings", () => {
  it("refuses an unknown setting and odd keys instead of ignoring them", async () => {
    await refused("nhncloud/settings", '{"starInpath": "raw"}', /unknown setting starInpath.*starInPath/);
    await refused("nhncloud/settings", '{"__proto__": {}}', /unknown setting __proto__/);
  });
});

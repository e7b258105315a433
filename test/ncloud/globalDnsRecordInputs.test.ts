/**
 * GlobalDnsRecord's check rules on their own (issue 26 #9, #5): what a record's content may be for each type, zone
 * labels, the adoption input, and refusals that read cleanly (the value quoted once, the fix intact).
 */
import { describe, expect, it } from "vitest";
import { checkRecordInputs } from "../../provider/ncloud/globalDnsRecord/inputs";

const base = { zone: "example.com", host: "www", type: "TXT", content: "token" };
const failuresOf = (overrides: Record<string, unknown>) => checkRecordInputs({ ...base, ...overrides }).failures;

describe("content rules", () => {
  it.each([
    [{ content: "back\\slash" }, /backslash/],
    [{ content: " leading" }, /leading or trailing spaces/],
    [{ content: "trailing " }, /leading or trailing spaces/],
    [{ type: "AAAA", content: "fe80::1%eth0" }, /zone index/],
    [{ type: "MX", content: "0 ." }, null],
    [{ type: "MX", content: "10 ." }, /null MX/],
    [{ type: "CNAME", content: "_e8335a33e5974d6995846142d659f583.cm.naverncp.com." }, null],
    [{ type: "CNAME", content: "_abc.example.net" }, null],
  ])("%j → %s", (overrides, reason) => {
    const failures = failuresOf(overrides);
    if (reason === null) expect(failures).toEqual([]);
    else expect(failures.find((f) => f.property === "content")?.reason).toMatch(reason);
  });
});

describe("zone rules", () => {
  it("refuses a zone label over 63 characters, naming it", () => {
    const label = "a".repeat(64);
    const [failure] = failuresOf({ zone: `${label}.com` });
    expect(failure).toMatchObject({ property: "zone" });
    expect(failure.reason).toMatch(/has a label over 63 characters .*: DNS labels are at most 63 characters$/);
  });

  it("says what is wrong with a zone in one readable sentence, the bad value quoted once", () => {
    const [failure] = failuresOf({ zone: "exa mple.com" });
    expect(failure.reason).toBe(
      'zone "exa mple.com" is not a domain name: give the Global DNS domain as listed in the console, e.g. "example.com"',
    );
    const long = failuresOf({ zone: `${"x.".repeat(60)} y.com` })[0].reason;
    expect(long).toMatch(/^zone "(x\.){40}…" \(126 characters\) is not a domain name: give .* e\.g\. "example\.com"$/);
  });
});

describe("adoptExisting", () => {
  it("defaults to false, takes a boolean and refuses anything else", () => {
    expect(checkRecordInputs(base).inputs.adoptExisting).toBe(false);
    expect(checkRecordInputs({ ...base, adoptExisting: true }).inputs.adoptExisting).toBe(true);
    const [failure] = failuresOf({ adoptExisting: "yes" });
    expect(failure).toMatchObject({ property: "adoptExisting" });
    expect(failure.reason).toMatch(/true or false/);
  });

  it("keeps a CNAME or MX target as written (trailing dot and all), so state matches what refresh reads back", () => {
    expect(checkRecordInputs({ ...base, type: "CNAME", content: "Target.Example.NET." }).inputs.content).toBe(
      "target.example.net.",
    );
  });
});

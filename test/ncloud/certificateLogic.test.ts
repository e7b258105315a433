/**
 * check and diff as pure functions: the rules a user can break, and the changes that must (and must not) show.
 */
import { describe, expect, it } from "vitest";
import { autoName, autoNamePrefix } from "../../provider/dynamic/autoName";
import { diffCertificate, updateWork } from "../../provider/ncloud/advancedCertificate/diff";
import { explainDrift } from "../../provider/ncloud/advancedCertificate/drift";
import { checkInputs } from "../../provider/ncloud/advancedCertificate/inputs";

const good = { certificateName: "site-2026", commonName: "example.com", dnsNames: ["www.example.com"] };

function failuresFor(overrides: Record<string, unknown>) {
  return checkInputs({ ...good, ...overrides }).failures;
}

describe("checkInputs", () => {
  it("accepts a minimal DV certificate and fills the defaults", () => {
    const { inputs, failures } = checkInputs(good);
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      ...good,
      certificateType: "NCP_PAID_DV_01",
      validationMethod: "D",
      key: { algorithm: "RSA", rsaBits: 2048 },
    });
  });

  it.each([
    [{ certificateName: "ab" }, "certificateName"],
    [{ certificateName: "a".repeat(21) }, "certificateName"],
    [{ certificateName: "site_2026" }, "certificateName"],
    [{ certificateName: undefined }, "certificateName"],
    [{ certificateType: "NCP_FREE" }, "certificateType"],
    [{ commonName: "" }, "commonName"],
    [{ commonName: "localhost" }, "commonName"],
    [{ commonName: "10.0.0.1" }, "commonName"],
    [{ commonName: "*.com" }, "commonName"],
    [{ commonName: "-bad.example.com" }, "commonName"],
    [{ commonName: "bad-.example.com" }, "commonName"],
    [{ dnsNames: ["under_score.example.com"] }, "dnsNames"],
    [{ dnsNames: "www.example.com" }, "dnsNames"],
    [{ dnsNames: ["ok.example.com", 7] }, "dnsNames"],
    [{ dnsNames: ["a.*.example.com"] }, "dnsNames"],
    [{ validationMethod: "X" }, "validationMethod"],
    [{ organizationNo: 34 }, "organizationNo"],
    [{ certificateType: "NCP_PAID_OV_01", organizationNo: -1 }, "organizationNo"],
    [{ key: { algorithm: "DSA" } }, "key"],
    [{ key: { algorithm: "RSA", rsaBits: 1024 } }, "key"],
    [{ key: { algorithm: "ECDSA", ecdsaCurve: "P521" } }, "key"],
    [{ key: { algorithm: "RSA", ecdsaCurve: "P256" } }, "key"],
    [{ subject: { country: "Korea" } }, "subject"],
    [{ subject: { department: "x" } }, "subject"],
    [{ csrPem: "garbage" }, "csrPem"],
    [{ privateKeyPem: "garbage" }, "privateKeyPem"],
    [{ autoRenewal: "yes" }, "autoRenewal"],
    [{ adoptCertificateNo: 1.5 }, "adoptCertificateNo"],
    [{ adoptCertificateNo: 5, key: { algorithm: "RSA" } }, "adoptCertificateNo"],
    [{ waitForIssuance: { timeoutMinutes: 5000 } }, "waitForIssuance"],
    [{ waitForIssuance: { timeoutMinutes: 5, pollIntervalSeconds: 0 } }, "waitForIssuance"],
  ])("refuses %j in %s", (overrides, property) => {
    const failures = failuresFor(overrides);
    expect(failures.map((f) => f.property)).toContain(property);
    const reason = failures.find((f) => f.property === property)?.reason ?? "";
    expect(reason.length).toBeGreaterThan(20);
  });

  it("passes unknown values through without judging them", () => {
    const u = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const { failures, inputs } = checkInputs({
      certificateName: u,
      commonName: u,
      dnsNames: u,
      key: u,
      organizationNo: u,
      certificateType: "NCP_PAID_OV_01",
    });
    expect(failures).toEqual([]);
    expect(inputs.dnsNames).toBe(u);
  });
});

describe("replacement names", () => {
  const olds = checkInputs(good).inputs;

  it("refuses a replacing change that keeps the certificate name, suggesting the next one", () => {
    const { failures } = checkInputs({ ...good, dnsNames: ["api.example.com"] }, olds);
    expect(failures).toEqual([
      { property: "certificateName", reason: expect.stringContaining('new certificateName (e.g. "site-2027")') },
    ]);
  });

  it("accepts the same change with a new name, in-place changes with the old one, and unknowns", () => {
    expect(
      checkInputs({ ...good, certificateName: "site-2027", dnsNames: ["api.example.com"] }, olds).failures,
    ).toEqual([]);
    expect(checkInputs({ ...good, autoRenewal: true }, olds).failures).toEqual([]);
    expect(checkInputs({ ...good, dnsNames: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"] }, olds).failures).toEqual([]);
  });

  it("lets deleteBeforeReplace free the name, unless retainOnDelete keeps the old certificate", () => {
    const change = { ...good, dnsNames: ["api.example.com"] };
    expect(checkInputs({ ...change, __internal: { deleteBeforeReplace: true } }, olds).failures).toEqual([]);
    const retained = checkInputs({ ...change, __internal: { deleteBeforeReplace: true, retainOnDelete: true } }, olds);
    expect(retained.failures[0].reason).toContain("with retainOnDelete the old certificate stays in NCP");
    expect(checkInputs(change, olds).failures[0].reason).toContain("deleteBeforeReplace: true");
    expect(checkInputs({ ...good, __internal: { protect: true } }).failures).toEqual([
      { property: "__internal", reason: expect.stringContaining("do not set it") },
    ]);
  });
});

describe("diffCertificate", () => {
  const checked = checkInputs(good).inputs;
  const state = { ...checked, certificateNo: 55001, keySource: "generated" as const, statusCode: "2" };

  it("sees no change for the same inputs", () => {
    expect(diffCertificate(state, checked)).toEqual({ changes: false, replaces: [], updates: [] });
  });

  it("replaces on anything that changes the order", () => {
    for (const [field, value] of Object.entries({
      certificateName: "site-2027",
      commonName: "example.org",
      dnsNames: ["api.example.com"],
      validationMethod: "PD",
      key: { algorithm: "ECDSA", ecdsaCurve: "P256" },
      subject: { organization: "Other" },
    })) {
      expect(diffCertificate(state, { ...checked, [field]: value }).replaces, field).toEqual([field]);
    }
  });

  it("updates flags in place", () => {
    const d = diffCertificate(state, { ...checked, autoRenewal: true, waitForIssuance: { timeoutMinutes: 5 } });
    expect(d).toEqual({ changes: true, replaces: [], updates: ["autoRenewal", "waitForIssuance"] });
  });

  it("plans an update for work the state shows undone with unchanged inputs (the engine updates only on a change)", () => {
    const issued = { ...state, registerPrivateKey: true, privateKeyRegistered: false };
    const d = diffCertificate(issued, { ...checked, registerPrivateKey: true });
    expect(d.updates).toEqual(["converge"]);
    expect(d.converge).toMatch(/register its private key/);
    // done, pending, or a CSR whose key we never had: nothing to do
    expect(
      diffCertificate({ ...issued, privateKeyRegistered: true }, { ...checked, registerPrivateKey: true }).changes,
    ).toBe(false);
    expect(diffCertificate({ ...issued, statusCode: "0" }, { ...checked, registerPrivateKey: true }).changes).toBe(
      false,
    );
    expect(
      diffCertificate({ ...issued, keySource: "csrPem" as const }, { ...checked, registerPrivateKey: true }).changes,
    ).toBe(false);
    // NCP's renewal flag not (yet) set as asked
    const renewal = diffCertificate(
      { ...state, autoRenewal: true, autoRenewalEnabled: false },
      { ...checked, autoRenewal: true },
    );
    expect(renewal.converge).toMatch(/turn NCP's automatic renewal on/);
    expect(
      diffCertificate({ ...state, autoRenewal: true, autoRenewalEnabled: true }, { ...checked, autoRenewal: true })
        .changes,
    ).toBe(false);
  });

  it("says what an update does in the user's words, never diff's internal labels (issue #14 item 14)", () => {
    const issued = { ...state, registerPrivateKey: true, privateKeyRegistered: false };
    const leftOver = { ...checked, registerPrivateKey: true };
    const words = updateWork(issued, leftOver, diffCertificate(issued, leftOver).updates);
    expect(words).toEqual(["registering the private key with NCP (not done yet as last recorded)"]);
    const flags = { ...checked, autoRenewal: false, renewBeforeDays: 20, waitForIssuance: { timeoutMinutes: 5 } };
    expect(updateWork(state, flags, diffCertificate(state, flags).updates)).toEqual([
      "changing renewBeforeDays",
      "switching NCP's automatic renewal off",
      "waiting for issuance (waitForIssuance)",
    ]);
    expect(updateWork(state, checked, ["renewal", "key.reuseOnRenewal"])).toEqual([
      "renewing it by reissue (inside its renewal window)",
      "changing key.reuseOnRenewal",
    ]);
    const all = updateWork(issued, leftOver, ["renewal", "converge", "orderUnconfirmed", "autoRenewal"]).join(" ");
    expect(all).not.toMatch(/\b(converge|renewal,|orderUnconfirmed)\b/);
  });

  it("replaces when switching between generated and supplied key material", () => {
    expect(diffCertificate(state, { ...checked, key: undefined, privateKeyPem: "k" }).replaces).toEqual([
      "privateKeyPem",
      "key",
    ]);
    const supplied = { ...state, key: undefined, keySource: "csrPem" as const, csrPem: "csr" };
    expect(diffCertificate(supplied, { ...checked, key: undefined, csrPem: "csr" }).replaces).toEqual([]);
    expect(diffCertificate(supplied, { ...checked, key: undefined, csrPem: "other" }).replaces).toEqual(["csrPem"]);
  });
});

describe("explainDrift", () => {
  const issued = {
    certificateName: "site",
    statusCode: "2",
    statusName: "NORMAL_UNREGISTERED_PRIVATE_KEY",
    serialNumber: "00AB12",
    dnsNames: ["a.example.com"],
    notAfter: "2027-01-01T00:00:00Z",
  };

  it("says nothing when only the spelling of the serial differs", () => {
    expect(explainDrift(issued, { ...issued, serialNumber: "ab:12" })).toEqual([]);
  });

  it("names each change in words", () => {
    const notes = explainDrift(issued, {
      ...issued,
      statusCode: "-2",
      statusName: "EXPIRE",
      serialNumber: "CD34",
      dnsNames: ["b.example.com"],
      certificateName: "site-renamed",
    });
    expect(notes).toEqual([
      "expired on 2027-01-01 (was NORMAL_UNREGISTERED_PRIVATE_KEY)",
      "serial changed 00AB12 → CD34 (reissued outside Pulumi); now valid until 2027-01-01T00:00:00Z",
      'renamed "site" → "site-renamed"',
      "SANs changed (+b.example.com -a.example.com)",
    ]);
  });
});

describe("auto-naming", () => {
  const { certificateName: _explicit, ...unnamed } = good;
  const withPrefix = { ...unnamed, __internal: { namePrefix: "site" } };

  it("names a new certificate after the resource, within NCP's rule, differently each time", () => {
    const a = checkInputs(withPrefix);
    const b = checkInputs(withPrefix);
    expect(a.failures).toEqual([]);
    expect(a.inputs.certificateName).toMatch(/^site-[a-z0-9]{6}$/);
    expect(a.inputs.certificateName).not.toBe(b.inputs.certificateName);
  });

  it("keeps the name already chosen, even when the change would replace (the engine re-checks a replacement without olds)", () => {
    const olds = { ...good, certificateName: "site-abc123" };
    expect(checkInputs(withPrefix, olds).inputs.certificateName).toBe("site-abc123");
    const change = checkInputs({ ...withPrefix, dnsNames: ["api.example.com"] }, olds);
    expect(change.failures).toEqual([]); // no same-name refusal: the replacement is re-checked and renamed
    expect(checkInputs({ ...withPrefix, dnsNames: ["api.example.com"] }).inputs.certificateName).not.toBe(
      "site-abc123",
    );
  });

  it("keeps an explicit name that is later left out, rather than ordering anew", () => {
    expect(checkInputs(unnamed, { ...good }).inputs.certificateName).toBe("site-2026");
  });

  it("refuses a name prefix that is not the class's", () => {
    const bad = checkInputs({ ...unnamed, __internal: { namePrefix: "9-BAD_prefix" } });
    expect(bad.failures.map((f) => f.property).sort()).toEqual(["__internal", "certificateName"]);
  });
});

describe("autoNamePrefix", () => {
  it.each([
    ["site", "site"],
    ["my_Site.example", "my-site-exampl"],
    ["2026-cert", "cert"],
    ["___", "cert"],
    ["a", "a"],
    ["very-long-resource-name-here", "very-long-res"],
  ])("%s → %s, and every auto-name fits NCP's rule", (name, prefix) => {
    expect(autoNamePrefix(name)).toBe(prefix.slice(0, 13).replace(/-$/, ""));
    expect(autoName(autoNamePrefix(name))).toMatch(/^[A-Za-z][A-Za-z0-9-]{2,19}$/);
  });
});

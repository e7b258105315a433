// Preloaded with NODE_OPTIONS="--require <this file>" to move a process's clock by CERTMANAGER_KR_FAKE_CLOCK_OFFSET_MS
// (for the main job and the end-to-end tests: Pulumi starts the provider host itself, so its clock can only be
// moved from outside). Date.now() and `new Date()` without arguments move; everything else is untouched.
"use strict";
const offset = Number(process.env.CERTMANAGER_KR_FAKE_CLOCK_OFFSET_MS || 0);
if (offset) {
  const RealDate = Date;
  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = FakeDate;
}

/** diff for ncloud.ExternalCertificate: a renewal is in place (the number stays); only a new name replaces. */
import { containsUnknown } from "../../shared/unknown";
import { materialIdentity } from "./material";
import { type ExternalState, MATERIAL_FIELDS } from "./state";

type Raw = Record<string, unknown>;

export interface ExternalDiff {
  changes: boolean;
  replaces: string[];
  stables: string[];
  /** What preview prints beside the plan, if anything. */
  note?: string;
}

export function diffExternal(id: string, olds: Partial<ExternalState>, news: Raw): ExternalDiff {
  const label = `ncloud.ExternalCertificate "${olds.certificateName}" (${id})`;
  const nameChanged = containsUnknown(news.certificateName) || news.certificateName !== olds.certificateName;
  const textChanged = MATERIAL_FIELDS.some((f) => containsUnknown(news[f]) || news[f] !== (olds as Raw)[f]);
  const renewal =
    textChanged &&
    (MATERIAL_FIELDS.some((f) => containsUnknown(news[f])) || materialIdentity(olds) !== materialIdentity(news));
  const restore = olds.observed?.fingerprintSha256 !== undefined || olds.observed?.serialNumber !== undefined;
  const changes =
    nameChanged ||
    textChanged ||
    restore ||
    olds.registrationUnconfirmed === true ||
    news.deleteInUseTimeoutMinutes !== olds.deleteInUseTimeoutMinutes;
  if (nameChanged && olds.registrationUnconfirmed !== true) {
    return {
      changes: true,
      replaces: ["certificateName"],
      stables: [],
      note: `${label}: NCP documents no rename, so the new name REPLACES it: a new certificate number, and load balancers using ${id} must be pointed at the new one`,
    };
  }
  let note: string | undefined;
  if (renewal)
    note = `${label}: renewed in place: NCP keeps certificate number ${id}, so load balancers using it are not touched`;
  else if (restore)
    note = `${label}: NCP holds another certificate (changed in the console): up uploads the program's again under number ${id}`;
  return { changes, replaces: [], stables: ["certificateNo", "certificateName"], note };
}

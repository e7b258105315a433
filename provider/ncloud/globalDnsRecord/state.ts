/**
 * What a GlobalDnsRecord keeps in state besides its inputs: where the record is, whether the stack owns it, and what
 * is needed to find copies left by a create whose answer was lost.
 */
import { compact } from "../../dynamic/initError";
import type { DnsRecord } from "../api/globalDnsTypes";
import { fqdnOf, type RecordInputs } from "./inputs";

export type Props = Record<string, unknown>;

export interface RecordState extends RecordInputs {
  /** Global DNS's id of the record; absent while a create is unconfirmed. */
  recordId?: number;
  zoneId: number;
  fqdn: string;
  applied: boolean;
  storedContent?: string;
  /** Taken over with `adoptExisting` (not created here): left in place on delete. */
  adopted: boolean;
  /** The highest record id the zone listed before the create was sent (copiesOfCreate). */
  createdAbove?: number;
  /** The create was sent but no listing has confirmed it yet: the next `up` or `destroy` looks it up. */
  unconfirmed?: boolean;
  /** Copies of this record left by a late-committing create, seen by refresh; the next `up` removes them. */
  strayCopies?: number[];
  /** Deleted in the console (or through the API) but the deletion is not applied: still served, about to go. */
  deletionPending?: boolean;
}

export function inputsOf(i: RecordInputs): Props {
  return {
    zone: i.zone,
    host: i.host,
    type: i.type,
    content: i.content,
    ttl: i.ttl,
    adoptExisting: i.adoptExisting ?? false,
  };
}

/** The state after a create, update or read: inputs, where the record is, and how it is owned. */
export function stateOf(
  i: RecordInputs,
  zoneId: number,
  r: DnsRecord | undefined,
  owner: Pick<RecordState, "adopted" | "createdAbove" | "unconfirmed" | "strayCopies" | "deletionPending">,
): Props {
  return compact({
    ...inputsOf(i),
    recordId: r?.id,
    zoneId,
    fqdn: fqdnOf(i.host, i.zone),
    applied: r?.applied ?? false,
    storedContent: r?.content,
    adopted: owner.adopted,
    createdAbove: owner.createdAbove,
    unconfirmed: owner.unconfirmed || undefined,
    strayCopies: owner.strayCopies?.length ? owner.strayCopies : undefined,
    deletionPending: owner.deletionPending || undefined,
  });
}

/** The record's id: `recordId` in state, or (states written before it was kept apart) the resource id. */
export function recordIdOf(id: string, props: Props): number | undefined {
  if (typeof props.recordId === "number") return props.recordId;
  return /^\d+$/.test(id) ? Number(id) : undefined;
}

/** The resource id of a create that was sent but not confirmed by a listing. */
export function unconfirmedId(i: RecordInputs): string {
  return `unconfirmed-${i.type}-${fqdnOf(i.host, i.zone)}`;
}

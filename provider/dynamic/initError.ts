/** Pulumi's partial-initialisation error and the state it carries. */

type Props = Record<string, unknown>;

/** Pulumi's partial-initialisation error: the order (may) exist, so the engine must record it (id + state). */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ResourceInitError";
  }
}

/** Drops undefined values (protobuf Structs cannot carry them). */
export function compact(p: Props): Props {
  return JSON.parse(JSON.stringify(p)) as Props;
}

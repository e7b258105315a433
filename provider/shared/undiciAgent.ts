/**
 * undici's Agent without the rest of undici. `require("undici")` also loads fetch, WebSocket, the cache, the mocks
 * and a dozen dispatchers: about 45-70 ms of a provider host's cold start here, where the Agent and its request API
 * take about 20 ms. The files loaded below are the ones undici's own index wires together, so the classes are the
 * same ones; if a future undici moves them, the full package is loaded instead (slower, never broken).
 */
import type { Agent } from "undici";

let agentClass: typeof Agent | undefined;

export function undiciAgentClass(): typeof Agent {
  agentClass ??= loadLight() ?? (require("undici") as typeof import("undici")).Agent;
  return agentClass;
}

function loadLight(): typeof Agent | undefined {
  try {
    const light = require("undici/lib/dispatcher/agent.js") as typeof Agent;
    const dispatcher = require("undici/lib/dispatcher/dispatcher.js") as { prototype: Record<string, unknown> };
    const api = require("undici/lib/api/index.js") as Record<string, unknown>;
    if (
      typeof light !== "function" ||
      typeof api.request !== "function" ||
      !(light.prototype instanceof (dispatcher as unknown as typeof Agent))
    )
      return undefined;
    // What undici's index does on load: the request API (request, stream, pipeline, ...) lives on Dispatcher.
    if (typeof dispatcher.prototype.request !== "function") Object.assign(dispatcher.prototype, api);
    return light;
  } catch {
    return undefined;
  }
}

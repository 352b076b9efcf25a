import { EventEmitter } from "node:events";
import { processSingleton } from "../process-singleton";

// Revoke, rotate, suspend and scope edits announce what they changed; the verification
// cache listens, and lib/events/broadcast.ts forwards changes to other instances.
// Process-wide, so a server action on the Next side clears the cache the Fastify side reads.

export interface KeyChange {
  hashes?: string[];
  organizationIds?: string[];
  /** Set when the change arrived from another instance (so it is not sent back out). */
  remote?: boolean;
}

const bus = () => processSingleton("key-changes", () => new EventEmitter().setMaxListeners(50));

export function publishKeyChanges(hashes: string[]): void {
  if (hashes.length) bus().emit("changed", { hashes });
}

export function publishOrganizationChange(organizationId: string): void {
  bus().emit("changed", { organizationIds: [organizationId] });
}

export function emitKeyChange(change: KeyChange): void {
  bus().emit("changed", change);
}

export function onKeyChanges(listener: (change: KeyChange) => void): () => void {
  bus().on("changed", listener);
  return () => bus().off("changed", listener);
}

import { EventEmitter } from "node:events";
import { processSingleton } from "../process-singleton";

// Revoke, rotate, suspend and scope edits announce the hashes of the keys they changed;
// the verification cache listens (and forwards to other instances). Process-wide, so a
// server action on the Next side clears the cache the Fastify side reads.
const bus = () => processSingleton("key-changes", () => new EventEmitter().setMaxListeners(50));

export function publishKeyChanges(hashes: string[]): void {
  if (hashes.length) bus().emit("changed", hashes);
}

export function onKeyChanges(listener: (hashes: string[]) => void): () => void {
  bus().on("changed", listener);
  return () => bus().off("changed", listener);
}

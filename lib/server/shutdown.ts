import { log } from "../log";
import { processSingleton } from "../process-singleton";

type Task = { name: string; run: () => Promise<void> };

// Work to finish before the process exits (flush buffered usage), in registration order;
// server.ts runs these before it closes the database.
const tasks = () => processSingleton<Task[]>("shutdown-tasks", () => []);

export function onShutdown(name: string, run: () => Promise<void>): void {
  if (!tasks().some((t) => t.name === name)) tasks().push({ name, run });
}

export async function runShutdownTasks(): Promise<void> {
  for (const task of tasks()) {
    try {
      await task.run();
    } catch (err) {
      log().error({ err }, `shutdown: ${task.name} failed`);
    }
  }
}

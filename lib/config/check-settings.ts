import { settings, SettingsError } from "./settings";

// Imported first by the server and the CLI: a bad setting ends the process with its name,
// before any module reads it.
try {
  settings();
} catch (err) {
  if (!(err instanceof SettingsError)) throw err;
  console.error(err.message);
  process.exit(1);
}

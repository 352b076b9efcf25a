// Node closes a keep-alive connection after about 5 s idle. A load balancer (or any client)
// that keeps idle connections longer (60 s is the usual default) sends its next request just
// as the server closes the socket and gets a reset: a 502 for its caller. The server must
// keep idle connections open longer than every proxy in front of it; Node then answers with
// `Keep-Alive: timeout=<seconds>`, so clients that read it close theirs first.
// `headersTimeout` needs no change with it: since Node 18 it counts from a request's first
// byte, not from the idle time before.
export const DEFAULT_KEEP_ALIVE_SECONDS = 65;

/** `KEEP_ALIVE_TIMEOUT_SECONDS`: whole seconds, 1 to 3600; anything else stops the start. */
export function keepAliveSecondsFromEnv(value: string | undefined): number {
  const v = value?.trim() ?? "";
  if (v === "") return DEFAULT_KEEP_ALIVE_SECONDS;
  const seconds = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(seconds >= 1 && seconds <= 3600)) {
    throw new Error(`KEEP_ALIVE_TIMEOUT_SECONDS: "${value}" is not a whole number of seconds from 1 to 3600`);
  }
  return seconds;
}

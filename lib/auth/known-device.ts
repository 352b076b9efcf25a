import { createHmac, timingSafeEqual } from "node:crypto";

// "This browser has signed in to this account before": an HMAC of the user id under the
// deployment's secret, kept in a long-lived HttpOnly cookie. It proves nothing by itself
// (the password is still required); it only exempts the browser from the per-account
// slow-down that a stranger's failed guesses cause (lib/auth/throttle.ts).
export const KNOWN_DEVICE_COOKIE = "kh_device";
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 86_400;

function secret(): string {
  const s = process.env.NEXTAUTH_SECRET;
  if (!s) throw new Error("NEXTAUTH_SECRET is not set");
  return s;
}

function mac(userId: string): string {
  return createHmac("sha256", secret()).update(`known-device:${userId}`).digest("base64url");
}

function knownDeviceToken(userId: string): string {
  return `${userId}.${mac(userId)}`;
}

/** The cookie's value holds this user's token (the cookie may list several accounts). */
export function isKnownDevice(cookieValue: string | undefined, userId: string): boolean {
  if (!cookieValue) return false;
  const expected = Buffer.from(knownDeviceToken(userId));
  return cookieValue.split(" ").some((t) => {
    const given = Buffer.from(t);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The cookie's new value after this user signs in: their token added, at most 5 kept. */
export function addKnownDevice(cookieValue: string | undefined, userId: string): string {
  const others = (cookieValue ?? "").split(" ").filter((t) => t && !t.startsWith(`${userId}.`));
  return [knownDeviceToken(userId), ...others].slice(0, 5).join(" ");
}

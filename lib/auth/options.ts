import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { PrismaClient } from "@prisma/client";
import { db } from "../db/client";
import { createOrganization } from "../orgs/create-organization";
import { cookies } from "next/headers";
import { authenticate } from "./authenticate";
import { redeemSignInLink } from "./email-link";
import { addKnownDevice, KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_SECONDS } from "./known-device";
import { createSession, endSession, findSessionUser, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { CLIENT_IP_HEADER } from "../http/client-ip";

function header(req: { headers?: Record<string, unknown> } | undefined, name: string): string | undefined {
  const value = req?.headers?.[name];
  return typeof value === "string" ? value : undefined;
}

function oauthProviders(): Provider[] {
  const env = process.env;
  const providers: Provider[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.GOOGLE_ID && env.GOOGLE_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_ID, clientSecret: env.GOOGLE_SECRET }));
  }
  if (env.OIDC_ISSUER && env.OIDC_ID && env.OIDC_SECRET) {
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_ID,
      clientSecret: env.OIDC_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p: { sub: string; email: string; name?: string }) => ({ id: p.sub, email: p.email, name: p.name ?? null }),
    });
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

export const authOptions: NextAuthOptions = {
  // Resolved on first use: `next build` loads this module where no database is configured.
  adapter: PrismaAdapter(new Proxy({} as PrismaClient, { get: (_, prop) => db()[prop as keyof PrismaClient] })),
  // Credentials sign-in requires JWT sessions in next-auth 4; the JWT only names a
  // server-side Session row (sid), which is what makes sessions revocable.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter your email and password.");
        const jar = await cookies();
        const knownDeviceCookie = jar.get(KNOWN_DEVICE_COOKIE)?.value;
        const result = await authenticate({
          email: credentials.email,
          password: credentials.password,
          ip: header(req, CLIENT_IP_HEADER) ?? "unknown",
          userAgent: header(req, "user-agent"),
          knownDeviceCookie,
        });
        // next-auth passes a thrown message back to the form as `error`.
        if (!result.ok) throw new Error(result.message);
        jar.set(KNOWN_DEVICE_COOKIE, addKnownDevice(knownDeviceCookie, result.user.id), {
          httpOnly: true,
          sameSite: "lax",
          secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
          path: "/api/auth",
          maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
        });
        return result.user;
      },
    }),
    // The one-time link of a new account's welcome email (lib/auth/email-link.ts).
    CredentialsProvider({
      id: "email-link",
      name: "Email link",
      credentials: { token: { type: "text" } },
      async authorize(credentials, req) {
        const user = await redeemSignInLink(credentials?.token ?? "", { ip: header(req, CLIENT_IP_HEADER), userAgent: header(req, "user-agent") });
        if (!user) throw new Error("This link expired or was already used. Sign in with your password.");
        return user;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sid = await createSession(user.id);
      return token;
    },
    // The session row decides, not the cookie: after sign-out (or "end all sessions") a
    // replayed cookie gets {} from /api/auth/session, like no cookie at all.
    async session({ session, token }) {
      const user = typeof token.sid === "string" ? await findSessionUser(token.sid) : null;
      if (!user) return {} as typeof session;
      return { ...session, user: { ...session.user, name: user.name, email: user.email }, sid: token.sid };
    },
    // Every redirect stays on our own origin. Resolved and re-serialised by the URL parser,
    // so a target with characters a Location header cannot carry (U+3000) is percent-encoded
    // instead of failing the response, and "//evil.example" or "/\\evil.example" resolve
    // to another origin and are refused.
    redirect({ url, baseUrl }) {
      try {
        const target = new URL(url, baseUrl);
        if (target.origin === new URL(baseUrl).origin) return target.href;
      } catch {}
      return baseUrl;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(token.sid);
    },
    // A user who arrives through OAuth gets an organization of their own, like sign-up.
    async createUser({ user }) {
      await db().$transaction((tx) =>
        createOrganization(tx, { name: `${user.name ?? user.email ?? "My"} organization`, ownerId: user.id }),
      );
    },
  },
};

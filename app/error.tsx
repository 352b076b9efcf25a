"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";

// `digest` is the id Next.js logs with the server-side error: quoting it finds the log line.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-md p-10 text-center" role="alert">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-zinc-600">The error was logged. Try again in a moment.</p>
      {error.digest ? (
        <p className="mt-2 text-sm text-zinc-600">
          Error reference: <code>{error.digest}</code> (quote it to support)
        </p>
      ) : null}
      <div className="mt-6 flex justify-center gap-3">
        <Button onClick={reset}>Try again</Button>
        <Link href="/" className="inline-flex items-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-800">
          Go to your dashboard
        </Link>
      </div>
    </main>
  );
}

"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { org } = useParams<{ org: string }>();
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-800">This page could not be loaded</h1>
      <p className="mt-1 text-sm text-red-800">The error was logged.{error.digest ? <> Error reference: <code>{error.digest}</code>.</> : null}</p>
      <div className="mt-3 flex gap-4 text-sm">
        <button onClick={reset} className="text-red-800 underline">
          Try again
        </button>
        <Link href={`/${org}/keys`} className="text-red-800 underline">
          Back to the keys
        </Link>
      </div>
    </div>
  );
}

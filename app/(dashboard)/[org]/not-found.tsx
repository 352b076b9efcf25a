"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

export default function NotFound() {
  const { org } = useParams<{ org: string }>();
  return (
    <div className="rounded-md border border-zinc-200 bg-white p-6">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-zinc-600">It does not exist, or it belongs to another organization.</p>
      <Link href={`/${org}/keys`} className="mt-3 inline-block text-sm text-indigo-700 underline">
        Back to the keys
      </Link>
    </div>
  );
}

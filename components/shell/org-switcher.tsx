"use client";

import { useRouter } from "next/navigation";

export function OrgSwitcher({ current, orgs }: { current: string; orgs: { slug: string; name: string }[] }) {
  const router = useRouter();
  return (
    <label className="block">
      <span className="sr-only">Organization</span>
      <select
        value={current}
        onChange={(e) => router.push(`/${e.target.value}/keys`)}
        className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm"
      >
        {orgs.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

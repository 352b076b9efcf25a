"use client";

import { useRef, useState, useSyncExternalStore } from "react";
import { CopyButton, selectContents } from "@/components/ui/copy-button";
import { credentialHeader, PROFILES, profileOfKey, type ProfileId } from "@/lib/profiles/catalog";

const LANGUAGES = ["curl", "JavaScript", "Python"] as const;
type Language = (typeof LANGUAGES)[number];

/** The first request in each language, with the headers the profile's clients send. */
function snippet(language: Language, headers: [string, string][], url: string) {
  switch (language) {
    case "curl":
      return `curl ${headers.map(([k, v]) => `-H "${k}: ${v}" `).join("")}${url}`;
    case "JavaScript":
      return `const res = await fetch("${url}", {\n  headers: { ${headers.map(([k, v]) => `${/^[A-Za-z]+$/.test(k) ? k : `"${k}"`}: "${v}"`).join(", ")} },\n});\nconsole.log(res.status, await res.json());`;
    case "Python":
      return `import requests\n\nres = requests.get("${url}", headers={${headers.map(([k, v]) => `"${k}": "${v}"`).join(", ")}})\nprint(res.status_code, res.json())`;
  }
}

const noSubscribe = () => () => {};

/**
 * A first request with a key, ready to paste: `credential` is the raw key right after it is
 * issued, or the key's hint (to be replaced by the stored key) anywhere later.
 */
export function ExampleRequest({ credential, profile }: { credential: string; profile?: ProfileId }) {
  const [language, setLanguage] = useState<Language>("curl");
  const pre = useRef<HTMLPreElement>(null);
  // The origin is the browser's: the server cannot know the public address behind a proxy.
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "");
  // The request the organization's clients would make first, with their credential header.
  const p = profile ? PROFILES[profile] : profileOfKey(credential);
  const headers: [string, string][] = [credentialHeader(p, credential), ...Object.entries(p.example.headers ?? {})];
  const code = snippet(language, headers, `${origin}${p.basePath}${p.example.path}`);
  return (
    <div className="text-left">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label="Language" className="flex gap-1">
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={l === language}
              onClick={() => setLanguage(l)}
              className="rounded px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-100 aria-pressed:bg-indigo-600 aria-pressed:text-white"
            >
              {l}
            </button>
          ))}
        </div>
        <CopyButton text={code} label={`Copy the ${language} example`} onFailure={() => selectContents(pre.current)} />
      </div>
      {/* Focusable so a keyboard user can scroll a long line (axe: scrollable-region-focusable). */}
      <pre ref={pre} tabIndex={0} aria-label={`Example request (${language})`} className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs">
        {code}
      </pre>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { findKeyOwnerAction } from "../actions";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";

// Every profile's key shape (`mos_live_…`, `ms_test_…`, `ml_live_…`, `m0-…`, `mem_…`) and an
// older Keyhouse's (`kh_live_…`), loosely: such text goes to the server by POST, which does
// the real check (shape, prefix, checksum). The server refuses whole keys from a URL anyway.
const LOOKS_LIKE_A_KEY = /^[a-z][a-z0-9]{0,15}[_-]((live|test)_)?[0-9A-Za-z]{30,}$/;

/**
 * The console's search box. Names, emails, hints and ids are a GET (the search is in the
 * URL and can be shared); a whole pasted key is posted instead and never put in a URL.
 */
export function AccountSearch({ q, maxLength }: { q: string; maxLength: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [keyFound, setKeyFound] = useState(false);
  const lookup = useFormAction<{ organizationId: string }>(findKeyOwnerAction, (s) => {
    if (s.status === "success" && s.data) {
      setKeyFound(true);
      router.push(`/support/orgs/${s.data.organizationId}`);
    }
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const value = input.current?.value.trim() ?? "";
    if (!LOOKS_LIKE_A_KEY.test(value)) return; // the GET goes ahead
    e.preventDefault();
    const form = new FormData();
    form.set("key", value);
    lookup.submit(form);
    if (input.current) input.current.value = "";
  }
  return (
    <>
      <form method="get" action="/support" role="search" onSubmit={onSubmit} className="mb-4 flex flex-wrap items-end gap-2">
        <label className="min-w-0 flex-1 text-sm">
          <span className="mb-1 block font-medium text-zinc-800">Search accounts</span>
          <input
            ref={input}
            type="search"
            name="q"
            defaultValue={q}
            maxLength={maxLength}
            autoComplete="off"
            spellCheck={false}
            placeholder="Organization name or slug, member email, key hint or id, or a whole pasted key"
            className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={lookup.pending}
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          Search
        </button>
      </form>
      {lookup.state.status === "error" ? <FormMessage status="error" message={lookup.state.message} /> : null}
      {keyFound ? (
        <p role="status" className="mb-4 text-sm text-zinc-700">
          Key found: opening its account…
        </p>
      ) : null}
    </>
  );
}

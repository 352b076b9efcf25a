"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ActionState } from "@/lib/auth/action";

type Action<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/**
 * A server action bound to a form's onSubmit. Submitting by hand keeps what was typed in
 * the fields (a form `action` would reset them). `onResult` runs once per new answer.
 */
export function useFormAction<T>(action: Action<T>, onResult?: (state: ActionState<T>) => void) {
  const [state, dispatch, pending] = useActionState<ActionState<T>, FormData>(action, { status: "idle" });
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    onResult?.(state);
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }
  return { state, pending, onSubmit };
}

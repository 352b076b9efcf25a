"use client";

import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import type { ActionState } from "@/lib/auth/action";

type Action<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/**
 * A server action bound to a form's onSubmit. Submitting by hand keeps what was typed in
 * the fields (a form `action` would reset them). `onResult` runs once per new answer.
 * A success message is announced as a toast; so is an error when the form has no place
 * of its own to show it (`toastErrors`, for one-button forms such as a row's Revoke).
 */
export function useFormAction<T>(
  action: Action<T>,
  onResult?: (state: ActionState<T>) => void,
  options: { toastErrors?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState<ActionState<T>, FormData>(action, { status: "idle" });
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    onResult?.(state);
  }
  const { toastErrors } = options;
  useEffect(() => {
    if (state.status === "success" && state.message) toast.success(state.message);
    if (state.status === "error" && state.message && toastErrors) toast.error(state.message);
  }, [state, toastErrors]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(new FormData(event.currentTarget));
  }
  /** Sends form data built by hand (for a form that only sometimes goes to the action). */
  function submit(form: FormData) {
    startTransition(() => dispatch(form));
  }
  return { state, pending, onSubmit, submit };
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionState } from "@/lib/auth/action";

type FieldSpec =
  | { name: string; label: string; hint?: string; defaultValue?: string; maxLength?: number; required?: boolean }
  | { name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string };

/**
 * A change that needs a second look: a button opens a dialog saying what will happen, with
 * optional fields (an internal note, a plan), and a confirm button that names the change.
 * `afterSuccess: "home"` reloads to / (after leaving an organization, say).
 * With `opened` the dialog has no button of its own: a row menu opens and closes it.
 */
export function ConfirmDialog({
  action,
  trigger,
  triggerLabel,
  title,
  description,
  hidden,
  fields = [],
  confirm,
  danger = false,
  small = false,
  afterSuccess,
  opened,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  trigger?: string;
  /** An accessible name for the trigger when its text alone is ambiguous ("Revoke" in a table). */
  triggerLabel?: string;
  title: string;
  description: React.ReactNode;
  hidden: Record<string, string>;
  fields?: FieldSpec[];
  confirm: string;
  danger?: boolean;
  /** A compact trigger for table rows. */
  small?: boolean;
  afterSuccess?: "home";
  opened?: { open: boolean; onClose: () => void };
}) {
  const router = useRouter();
  const [ownOpen, setOwnOpen] = useState(false);
  const open = opened ? opened.open : ownOpen;
  const setOpen = (value: boolean) => (opened ? !value && opened.onClose() : setOwnOpen(value));
  const { state, pending, onSubmit } = useFormAction(action, (s) => {
    if (s.status !== "success") return;
    setOpen(false);
    if (afterSuccess === "home") router.push("/");
  });
  return (
    <>
      {/* Red text, not a red button: the red button is the confirmation inside the dialog. */}
      {opened ? null : (
        <Button
          type="button"
          variant="secondary"
          className={`${danger ? "text-red-700" : ""} ${small ? "px-2 py-1 text-xs" : ""}`}
          onClick={() => setOpen(true)}
          aria-label={triggerLabel}
        >
          {trigger}
        </Button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <form onSubmit={onSubmit} className="space-y-4">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="text-sm text-zinc-700">{description}</div>
          {fields.map((f) =>
            "options" in f ? (
              <SelectField
                key={f.name}
                label={f.label}
                name={f.name}
                defaultValue={f.defaultValue}
                options={f.options}
                errors={state.fieldErrors?.[f.name]}
              />
            ) : (
              <Field
                key={f.name}
                label={f.label}
                name={f.name}
                hint={f.hint}
                defaultValue={f.defaultValue}
                maxLength={f.maxLength ?? 1000}
                required={f.required}
                errors={state.fieldErrors?.[f.name]}
              />
            ),
          )}
          <FormMessage status={state.status} message={state.status === "error" ? state.message : undefined} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
              {pending ? "Working…" : confirm}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

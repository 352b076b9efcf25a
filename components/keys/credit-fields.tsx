import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";

interface Props {
  credits: number | null;
  creditRefill: { amount: number; interval: "daily" | "monthly" } | null;
  errors: Record<string, string[] | undefined>;
  hint: string;
}

/** Credits left and their refill: a key's own, or an identity's shared by its keys. */
export function CreditFields({ credits, creditRefill, errors, hint }: Props) {
  return (
    <>
      {/* What the form showed: saving without touching it never overwrites credits spent meanwhile. */}
      <input type="hidden" name="creditsShown" value={credits ?? ""} />
      <Field label="Credits left" name="credits" type="number" min={0} defaultValue={credits ?? ""} placeholder="Unlimited" hint={hint} errors={errors.credits} />
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Refill"
          name="refillInterval"
          defaultValue={creditRefill?.interval ?? ""}
          options={[
            { value: "", label: "Never" },
            { value: "daily", label: "Every day (UTC)" },
            { value: "monthly", label: "Every month (UTC)" },
          ]}
        />
        <Field label="Refill to" name="refillAmount" type="number" min={1} defaultValue={creditRefill?.amount ?? ""} errors={errors.refillAmount} />
      </div>
    </>
  );
}

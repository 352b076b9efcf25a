import { SelectField } from "@/components/ui/select-field";
import { keyStarts, PROFILES, type ProfileId } from "@/lib/profiles/catalog";

/** The API profile of a new organization, when the deployment serves more than one. */
export function ProfileSelect({ profiles, errors }: { profiles: ProfileId[]; errors?: string[] }) {
  if (profiles.length < 2) return null;
  return (
    <SelectField
      label="API profile (your API's key format and clients; fixed once created)"
      name="profile"
      options={profiles.map((id) => ({ value: id, label: `${PROFILES[id].label} (${keyStarts(PROFILES[id]).join(", ")}…)` }))}
      errors={errors}
    />
  );
}

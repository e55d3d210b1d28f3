/** A labelled `<select>` of a filter form: "any" first, then each value by its name. */
export function SelectField<V extends string>({
  id,
  name,
  label,
  anyLabel,
  values,
  names,
  value,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  values: readonly V[];
  names: Record<V, string>;
  value: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{anyLabel}</option>
        {values.map((one) => (
          <option key={one} value={one}>
            {names[one]}
          </option>
        ))}
      </select>
    </div>
  );
}

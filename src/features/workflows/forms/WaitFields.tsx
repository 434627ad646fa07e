import { useWatch } from "react-hook-form";
import { Field } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { errorOf, RadioGroup, type FieldsProps } from "./formKit";

/** A pause: for a while, or until the org's clock shows a time. */
export function WaitFields({ form }: FieldsProps) {
  const { register, control } = form;
  const mode = useWatch({ control, name: "mode" }) as string;
  return (
    <div className="space-y-4">
      <RadioGroup legend="Wait" registration={register("mode")} options={[{ value: "duration", label: "For a while" }, { value: "until_time", label: "Until a time of day" }]} />
      {mode === "until_time" ? (
        <Field label="Time (org's time zone)" error={errorOf(form, "time")}>{(c) => <Input {...c} type="time" {...register("time")} />}</Field>
      ) : (
        <div className="grid grid-cols-2 gap-2">
          <Field label="Amount" error={errorOf(form, "amount")}>{(c) => <Input {...c} type="number" min={1} {...register("amount", { valueAsNumber: true })} />}</Field>
          <Field label="Unit" error={errorOf(form, "unit")}>
            {(c) => (
              <Select {...c} {...register("unit")}>
                <option value="minutes">minutes</option>
                <option value="hours">hours</option>
                <option value="days">days</option>
              </Select>
            )}
          </Field>
        </div>
      )}
    </div>
  );
}

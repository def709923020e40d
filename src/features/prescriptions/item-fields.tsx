/**
 * One medicine on a prescription: what it is, how much, how to take it, for how long. The
 * schedule is recognised from Lifeboat's list as the name is typed (the prescriber can mark any
 * other medicine); a Schedule 2 or 3 drug asks for the total in words, offered from the figures.
 */
import { useFormContext, useWatch } from 'react-hook-form';
import { findControlledDrug, scheduleLabel } from '../../domain/prescribing/controlled-drugs';
import { integerToWords, MAX_QUANTITY_IN_WORDS, QUANTITY_UNIT_KEYS, QUANTITY_UNITS } from '../../domain/prescribing/number-words';
import { effectiveSchedule, listedSchedule, needsControlledDrugWriting, SCHEDULE_CHOICES, type ScheduleChoice } from '../../domain/prescribing/prescription';
import { draftItemSchema, readNumber, type DraftItem } from '../../domain/prescribing/prescription-record';
import type { PrescriptionProblem } from '../../domain/prescribing/legal-checks';
import { Select, TextArea, TextInput } from '../../components/form-fields';
import type { EditorValues } from './editor-values';
import { WarningCallout } from '../../components/warning-callout';

const SCHEDULE_LABELS: Record<ScheduleChoice, string> = {
  none: 'Not a controlled drug',
  '2': 'Schedule 2 controlled drug',
  '3': 'Schedule 3 controlled drug',
  '4': 'Schedule 4 controlled drug',
  '5': 'Schedule 5 controlled drug',
};

export const RECENT_MEDICINES_LIST = 'recent-medicines';

/** The element id of an item's field, as the error summary links to it. */
export function itemFieldId(index: number, field: string): string {
  return `item-${index}-${field}`;
}

export function ItemFields({ index, problems, onRemove }: { index: number; problems: PrescriptionProblem[]; onRemove: (() => void) | null }) {
  const { register, setValue, control } = useFormContext<EditorValues>();
  const watched = useWatch({ control, name: `items.${index}` });
  const item: DraftItem = draftItemSchema.parse(watched ?? {});
  const at = (field: keyof DraftItem) => `items.${index}.${field}` as const;
  const errorAt = (field: keyof DraftItem) => problems.find((p) => p.path === at(field) && p.severity === 'error')?.message;
  const warnings = problems.filter((p) => p.path.startsWith(`items.${index}.`) && p.severity === 'warning');
  const id = (field: keyof DraftItem) => itemFieldId(index, field);

  const reading = { ...item, quantity: readNumber(item.quantity), daysTreatment: readNumber(item.daysTreatment) };
  const listed = listedSchedule(item);
  const match = listed === 'none' ? null : findControlledDrug(`${item.medicineName} ${item.strength} ${item.form}`);
  const shown = item.scheduleSetByPrescriber ? item.controlledDrugSchedule : listed;
  const schedule = effectiveSchedule({ ...reading, controlledDrugSchedule: shown });
  const figures = reading.quantity;
  const suggestion = Number.isInteger(figures) && figures >= 1 && figures <= MAX_QUANTITY_IN_WORDS ? integerToWords(figures) : null;
  const unit = QUANTITY_UNITS[item.quantityUnit];

  return (
    <fieldset className="nhsuk-fieldset lifeboat-item" aria-describedby={warnings.length > 0 ? `${id('medicineName')}-warnings` : undefined}>
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Medicine {index + 1}</legend>
      <TextInput id={id('medicineName')} label="Medicine name" hint="Start typing: medicines prescribed on this device are offered" list={RECENT_MEDICINES_LIST} error={errorAt('medicineName')} {...register(at('medicineName'))} />
      {match ? (
        <p className="nhsuk-body-s" data-testid={`item-${index}-recognised`}>
          <strong className="nhsuk-tag nhsuk-tag--orange">Controlled drug</strong> {match.drug.name} is {scheduleLabel(match.schedule, match.drug.schedule4Part)} on Lifeboat’s list
          {match.note ? ` (${match.note})` : ''}.
        </p>
      ) : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <TextInput id={id('strength')} label="Strength" hint="Like 10 mg or 10 mg/5 mL" error={errorAt('strength')} {...register(at('strength'))} />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <TextInput id={id('form')} label="Form" hint="Like tablets or oral solution" error={errorAt('form')} {...register(at('form'))} />
        </div>
      </div>
      <TextArea id={id('dose')} label="Dose and directions" hint="Printed in full after the medicine, like “One tablet twice a day”" rows={2} error={errorAt('dose')} {...register(at('dose'))} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <TextInput id={id('quantity')} label="Quantity" inputMode="decimal" width={5} error={errorAt('quantity')} {...register(at('quantity'))} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <Select id={id('quantityUnit')} label="Unit" options={QUANTITY_UNIT_KEYS.map((k) => ({ value: k, label: QUANTITY_UNITS[k].many }))} {...register(at('quantityUnit'))} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <TextInput id={id('daysTreatment')} label="Days’ treatment" inputMode="numeric" width={3} error={errorAt('daysTreatment')} {...register(at('daysTreatment'))} />
        </div>
      </div>
      <Select
        id={id('controlledDrugSchedule')}
        label="Controlled drug schedule"
        hint={listed === 'none' ? 'Mark it if this medicine is a controlled drug not on Lifeboat’s list' : 'Found from the name; a stricter schedule can be chosen'}
        options={SCHEDULE_CHOICES.map((s) => ({ value: s, label: SCHEDULE_LABELS[s] }))}
        value={shown}
        onChange={(e) => {
          const choice = SCHEDULE_CHOICES.find((s) => s === e.currentTarget.value) ?? 'none';
          setValue(at('controlledDrugSchedule'), choice, { shouldDirty: true });
          setValue(at('scheduleSetByPrescriber'), true, { shouldDirty: true });
        }}
      />
      {needsControlledDrugWriting(schedule) ? (
        <div className="nhsuk-inset-text">
          <TextInput
            id={id('quantityInWords')}
            label="Total quantity in words"
            hint={suggestion ? `From the figures: ${figures} = “${suggestion}” ${unit.many}. Check it, then use it or type it.` : 'Enter the quantity in figures first'}
            error={errorAt('quantityInWords')}
            {...register(at('quantityInWords'))}
          />
          {suggestion ? (
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setValue(at('quantityInWords'), suggestion, { shouldDirty: true })}>
              Use “{suggestion}”
            </button>
          ) : null}
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <WarningCallout label="Check before printing" level={3} id={`${id('medicineName')}-warnings`}>
          <ul>
            {warnings.map((w) => (
              <li key={w.path + w.message}>{w.message}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
      {onRemove ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onRemove}>
          Remove medicine {index + 1}
        </button>
      ) : null}
    </fieldset>
  );
}

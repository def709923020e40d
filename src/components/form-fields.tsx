/**
 * NHS design-system form fields: a label, optional hint, an error message beside the field, and
 * the input, wired for react-hook-form's `register` and for screen readers (aria-describedby).
 */
import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
  labelSize?: 's' | 'm';
}

export function Field({ id, label, hint, error, children, labelSize }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className={`nhsuk-label${labelSize ? ` nhsuk-label--${labelSize}` : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

type TextInputProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
};

export const TextInput = forwardRef<HTMLInputElement, TextInputProps>(function TextInput(
  { id, label, hint, error, width, className, ...input },
  ref,
) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          ref={ref}
          id={id}
          type="text"
          // Browsers keep typed values for autofill in their own files, in clear: never for Lifeboat.
          autoComplete="off"
          className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}${className ? ` ${className}` : ''}`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...input}
        />
      )}
    </Field>
  );
});

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
};

export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea({ id, label, hint, error, ...textarea }, ref) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          ref={ref}
          id={id}
          autoComplete="off"
          className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          rows={3}
          {...textarea}
        />
      )}
    </Field>
  );
});

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
};

export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select({ id, label, hint, error, options, ...select }, ref) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          ref={ref}
          id={id}
          className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...select}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
});

type CheckboxProps = InputHTMLAttributes<HTMLInputElement> & { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined };

/** A single checkbox with its own label (for a yes/no question). */
export const Checkbox = forwardRef<HTMLInputElement, CheckboxProps>(function Checkbox({ id, label, hint, error, ...input }, ref) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            ref={ref}
            id={id}
            type="checkbox"
            className="nhsuk-checkboxes__input"
            aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}
            {...input}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint ? (
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-hint`}>
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
});

/** The error summary at the top of a form, each entry linking to its field. */
export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: { field: string; message: string }[]; title?: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title">{title}</h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {errors.map((e) => (
            <li key={e.field + e.message}>
              <a href={`#${e.field}`}>{e.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * The error summary's entries for a react-hook-form `errors` object, in form order: `fieldIds`
 * maps each field path ("staff.name") to the id of its input, which the summary links to.
 */
export function summariseErrors(errors: object, fieldIds: Record<string, string>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const [path, id] of Object.entries(fieldIds)) {
    let node: unknown = errors;
    for (const key of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    const message = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined;
    if (typeof message === 'string' && message) out.push({ field: id, message });
  }
  return out;
}

import type { ReactNode } from 'react';

export type ControlProps = {
  id: string;
  name: string;
  required: boolean;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
};

type FormFieldProps = {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  /** Renders the control with the ids and ARIA state that tie it to its label, hint and error. */
  children(control: ControlProps): ReactNode;
};

/** One labelled form control with its hint and its server-side validation message. */
export function FormField({ name, label, error, hint, required = false, children }: FormFieldProps) {
  const id = `field-${name.replace(/\W+/g, '-')}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span aria-hidden="true" className="required-mark">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children({ id, name, required, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

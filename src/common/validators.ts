import { registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';

const earliest = Date.parse('1900-01-01T00:00:00Z');
// Scanners and desks whose clocks run a little ahead are not "in the future".
const clockSkewMs = 5 * 60 * 1000;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What is wrong with an ISO 8601 date-time with its time zone, not in the future and not before 1900; null when nothing is. */
export function pastDateTimeProblem(value: unknown): string | null {
  if (typeof value === 'string' && isoDateTime.test(value)) {
    const time = Date.parse(value);
    if (Number.isFinite(time) && time >= earliest && time <= Date.now() + clockSkewMs) return null;
    if (time > Date.now()) return 'must not be in the future';
  }
  return 'must be a date and time with its time zone, like 2026-11-23T14:30:00+01:00, not before 1900';
}

/** An ISO 8601 date-time with its time zone, not in the future and not before 1900. */
export function IsPastDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPastDateTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => pastDateTimeProblem(value) === null,
        defaultMessage: (validation?: ValidationArguments) => pastDateTimeProblem(validation?.value) ?? '',
      },
    });
}

/**
 * An optional field: it may be left out, but null is not one of its values and is refused like any
 * other wrong value (class-validator's IsOptional lets null through to the service).
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * A finite number with at most three decimals, as counted or weighed. Written here because
 * class-validator's `maxDecimalPlaces` throws on numbers it prints with an exponent (8e-323).
 */
export function IsQuantity(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isQuantity',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6,
        defaultMessage: () => 'must be a number with at most three decimals',
      },
    });
}

// C0 and C1 control characters and DEL, and the bidirectional embeddings, overrides and isolates
// that make text read otherwise than it is stored
// eslint-disable-next-line no-control-regex
export const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Text that people type and labels print (descriptions, seal numbers, names): no control
 * characters, which a label printer would read as commands (ESC/POS GS k prints a barcode, ESC p
 * opens a cash drawer) and no screen shows.
 */
export function NoControlCharacters(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'noControlCharacters',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !controlCharacters.test(value),
        defaultMessage: () => 'must not contain control characters (line breaks, tabs or invisible printer commands)',
      },
    });
}

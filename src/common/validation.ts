import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { CustodyError, CustodyErrorCode, FieldProblem } from './errors/custody-error';
import { mainProblem } from './main-problem';

/** Flattens class-validator's tree into `{field, problem}` pairs with paths like `roles[0].site`. */
export function fieldProblems(errors: ValidationError[], parentPath = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const path = !error.property
      ? parentPath || 'body'
      : isIndex
        ? `${parentPath}[${error.property}]`
        : parentPath
          ? `${parentPath}.${error.property}`
          : error.property;
    const message = mainProblem(error.constraints ?? {});
    const own = message === undefined ? [] : [{ field: path, problem: problemOf(message, error.property) }];
    // what is inside a value that is not even the list it should be says nothing more
    const children = error.constraints && 'isArray' in error.constraints ? [] : (error.children ?? []);
    return [...own, ...fieldProblems(children, path)];
  });
}

function problemOf(message: string, property: string): string {
  if (message.startsWith('property ') && message.endsWith(' should not exist')) return 'is not a known field';
  if (message.startsWith('an unknown value was passed')) return 'must be a JSON object';
  return property && message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

export function validationFailed(fields: FieldProblem[]): CustodyError {
  const message = fields.map(({ field, problem }) => `${field} ${problem}`).join('; ') || 'the request is not valid';
  return new CustodyError(CustodyErrorCode.ValidationFailed, message, fields);
}

/** Whitelists fields, refuses unknown ones and answers every wrong field at once, with its main problem. */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldProblems(errors)),
  });
}

/** A body must be a JSON object before its fields can be checked. */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // a POST without a body (no content type) is an empty object: `{}` says what is missing, if anything
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type === 'body' && metadata.metatype !== Object && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw validationFailed([{ field: 'body', problem: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** A whole number from 1 in a path; anything else answers 400 naming the parameter. */
@Injectable()
export class PositiveIntParam implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) throw CustodyError.invalid(metadata.data ?? 'number', 'must be a whole number from 1');
    return Number(value);
  }
}

/** A UUID path parameter; anything else answers 400 naming the parameter. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) throw CustodyError.invalid(metadata.data ?? 'id', 'must be a UUID');
    return value;
  }
}

import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CustodyErrorCode } from './errors/custody-error';

class FieldProblemDoc {
  @ApiProperty({ example: 'items[3].category' }) field: string;
  @ApiProperty({ example: 'must be one of drugs, cash, firearm, valuables, document, digital_device, vehicle, other' }) problem: string;
}

/** The one error body of every endpoint. */
export class ErrorBodyDoc {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ enum: CustodyErrorCode, example: CustodyErrorCode.ValidationFailed }) code: CustodyErrorCode;
  @ApiProperty({ example: 'items[3].category must be one of drugs, cash, …' }) message: string;
  @ApiPropertyOptional({ type: [FieldProblemDoc] }) fields?: FieldProblemDoc[];
}

const errorDescriptions: Record<number, string> = {
  400: 'Bad input: `fields` names each wrong field and its problem',
  401: 'No valid, unexpired token; or wrong credentials at sign-in',
  403: 'Your roles do not allow this',
  404: 'Not found, or at a site where you hold no role',
  409: 'Conflicts with the current state (taken name, item not in custody, …)',
  413: 'The request body is too large',
  422: 'The Idempotency-Key was used before with another request',
  429: 'Too many requests',
};

/** Documents the answers of an endpoint: its success body and the errors it can give, all in the one error shape. */
export function ApiAnswers(success: { status: number; type?: Type<unknown> | [Type<unknown>]; file?: string; description: string }, ...errors: number[]) {
  const body = success.file
    ? { content: { [success.file]: { schema: { type: 'string' as const, format: 'binary' } } } }
    : success.type
      ? { type: success.type }
      : {};
  return applyDecorators(
    ApiExtraModels(ErrorBodyDoc),
    ApiResponse({ status: success.status, description: success.description, ...body }),
    ...[...new Set([...errors, 400])].map((status) =>
      ApiResponse({ status, description: errorDescriptions[status] ?? 'Error', schema: { $ref: getSchemaPath(ErrorBodyDoc) } }),
    ),
  );
}

/** A page of results: `{data, page, pageSize, total}`. */
export function pageDoc<T>(item: Type<T>): Type<unknown> {
  class PageDoc {
    @ApiProperty({ type: [item] }) data: T[];
    @ApiProperty({ example: 1 }) page: number;
    @ApiProperty({ example: 50 }) pageSize: number;
    @ApiProperty({ example: 120 }) total: number;
  }
  Object.defineProperty(PageDoc, 'name', { value: `PageOf${item.name.replace(/Doc$/, '')}` });
  return PageDoc;
}

import { applyDecorators, INestApplication, Type } from '@nestjs/common';
import {
  ApiExtension,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DocumentBuilder,
  getSchemaPath,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
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
  403: 'Your roles do not allow this, or your role asks a second factor that this session has not given yet (`SECOND_FACTOR_ENROLMENT_REQUIRED`)',
  404: 'Not found, or at a site where you hold no role',
  409: 'Conflicts with the current state (taken name, item not in custody, …), or a request with the same Idempotency-Key is under way or was applied',
  413: 'The request body is too large',
  422: 'The Idempotency-Key was used before with another request',
  429: 'Too many attempts (sign-ins, or a witness’s password): wait and try again',
};

/** The tags of the API, one per controller (`@ApiTags`), in the order the documentation shows them. */
const apiTags: Record<string, string> = {
  auth: 'Signing in: passwords, single sign-on, tokens, the second factor, and one’s own account',
  scan: 'What a scanned barcode names',
  seizures: 'Registering seizures and their items',
  items: 'Items: where each is, its custody history, and the custody steps done to it',
  transfers: 'Manifests of items moving between sites: drafting, dispatch, receipt and close',
  audits: 'Inventories of a location or a site, and a random sample',
  printing: 'Label printers, print jobs and label previews',
  ledger: 'The custody ledger: verification, signed checkpoints, proofs, tiles and reports',
  custody: 'The custody steps and their rules, as data',
  statistics: 'Yearly figures per site',
  sites: 'Sites: premises of an organization with an evidence room or registry',
  locations: 'Storage locations inside a site: rooms, shelves, bins',
  organizations: 'Police zones, courts, the confiscation office and labs',
  users: 'Users and their roles at sites',
  health: 'Whether the server and its database answer',
  integrations: 'What other systems follow Custody by: the feed of custody events, and webhooks that tell a receiver of each',
  imports: 'Bringing in the items a registry held before Custody, with their history',
};

/** The OpenAPI document of the app, as /api/docs serves it. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Custody')
    .setDescription(
      'Evidence chain of custody: seizures, items, transfers, labels and a verifiable custody ledger. Sign in with POST /auth/login, then send Authorization: Bearer <accessToken>.',
    )
    .setVersion('0.1.0')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    // the server that serves the document
    .addServer('/')
    .addBearerAuth();
  for (const [name, description] of Object.entries(apiTags)) builder.addTag(name, description);
  return completeDocument(SwaggerModule.createDocument(app, builder.build()));
}

const errorAnswer = (status: number) => ({
  description: errorDescriptions[status],
  content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDoc) } } },
});

const publicOperation = 'x-custody-public';

/** Marks an operation that needs no token, for `completeDocument` to say so (`security: []`). */
export const ApiPublic = () => ApiExtension(publicOperation, true);

/**
 * What the document learns from the app as a whole rather than from each endpoint: any request may
 * be refused as malformed (400: a control character in its path or query, say); every operation
 * needs a bearer token unless it is public, and so may answer 401 and 403 (the one guard's
 * refusals); every request with a body may answer 413 (the body limit).
 */
function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.security = [{ bearer: [] }];
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method] as (typeof operations)[typeof method] & { [publicOperation]?: boolean };
      if (!operation) continue;
      operation.responses[400] ??= errorAnswer(400);
      if (operation[publicOperation]) {
        delete operation[publicOperation];
        operation.security = [];
      } else {
        for (const status of [401, 403]) operation.responses[status] ??= errorAnswer(status);
      }
      if (method !== 'get') operation.responses[413] ??= errorAnswer(413);
    }
  }
  return document;
}

/** Documents the answers of an endpoint: its success body and the errors it can give, all in the one error shape. */
export function ApiAnswers(
  success: { status: number; type?: Type<unknown> | [Type<unknown>]; file?: string | string[]; description: string },
  ...errors: number[]
) {
  const body = success.file
    ? { content: Object.fromEntries([success.file].flat().map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }])) }
    : success.type
      ? { type: success.type }
      : {};
  return applyDecorators(ApiResponse({ status: success.status, description: success.description, ...body }), ApiErrors(...new Set([...errors, 400])));
}

/** Documents errors an endpoint can give, in the one error shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ErrorBodyDoc),
    ...statuses.map((status) => ApiResponse({ status, description: errorDescriptions[status] ?? 'Error', schema: { $ref: getSchemaPath(ErrorBodyDoc) } })),
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

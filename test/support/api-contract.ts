import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface OpenApiResponse {
  description: string;
  content?: Record<string, { schema?: object }>;
}
export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, OpenApiResponse>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, object> };
  security?: Record<string, string[]>[];
  tags?: { name: string; description?: string }[];
}

/** One answer of the API as a client gets it; `body` is undefined when it was streamed and so not read. */
export interface Answer {
  method: string;
  /** the operation's path as the document writes it: `/items/{code}` */
  path: string;
  status: number;
  contentType: string | undefined;
  body: string | Buffer | undefined;
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The OpenAPI document as a contract that answers are held to: the answer's status must be one its
 * operation declares, its content type one declared for that status, and a JSON body must validate
 * against the declared schema (Ajv, with the components its `$ref`s name).
 */
export class ApiContract {
  private readonly ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true, allowUnionTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { path: string; exact: RegExp; spanning: RegExp; parameters: number }[];

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // OpenAPI 3.0's annotations, which JSON Schema does not know
    this.ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
    this.ajv.addSchema({ $id: 'components', definitions: mapOf(document.components?.schemas ?? {}) });
    // fewest parameters first, so that `/items/lookup` wins over `/items/{code}`
    this.templates = Object.keys(document.paths)
      .map((path) => ({ path, exact: templatePattern(path, false), spanning: templatePattern(path, true), parameters: (path.match(/\{/g) ?? []).length }))
      .sort((one, other) => one.parameters - other.parameters);
  }

  /** The document's path template that a request's path falls under (`/items/I1X` → `/items/{code}`). */
  pathOf(method: string, requestPath: string): string | undefined {
    const path = requestPath.split('?')[0].replace(/(.)\/$/, '$1');
    const serves = (template: { path: string }) => this.document.paths[template.path][method.toLowerCase()] !== undefined;
    // a parameter across segments only when no template matches segment by segment
    return (
      this.templates.find((template) => template.exact.test(path) && serves(template)) ??
      this.templates.find((template) => template.spanning.test(path) && serves(template))
    )?.path;
  }

  /** What is wrong with an answer by the document, each problem a line naming the operation; empty when it keeps the contract. */
  problemsOf(answer: Answer): string[] {
    const method = answer.method.toLowerCase();
    const name = `${answer.method.toUpperCase()} ${answer.path} ${answer.status}`;
    const operation = this.document.paths[answer.path]?.[method];
    if (!operation) return [`${answer.method.toUpperCase()} ${answer.path}: no such operation in the document`];
    const statusKey = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((key) => operation.responses[key]);
    if (!statusKey) return [`${name}: a status the operation does not declare (it declares ${Object.keys(operation.responses).join(', ')})`];
    const declared = operation.responses[statusKey].content ?? {};
    const mediaType = answer.contentType?.split(';')[0].trim().toLowerCase();
    const isEmpty = answer.body !== undefined && answer.body.length === 0;
    if (Object.keys(declared).length === 0)
      return isEmpty || answer.body === undefined ? [] : [`${name}: a body (${mediaType}) where the document declares none`];
    if (!mediaType || !declared[mediaType]) return [`${name}: content type ${mediaType ?? 'none'}, the document declares ${Object.keys(declared).join(', ')}`];
    const schema = declared[mediaType].schema;
    if (!schema || !/^application\/([\w.-]+\+)?json$/.test(mediaType) || answer.body === undefined) return [];
    let value: unknown;
    try {
      value = JSON.parse(answer.body.toString());
    } catch {
      return [`${name}: the body is not JSON`];
    }
    const validate = this.validatorFor(`${method} ${answer.path} ${statusKey} ${mediaType}`, schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${name}: ${error.instancePath || 'the body'} ${error.message}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''}`,
    );
  }

  private validatorFor(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(jsonSchemaOf(schema));
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** The operations of a document, each with its path and method. */
export function operationsOf(document: OpenApiDocument): { path: string; method: string; operation: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

/** A path template as a pattern; `spanning`: a parameter that ends the path may span segments, as a wildcard route's does (/ledger/tile/{path}). */
function templatePattern(path: string, spanning: boolean): RegExp {
  const parts = path
    .split(/(\{\w+\})/)
    .map((part, index, all) =>
      part.startsWith('{') ? (spanning && index === all.length - 2 && all[index + 1] === '' ? '.+' : '[^/]+') : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    );
  return new RegExp(`^${parts.join('')}$`);
}

const schemaMaps = ['properties', 'patternProperties', 'definitions'];
const schemaLists = ['allOf', 'anyOf', 'oneOf'];
const schemaValues = ['items', 'additionalProperties', 'not'];

/**
 * An OpenAPI 3.0 schema as JSON Schema: `nullable: true` admits null alongside whatever the schema
 * says (also beside `allOf`, as code generators read it; an enum must list null too), and component
 * `$ref`s point into the `components` schema that every validator shares.
 */
function jsonSchemaOf(schema: object): object {
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string') return [key, value.replace('#/components/schemas/', 'components#/definitions/')];
      if (schemaMaps.includes(key)) return [key, mapOf(value as Record<string, object>)];
      if (schemaLists.includes(key)) return [key, (value as object[]).map(jsonSchemaOf)];
      if (schemaValues.includes(key) && typeof value === 'object') return [key, jsonSchemaOf(value as object)];
      return [key, value];
    }),
  );
  // as OpenAPI 3.0.3 says, a nullable enum admits null only when it lists it
  const admitsNull = nullable === true && !(Array.isArray(rest.enum) && !rest.enum.includes(null));
  return admitsNull ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

function mapOf(schemas: Record<string, object>): Record<string, object> {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, jsonSchemaOf(schema)]));
}

import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBadRequestResponse, ApiParam, ApiQuery } from '@nestjs/swagger';
import { ParsedInput, parseRequestInput, RequestShape } from './request-input';

const REQUEST_SHAPE = 'hp:request-shape';

interface RawRequest {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, unknown>>;
}

/** Each request is parsed once; the access guard and the handler's parameters read this one result. */
const parsedRequests = new WeakMap<object, ParsedInput>();
const reflector = new Reflector();

/**
 * Declares a route's parameters: they are parsed (canonical and typed, see parseRequestInput) before the
 * access guard checks anything, the handler takes them with @PathParam / @QueryParam, and the OpenAPI
 * document describes them from the same declaration.
 */
export function RequestInput(shape: RequestShape): MethodDecorator {
  const openApi = [
    ...Object.entries(shape.path ?? {}).map(([name, spec]) =>
      ApiParam({
        name,
        required: true,
        description: spec.description,
        schema: { ...spec.schema, enum: spec.schema.enum && [...spec.schema.enum] },
      }),
    ),
    ...Object.entries(shape.query ?? {}).map(([name, spec]) =>
      ApiQuery({
        name,
        required: spec.required,
        description: spec.description,
        schema: { ...spec.schema, enum: spec.schema.enum && [...spec.schema.enum] },
      }),
    ),
  ];
  return applyDecorators(
    SetMetadata(REQUEST_SHAPE, shape),
    ...openApi,
    ApiBadRequestResponse({
      description:
        'A parameter is not in its one accepted form, is given twice, or is not a parameter of this route',
    }),
  );
}

/** The declared shape of the route handling this request; undefined when it declares none. */
export function requestShapeOf(context: ExecutionContext): RequestShape | undefined {
  return declaredShapeOf(context.getHandler());
}

/** The shape a route handler declares with @RequestInput; undefined when none. */
export function declaredShapeOf(handler: object): RequestShape | undefined {
  return reflector.get<RequestShape | undefined>(REQUEST_SHAPE, handler as () => unknown);
}

/**
 * The parsed parameters of the request, parsed on first use and kept for the rest of it.
 * @throws DomainError INVALID_ARGUMENT for a parameter out of shape; Error when the route declares no shape.
 */
export function parsedInputOf(context: ExecutionContext): ParsedInput {
  const request = context.switchToHttp().getRequest<RawRequest & object>();
  const known = parsedRequests.get(request);
  if (known) return known;
  const shape = requestShapeOf(context);
  if (!shape)
    throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no @RequestInput`);
  const parsed = parseRequestInput(shape, request.params ?? {}, request.query ?? {});
  parsedRequests.set(request, parsed);
  return parsed;
}

/** A route parameter (`:name`) as its @RequestInput spec parsed it. */
export const PathParam = createParamDecorator(
  (name: string, context: ExecutionContext) => parsedInputOf(context).path[name],
);

/** A query parameter as its @RequestInput spec parsed it (undefined when absent and optional). */
export const QueryParam = createParamDecorator(
  (name: string, context: ExecutionContext) => parsedInputOf(context).query[name],
);

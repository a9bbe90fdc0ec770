import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBody } from '@nestjs/swagger';
import { ValidateFunction } from 'ajv';
import { bodyValidator, checkBody, JsonSchema } from './request-body';

const BODY_VALIDATOR = 'hp:body-validator';
const reflector = new Reflector();

/**
 * Declares a route's JSON body by its schema: the handler takes it with @ValidBody(), checked (400 naming the
 * field), and the OpenAPI document serves the same schema as the route's requestBody.
 */
export function RequestBody(schema: JsonSchema, description?: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(BODY_VALIDATOR, bodyValidator(schema)),
    ApiBody({ schema: schema as object, description, required: true }),
  );
}

/** The request body, checked against the route's @RequestBody schema. */
export const ValidBody = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const validate = reflector.get<ValidateFunction | undefined>(BODY_VALIDATOR, context.getHandler());
  if (!validate)
    throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no @RequestBody`);
  return checkBody(validate, context.switchToHttp().getRequest<{ body?: unknown }>().body);
});

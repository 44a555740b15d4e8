import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

type FieldErrors = { field: string; errors: string[] };

const flatten = (errors: ValidationError[], parent = ''): FieldErrors[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

const invalidRequest = (fields: FieldErrors[]) =>
  new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `invalid request: ${fields.map((f) => `${f.field} (${f.errors.join('; ')})`).join(', ')}`,
    fields,
  });

/** No request of this API nests deeper than a few levels (a race's timing points are 3). */
const MAX_BODY_DEPTH = 32;

/**
 * What no body of this API may hold, found before validation walks it: nesting deeper than
 * MAX_BODY_DEPTH (the validator recurses into every level, so 5,000 of them overflow its stack), and
 * null. A field without a value is left out: class-validator's @IsOptional() lets null through, and a
 * null stored in an event (a country) breaks every read model that reads it.
 */
const bodyShapeErrors = (value: unknown, field: string, depth: number): FieldErrors[] => {
  if (value === null) return [{ field, errors: [`${field} must not be null: leave it out, or give it a value`] }];
  if (typeof value !== 'object') return [];
  if (depth === MAX_BODY_DEPTH) return [{ field, errors: [`${field} nests deeper than the ${MAX_BODY_DEPTH} levels a body may have`] }];
  return Object.entries(value).flatMap(([key, child]) => bodyShapeErrors(child, field ? `${field}.${key}` : key, depth + 1));
};

/** The one validation of the API: a body's shape first, then its DTO. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const fields = bodyShapeErrors(value, '', 0);
      if (fields.length > 0) throw invalidRequest(fields);
    }
    return super.transform(value, metadata);
  }
}

/** 400 with one entry per invalid field (nested ones by path, e.g. `timingPoints.0.lap`). */
export const validationPipe = () =>
  new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalidRequest(flatten(errors)),
  });

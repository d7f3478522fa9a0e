import { DeskError, FieldError } from './desk-error';

// No request the desk takes is more than 3 levels deep (notice → items → item); this
// leaves room to spare while keeping class-transformer's recursion far from the stack limit
// (5,000 levels of `{"a":` overflow it: a 500 instead of an answer).
export const MAX_BODY_DEPTH = 16;

// Checks a parsed body before the DTO pipeline sees it: too deep a body is refused (400),
// and keys named after Object.prototype members ("constructor", "toString"...), which
// class-transformer silently skips so that `forbidNonWhitelisted` never sees them, are
// refused like any other unknown field (422). Iterative, so the check cannot overflow.
export function checkBodyShape(body: unknown): DeskError | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  const unknownFields: FieldError[] = [];
  while (pending.length) {
    const { value, path, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) {
      const field = path.split(/[.[]/)[0];
      return new DeskError(400, 'body_too_deep', 'Malformed request', `The body is nested more than ${MAX_BODY_DEPTH} levels deep.`, [
        { field, message: `Nested more than ${MAX_BODY_DEPTH} levels deep.` },
      ]);
    }
    if (Array.isArray(value)) {
      value.forEach((entry, index) => pending.push({ value: entry, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, entry] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key in Object.prototype) unknownFields.push({ field, message: 'This field is not part of the request.' });
      pending.push({ value: entry, path: field, depth: depth + 1 });
    }
  }
  return unknownFields.length ? DeskError.validation(unknownFields) : null;
}

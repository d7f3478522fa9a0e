// `record[key]` for a key that came from outside: only the record's own entries, never what
// every object inherits (`constructor`, `toString`, `__proto__`…), which a plain index
// would return for those names.
export function own<V>(record: Partial<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

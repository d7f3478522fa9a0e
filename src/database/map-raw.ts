import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// A row as PostgreSQL returned it (UPDATE … RETURNING *) as the entity, column by column from
// the entity's own metadata: a new column needs no line anywhere. For entities whose columns
// need no transformer (pg already gives dates, numbers and text their JavaScript types).
export function mapRaw<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T> & (new () => T), row: Record<string, unknown>): T {
  const entity = new target();
  for (const column of manager.connection.getMetadata(target).columns) (entity as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
  return entity;
}

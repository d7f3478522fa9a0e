import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { TestApp } from './test-app';

// Every route of the running application as "METHOD /path", read from Nest's metadata
// (the access matrix and the event-coverage test both walk it).
export function routesOf(t: TestApp): string[] {
  const routes: string[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        const method = typeof handler === 'function' ? Reflect.getMetadata(METHOD_METADATA, handler) : undefined;
        if (method === undefined) continue;
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((p) => p && p !== '/').join('/')}`.replace(/\/+$/, '') || '/';
        // A literal colon is written `::` for the router (POST /api/v1/notices::batch).
        routes.push(`${RequestMethod[method]} ${path.replace(/::/g, ':')}`);
      }
    }
  }
  return routes.sort();
}

export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function isMutating(route: string): boolean {
  return MUTATING_METHODS.includes(route.split(' ')[0]);
}

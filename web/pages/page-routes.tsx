import { Hono } from 'hono';
import type { AppEnv, WebDeps } from '../web-deps.ts';

// Placeholder: pages are being written.
export function pageRoutes(_deps: WebDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.redirect('/sign-in'));
  app.get('/sign-in', (c) => c.html('<!doctype html><title>Đăng nhập</title><h1>Đăng nhập</h1>'));
  return app;
}

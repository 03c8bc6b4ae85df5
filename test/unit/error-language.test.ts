import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidTransitionError, NotFoundError, RuleViolationError, ValidationError } from '../../core/errors.ts';
import { RegistrationSchema } from '../../core/registration.ts';
import { parseOrThrow } from '../../core/validation.ts';
import { inEnglish } from '../../functions/shared/observability.ts';
import { acceptedLang, apiErrorHandler, httpStatus, noRoute } from '../../web/platform/http-errors.ts';
import { pageErrorHandler, type PageEnv } from '../../web/ui/page-support.tsx';

/** Issue 14, "one i18n mechanism": core raises keys, the edge renders them in the reader's language. */
function api() {
  const app = new Hono();
  app.get('/api/admin-only', () => {
    throw new ForbiddenError('error.adminsOnly');
  });
  app.get('/api/model', () => {
    throw new NotFoundError('error.modelNotFound', { modelId: 'm-42' });
  });
  app.get('/api/register', (c) => c.json(parseOrThrow(RegistrationSchema, { name: 'x'.repeat(201) })));
  app.notFound(noRoute);
  app.onError(apiErrorHandler);
  return app;
}

type Body = {
  error: {
    code: string;
    message: string;
    key: string;
    params?: Record<string, unknown>;
    fields?: { field: string; reason: string; key: string; params?: Record<string, unknown> }[];
  };
};
const body = async (response: Response) => (await response.json()) as Body;

describe('API errors in the request’s language', () => {
  it('answers in Vietnamese by default and in English with Accept-Language: en, with the key for machines', async () => {
    const vi = await api().request('/api/admin-only');
    expect(vi.status).toBe(403);
    expect(await body(vi)).toEqual({ error: { code: 'ForbiddenError', message: 'Chỉ quản trị viên', key: 'error.adminsOnly' } });
    const en = await api().request('/api/admin-only', { headers: { 'Accept-Language': 'en-US,en;q=0.9,vi;q=0.5' } });
    expect(await body(en)).toEqual({ error: { code: 'ForbiddenError', message: 'administrators only', key: 'error.adminsOnly' } });
  });

  it('fills params into the message and keeps them in the body', async () => {
    const en = await body(await api().request('/api/model', { headers: { 'Accept-Language': 'en' } }));
    expect(en.error).toEqual({
      code: 'NotFoundError',
      message: 'model not found: m-42',
      key: 'error.modelNotFound',
      params: { modelId: 'm-42' },
    });
    const vi = await body(await api().request('/api/model'));
    expect(vi.error.message).toBe('Không tìm thấy mô hình: m-42');
  });

  it('renders each field reason with its limit, with key and params', async () => {
    const response = await api().request('/api/register', { headers: { 'Accept-Language': 'en' } });
    expect(response.status).toBe(400);
    const { error } = await body(response);
    expect(error).toMatchObject({ code: 'ValidationError', message: 'invalid input', key: 'error.invalidInput' });
    expect(error.fields).toContainEqual({
      field: 'name',
      reason: 'at most 200 characters',
      key: 'reason.tooLong',
      params: { maximum: 200 },
    });
    expect(error.fields).toContainEqual({ field: 'situation', reason: 'required', key: 'reason.required' });
    const vi = await body(await api().request('/api/register'));
    expect(vi.error.fields).toContainEqual({ field: 'name', reason: 'tối đa 200 ký tự', key: 'reason.tooLong', params: { maximum: 200 } });
  });

  it('prefers the lang cookie, the reader’s choice on the pages', async () => {
    const response = await api().request('/api/admin-only', { headers: { 'Accept-Language': 'en', Cookie: 'lang=vi' } });
    expect((await body(response)).error.message).toBe('Chỉ quản trị viên');
    const english = await api().request('/api/nowhere', { headers: { Cookie: 'lang=en' } });
    expect(english.status).toBe(404);
    expect((await body(english)).error).toEqual({
      code: 'NotFound',
      message: 'no route GET /api/nowhere',
      key: 'error.noRoute',
      params: { method: 'GET', path: '/api/nowhere' },
    });
  });

  it('reads Accept-Language by quality, ignoring languages the app does not speak', () => {
    expect(acceptedLang(undefined)).toBeUndefined();
    expect(acceptedLang('fr-FR,fr;q=0.9')).toBeUndefined();
    expect(acceptedLang('fr,en;q=0.8,vi;q=0.9')).toBe('vi');
    expect(acceptedLang('en-GB')).toBe('en');
    expect(acceptedLang('vi;q=0,en;q=0.1')).toBe('en');
  });

  it('maps error classes to statuses at the edge only', () => {
    expect(httpStatus(new ValidationError([]))).toBe(400);
    expect(httpStatus(new RuleViolationError([]))).toBe(422);
    expect(httpStatus(new ForbiddenError('error.adminsOnly'))).toBe(403);
    expect('status' in new ForbiddenError('error.adminsOnly')).toBe(false);
  });
});

describe('Lambda task errors in English', () => {
  it('renders the key for the execution history and logs, codes raw and the name unchanged', () => {
    const error = new InvalidTransitionError('error.stepAnsweredOutside', { modelId: 'm1', status: 'SUBMITTED', stage: 'APPRAISAL' });
    expect(error.message).toBe('error.stepAnsweredOutside');
    inEnglish(error);
    expect(error.name).toBe('InvalidTransitionError');
    expect(error.message).toBe("model m1 is SUBMITTED, not waiting in APPRAISAL: the execution's step was answered outside the app");
    const invalid = (() => {
      try {
        return parseOrThrow(RegistrationSchema, {});
      } catch (e) {
        return e as ValidationError;
      }
    })() as ValidationError;
    inEnglish(invalid);
    expect(invalid.message).toMatch(/^invalid input: name: required; /);
  });
});

describe('page errors in the page’s language', () => {
  function pages() {
    const app = new Hono<PageEnv>();
    app.get('/admin-only', () => {
      throw new ForbiddenError('error.pageNotForAccount');
    });
    app.onError(pageErrorHandler);
    return app;
  }

  it('renders the message in Vietnamese, or in English by the lang cookie', async () => {
    const vi = await pages().request('/admin-only');
    expect(vi.status).toBe(403);
    const viHtml = await vi.text();
    expect(viHtml).toContain('Trang này không dành cho tài khoản của bạn');
    expect(viHtml).not.toContain('this page is not for your account');
    const en = await pages().request('/admin-only', { headers: { Cookie: 'lang=en' } });
    const enHtml = await en.text();
    expect(enHtml).toContain('this page is not for your account');
    expect(enHtml).not.toContain('Trang này không dành');
  });
});

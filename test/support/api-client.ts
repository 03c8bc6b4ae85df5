import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import { THIS_YEAR } from './years.ts';
import { checkExchange } from './contract.ts';
import type { components, paths } from './openapi-types.ts';

/** `/api/models/{id}/submit` → `/api/models/${string}/submit`: the request paths of a documented path. */
type Concrete<T extends string> = T extends `${infer Head}{${string}}${infer Tail}` ? `${Head}${string}${Concrete<Tail>}` : T;
type WithoutQuery<P extends string> = P extends `${infer Path}?${string}` ? Path : P;
type Matches<P extends string> = { [T in keyof paths]: WithoutQuery<P> extends Concrete<T> ? T : never }[keyof paths];
/** Of the documented paths a request path fits, the most specific (`{id}/submit` over `{id}`, which fits `x/submit` too). */
type MostSpecific<M extends keyof paths> = {
  [T in M]: [M extends T ? never : Concrete<M> extends Concrete<T> ? M : never] extends [never] ? T : never;
}[M];
/** The bodies of an operation's 2xx answers: JSON as documented, text (CSV, HTML) as a string, nothing for a 204. */
type SuccessBody<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: `${S & (string | number)}` extends `2${string}`
        ? R[S] extends { content: { 'application/json': infer J } }
          ? J
          : R[S] extends { content: Record<string, unknown> }
            ? string
            : undefined
        : never;
    }[keyof R]
  : unknown;
/** What the document promises a 2xx answer to `method path` carries; `unknown` for a path it does not have. */
export type BodyOf<M extends string, P extends string> = [MostSpecific<Matches<P>>] extends [never]
  ? unknown
  : SuccessBody<paths[MostSpecific<Matches<P>>][Lowercase<M> & keyof paths[MostSpecific<Matches<P>>]]>;

/** The document's schemas, for what a path's type leaves open (a decision's `details`, say). */
export type Schemas = components['schemas'];
export type ApiError = Schemas['Error']['error'];
/** An appraisal's trail, as a decision's `details` carries it. */
export type AppraisalTrail = NonNullable<Schemas['Appraisal']>['trail'];
/**
 * `body` is typed as the document's 2xx answer for the request (every answer is checked against the
 * document at run time); a 4xx/5xx answer's `{ error }` is in `error`.
 */
export type ApiResponse<B = unknown> = { status: number; body: B; error: ApiError | undefined };

/**
 * A signed-in user of the JSON API, keeping the session cookie like a browser would. Every
 * response is checked against the runtime's OpenAPI document (test/support/contract.ts);
 * `unchecked()` is the same user without the check, for deliberately undocumented requests.
 */
export class ApiClient {
  private readonly jar: { cookie: string };
  readonly baseUrl: string;
  readonly checked: boolean;
  constructor(baseUrl: string, checked = true, jar?: { cookie: string }) {
    this.baseUrl = baseUrl;
    this.checked = checked;
    this.jar = jar ?? { cookie: '' };
  }

  get cookie() {
    return this.jar.cookie;
  }
  set cookie(value: string) {
    this.jar.cookie = value;
  }

  /** The same session (the cookie is shared), its responses not held against the document. */
  unchecked(): ApiClient {
    return new ApiClient(this.baseUrl, false, this.jar);
  }

  static async signIn(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const response = await client.call('POST', '/api/session', { username, password });
    if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(response.body)}`);
    return client;
  }

  async call<M extends string, P extends string>(
    method: M,
    path: P,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<BodyOf<M, P>>> {
    const form = body instanceof FormData; // multipart: fetch sets the boundary itself
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      // The API takes JSON (a bodiless POST says so too: web/platform/request-guards.ts); multipart sets its own type.
      headers: {
        ...(form || (body === undefined && method !== 'POST') ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : form || typeof body === 'string' ? (body as BodyInit) : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    if (this.checked)
      await checkExchange({
        method,
        url: response.url || `${this.baseUrl}${path}`,
        status: response.status,
        contentType: response.headers.get('content-type'),
        text,
      });
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const error = response.status >= 400 && isErrorBody(parsed) ? parsed.error : undefined;
    // The body is the document's, as checked above (or, unchecked, as the test expects it).
    return { status: response.status, body: parsed as BodyOf<M, P>, error };
  }

  get = <P extends string>(path: P) => this.call('GET', path);
  post = <P extends string>(path: P, body?: unknown) => this.call('POST', path, body ?? {});
}

const isErrorBody = (value: unknown): value is { error: ApiError } =>
  typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'object' && value.error !== null;

export const registration = (overrides: Record<string, unknown> = {}) => ({
  name: 'Dân vận khéo trong xây dựng nông thôn mới',
  situation: 'Nhiều hộ dân chưa tham gia hiến đất làm đường.',
  objectives: '100% hộ dân đồng thuận; tiêu chí: số hộ tham gia, số mét đường.',
  content: 'Tuyên truyền, vận động từng hộ; cán bộ gương mẫu đi đầu.',
  targetGroup: 'Hộ dân khu phố 3',
  forces: 'Chi bộ, Mặt trận, các đoàn thể',
  resources: 'Ngân sách 200 triệu, 500 ngày công của nhân dân',
  outputs: '2 km đường bê tông, biên bản hiến đất',
  sustainability: 'Duy trì qua quy ước khu phố; nhân rộng ra các khu khác',
  kind: 'MODEL',
  area: 'ECONOMY',
  year: THIS_YEAR,
  ...overrides,
});

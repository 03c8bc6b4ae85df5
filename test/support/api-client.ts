import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import { THIS_YEAR } from './years.ts';
import { checkExchange } from './contract.ts';

// Test code reads arbitrary JSON bodies; `any` keeps the assertions short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiResponse = { status: number; body: any };

/**
 * A signed-in user of the JSON API, keeping the session cookie like a browser would. Every
 * response is checked against the runtime's OpenAPI document (test/support/contract.ts);
 * `unchecked()` is the same user without the check, for deliberately undocumented requests.
 */
export class ApiClient {
  private readonly jar: { cookie: string };
  constructor(
    readonly baseUrl: string,
    readonly checked = true,
    jar?: { cookie: string },
  ) {
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

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const form = body instanceof FormData; // multipart: fetch sets the boundary itself
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      // The API takes JSON (a bodiless POST says so too: web/request-guards.ts); multipart sets its own type.
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
    return { status: response.status, body: parsed };
  }

  get = (path: string) => this.call('GET', path);
  post = (path: string, body?: unknown) => this.call('POST', path, body ?? {});
}

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

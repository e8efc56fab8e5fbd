export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin HTTP client for tests and benchmarks: JSON in, status + JSON out, bearer token when given. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (e.g. metrics): keep the text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async token(email: string, password: string): Promise<string> {
    const response = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/token', {
      body: { email, password },
    });
    if (response.status !== 200)
      throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken;
  }

  /** Creates an account (as an administrator) and returns a token for it. */
  async createAccount(
    adminToken: string,
    account: { email: string; name: string; role: string; password: string; jurisdiction?: string; area?: string },
  ): Promise<string> {
    const response = await this.request('POST', '/api/v1/accounts', { token: adminToken, body: account });
    if (response.status !== 201)
      throw new Error(`account ${account.email}: ${response.status} ${JSON.stringify(response.body)}`);
    return this.token(account.email, account.password);
  }
}

// The native API (/api/v1, described by /api/v1/openapi.json): one function per call. Every call takes the
// bearer key first and resolves to the parsed JSON body (null for 204), or rejects with an
// ApiError carrying the HTTP status and the error code of the body.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const FALLBACK_MESSAGES = {
  0: 'The server cannot be reached.',
  401: 'The key was not accepted.',
  403: 'Not allowed.',
  404: 'Not found.',
  409: 'It already exists.',
  413: 'Too large for the server.',
  429: 'Too many requests: wait a moment and try again.',
};

async function call(key, method, path, { json, raw, contentType } = {}) {
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  let body;
  if (raw !== undefined) {
    body = raw;
    headers['Content-Type'] = contentType || 'application/octet-stream';
  } else if (json !== undefined) {
    body = JSON.stringify(json);
    headers['Content-Type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', FALLBACK_MESSAGES[0]);
  }
  const text = await res.text().catch(() => '');
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = data && data.error;
    throw new ApiError(res.status, (err && err.code) || `http_${res.status}`,
                       (err && err.message) || FALLBACK_MESSAGES[res.status] || `The server answered ${res.status}.`);
  }
  return data;
}

const enc = encodeURIComponent;
const topicPath = (ns, name) => `/api/v1/topics/${enc(ns)}/${enc(name)}`;
const query = (params) => {
  const q = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return q.length ? `?${q.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '';
};

export const api = {
  me: (key) => call(key, 'GET', '/api/v1/me'),
  topics: (key, ns) => call(key, 'GET', `/api/v1/topics${query({ ns })}`),
  createTopic: (key, ns, name, displayName) =>
    call(key, 'POST', '/api/v1/topics', { json: { namespace: ns, name, display_name: displayName } }),
  topic: (key, ns, name) => call(key, 'GET', topicPath(ns, name)),
  renameTopic: (key, ns, name, displayName) =>
    call(key, 'PATCH', topicPath(ns, name), { json: { display_name: displayName } }),
  deleteTopic: (key, ns, name) => call(key, 'DELETE', topicPath(ns, name)),
  history: (key, ns, name, { limit, before } = {}) =>
    call(key, 'GET', `${topicPath(ns, name)}/history${query({ limit, before })}`),
  postMessage: (key, ns, name, { message, suffix = '', retain = false, qos = 0 }) =>
    call(key, 'POST', `${topicPath(ns, name)}/messages`, { json: { message, suffix, retain, qos } }),
  firmware: (key, ns, name) => call(key, 'GET', `${topicPath(ns, name)}/firmware`),
  uploadFirmware: (key, ns, name, { version, tag, file }) =>
    call(key, 'PUT', `${topicPath(ns, name)}/firmware${query({ version, tag, filename: file.name })}`,
         { raw: file, contentType: 'application/octet-stream' }),
  deleteFirmware: (key, ns, name) => call(key, 'DELETE', `${topicPath(ns, name)}/firmware`),

  tenants: (adminKey) => call(adminKey, 'GET', '/api/v1/admin/tenants'),
  createTenant: (adminKey, name) => call(adminKey, 'POST', '/api/v1/admin/tenants', { json: { name } }),
  deleteTenant: (adminKey, id) => call(adminKey, 'DELETE', `/api/v1/admin/tenants/${enc(id)}`),
};

/**
 * An ACS-shaped user token for e2e tests: the claims the Calling SDK reads (skypeid, acsScope,
 * resourceId, exp) in an unsigned JWT. Nothing here can reach Azure; the SDK accepts it to build
 * an agent, and its network calls then fail, which is what the tests check the app survives.
 */
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const testResourceId = '3b5c7e2a-1d4f-4e6a-9b8c-0f1e2d3c4b5a';
export const testUserId = `8:acs:${testResourceId}_00000021-aaaa-bbbb-cccc-000000000001`;

export function acsTestToken(now = Date.now()): string {
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = {
    skypeid: testUserId.slice(2),
    scp: 1792,
    csi: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + 3600,
    rgn: 'amer',
    acsScope: 'chat,voip',
    resourceId: testResourceId,
    resourceLocation: 'unitedstates',
    iat: Math.floor(now / 1000),
  };
  return `${base64url(header)}.${base64url(payload)}.${Buffer.from('not-signed').toString('base64url')}`;
}

/** Answers the SDK's remote-config (ECS) request locally, so it does not retry for seconds. */
export const ecsRoute = /https:\/\/ecs\.communication\.microsoft\.com\/.*/;
export const ecsReply = {
  status: 200,
  contentType: 'application/json',
  headers: {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag, Expires',
    etag: '"e2e-config-1"',
    expires: new Date(Date.now() + 3_600_000).toUTCString(),
  },
  body: JSON.stringify({}),
};

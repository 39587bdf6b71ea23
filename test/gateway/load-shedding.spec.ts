import { ApiResponse, GatewayProcess, TcpDoor, serviceUrl } from '@jobfair/testing';

/**
 * A service that stops answering, behind a gateway of the test's own whose seekers service
 * is reached through a door that can stall (a hung process: connections accepted, nothing
 * answered). The gateway must not queue clients behind it for a minute.
 */
describe('the gateway sheds load from a service that fell behind', () => {
  const MAX_IN_FLIGHT = 2;
  let door: TcpDoor;
  let gateway: GatewayProcess;
  let token: string;

  beforeAll(async () => {
    door = await TcpDoor.to(new URL(serviceUrl('seekers')).host);
    await door.open();
    gateway = await GatewayProcess.start(130, {
      SEEKERS_URL: `http://127.0.0.1:${door.port}`,
      UPSTREAM_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
      PROXY_TIMEOUT_MS: '3000',
    });
    token = await gateway.adminToken();
  }, 120000);

  afterAll(async () => {
    await gateway?.stop();
    await door?.close();
  });

  const seekers = () => gateway.api.withToken(token).get('/seekers?name=an');

  it('refuses past the limit with 503 and Retry-After, answers 504 for what timed out, and recovers', async () => {
    expect((await seekers()).status).toBe(200);
    door.stall();
    let heldAnswered = false;
    const held: Promise<ApiResponse>[] = [];
    for (let i = 0; i < MAX_IN_FLIGHT; i++) held.push(seekers().finally(() => (heldAnswered = true)));
    // The held requests are in the gateway's hands once their connections carry them.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const shed = await seekers();
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    // Refused at once, not after waiting its turn behind the held ones.
    expect(heldAnswered).toBe(false);

    // Other services are not held back by the one that fell behind.
    expect((await gateway.api.withToken(token).get('/fairs')).status).toBe(200);

    expect((await Promise.all(held)).map((answer) => answer.status)).toEqual(Array(MAX_IN_FLIGHT).fill(504));

    door.resume();
    // The timed-out requests gave their places back: the service is reachable again.
    expect((await seekers()).status).toBe(200);
  }, 30000);
});

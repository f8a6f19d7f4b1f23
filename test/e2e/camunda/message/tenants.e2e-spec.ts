/**
 * POST /engine-rest/message — tenant rules: §3.1 tenantId / withoutTenantId, §3.3#7 (executions),
 * §3.3 Phase B per tenant, §3.4 several start definitions (ENGINE-13030), §3.2#5 with a real instance.
 * The same model is deployed without a tenant and for tenant-a and tenant-b.
 */
import { TestServer } from '../../helpers/test-server';
import {
  activeElementIds, correlationTotal, deploy, expectError, expectMismatch, expectMismatchPrefix, expectNoContent, instance, message,
  noMatch, startWaiting, unique, waitingEventKeys,
} from './message-kit';

const TENANTS = [undefined, 'tenant-a', 'tenant-b'] as const;
type Tenant = (typeof TENANTS)[number];

describe('POST /engine-rest/message — tenants', () => {
  let server: TestServer;
  const definitionOf = new Map<Tenant, string>();

  beforeAll(async () => {
    server = await TestServer.start();
    for (const tenant of TENANTS) {
      const [model] = await deploy(server, 'camunda-message-tenant.bpmn', tenant);
      expect(model.tenantId).toBe(tenant ?? null);
      definitionOf.set(tenant, model.processDefinitionId);
    }
  });
  afterAll(() => server.close());

  /** One instance per tenant (and one without), all waiting for cm-tenant-ping under one business key. */
  const waitingInEveryTenant = async () => {
    const businessKey = unique('tenants');
    const ids = new Map<Tenant, string>();
    for (const tenant of TENANTS) {
      ids.set(tenant, await startWaiting(server, 'cm-tenant', ['WaitPing'], { businessKey, ...(tenant ? { tenantId: tenant } : {}) }));
    }
    return { businessKey, ids };
  };

  const states = async (ids: Map<Tenant, string>) => {
    const result: Record<string, string[]> = {};
    for (const [tenant, id] of ids) result[tenant ?? 'none'] = await activeElementIds(server, id);
    return result;
  };

  describe('§3.3#7 executions', () => {
    it('§3.3#7 tenantId restricts executions to that tenant', async () => {
      const { businessKey, ids } = await waitingInEveryTenant();
      expectNoContent(await message(server, { messageName: 'cm-tenant-ping', businessKey, tenantId: 'tenant-a' }));
      expect(await states(ids)).toEqual({ none: ['WaitPing'], 'tenant-a': ['TenantTask'], 'tenant-b': ['WaitPing'] });
    });

    it('§3.3#7 withoutTenantId=true restricts executions to tenant-less ones', async () => {
      const { businessKey, ids } = await waitingInEveryTenant();
      expectNoContent(await message(server, { messageName: 'cm-tenant-ping', businessKey, withoutTenantId: true }));
      expect(await states(ids)).toEqual({ none: ['TenantTask'], 'tenant-a': ['WaitPing'], 'tenant-b': ['WaitPing'] });
    });

    it('§3.3#7 neither tenantId nor withoutTenantId → no tenant filter (3 executions → ENGINE-13031)', async () => {
      const { businessKey, ids } = await waitingInEveryTenant();
      const res = await message(server, { messageName: 'cm-tenant-ping', businessKey });
      expectMismatchPrefix(res, "ENGINE-13031 Cannot correlate a message with name 'cm-tenant-ping' to a single execution. 3 executions match the correlation keys: CorrelationSet [");
      expect(await states(ids)).toEqual({ none: ['WaitPing'], 'tenant-a': ['WaitPing'], 'tenant-b': ['WaitPing'] });
    });

    it('§3.3#7 a tenantId no execution or definition has → 400 mismatch', async () => {
      const { businessKey, ids } = await waitingInEveryTenant();
      expectMismatch(await message(server, { messageName: 'cm-tenant-ping', businessKey, tenantId: 'tenant-x' }), noMatch('cm-tenant-ping'));
      expect(await states(ids)).toEqual({ none: ['WaitPing'], 'tenant-a': ['WaitPing'], 'tenant-b': ['WaitPing'] });
    });

    it('§3.3#7 all=true with tenantId triggers only that tenant', async () => {
      const { businessKey, ids } = await waitingInEveryTenant();
      expectNoContent(await message(server, { messageName: 'cm-tenant-ping', businessKey, tenantId: 'tenant-b', all: true }));
      expect(await states(ids)).toEqual({ none: ['WaitPing'], 'tenant-a': ['WaitPing'], 'tenant-b': ['TenantTask'] });
    });

    it("§3.6 an execution result carries the execution's tenantId", async () => {
      const { businessKey, ids } = await waitingInEveryTenant();
      const res = await message(server, { messageName: 'cm-tenant-ping', businessKey, tenantId: 'tenant-a', resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{
        resultType: 'Execution',
        execution: { id: expect.any(String), processInstanceId: ids.get('tenant-a'), ended: false, tenantId: 'tenant-a' },
        processInstance: null,
      }]);
    });

    it('§3.2#5 processInstanceId with withoutTenantId=false is allowed', async () => {
      const { ids } = await waitingInEveryTenant();
      const pid = ids.get('tenant-a')!;
      expectNoContent(await message(server, { messageName: 'cm-tenant-ping', processInstanceId: pid, withoutTenantId: false }));
      expect(await activeElementIds(server, pid)).toEqual(['TenantTask']);
    });

    it("§3.2#5 processInstanceId with the instance's own tenantId is still refused (ENGINE-13028) and triggers nothing", async () => {
      const { ids } = await waitingInEveryTenant();
      const pid = ids.get('tenant-a')!;
      const res = await message(server, { messageName: 'cm-tenant-ping', processInstanceId: pid, tenantId: 'tenant-a' });
      expectError(res, 400, 'BadUserRequestException', 'ENGINE-13028 Cannot specify a tenant-id when correlate a message to a single process instance.', 0);
      expect(await waitingEventKeys(server, pid)).toEqual(['WaitPing']);
    });
  });

  describe('§3.3 Phase B start events per tenant', () => {
    it('§3.4 all=false, 0 executions, start events in 3 tenants → 400 ENGINE-13030, nothing started', async () => {
      const before = await correlationTotal(server);
      const res = await message(server, { messageName: 'cm-tenant-start' });
      expectMismatchPrefix(res, "ENGINE-13030 Cannot correlate a message with name 'cm-tenant-start' to a single process definition. 3 process definitions match the correlations keys: CorrelationSet [");
      expect(await correlationTotal(server)).toBe(before);
    });

    it("§3.3 Phase B tenantId → only that tenant's start event", async () => {
      const res = await message(server, { messageName: 'cm-tenant-start', tenantId: 'tenant-b', resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(1);
      expect(res.body[0].processInstance).toMatchObject({ definitionId: definitionOf.get('tenant-b'), tenantId: 'tenant-b' });
      const started = await instance(server, res.body[0].processInstance.id);
      expect({ tenantId: started.tenantId, active: started.activeElements }).toEqual({
        tenantId: 'tenant-b', active: [{ elementId: 'TenantStarted', count: 1 }],
      });
    });

    it('§3.3 Phase B withoutTenantId → only the tenant-less start event', async () => {
      const res = await message(server, { messageName: 'cm-tenant-start', withoutTenantId: true, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body[0].processInstance).toMatchObject({ definitionId: definitionOf.get(undefined), tenantId: null });
    });

    it('§3.3 Phase B a tenantId without a deployment → 400 mismatch', async () => {
      expectMismatch(await message(server, { messageName: 'cm-tenant-start', tenantId: 'tenant-x' }), noMatch('cm-tenant-start'));
    });

    it('§3.4 all=true, start events in 3 tenants → one instance per tenant', async () => {
      const before = await correlationTotal(server);
      const res = await message(server, { messageName: 'cm-tenant-start', all: true, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body.map((r: { resultType: string }) => r.resultType)).toEqual(['ProcessDefinition', 'ProcessDefinition', 'ProcessDefinition']);
      const started = res.body.map((r: { processInstance: { definitionId: string; tenantId: string | null } }) => [r.processInstance.tenantId, r.processInstance.definitionId]);
      expect(new Map(started)).toEqual(new Map(TENANTS.map((t) => [t ?? null, definitionOf.get(t)])));
      expect(await correlationTotal(server)).toBe(before + 3);
    });

    it('§3.3 Phase B tenantId combined with a businessKey no execution has still starts in that tenant', async () => {
      const businessKey = unique('tenant-start');
      const res = await message(server, { messageName: 'cm-tenant-start', tenantId: 'tenant-a', businessKey, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body[0].processInstance).toMatchObject({ tenantId: 'tenant-a', businessKey });
    });
  });
});

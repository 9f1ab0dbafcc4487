import { TestApp } from './test-app';

export interface SeizedItem {
  code: string;
  status: string;
  site: string;
  location: string | null;
}

let caseCounter = 0;

/** Small builders for the state a test starts from, made through the real API. */
export function given(custody: TestApp) {
  return {
    /** A seizure registered by a demo evidence officer (of POL-BRU unless told). */
    async seizure(options: { officer?: string; site?: string; items?: number; category?: string } = {}) {
      const token = await custody.token(options.officer ?? 'officer');
      const response = await custody
        .http()
        .post('/seizures')
        .auth(token, { type: 'bearer' })
        .send({
          site: options.site ?? 'POL-BRU',
          caseNumber: `PV/${Date.now()}/${++caseCounter}`,
          seizedAt: new Date(Date.now() - 3_600_000).toISOString(),
          items: Array.from({ length: options.items ?? 1 }, (_, index) => ({
            category: options.category ?? 'document',
            description: `Exhibit ${index + 1}`,
            quantity: 1,
            unit: 'piece',
            sealNumber: `SEAL-${caseCounter}-${index}`,
          })),
        });
      if (response.status !== 201) throw new Error(`registering a seizure answered ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body as { code: string; caseNumber: string; items: SeizedItem[] };
    },

    /**
     * A transfer of items, made through the API by a user of the sending site (the POL-BRU officer
     * unless told): a draft, or dispatched (with `witness` for high-risk items).
     */
    async transfer(options: { items: string[]; toSite?: string; by?: string; dispatch?: boolean; witness?: string; purpose?: string }) {
      const token = await custody.token(options.by ?? 'officer');
      const created = await custody
        .http()
        .post('/transfers')
        .auth(token, { type: 'bearer' })
        .send({ toSite: options.toSite ?? 'TPI-BRU', items: options.items, ...(options.purpose ? { purpose: options.purpose } : {}) });
      if (created.status !== 201) throw new Error(`creating a transfer answered ${created.status}: ${JSON.stringify(created.body)}`);
      if (!options.dispatch) return created.body as { code: string; status: string };
      const dispatched = await custody
        .http()
        .post(`/transfers/${created.body.code}/dispatch`)
        .auth(token, { type: 'bearer' })
        .send(options.witness ? { witness: { username: options.witness, password: 'custody-demo' } } : {});
      if (dispatched.status !== 200) throw new Error(`dispatching answered ${dispatched.status}: ${JSON.stringify(dispatched.body)}`);
      return dispatched.body as { code: string; status: string };
    },

    /** The code of a location of a site, by its name in the demo. */
    async location(site: string, name: string): Promise<string> {
      const [row] = await custody.sql<{ code: string }>(
        `SELECT location.code FROM locations location JOIN sites site ON site.id = location.site_id WHERE site.code = $1 AND location.name = $2`,
        [site, name],
      );
      if (!row) throw new Error(`no location "${name}" at ${site}`);
      return row.code;
    },
  };
}

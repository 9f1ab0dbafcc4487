import { CodeKind, formatCode } from '../../libs/codes';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Printers and print jobs at their worst: a 4xx naming the field, and nothing written. */
describe('bad input to printing', () => {
  let custody: TestApp;
  let printer: string;
  let item: string;

  const written = async () =>
    (
      await custody.sql(`SELECT (SELECT count(*) FROM printers)::int AS printers, (SELECT count(*) FROM print_jobs)::int AS jobs,
    (SELECT count(*) FROM label_print_counts)::int AS counts, (SELECT string_agg(name || host || port || type || width_mm || dpi || confirmation, ',' ORDER BY id) FROM printers) AS printer_values`)
    )[0];

  beforeAll(async () => {
    custody = await startTestApp();
    printer = (await (await custody.as('admin')).post('/printers', { site: 'POL-BRU', name: 'Desk', host: '127.0.0.1', port: 9, type: 'epson' }).expect(201))
      .body.id;
    item = (await given(custody).seizure()).items[0].code;
  });
  afterAll(() => custody.close());

  type Case = [
    name: string,
    who: string,
    method: 'post' | 'patch',
    path: () => string,
    body: () => object,
    status: number,
    fields: { field: string; problem: string | RegExp }[],
  ];
  const cases: Case[] = [
    [
      'a printer of a type that drops barcode commands',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'Old', host: '10.0.0.9', type: 'tanca' }),
      400,
      [{ field: 'type', problem: 'must be one of epson, star, zpl' }],
    ],
    [
      'a printer with a host that is not one',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'X', host: 'http://printer/', type: 'zpl' }),
      400,
      [{ field: 'host', problem: 'must be a host name or an IP address' }],
    ],
    [
      'a printer on port 70000',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'X', host: '10.0.0.9', port: 70000, type: 'zpl' }),
      400,
      [{ field: 'port', problem: /must not be greater than 65535/ }],
    ],
    [
      'a Zebra printer on an 80 mm roll',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'X', host: '10.0.0.9', type: 'zpl', widthMm: 80 }),
      400,
      [{ field: 'widthMm', problem: /must be 51 or 102 for a Zebra printer/ }],
    ],
    [
      'a printer on a public address, outside PRINTER_NETWORKS',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'X', host: '8.8.8.8', type: 'epson' }),
      400,
      [{ field: 'host', problem: 'is outside the networks printers may be on (PRINTER_NETWORKS)' }],
    ],
    [
      'a printer moved to a public IPv6 address',
      'admin',
      'patch',
      () => `/printers/${printer}`,
      () => ({ host: '2001:4860:4860::8888' }),
      400,
      [{ field: 'host', problem: 'is outside the networks printers may be on (PRINTER_NETWORKS)' }],
    ],
    [
      'a printer whose name holds an escape',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'Desk\u001b@', host: '10.0.0.9', type: 'epson' }),
      400,
      [{ field: 'name', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' }],
    ],
    [
      'a printer that confirms by mail',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'X', host: '10.0.0.9', type: 'zpl', confirmation: 'mail' }),
      400,
      [{ field: 'confirmation', problem: 'must be one of status, send' }],
    ],
    [
      'a printer at 600 dpi',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'X', host: '10.0.0.9', type: 'epson', dpi: 600 }),
      400,
      [{ field: 'dpi', problem: 'must be 203 or 300' }],
    ],
    [
      'a printer at a site that does not exist',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'NOWHERE', name: 'X', host: '10.0.0.9', type: 'epson' }),
      400,
      [{ field: 'site', problem: 'names no site: "NOWHERE"' }],
    ],
    [
      'a second printer of the same name at a site',
      'admin',
      'post',
      () => '/printers',
      () => ({ site: 'POL-BRU', name: 'Desk', host: '10.0.0.9', type: 'epson' }),
      409,
      [{ field: 'name', problem: 'is taken at this site' }],
    ],
    [
      'a printer changed to a Zebra on a 58 mm roll',
      'admin',
      'patch',
      () => `/printers/${printer}`,
      () => ({ type: 'zpl', widthMm: 58 }),
      400,
      [{ field: 'widthMm', problem: /must be 51 or 102/ }],
    ],
    [
      'a printer disabled with a word',
      'admin',
      'patch',
      () => `/printers/${printer}`,
      () => ({ disabled: 'yes' }),
      400,
      [{ field: 'disabled', problem: 'must be a boolean value' }],
    ],
    [
      'a print job on a printer id that is not one',
      'officer',
      'post',
      () => '/print-jobs',
      () => ({ printer: 'desk', codes: [item] }),
      400,
      [{ field: 'printer', problem: 'must be the UUID of a printer' }],
    ],
    [
      'a print job without codes',
      'officer',
      'post',
      () => '/print-jobs',
      () => ({ printer, codes: [] }),
      400,
      [{ field: 'codes', problem: /must contain at least 1 elements/ }],
    ],
    [
      'a print job of 50 copies',
      'officer',
      'post',
      () => '/print-jobs',
      () => ({ printer, codes: [item], copies: 50 }),
      400,
      [{ field: 'copies', problem: /must not be greater than 20/ }],
    ],
    [
      'a print job of a misread code',
      'officer',
      'post',
      () => '/print-jobs',
      () => ({ printer, codes: [item, 'I00000002'] }),
      400,
      [{ field: 'codes[1]', problem: /must be 11 characters long/ }],
    ],
    [
      'a print job of a seizure code',
      'officer',
      'post',
      () => '/print-jobs',
      () => ({ printer, codes: [formatCode(CodeKind.Seizure, 10)] }),
      400,
      [{ field: 'codes[0]', problem: 'is a seizure code: print the labels of its items' }],
    ],
    [
      'a print job of an item nobody has',
      'officer',
      'post',
      () => '/print-jobs',
      () => ({ printer, codes: [item, formatCode(CodeKind.Item, 999_999_999)] }),
      404,
      [{ field: 'codes[1]', problem: /names nothing you can see/ }],
    ],
    ['a print job on another site’s printer', 'clerk', 'post', () => '/print-jobs', () => ({ printer, codes: [item] }), 404, []],
  ];

  it.each(cases)('answers %s with a 4xx naming the field, and writes nothing', async (_name, who, method, path, body, status, fields) => {
    const before = await written();
    const response = await custody
      .http()
      [method](path())
      .auth(await custody.token(who), { type: 'bearer' })
      .send(body());
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, message: expect.any(String) });
    if (fields.length)
      expect(response.body.fields).toEqual(
        fields.map(({ field, problem }) => ({ field, problem: typeof problem === 'string' ? problem : expect.stringMatching(problem) })),
      );
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a preview of an unknown size', (code: string) => `/labels/${code}.png?size=a4`, 'size'],
    ['a preview at 150 dpi', (code: string) => `/labels/${code}.svg?dpi=150`, 'dpi'],
    ['a preview in an unknown format', (code: string) => `/labels/${code}.jpeg`, 'file'],
    ['a print job list with a bad status', () => '/print-jobs?status=lost', 'status'],
  ])('answers %s with 400', async (_name, path, field) => {
    const response = await custody
      .http()
      .get(path(item))
      .auth(await custody.token('officer'), { type: 'bearer' })
      .expect(400);
    expect(response.body.fields.map((problem: { field: string }) => problem.field)).toEqual([field]);
  });
});

import pino from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { AppLogger } from '../app-logger';
import { loggableError, pathOf } from './loggable-error';

/** What people typed reaches the database as parameters; the log keeps the failure, never them. */
describe('errors as the log keeps them', () => {
  const secretValue = 'Dossier Janssens, rue de la Loi 16';
  const failed = () =>
    new QueryFailedError('INSERT INTO seizures (case_number, notes) VALUES ($1, $2)', ['PV/2026/1', secretValue], {
      code: '22P02',
      message: `invalid input syntax for type uuid: "${secretValue}"`,
      table: 'seizures',
    } as unknown as Error);

  it('keep a database error’s kind, SQLSTATE and table, without its parameters or the values its message quotes', () => {
    const kept = loggableError(failed());
    expect(kept).toMatchObject({ type: 'QueryFailedError', code: '22P02', table: 'seizures', message: 'invalid input syntax for type uuid: "…"' });
    expect(JSON.stringify(kept)).not.toContain('Janssens');
    expect(JSON.stringify(kept)).not.toContain('PV/2026/1');
  });

  it('are written so by the application logger, whether logged as the error itself or as a field', () => {
    const lines: string[] = [];
    const logger = new AppLogger('error');
    (logger as { pino: unknown }).pino = pino(
      { level: 'error' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    logger.error(failed());
    logger.error({ err: failed() }, 'integration failed', 'LedgerIntegrator');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toContain('22P02');
      expect(line).not.toContain('Janssens');
      expect(line).not.toContain('PV/2026/1');
    }
  });

  it('name a request by its path, without the query string', () => {
    expect(pathOf('/items?caseNumber=Janssens')).toBe('/items');
    expect(pathOf('/items/I0000000019')).toBe('/items/I0000000019');
  });
});

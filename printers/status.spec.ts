import { epsonOfflineAnswer, epsonPaperAnswer, garbageAnswer, PrinterState, readStatus, starAnswer, stateErrorCode, zebraAnswer } from './status';

describe('printer status answers', () => {
  const epson = (status: Parameters<typeof epsonOfflineAnswer>[0]) => Buffer.concat([epsonPaperAnswer(status) ?? Buffer.alloc(0), epsonOfflineAnswer(status)]);

  it.each([
    ['epson', epson('ready'), PrinterState.Ready],
    ['epson', epson('paper-out'), PrinterState.PaperOut],
    ['epson', epson('cover-open'), PrinterState.CoverOpen],
    ['epson', epson('error'), PrinterState.Error],
    ['epson', Buffer.from([0x0c]), PrinterState.PaperOut],
    ['star', starAnswer('ready'), PrinterState.Ready],
    ['star', starAnswer('paper-out'), PrinterState.PaperOut],
    ['star', starAnswer('cover-open'), PrinterState.CoverOpen],
    ['star', starAnswer('error'), PrinterState.Error],
    ['zpl', zebraAnswer('ready'), PrinterState.Ready],
    ['zpl', zebraAnswer('paper-out'), PrinterState.PaperOut],
    ['zpl', zebraAnswer('head-open'), PrinterState.HeadOpen],
    ['zpl', zebraAnswer('paused'), PrinterState.Paused],
    ['epson', garbageAnswer, PrinterState.BadAnswer],
    ['star', garbageAnswer, PrinterState.BadAnswer],
    ['zpl', garbageAnswer, PrinterState.BadAnswer],
    ['zpl', Buffer.from('\x02a,b,c\x03\r\n\x02d\x03\r\n\x02e\x03\r\n'), PrinterState.BadAnswer],
    ['star', Buffer.from([0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 0x41]), PrinterState.BadAnswer],
  ] as const)('reads a %s answer %j as %s', (dialect, answer, state) => {
    const reading = readStatus(dialect, answer);
    expect(reading === 'incomplete' ? reading : reading.state).toBe(state);
  });

  it.each([
    ['epson', Buffer.from([0x00]), 'the answer to GS r alone: DLE EOT is still to come'],
    ['epson', Buffer.from([0x12]), 'the answer to DLE EOT alone, saying online: GS r is still to come'],
    ['star', starAnswer('ready').subarray(0, 5), 'five of nine bytes'],
    ['zpl', zebraAnswer('ready').subarray(0, 40), 'one line and a half of three'],
    ['zpl', Buffer.alloc(0), 'nothing'],
  ] as const)('waits for more after %s %j (%s)', (dialect, answer, _why) => {
    expect(readStatus(dialect, answer)).toBe('incomplete');
  });

  it('knows when a Zebra still holds formats of the job, and names each state’s job error code', () => {
    const reading = readStatus('zpl', zebraAnswer('ready', 2));
    expect(reading).toMatchObject({ state: PrinterState.Ready, formatsWaiting: 2 });
    expect(stateErrorCode(PrinterState.PaperOut)).toBe('PRINTER_PAPER_OUT');
    expect(stateErrorCode(PrinterState.Unreachable)).toBe('PRINTER_UNREACHABLE');
  });
});

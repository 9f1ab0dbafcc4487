import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmulatedType, PrinterEmulator } from './emulator';
import { EmulatedStatus } from './status';

/**
 * `npm run printer:emulator -- --port 9101 --type epson|star|zpl [--out folder] [--width-dots 576] [--status ready|paper-out|cover-open|head-open|paused|error|silent|garbage]`:
 * a network printer on 127.0.0.1 that prints what it receives to the terminal and keeps each job
 * (the bytes and a PNG per label) in a folder.
 */
async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const type = (options.type ?? 'epson') as EmulatedType;
  if (!['epson', 'star', 'zpl'].includes(type)) throw new Error('--type must be epson, star or zpl');
  const folder = resolve(options.out ?? join('data', 'printer-emulator', `${type}-${options.port ?? 9100}`));
  mkdirSync(folder, { recursive: true });
  const emulator = new PrinterEmulator({
    type,
    port: Number(options.port ?? 9100),
    widthDots: options['width-dots'] ? Number(options['width-dots']) : undefined,
    status: (options.status ?? 'ready') as EmulatedStatus,
    onJob: (job) => {
      const decoded = job.decoded();
      writeFileSync(join(folder, `job-${job.number}.bin`), job.bytes);
      job.pngs().forEach((png, index) => writeFileSync(join(folder, `job-${job.number}-label-${index + 1}.png`), png));
      console.log(`job ${job.number}: ${job.bytes.length} bytes, ${decoded.labels.length} label(s)`);
      decoded.labels.forEach((label, index) => {
        console.log(
          `  label ${index + 1}: ${label.barcodes.map((barcode) => `${barcode.symbology} ${barcode.data} (${barcode.from})`).join(', ') || 'no barcode'}`,
        );
        for (const line of label.text) console.log(`    ${line}`);
      });
      if (decoded.unknownCommands.length) console.log(`  commands not understood: ${decoded.unknownCommands.join(' ')}`);
      for (const problem of decoded.problems) console.log(`  a real printer would not print this right: ${problem}`);
    },
  });
  const port = await emulator.start();
  console.log(`printer emulator (${type}) listening on 127.0.0.1:${port}; jobs are kept in ${folder}; stop with Ctrl-C`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parse(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 1) {
    if (!args[index].startsWith('--')) throw new Error(`unexpected argument ${args[index]}`);
    options[args[index].slice(2)] = args[index + 1];
    index += 1;
  }
  return options;
}

main().catch((error: unknown) => {
  console.error(`printer emulator: ${(error as Error).message}`);
  process.exit(1);
});

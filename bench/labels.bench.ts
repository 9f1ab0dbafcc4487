import bwipjs from 'bwip-js';
import { PNG } from 'pngjs';
import { CodeKind, formatCode } from '../libs/codes';
import { Bitmap, drawLabel, encodePng, LabelContent, LabelSize, layoutLabel, mediaOf, renderEscPos, renderPng, renderSvg, renderZpl } from '../libs/labels';
import { PrinterEmulator } from '../printers/emulator';
import type { BenchmarkResult } from './run';
import { seededDatabase } from './seeded-database';
import { query, signIn, startServerOn } from './support';

const labelCount = Number(process.env.BENCH_LABELS ?? 2000);

/**
 * Item labels per second, on one core, for each output (PNG and SVG previews, ESC/POS for an
 * Epson 80 mm roll, ZPL for a 4×2 in Zebra label), next to bwip-js alone drawing the same two
 * barcodes as PNGs in the same run; then 1,000 item labels from POST /print-jobs to the last byte
 * received by an emulated printer on 127.0.0.1.
 */
export async function labelsBenchmark(): Promise<BenchmarkResult[]> {
  const contents: LabelContent[] = Array.from({ length: labelCount }, (_, index) => ({
    kind: 'item',
    code: formatCode(CodeKind.Item, 500_000 + index),
    heading: `BR.12.LL.${100000 + index}/2026`,
    facts: ['drugs · 12.5 g', `Seal SCELLÉ-${index}`, 'POL-BRU · L0000000019'],
    description: 'Sachet de poudre blanche, scellé, trouvé près de la fenêtre de la cuisine',
    reprint: index % 10 === 0 ? 1 : null,
  }));
  const roll = mediaOf(LabelSize.Roll80, 203);
  const label = mediaOf(LabelSize.Label4x2, 203);
  const rate = async (render: (content: LabelContent) => unknown | Promise<unknown>) => {
    for (const content of contents.slice(0, 50)) await render(content); // warm up
    const started = process.hrtime.bigint();
    for (const content of contents) await render(content);
    return labelCount / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  const bwip = await rate(async (content) => {
    await bwipjs.toBuffer({ bcid: 'code128', text: content.code, scale: 2, height: 10 });
    await bwipjs.toBuffer({ bcid: 'datamatrix', text: content.code, scale: 6 });
  });
  const png = await rate((content) => renderPng(layoutLabel(content, label)));
  const svg = await rate((content) => renderSvg(layoutLabel(content, label)));
  const escPos = await rate((content) => renderEscPos('epson', [layoutLabel(content, roll)]));
  const zpl = await rate((content) => renderZpl([layoutLabel(content, label)]));
  const encoding = pngEncoders(contents.slice(0, 200).map((content) => drawLabel(layoutLabel(content, label))));
  const toPrinter = await thousandLabelsToPrinter();
  return [
    { name: 'bwip-js alone: Code 128 + Data Matrix PNGs', value: bwip, unit: 'labels/s' },
    { name: 'PNG preview (4×2 in, 203 dpi)', value: png, unit: 'labels/s', versus: 'bwip-js alone: Code 128 + Data Matrix PNGs' },
    { name: 'PNG preview / bwip-js alone', value: (100 * png) / bwip, unit: '%' },
    { name: 'PNG encoding alone: pngjs, 8-bit grayscale', value: encoding.pngjs, unit: 'labels/s' },
    { name: "PNG encoding alone: Custody's 1-bit encoder", value: encoding.own, unit: 'labels/s', versus: 'PNG encoding alone: pngjs, 8-bit grayscale' },
    { name: 'PNG size: pngjs / 1-bit encoder', value: encoding.sizeRatio, unit: '×' },
    { name: 'SVG preview', value: svg, unit: 'labels/s' },
    { name: 'ESC/POS bytes (Epson, 80 mm)', value: escPos, unit: 'labels/s' },
    { name: 'ZPL bytes (4×2 in)', value: zpl, unit: 'labels/s' },
    { name: '1,000 labels: POST /print-jobs to last byte at the printer', value: toPrinter.ms, unit: 'ms' },
    { name: '1,000 labels: bytes received by the printer', value: toPrinter.bytes, unit: 'bytes' },
  ];
}

/**
 * The same drawn labels encoded by libs/labels' 1-bit PNG encoder and by pngjs (which writes 8 and
 * 16-bit images only), to show whether the hand-written encoder still earns its place.
 */
function pngEncoders(bitmaps: Bitmap[]): { own: number; pngjs: number; sizeRatio: number } {
  const gray = bitmaps.map((bitmap) => {
    const image = new PNG({ width: bitmap.width, height: bitmap.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
    image.data = Buffer.from(bitmap.dots.map((dot) => (dot ? 0 : 255)));
    return image;
  });
  const rate = (encode: (index: number) => Buffer) => {
    for (let index = 0; index < 20; index += 1) encode(index);
    let bytes = 0;
    const started = process.hrtime.bigint();
    for (let round = 0; round < 5; round += 1) for (let index = 0; index < bitmaps.length; index += 1) bytes += encode(index).length;
    return { perSecond: (5 * bitmaps.length) / (Number(process.hrtime.bigint() - started) / 1e9), bytes };
  };
  const own = rate((index) => encodePng(bitmaps[index]));
  const library = rate((index) => PNG.sync.write(gray[index], { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 }));
  return { own: own.perSecond, pngjs: library.perSecond, sizeRatio: library.bytes / own.bytes };
}

async function thousandLabelsToPrinter(): Promise<{ ms: number; bytes: number }> {
  const { databaseUrl, folder } = await seededDatabase();
  const codes = (
    await query<{ code: string }>(
      databaseUrl,
      `SELECT item.code FROM items item JOIN sites site ON site.id = item.site_id WHERE site.code = 'POL-BRU' ORDER BY random() LIMIT 1000`,
    )
  ).map((row) => row.code);
  const emulator = new PrinterEmulator({ type: 'epson' });
  const port = await emulator.start();
  const server = await startServerOn({ databaseUrl, folder });
  try {
    const post = async (token: string, path: string, body: object) => {
      const response = await fetch(`${server.address}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    const printer = await post(await signIn(server.address, 'admin'), '/printers', {
      site: 'POL-BRU',
      name: `Bench ${port}`,
      host: '127.0.0.1',
      port,
      type: 'epson',
    });
    const officer = await signIn(server.address, 'officer');
    const started = process.hrtime.bigint();
    await post(officer, '/print-jobs', { printer: printer.id, codes });
    const [job] = await emulator.waitForJobs(1, 120_000);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { ms, bytes: job.bytes.length };
  } finally {
    await server.stop();
    await emulator.stop();
  }
}

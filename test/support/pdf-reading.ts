import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** A supertest parser that keeps a binary body (a PDF, a PNG) as one Buffer. */
export function binary(response: import('superagent').Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = response as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The text of a PDF, as pdf.js reads it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const result = spawnSync(process.execPath, [join(__dirname, 'pdf-text.cjs')], { input: pdf, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`reading the PDF failed: ${result.stderr}`);
  return result.stdout;
}

import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * A video of a label held in front of a camera, as Chromium's fake capture device plays it
 * (`--use-file-for-fake-video-capture`): YUV4MPEG2, 4:2:0, the label in grey on a white frame.
 */
export function writeLabelVideo(labelPng: Buffer, file: string, width = 1280, height = 720, frames = 10): void {
  const label = PNG.sync.read(labelPng);
  if (label.width > width || label.height > height) throw new Error(`a ${label.width}×${label.height} label does not fit a ${width}×${height} frame`);
  const luma = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - label.width) / 2);
  const top = Math.floor((height - label.height) / 2);
  for (let y = 0; y < label.height; y++) {
    for (let x = 0; x < label.width; x++) {
      const at = (y * label.width + x) * 4;
      const grey = (label.data[at] * 299 + label.data[at + 1] * 587 + label.data[at + 2] * 114) / 1000;
      luma[(top + y) * width + left + x] = Math.round(16 + (grey / 255) * 219);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]));
}

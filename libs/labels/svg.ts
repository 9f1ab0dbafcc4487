import { LabelLayout } from './layout';

/** The label as SVG in printer dots (a viewBox of the label's dots), barcodes as whole-dot rectangles. */
export function renderSvg(layout: LabelLayout): string {
  const parts: string[] = [];
  for (const element of layout.elements) {
    switch (element.type) {
      case 'code128': {
        let x = element.x;
        const bars: string[] = [];
        element.symbol.runs.forEach((run, index) => {
          if (index % 2 === 0) bars.push(`M${x} ${element.y}h${run * element.module}v${element.height}h${-run * element.module}z`);
          x += run * element.module;
        });
        parts.push(`<path d="${bars.join('')}" fill="#000"><title>Code 128: ${escape(element.data)}</title></path>`);
        break;
      }
      case 'datamatrix': {
        const cells: string[] = [];
        const { columns, rows, dark } = element.symbol;
        for (let row = 0; row < rows; row += 1) {
          for (let column = 0; column < columns; column += 1) {
            if (dark[row * columns + column])
              cells.push(`M${element.x + column * element.module} ${element.y + row * element.module}h${element.module}v${element.module}h${-element.module}z`);
          }
        }
        parts.push(`<path d="${cells.join('')}" fill="#000"><title>Data Matrix: ${escape(element.data)}</title></path>`);
        break;
      }
      case 'text':
        parts.push(`<text x="${element.x}" y="${element.y + Math.round(element.size * 0.8)}" font-size="${element.size}">${escape(element.text)}</text>`);
        break;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" shape-rendering="crispEdges">` +
    `<rect width="100%" height="100%" fill="#fff"/><g font-family="Inconsolata, 'DejaVu Sans Mono', monospace" fill="#000">${parts.join('')}</g></svg>`
  );
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

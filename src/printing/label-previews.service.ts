import { Injectable } from '@nestjs/common';
import { Dpi, LabelSize, layoutLabel, mediaOf, renderPng, renderSvg } from '../../libs/labels';
import { Actor } from '../auth/actor';
import { CustodyError } from '../common/errors/custody-error';
import { LabelPreviewQuery } from './dto/printing.dto';
import { LabelContentsService } from './label-contents.service';

/** `GET /labels/<code>.png|.svg`: a label drawn exactly as a printer of that paper and resolution prints it. */
@Injectable()
export class LabelPreviewsService {
  constructor(private readonly labels: LabelContentsService) {}

  async render(actor: Actor, file: string, query: LabelPreviewQuery): Promise<{ contentType: string; fileName: string; body: Buffer | string }> {
    const match = /^(.+)\.(png|svg)$/i.exec(file);
    if (!match) throw CustodyError.invalid('file', 'must be a code followed by .png or .svg, like I000000022X.png');
    const [subject] = await this.labels.subjectsFor(actor, [match[1]], 'code');
    const layout = layoutLabel(subject.content, mediaOf(query.size ?? LabelSize.Label4x2, (query.dpi ?? 203) as Dpi));
    const fileName = `label-${subject.code}.${match[2].toLowerCase()}`;
    return match[2].toLowerCase() === 'png'
      ? { contentType: 'image/png', fileName, body: renderPng(layout) }
      : { contentType: 'image/svg+xml', fileName, body: renderSvg(layout) };
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Query, StreamableFile } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { RecordsItemRead } from '../reads/read-log';
import { Roles, SignedIn } from '../auth/access.decorators';
import { SiteAction } from '../../libs/custody';
import { rolesThatCan } from '../custody/access';
import { Role } from '../auth/role';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { PositiveIntParam, UuidParam } from '../common/validation';
import { CreatePrinterDto, CreatePrintJobDto, LabelPreviewQuery, PrinterQuery, PrintJobQuery, UpdatePrinterDto } from './dto/printing.dto';
import { PrinterDoc, PrinterStatusDoc, PrintJobDoc, ReceivedJobDoc } from './dto/printing.response';
import { EmulatedPrinters } from './emulated-printers';
import { LabelPreviewsService } from './label-previews.service';
import { PrintJobsService } from './print-jobs.service';
import { PrintersService } from './printers.service';

@ApiTags('printing')
@Controller()
export class PrintingController {
  constructor(
    private readonly printers: PrintersService,
    private readonly jobs: PrintJobsService,
    private readonly previews: LabelPreviewsService,
    private readonly emulated: EmulatedPrinters,
  ) {}

  @Post('printers')
  @ApiOperation({
    summary: 'Register a printer',
    description: 'A network label printer of a site: its host, port, command language and label size. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: PrinterDoc, description: 'The printer, registered at its site' }, 401, 403, 409, 422)
  createPrinter(@Body() dto: CreatePrinterDto) {
    return this.printers.create(dto);
  }

  @Get('printers')
  @ApiOperation({
    summary: 'List printers',
    description: 'The printers of the caller’s sites (of every site for auditors and administrators), with their last known state.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: [PrinterDoc], description: 'The printers of your sites (of every site for auditors and administrators)' }, 401, 404)
  listPrinters(@Actor() actor: Actor, @Query() query: PrinterQuery) {
    return this.printers.list(actor, query);
  }

  @Get('printers/:id')
  @ApiOperation({ summary: 'Get a printer', description: 'One printer and its last known state.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: PrinterDoc, description: 'The printer' }, 401, 404)
  getPrinter(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.printers.getFor(actor, id);
  }

  @Patch('printers/:id')
  @ApiOperation({
    summary: 'Change a printer',
    description: 'Its name, address, command language, label size, or whether it is disabled (a disabled printer takes no new jobs). For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: PrinterDoc, description: 'The printer, changed (`disabled: true` stops new jobs)' }, 401, 403, 404, 409)
  updatePrinter(@Param('id', UuidParam) id: string, @Body() dto: UpdatePrinterDto) {
    return this.printers.update(id, dto);
  }

  @Get('printers/:id/status')
  @ApiOperation({
    summary: 'Ask a printer for its status now',
    description: 'Queries the printer over the network; its answer becomes the last known state that every printer view shows. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers(
    {
      status: 200,
      type: PrinterStatusDoc,
      description: 'Asks the printer for its status now (administrators); the answer becomes its last known state, which every printer view shows',
    },
    401,
    403,
    404,
  )
  printerStatus(@Param('id', UuidParam) id: string) {
    return this.printers.checkStatus(id);
  }

  @Get('printers/:id/received')
  @ApiOperation({
    summary: 'List what an emulated printer received',
    description: 'For a printer emulated by this server (the demo’s): the jobs it received, newest first, decoded.',
  })
  @SignedIn()
  @ApiAnswers(
    { status: 200, type: [ReceivedJobDoc], description: 'For a printer emulated by this server (the demo’s): the jobs it received, newest first, decoded' },
    401,
    404,
  )
  async received(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    await this.printers.readable(actor, id);
    return this.emulated.received(id);
  }

  @Get('printers/:id/received/:job/labels/:label')
  @ApiOperation({
    summary: 'Get a label an emulated printer drew (PNG)',
    description: 'One label of a job received by an emulated printer, drawn as that printer would print it.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, file: 'image/png', description: 'One received label as the emulated printer drew it (PNG)' }, 401, 404)
  async receivedLabel(
    @Actor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('job', PositiveIntParam) job: number,
    @Param('label', PositiveIntParam) label: number,
  ) {
    await this.printers.readable(actor, id);
    return new StreamableFile(this.emulated.labelPng(id, job, label), { type: 'image/png', disposition: `inline; filename="job-${job}-label-${label}.png"` });
  }

  @Post('print-jobs')
  @ApiOperation({
    summary: 'Print labels',
    description: 'Queues a print job of the labels of these codes on a printer; a worker sends it with retries. Follow it with GET /print-jobs/{id}.',
  })
  @HttpCode(202)
  @Roles(...rolesThatCan(SiteAction.PrintLabels), Role.Admin)
  @ApiAnswers({ status: 202, type: PrintJobDoc, description: 'Queued; follow it with GET /print-jobs/:id' }, 401, 403, 404, 409, 422)
  createPrintJob(@Actor() actor: Actor, @Body() dto: CreatePrintJobDto) {
    return this.jobs.create(actor, dto);
  }

  @Get('print-jobs')
  @ApiOperation({ summary: 'List print jobs', description: 'Print jobs of the caller’s sites’ printers, newest first.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: pageDoc(PrintJobDoc), description: 'Print jobs of your sites’ printers, newest first' }, 401, 404)
  listPrintJobs(@Actor() actor: Actor, @Query() query: PrintJobQuery) {
    return this.jobs.list(actor, query);
  }

  @Get('print-jobs/:id')
  @ApiOperation({ summary: 'Get a print job', description: 'Its status (`queued`, `sending`, `printed` or `failed`), attempts and last error.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: PrintJobDoc, description: 'The job: status, attempts and the last error' }, 401, 404)
  getPrintJob(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.jobs.getFor(actor, id);
  }

  @Get('labels/:file')
  @ApiOperation({
    summary: 'Get a label as it will print',
    description: 'The label of an item, location or transfer as PNG (`<code>.png`) or SVG (`<code>.svg`), in its site’s language.',
  })
  @SignedIn()
  @RecordsItemRead('label')
  @ApiAnswers(
    {
      status: 200,
      file: ['image/png', 'image/svg+xml'],
      description: 'The label of an item, location or transfer as it will print: `<code>.png` or `<code>.svg`',
    },
    401,
    404,
  )
  async label(@Actor() actor: Actor, @Param('file') file: string, @Query() query: LabelPreviewQuery) {
    const preview = await this.previews.render(actor, file, query);
    return new StreamableFile(Buffer.from(preview.body), { type: preview.contentType, disposition: `inline; filename="${preview.fileName}"` });
  }
}

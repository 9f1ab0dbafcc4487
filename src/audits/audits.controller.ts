import { Body, Controller, Get, HttpCode, Param, Query, StreamableFile } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { SiteAction } from '../../libs/custody';
import { rolesThatCan } from '../custody/access';
import { Role } from '../auth/role';
import { ApiAnswers } from '../common/api-docs';
import { UuidParam } from '../common/validation';
import { AuditsService } from './audits.service';
import { AuditQuery, AuditScansDto, StartAuditDto, StartRandomAuditDto } from './dto/audit.dto';
import { AuditDoc, AuditScanResultDoc, FinishedAuditDoc, MisplacedMovesDoc, RandomAuditDoc } from './dto/audit.response';

const auditors = [...rolesThatCan(SiteAction.Audit), Role.Auditor];

@ApiTags('audits')
@Controller('audits')
export class AuditsController {
  constructor(private readonly audits: AuditsService) {}

  @Post()
  @ApiOperation({
    summary: 'Start an audit',
    description: 'An inventory of a location (and the locations inside it) or of a whole site, expecting the items in custody there now.',
  })
  @Roles(...auditors)
  @ApiAnswers(
    { status: 201, type: AuditDoc, description: 'An open audit of a location (and below) or a whole site, expecting the items in custody there now' },
    401,
    403,
    404,
    422,
  )
  start(@Actor() actor: Actor, @Body() dto: StartAuditDto) {
    return this.audits.start(actor, dto);
  }

  @Post('random')
  @ApiOperation({
    summary: 'Start a random sample audit',
    description: 'An inventory of a random sample of the site’s items, its size chosen for the confidence and margin asked.',
  })
  @Roles(...auditors)
  @ApiAnswers(
    { status: 201, type: RandomAuditDoc, description: 'An open audit of a random sample of the site’s items, sized for the confidence and margin' },
    401,
    403,
    404,
    422,
  )
  startRandom(@Actor() actor: Actor, @Body() dto: StartRandomAuditDto) {
    return this.audits.startRandom(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List audits', description: 'Audits of the caller’s sites, newest first.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: [AuditDoc], description: 'Audits of your sites, newest first' }, 401, 404)
  list(@Actor() actor: Actor, @Query() query: AuditQuery) {
    return this.audits.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an audit', description: 'The audit, what was scanned, and its report once finished.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: AuditDoc, description: 'The audit, with its report once finished' }, 401, 404)
  get(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.audits.getFor(actor, id);
  }

  @Post(':id/scans')
  @ApiOperation({ summary: 'Scan codes into an audit', description: 'Records where each scanned item was found; repeating a scan changes nothing.' })
  @HttpCode(200)
  @Roles(...auditors)
  @ApiAnswers({ status: 200, type: AuditScanResultDoc, description: 'Codes taken in; repeating one changes nothing' }, 401, 403, 404, 409, 422)
  scan(@Actor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: AuditScansDto) {
    return this.audits.scan(actor, id, dto);
  }

  @Post(':id/finish')
  @ApiOperation({
    summary: 'Finish an audit',
    description:
      'Closes the audit and answers its report: found, misplaced, missing and unexpected items, with an `audited` event for each item found in place.',
  })
  @HttpCode(200)
  @Roles(...auditors)
  @ApiAnswers({ status: 200, type: FinishedAuditDoc, description: 'The report: found, misplaced, missing, unexpected' }, 401, 403, 404, 409, 422)
  finish(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.audits.finish(actor, id);
  }

  @Get(':id/report.csv')
  @ApiOperation({ summary: 'Get an audit’s report as CSV', description: 'The finished audit’s report, one finding a line.' })
  @SignedIn()
  @ApiAnswers({ status: 200, file: 'text/csv', description: 'The report, one finding a line' }, 401, 404, 409)
  async report(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    const csv = await this.audits.reportCsv(actor, id);
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="audit-${id}.csv"` });
  }

  @Post(':id/misplaced/moves')
  @ApiOperation({
    summary: 'Record misplaced items where they were found',
    description: 'Moves every item the audit found at another location of the site to where it was found, with a `moved` event each.',
  })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.StoreItems))
  @ApiAnswers(
    { status: 200, type: MisplacedMovesDoc, description: 'Misplaced items recorded where the audit found them (a `moved` event each)' },
    401,
    403,
    404,
    409,
    422,
  )
  moveMisplaced(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.audits.moveMisplaced(actor, id);
  }
}

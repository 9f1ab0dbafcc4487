import { Body, Controller, Get, HttpCode, Param, Query, StreamableFile } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags } from '@nestjs/swagger';
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
  @SignedIn()
  @ApiAnswers({ status: 200, type: [AuditDoc], description: 'Audits of your sites, newest first' }, 401, 404)
  list(@Actor() actor: Actor, @Query() query: AuditQuery) {
    return this.audits.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiAnswers({ status: 200, type: AuditDoc, description: 'The audit, with its report once finished' }, 401, 404)
  get(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.audits.getFor(actor, id);
  }

  @Post(':id/scans')
  @HttpCode(200)
  @Roles(...auditors)
  @ApiAnswers({ status: 200, type: AuditScanResultDoc, description: 'Codes taken in; repeating one changes nothing' }, 401, 403, 404, 409, 422)
  scan(@Actor() actor: Actor, @Param('id', UuidParam) id: string, @Body() dto: AuditScansDto) {
    return this.audits.scan(actor, id, dto);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @Roles(...auditors)
  @ApiAnswers({ status: 200, type: FinishedAuditDoc, description: 'The report: found, misplaced, missing, unexpected' }, 401, 403, 404, 409, 422)
  finish(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.audits.finish(actor, id);
  }

  @Get(':id/report.csv')
  @SignedIn()
  @ApiAnswers({ status: 200, file: 'text/csv', description: 'The report, one finding a line' }, 401, 404, 409)
  async report(@Actor() actor: Actor, @Param('id', UuidParam) id: string) {
    const csv = await this.audits.reportCsv(actor, id);
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="audit-${id}.csv"` });
  }

  @Post(':id/misplaced/moves')
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

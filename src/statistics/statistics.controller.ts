import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { SignedIn } from '../auth/access.decorators';
import { ApiAnswers } from '../common/api-docs';
import { StatisticsDoc, StatisticsQuery, StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller()
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('statistics')
  @ApiOperation({
    summary: 'Get the yearly statistics',
    description: 'Per site, for a year: seizures, items by category, received, transferred and disposed; the caller’s sites, every site for auditors.',
  })
  @SignedIn()
  @ApiAnswers(
    {
      status: 200,
      type: StatisticsDoc,
      description: 'Per site, for the year: seizures, items by category, received, transferred, disposed (your sites; every site for auditors)',
    },
    401,
  )
  forYear(@Actor() actor: Actor, @Query() query: StatisticsQuery) {
    return this.statistics.forYear(actor, query);
  }

  @Get('statistics.csv')
  @ApiOperation({ summary: 'Get the yearly statistics as CSV', description: 'The same table as GET /statistics, a site a line, then the total.' })
  @SignedIn()
  @ApiAnswers({ status: 200, file: 'text/csv', description: 'The same table as CSV, a site a line, then the total' }, 401)
  async csv(@Actor() actor: Actor, @Query() query: StatisticsQuery) {
    const csv = await this.statistics.csvForYear(actor, query);
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="custody-statistics-${query.year ?? new Date().getUTCFullYear()}.csv"`,
    });
  }
}

import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Actor } from '../auth/actor';
import { Roles } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { ApiAnswers } from '../common/api-docs';
import { NoControlCharacters } from '../common/validators';
import { SeizuresModule } from '../seizures/seizures.module';
import { ImportsService } from './imports.service';

export class ImportDto {
  @ApiProperty({ example: 'registry-tpi-bru-2026.csv', description: 'The file’s name: written into every imported event, to trace it back' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  source: string;

  @ApiProperty({ description: 'The CSV text, in the layout of docs/import.md (for larger files: npm run import)' })
  @IsString()
  @MinLength(1)
  csv: string;
}

class ImportedSeizureDoc {
  @ApiProperty({ example: 2 }) row: number;
  @ApiProperty({ example: 'REG-2019-0042' }) seizureReference: string;
  @ApiProperty({ example: 'TPI-BRU' }) site: string;
  @ApiProperty({ example: 'S0000000219' }) seizure: string;
  @ApiProperty({ example: 3 }) items: number;
}

class AlreadyImportedDoc {
  @ApiProperty({ example: 2 }) row: number;
  @ApiProperty({ example: 'REG-2019-0042' }) seizureReference: string;
  @ApiProperty({ example: 'TPI-BRU' }) site: string;
  @ApiProperty({ example: 'S0000000219' }) seizure: string;
}

class RefusedRowDoc {
  @ApiProperty({ example: 7, description: 'Line of the file (the header is line 1)' }) row: number;
  @ApiProperty({ type: String, nullable: true, example: 'REG-2019-0042', description: 'The seizure refused with it (all its rows are)' })
  seizureReference: string | null;
  @ApiProperty({ example: 'quantity' }) field: string;
  @ApiProperty({ example: 'must be a number greater than 0, with a point for decimals' }) problem: string;
}

class ImportCountsDoc {
  @ApiProperty() imported: number;
  @ApiProperty() alreadyImported: number;
  @ApiProperty() refused: number;
}

class ImportReportDoc {
  @ApiProperty({ example: 'registry-tpi-bru-2026.csv' }) source: string;
  @ApiProperty({ example: 120 }) rows: number;
  @ApiProperty({ type: ImportCountsDoc }) seizures: ImportCountsDoc;
  @ApiProperty({ example: 80 }) items: number;
  @ApiProperty({ example: 260 }) events: number;
  @ApiProperty({ type: [ImportedSeizureDoc] }) imported: ImportedSeizureDoc[];
  @ApiProperty({ type: [AlreadyImportedDoc] }) alreadyImported: AlreadyImportedDoc[];
  @ApiProperty({ type: [RefusedRowDoc] }) refused: RefusedRowDoc[];
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  // a plain POST: an import is idempotent by itself (each seizure's reference), and its report is not kept for a replay
  @Post()
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Import items held before Custody, with their history',
    description:
      'Each seizure of the CSV is imported whole or refused whole; its items enter Custody at their site and location, their known history written as `imported` events with the original dates. A seizure imported before (same site and reference) is left as it is, so sending a file twice adds nothing. The report names every refused row and why.',
  })
  @ApiAnswers({ status: 200, type: ImportReportDoc, description: 'What was imported, what was there already, and each refused row' }, 401, 403, 413)
  importFile(@Actor() actor: Actor, @Body() dto: ImportDto) {
    return this.imports.importFile(actor, dto.source, dto.csv);
  }
}

@Module({ imports: [SeizuresModule], controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
